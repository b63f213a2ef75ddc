"""Reading agreements: who signs, adopts or ratifies which document, from the parse of a
sentence, the parties a document names ("a memorandum between A and B"), the documents
listed after a signing, and the declarations a gathering adopts."""

from __future__ import annotations

import re

from kzgraph.extract.context import BOTH_SIDES, VENUE_BEFORE, Sentence, unique
from kzgraph.extract.model import Event, Mention, Ref
from kzgraph.linking import surname
from kzgraph.officeholders import load_office_holders


class AgreementReading:
    """The agreement readings of :class:`kzgraph.extract.relations.RelationFinder`: they use its
    lexicon, gazetteer and article context (owners of titles, date, dateline)."""

    def _named_parties(self, s: Sentence, actors: list[Mention]) -> list[Ref]:
        """Parties the agreement itself names: "a memorandum between A and B" (both), or
        "an agreement with A" (A, and the state that concluded it, Kazakhstan when named)."""
        cue = _PARTIES_AFTER.search(s.span.text)
        if cue is None:
            return []
        at = s.span.start_char + cue.end()
        after = [m for m in actors if at <= m.start <= at + 90]
        if cue.group(1).lower() == "between":  # the bodies it names too: "between the Ministry of Energy of A and ..."
            bodies = [m for m in s.found.actors if m.ref.key.startswith("body:") and at <= m.start <= at + 90]
            named = unique([m.ref for m in sorted(after + bodies, key=lambda m: m.start)[:2]])
            return named if len(named) == 2 else []
        if not after or after[0].start - at > 5:
            return []
        before = [m.ref for m in actors if m.start < at and m.ref.kind == "state" and m.ref != after[0].ref]
        side = self.home if self.home in before else (before[0] if before else None)
        return [side, after[0].ref] if side else []

    def _side_of(self, s: Sentence, ref: Ref) -> Ref | None:
        """The state or organization an actor acts for: itself, or the one a person serves
        (the post this sentence gives them, else ``_served``)."""
        if ref.kind != "person":
            return ref
        return self._home_of(s, ref) or self._served(ref)

    def _served(self, person: Ref) -> Ref | None:
        """The state or organization the article gives a person a post of, or gives a full
        name of the same surname ("Rao" after "External Affairs Minister Vikram Rao"), else
        the state whose office the holders' table says the person held on the article's date."""
        owner = self._owners.get(person)
        if owner is None:
            full = {o for r, o in self._owners.items() if r.key != person.key and surname(r.key) == surname(person.key)}
            owner = full.pop() if len(full) == 1 else None
        return owner or self._side_of_person(person)

    def _side_of_person(self, ref: Ref) -> Ref | None:
        """The state whose office the holders' table says a person held on the article's date."""
        state = load_office_holders().serving(ref.key, self._day)
        return Ref("state", state) if state else None

    def _home_of(self, s: Sentence, ref: Ref) -> Ref | None:
        if ref.kind == "state":
            return ref
        for person in s.persons:
            if person.ref == ref and person.post is not None:
                return person.post.owner
            if person.ref == ref and person.form == "title":  # "the Kazakh President" for one named before
                return next((post.owner for start, _, post in s.found.titles
                             if s.span.doc[start].idx == person.start and post.owner), None)
        return None

    def _agreements(self, s: Sentence, earlier: list[Event]) -> list[Event]:
        text, base = s.span.text, s.span.start_char
        if self._told_before(s, earlier):
            return []
        venues = {m.ref for m in s.found.actors if m.form in ("capital", "city")
                  and (VENUE_BEFORE.search(text[:m.start - base]) or _NAMES_DOCUMENT.match(text, m.end - base))
                  or m.form == "demonym" and _CAPITAL_AFTER.match(text, m.end - base)}
        beside = self.roles.beside_signing(s.span, s.found.actors)  # "adopted X and admitted Belarus"
        actors = [m for m in s.found.actors if m.form != "city" and not m.ref.key.startswith("body:")
                  and not (m.form in ("capital", "demonym") and m.ref in venues) and m.ref not in beside]
        states = unique([m.ref for m in actors if m.ref.kind == "state"])
        orgs = unique([m.ref for m in actors if m.ref.kind == "org"])
        signed = (self.roles.parties(s.span, self._role_mentions(s), None, lambda r: self._side_of(s, r))
                  if self.roles.parsed(s.span) else [])
        parties = self._named_parties(s, actors) or (states if states or len(orgs) < 2 else orgs)
        if signed and any(r.kind != "state" for r in signed):
            parties = signed  # bodies that sign: the states named with them only qualify them ("Italy's Eni")
        else:
            parties = unique(signed + [p for p in parties if p not in venues or not signed])
        if len(parties) < 2:  # "Georgian Prime Minister X and his Kazakh counterpart signed ..."
            owners = [self._side_of(s, p.ref) for p in s.persons]  # the table knows "Erdogan"
            parties = unique(parties + [o for o in owners if o is not None and o.kind == "state"])
        if len(parties) < 2:  # "the Kazakh and Kyrgyz presidents signed ..."
            parties = unique(parties + self._unnamed_sides(s))
        places = [m.text for m in s.found.actors if m.form in ("capital", "city")]
        names = _included_names(text, places) or [_agreement_name(text, places)]
        if not parties and not s.persons and _ADOPTED.search(text) and any(
                self._at_gathering(p) for p in self._prepared[:self._index]):
            found = [self._document(n, []) for n in names]  # "the leaders adopted the Declaration": the gathering's
            self._adopted_at.update(id(event) for event in found)
            return found
        sides = [p.ref for p in s.persons if self._side_of(s, p.ref) is None]  # whom they serve may be told later
        if self.roles.signed_by(s.span, self.lex.lemmas["business"]):
            return []  # "companies from the two countries signed ...": no state is a party
        if not parties or len(parties) == 1 and (sides or any(post.owner is None for _, _, post in self._unnamed_titles(s))):
            # "the presidents signed ...", "the Sultan and the Kazakh President witnessed the signing ...":
            # the sides of the meeting or visit told before
            meetings = [e for e in earlier if e.kind == "meeting"]
            told = meetings[-1].roles["participant"] if meetings else self._pair_before(s) if BOTH_SIDES.search(text) else []
            owners = [self._side_of(s, r) for r in told]
            parties = unique(parties + [o for o in owners if o is not None and o.kind == "state"])
            sides = unique(sides + list(told))
        others = [p for p in parties if p != self.home]
        if len(others) >= 3 and ":" in text:
            return [self._document(n, [self.home, p]) for p in others for n in names]
        if len(parties) == 1 and parties[0] != self.home:
            parties = [self.home, parties[0]]
        if len(parties) < 2 and self.gathering.search(text):  # "the summit adopted a declaration"
            found = [self._document(n, []) for n in names]
            self._adopted_at.update(id(event) for event in found)
            return found
        if len(parties) < 2 and sides:  # whom the signers serve the article may tell only later
            found = [self._document(n, parties) for n in names]
            self._signed_by.update((id(event), sides) for event in found)
            return found
        if len(parties) < 2:
            return []
        return [self._document(n, parties) for n in names]

    def _document(self, name: str, parties: list[Ref]) -> Event:
        """The agreement event of a document's name and its parties."""
        return Event("agreement", 0, {"party": list(parties)}, name=name, detail=self._kind_of(name))

    def _told_before(self, s: Sentence, earlier: list[Event]) -> bool:
        """Whether a sentence names its documents only as ones just reported ("The document
        was signed by X and Y", "The agreements were signed in the presence of ...") after
        an agreement in one of the two sentences before: the same signing, told again."""
        text = s.span.text
        back = [m.span() for m in _BACK_REFERENCE.finditer(text)]
        return bool(back) and all(any(a <= cue.start() < b for a, b in back) for cue in self.agreement_noun.finditer(text)) \
            and any(e.kind == "agreement" and self._index - 2 <= e.sentence < self._index for e in earlier[-8:])

    def _listed_agreements(self, s: Sentence) -> list[Event]:
        """The documents a sentence lists right after one that reports a signing ("Among
        them are a memorandum between A and B, ..."): each that names its two parties."""
        found = []
        for cue in _PARTIES_AFTER.finditer(s.span.text):
            if cue.group(1).lower() != "between":
                continue
            at = s.span.start_char + cue.end()
            named = unique([m.ref for m in s.found.actors if at <= m.start <= at + 90 and m.form != "city"][:2])
            if len(named) == 2:
                name = _agreement_name(s.span.text[cue.start():])
                detail = self._kind_of(name)
                found.append(Event("agreement", 0, {"party": named}, name=name, detail=detail))
        return found or self._list_item(s)

    def _kind_of(self, name: str) -> str:
        """What kind of document a name says it is ("memorandum", ...), by the lexicon."""
        return next((kind for word, kind in self.lex.maps["agreement_kinds"].items() if word in name.lower()),
                    "agreement")

    def _list_item(self, s: Sentence) -> list[Event]:
        """A document listed on a line of its own under a signing that ends in a colon ("The
        following documents were signed:" / "- Agreement on ..."): signed by the same parties;
        the heading then reports no document of its own."""
        before = [e for e in self._earlier[-8:] if e.kind == "agreement" and e.sentence == self._index - 1]
        heading = self._prepared[self._index - 1].span.text.rstrip().endswith(":")
        if not before or not (heading or id(before[-1]) in self._list_items) or not _AGREEMENT_NAME.search(s.span.text):
            return []
        if heading and id(before[-1]) not in self._list_items:
            self._headings.add(id(before[-1]))
        name = _agreement_name(s.span.text.strip(" -–—•*;.\n"))
        detail = self._kind_of(name)
        item = Event("agreement", 0, {"party": list(before[-1].roles["party"])}, name=name, detail=detail)
        self._list_items.add(id(item))
        return [item]

    def _signed_by_sides(self, events: list[Event]) -> list[Event]:
        """An agreement signed by the sides of an event told before binds the states they
        serve as the whole article tells them ("Sultan X received Y in Muscat. The two leaders
        witnessed the signing ..."); one that still has fewer than two parties is dropped."""
        kept = []
        for event in events:
            sides = self._signed_by.get(id(event))
            if sides is not None:
                owners = [self._served(r) if r.kind == "person" else r for r in sides]
                parties = unique(event.roles["party"] + [o for o in owners if o is not None and o.kind == "state"])
                if len(parties) == 1 and parties[0] != self.home:
                    parties = [self.home, parties[0]]  # as for one named party: the other is the home state
                if len(parties) < 2:
                    continue
                event.roles["party"] = parties
            kept.append(event)
        return kept

    def _adopted_at_gatherings(self, events: list[Event], merged: list[tuple[Event, list[int]]]) -> list[Event]:
        """An agreement a gathering adopted without naming two parties binds the states that
        took part in that gathering, wherever the article lists them; without a gathering to
        read them from it is dropped."""
        kept = []
        for event in events:
            if id(event) in self._adopted_at:
                near = [(min(abs(i - event.sentence) for i in sources), gathering) for gathering, sources in merged]
                participants = min(near, key=lambda pair: pair[0])[1].roles["participant"] if near else []
                sides = [self._owners.get(r) or self._side_of_person(r) if r.kind == "person" else r
                         for r in participants]
                event.roles["party"] = unique([r for r in sides if r is not None and r.kind == "state"])
                if len(event.roles["party"]) < 2:
                    continue
            kept.append(event)
        return kept


_PARTIES_AFTER = re.compile(r"\b(?:agreement|memorandum(?: of understanding)?|treaty|protocol|accord|roadmap)s?"
                            r"(?: on [^,;]{0,80}?)?\s+(between|with)\s+", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"\b(?:the|this|these|those|both|all)\s+(?:(?:two|three|\w+al)\s+)?(?:documents?|agreements?|"
                             r"memorand(?:um|a|ums)|treat(?:y|ies)|deals?|declarations?|statements?|accords?|protocols?)\b"
                             r"(?!\s+(?:on|of|for|between|in|to|with|that)\b)", re.IGNORECASE)
"""A document named only as one already reported ("the document", "these bilateral agreements")."""
_ADOPTED = re.compile(r"\badopt(?:ed|s|ing)?\b", re.IGNORECASE)
_INCLUDING = re.compile(r"\b(?:including|such as|among them|among which|in particular)\b:?", re.IGNORECASE)
_ITEM_BREAK = re.compile(r";|,\s*(?:and\s+)?(?=(?:an?|the)\s|[A-Z])|\s+and\s+(?=(?:an?|the)\s)")
"""Where one listed document ends and the next begins: "an agreement on A, a memorandum on B and the Treaty on C"."""
_NAMES_DOCUMENT = re.compile(r"\s*(?:Declaration|Agreement|Accords?|Treaty|Protocol|Charter|Convention|Communiqu[eé])\b")
_CAPITAL_AFTER = re.compile(r"\s+capital\b")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WHEN = re.compile(rf"\s(?:(?:on|last|this|next|earlier|later)\s(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
                   rf"|(?:week|month|year)\b|{_MONTH}\b|\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH}\b)"
                   rf"|in\s(?:{_MONTH}\s)?\d{{4}}\b(?!-))")
"""A time after a document's name: "signed a memorandum on trade on Thursday"."""
_AT_PLACE = re.compile(r"\sat\s(?:the\s)?[A-Z]")
"""A place after a document's name: "signed an agreement at the Akorda"."""
_AGREEMENT_NAME = re.compile(
    r"((?:[A-Z][\w’'-]*\s(?:(?:and|on|of|for|the)\s)*)*(?:Agreement|Treaty|Protocol|Memorandum|Roadmap|Declaration|Accord|Convention|Charter|Statement|Communiqu[eé]|Plan)"
    r"(?:\s(?:on|of|for|between)\s[^,.;]{0,120})?)"
    r"|((?:mutual\s|bilateral\s|intergovernmental\s|framework\s)?(?:agreement|treaty|protocol|memorandum(?: of understanding)?|MoUs?|MOUs?|roadmap|declaration|visa-free regime|joint\s(?:statement|communiqu[eé]|declaration)|communiqu[eé]|(?:action\s)?plan)"
    r"(?:\s(?:on|of|for|exempting|amending|between)\s[^,.;]{0,120})?)")


def _included_names(text: str, places: list[str]) -> list[str]:
    """The documents a signing names one by one after "including" or "such as" ("signed a
    number of documents, including an agreement on A and a memorandum on B"), in order."""
    cue = _INCLUDING.search(text)
    if cue is None:
        return []
    items = _ITEM_BREAK.split(text[cue.end():])
    return list(dict.fromkeys(_agreement_name(item, places) for item in items if _AGREEMENT_NAME.search(item)))


def _agreement_name(text: str, places: list[str] = ()) -> str:
    """The name of the document a sentence is about, ending before a clause, a time ("on
    Thursday") or a place it was signed in ("in Baku")."""
    match = _AGREEMENT_NAME.search(text)
    if not match:
        return "agreement"
    name = match.group(0).strip()
    name = re.split(r",|\bwhich\b|\bthat\b|\bwas\b|\bwere\b|\bto be\b|\bduring\b|\bas part of\b|\bon the sidelines\b"
                    r"|\bwith (?:his|her|their)\b|\bwith the (?:[A-Z][\w-]* )*(?:Minister|President|Secretary|Head|Chairman)\b",
                    name)[0].strip()
    name = _AT_PLACE.split(_WHEN.split(name)[0])[0]
    for place in places:
        name = re.split(rf"\s(?:in|at)\s(?:the\s)?{re.escape(place)}\b", name)[0]
    return name.strip()
