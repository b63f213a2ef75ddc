"""Reading visits, meetings and agreements from the sentences of one article.

Each relation has cue words (``data/lexicon.json``); its roles are filled from the parse
of the sentence (:mod:`kzgraph.extract.roles`) and its actors, with the article as
context: "he" as a subject stands for the person the sentence before was about; the
article's protagonist (the first home-state official it names) is the unnamed side of
"at the meeting with X"; titles used alone ("the Senate Speaker") point back at the person
the article gave that title, else at the holder of that office on the article's date.
Agreements are read by :mod:`kzgraph.extract.agreements`, gatherings by
:mod:`kzgraph.extract.gatherings`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kzgraph.dates import DateMention, find_dates, reference_date
from kzgraph.extract.agreements import AgreementReading
from kzgraph.extract.context import BOTH_SIDES, Sentence, unique
from kzgraph.extract.gatherings import GatheringReading
from kzgraph.extract.lexicon import Lexicon
from kzgraph.extract.mentions import SentenceMentions
from kzgraph.extract.model import Event, Mention, PersonMention, Post, Ref
from kzgraph.extract.owners import delegation_leaders, resolve_meeting_sides
from kzgraph.extract.roles import RoleReader, dateline_subject, mention_tokens
from kzgraph.extract.tokens import Span, Token, TokenDoc
from kzgraph.gazetteers import Gazetteer
from kzgraph.linking import surname
from kzgraph.officeholders import load_office_holders


def _cue_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of phrases as a whole word, in any case; where several start at one place the
    longest that ends a word wins. The phrases are compiled as a trie, so the regex only
    follows the branches the text takes."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            lower = char.lower()
            node = node.setdefault(lower if len(lower) == 1 else char, {})
        node[""] = {}
    return re.compile(rf"(?<![\w-]){_trie_regex(trie)}(?![\w-])", re.IGNORECASE)


def _trie_regex(node: dict) -> str:
    """A trie of characters as a regex; a phrase ending inside a longer one is optional
    (greedy, so the longer is tried first)."""
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_EVENT_CUES = ("meeting_cues", "visit_verbs", "visit_nouns", "visited_by_cues", "agreement_nouns", "agreement_verbs")


class RelationFinder(AgreementReading, GatheringReading):
    """Finds the events of an article."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex, self.gaz = lexicon, gazetteer
        phrases = lexicon.phrases
        self.meeting = _cue_regex(phrases["meeting_cues"])
        self.gathering = _cue_regex(phrases["gathering_cues"])
        self.visit_verb = _cue_regex(phrases["visit_verbs"])
        self.visit_noun = _cue_regex(phrases["visit_nouns"])
        self.visited_by = _cue_regex(phrases["visited_by_cues"])
        self.agreement_noun = _cue_regex(phrases["agreement_nouns"])
        self.agreement_verb = _cue_regex(phrases["agreement_verbs"])
        self.non_participant = _cue_regex(phrases["non_participant_cues"])
        # where the first cue of any event may start: no cue above starts before it
        self.any_cue = _cue_regex(tuple(p for name in _EVENT_CUES for p in phrases[name]))
        self.home = Ref("state", lexicon.home_state)
        self.roles = RoleReader(lexicon)
        self.envoys = lexicon["envoy_titles"]

    # ---------------------------------------------------------------- article

    def find(self, sentences: list[tuple[Span, SentenceMentions]], reference: tuple[str | None, bool],
             titled: dict[tuple, str | list[str]]) -> list[Event]:
        """Events of an article. reference: the article's date and whether it was inferred;
        titled: (post label, owner) -> the person the article gave it to, and (post label,
        None) -> every person it gave it to (for bare titles)."""
        ref_date = self._day = reference_date(reference[0])
        self._titled = titled
        named = self._named = {surname(m.ref.key): m.ref.key for _, found in sentences for m in found.actors
                               if isinstance(m, PersonMention)}
        self._dateline_at = self._dateline([Sentence(span, found, [], set()) for span, found in sentences])
        self._here = self._dateline_at[1].ref if self._dateline_at else None
        prepared = [self._prepare(span, found, titled, named) for span, found in sentences]
        self._heads = {p.ref: p.post.head for s in prepared for p in s.persons if p.post}  # person -> post label
        self._owners = self._explicit_owners(prepared)
        protagonist = self._protagonist(prepared)
        self._split: dict[int, list[Event]] = {}  # id of a meeting -> the encounters it holds
        self._adopted_at: set[int] = set()  # ids of agreements a gathering adopted, parties unnamed
        self._signed_by: dict[int, list[Ref]] = {}  # id of an agreement -> the sides told before that signed it
        self._list_items: set[int] = set()  # ids of agreements listed one a line under a heading
        self._headings: set[int] = set()  # ids of the signings that head such a list
        events: list[Event] = []
        gatherings: list[tuple[Event, str]] = []  # meetings at a gathering, with their sentence
        dated: set[int] = set()  # ids of events whose own sentence gives their date
        told_before: dict[int, int] = {}  # id of an event -> the earlier sentence that reported it
        self._pronoun: Ref | None = None  # whom "he" or "she" as a subject stands for
        for index, sentence in enumerate(prepared):
            if sentence.span.text.rstrip().endswith(":") and self.meeting.search(sentence.span.text):
                self._absorb_list(sentence, prepared[index + 1:])
            self._index, self._earlier, self._prepared = index, events, prepared
            found = self._sentence_events(sentence, protagonist, events)
            self._pronoun = self._subject_person(sentence, self._pronoun)
            mention = self._date(sentence.span, ref_date) if found else None
            if found and mention is None and index + 1 < len(prepared):
                mention = self._date_told_next(prepared[index + 1], ref_date, protagonist)
            back = self._antecedent(prepared, index) if found and mention is None else None
            if back is not None:
                mention = self._date(prepared[back].span, ref_date)
            for event in found:
                event.sentence = index
                event.date, event.date_inferred = (mention.iso, mention.inferred) if mention else reference
                event.date_last = mention.last if mention else None
                if mention:
                    dated.add(id(event))
                if back is not None:
                    told_before[id(event)] = back
                events.append(event)
                if event.kind == "meeting" and self._at_gathering(sentence):
                    gatherings.append((event, sentence.span.text))
        self._share_dates(events, dated)
        events = [e for e in events if id(e) not in self._headings]
        events = self._split_encounters(events)
        home_people = {p.ref for s in prepared for p in s.persons
                       if p.post and not p.post.implied and p.post.owner == self.home}
        resolve_meeting_sides(events, sentences, self.home, home_people | {protagonist})
        self._owners = self._explicit_owners(prepared)
        self._led_sides(events, sentences)
        merged = self._merge_gatherings(gatherings, dated)
        events = self._adopted_at_gatherings(events, merged)
        events = self._signed_by_sides(events)
        gathered, kept = {id(g) for g, _ in gatherings}, {id(m) for m, _ in merged}
        events = [e for e in events if id(e) not in gathered or id(e) in kept]
        single = [(e, [e.sentence] + ([told_before[id(e)]] if id(e) in told_before else []))
                  for e in events if e.kind == "meeting" and id(e) not in gathered]
        for event in events:
            if event.kind == "meeting":
                event.roles["participant"] = self._named_sides(event.roles["participant"])
        events = [e for e in events if e.kind != "meeting" or len(e.roles["participant"]) > 1]
        visited = {e.sentence for e in events if e.kind == "visit"}
        scenes = [i for i, s in enumerate(prepared) if self.gathering.search(s.span.text)]
        for event, sources in merged + single:
            if not visited.intersection(sources):
                scene = [prepared[i] for i in scenes if i < sources[0]] if id(event) in gathered else []
                lead = self._dateline_at is not None and self._dateline_at[0] == sources[0]  # not one it refers back to
                events.extend(self._summit_visits([prepared[i] for i in sources] + scene, event, lead))
        events = [e for e in events if not self._goes_home(e)]
        return self._through_persons(events)

    def _through_persons(self, events: list[Event]) -> list[Event]:
        """Events without those a state takes part in only as the named person who acts for it
        in another report of the same date: a state travels through its named person ("Kazakh
        FM meets Turkish counterpart" over the body's meeting with the minister by name)."""
        travelling = {(self._served(r), e.roles["destination"][0], e.date) for e in events if e.kind == "visit"
                      for r in e.roles["visitor"] if r.kind == "person"}
        meetings = [(e, {r: {r, self._served(r)} if r.kind == "person" else {r} for r in e.roles["participant"]})
                    for e in events if e.kind == "meeting"]

        def met_by_name(event: Event) -> bool:
            sides = event.roles["participant"]
            return any(
                other is not event and other.date == event.date and len(acting) == len(sides)
                and all(any(r in acts for acts in acting.values()) for r in sides)
                and any(r.kind == "state" and r not in acting for r in sides)  # a state there by name
                and not self._another_holder(event, other) for other, acting in meetings)

        return [e for e in events if not (e.kind == "visit" and (e.roles["visitor"][0], e.roles["destination"][0], e.date)
                                          in travelling or e.kind == "meeting" and met_by_name(e))]

    @staticmethod
    def _led_sides(events: list[Event], sentences: list[tuple[Span, SentenceMentions]]) -> None:
        """A state that takes part in a meeting through a delegation whose leader its sentence
        or the next one names takes part as that person ("Consultations between A and B were
        held in X. The delegation of A was led by P, while the B side was led by Q")."""
        for event in events:
            if event.kind != "meeting" or not any(r.kind == "state" for r in event.roles["participant"]):
                continue
            leaders: dict[Ref, list[Ref]] = {}
            for span, found in sentences[event.sentence:event.sentence + 2]:
                for person, state in delegation_leaders(span, found).items():
                    leaders.setdefault(state, []).append(person)
            event.roles["participant"] = unique([leaders[r][0] if len(leaders.get(r, ())) == 1 else r
                                                 for r in event.roles["participant"]])

    def _another_holder(self, event: Event, other: Event) -> bool:
        """Whether a state of event acts through an office ("received by the President") that
        other's participants of that state hold no post of, by the article or by the table's
        holder on the day."""
        names = {surname(r.key) for r in other.roles["participant"] if r.kind == "person"}
        for iso, title in event.offices.items():
            office = self.gaz.lookup("post", re.sub(r"^the\s+", "", title, flags=re.IGNORECASE))
            theirs = [self._heads.get(r) for r in other.roles["participant"]
                      if r.kind == "person" and self._served(r) == Ref("state", iso)]
            if office is not None and theirs and all(h is not None and h != office.label for h in theirs):
                return True
            folded = title.casefold()
            for holding in load_office_holders().holdings:
                if holding.state == iso and holding.covers(self._day) and any(
                        re.search(rf"\b{re.escape(n.casefold())}\b", folded)
                        for n in self._post_names(holding.post)) and not holding.surnames & names:
                    return True
        return False

    def _post_names(self, label: str) -> tuple[str, ...]:
        """The names a gazetteer post is written with, its label first."""
        entry = self.gaz.lookup("post", label)
        return entry.names if entry else (label,)

    def _goes_home(self, event: Event) -> bool:
        """Whether a visit takes a person to the state the article or the table of office
        holders says the person serves: no visit ("Tokayev said Modi will visit Kazakhstan"
        read with the wrong subject, "the Kazakh ambassador returned to Kazakhstan")."""
        if event.kind != "visit":
            return False
        homes = set()
        for visitor in event.roles["visitor"]:
            if visitor.kind == "person":
                serving = load_office_holders().serving(visitor.key, self._day)
                homes.add(self._owners.get(visitor) or (Ref("state", serving) if serving else None))
        return bool(homes) and set(event.roles["destination"]) <= homes

    def _antecedent(self, sentences: list[Sentence], index: int) -> int | None:
        """The earlier sentence (of the three before) that reported the event a sentence
        refers back to: in "The meeting, chaired by X and Y, ...", "X chaired the meeting",
        the meeting the text reported before, with its date and place; in "Following the
        talks, ..." the talks or visit, in "Upon arrival, ..." the visit, told before."""
        cues = self._referred_cues(sentences[index].span)
        if cues is None:
            return None
        return next((j for j in range(index - 1, max(index - 4, -1), -1)
                     if any(cue.search(sentences[j].span.text) for cue in cues)), None)

    def _referred_cues(self, span: Span) -> tuple | None:
        """The cues of the kind of event a sentence names as one already told: a sentence
        opening on it ("The visit ...", "Following the talks", "Upon arrival"), or a meeting
        with "the" and nothing to tell it apart ("X chaired the meeting")."""
        if _AFTER_TALKS.match(span.text):  # "Following the talks, the sides signed ..."
            return self.meeting, self.visit_noun
        if _ON_ARRIVAL.match(span.text):
            return self.visit_verb, self.visit_noun
        opening = []
        for token in span:
            if token.pos_ == "NOUN":
                opening.append(token)
                break
            if not (token.is_space or token.pos_ in ("DET", "ADJ", "NUM")):
                break
            opening.append(token)
        if len(opening) >= 2 and opening[0].lower_ in ("the", "this", "these") and opening[-1].pos_ == "NOUN":
            if opening[-1].lemma_ in self.lex.lemmas["meeting"]:
                return self.meeting, self.gathering
            if opening[-1].lemma_ in self.lex.lemmas["visit"]:
                return self.visit_noun, self.visit_verb
        if self.roles.parsed(span) and any(self._told_meeting(span.doc, t) for t in span):
            return self.meeting, self.gathering
        return None

    def _told_meeting(self, doc: TokenDoc, token: Token) -> bool:
        """Whether a token is a meeting named with "the" alone, as what a verb acts on or
        where it happens ("chaired the meeting", "during the talks"), nothing after it to
        make it another ("the meeting of the council", "the talks with X")."""
        children = doc.children(token.i)
        return token.lemma_ in self.lex.lemmas["meeting"] and token.pos_ == "NOUN" \
            and token.dep_ in ("dobj", "pobj", "nsubjpass") \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in children) \
            and not any(c.dep_ in ("prep", "amod", "compound", "nummod", "relcl", "acl") for c in children)

    @staticmethod
    def _explicit_owners(sentences: list[Sentence]) -> dict[Ref, Ref]:
        """Person -> the state or organization a title the text qualifies gives them."""
        return {p.ref: p.post.owner for s in sentences for p in s.persons
                if p.post and p.post.owner and not p.post.implied}

    def _named_sides(self, sides: list[Ref]) -> list[Ref]:
        """A state drops out of a meeting where a person serving it takes part (holding its
        post in the article, or by the table of office holders on the article's date)."""
        people_of = {self._served(r) for r in sides if r.kind == "person"}
        return [r for r in sides if r.kind != "state" or r not in people_of]

    def _prepare(self, span: Span, found: SentenceMentions, titled: dict[tuple, str | list[str]],
                 named: dict[str, str]) -> Sentence:
        """The sentence with the persons its titles stand for (named: surname -> the name of
        each person the article names)."""
        persons = [m for m in found.actors if isinstance(m, PersonMention)]
        for start, end, post in found.titles:
            own = titled.get((post.head, post.owner)) if post.owner else None  # "talks with Kazakh president"
            if post.owner and own is None:  # "the Kazakh Minister" for the Minister of Foreign Affairs named before
                fuller = {name for (head, owner), name in titled.items() if owner == post.owner
                          and re.search(rf"\b{re.escape(post.head)}\b", head)}
                own = fuller.pop() if len(fuller) == 1 else None
            elsewhere = {name for (head, owner), name in titled.items()
                         if head == post.head and owner is not None and owner != post.owner} if post.owner else set()
            others = [n for n in titled.get((post.head, None), []) if n not in elsewhere
                      and not any(surname(p.ref.key) == surname(n) for p in persons)]
            name = own or (others[0] if len(others) == 1 else None)  # not one named beside it
            held = None
            if name is None and not post.plural and self._is_bare(span, start):
                name = held = self._holder_named(post.owner or self._bare_owner(post.head), post.head, named)
            if name and not post.plural and not any(p.ref.key == name for p in persons) and (
                    own or self._is_bare(span, start)):
                token_span = span.doc.span(start, end)
                persons.append(PersonMention(Ref("person", name), token_span.text, token_span.start_char,
                                             token_span.end_char, "title", post=None))
                if held:  # the holder stands for the state named in the title ("the President of Kazakhstan")
                    found = replace(found, actors=[m for m in found.actors if not (
                        m.ref.kind == "state" and token_span.start_char <= m.start < token_span.end_char)])
        persons.extend(self._leaders_named(span, persons, named))
        persons.sort(key=lambda m: m.start)
        excluded = set()
        for cue in self.non_participant.finditer(span.text):
            offset = span.start_char + cue.end()
            near = [p for p in persons if 0 <= p.start - offset <= 60]
            if near:
                excluded.add(near[0].ref.key)
        excluded |= self.roles.absent(span, persons) | self.roles.sources(span, persons)
        return Sentence(span, found, persons, excluded)

    def _leaders_named(self, span: Span, persons: list[PersonMention], named: dict[str, str]) -> list[PersonMention]:
        """"the Kazakh leader" without a name: the person the article names who headed that
        state (or its government) on the article's date, by the table of office holders."""
        doc, found = span.doc, []
        for token in span:
            if token.lower_ != "leader" or token.i - 1 < span.start or any(
                    p.start <= token.idx < p.end or p.start == token.idx + len(token.text) + 1 for p in persons):
                continue  # a leader named ("Chinese leader Xi Jinping") is that person
            state = doc[token.i - 1]
            if state.ent_type_ not in ("DEMONYM", "STATE") or not state.ent_id_:
                continue
            heads = {self._holder_named(Ref("state", state.ent_id_), office, named)
                     for office in ("Head of State", "Head of Government")} - {None}
            if len(heads) == 1:
                words = doc.span(state.i, token.i + 1)
                found.append(PersonMention(Ref("person", heads.pop()), words.text, words.start_char, words.end_char,
                                           "title", post=None))
        return found

    def _bare_owner(self, post: str) -> Ref | None:
        """The state a title used alone ("the President received ...") is the post of: the
        dateline's, else the home state's, when the table of office holders knows who held it
        on the article's date (the home state's only when two persons of the article hold the
        title)."""
        here = self._here if len(self._titled.get((post, None), [])) < 2 else None
        return next((state for state in (here, self.home) if state is not None
                     and any(h.covers(self._day) for h in load_office_holders().of_office(state.key, post))), None)

    def _holder_named(self, state: Ref | None, post: str, named: dict[str, str]) -> str | None:
        """The person the article names who, by the table of office holders, held a post of
        a state on the article's date ("the Kazakh President", "the Head of State" for the
        Tokayev the article names): nobody when the table does not know the office."""
        if state is None or state.kind != "state":
            return None
        found = {named[last] for holding in load_office_holders().of_office(state.key, post)
                 if holding.covers(self._day) for last in holding.surnames if last in named}
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _is_bare(span: Span, start: int) -> bool:
        """A title used without a name: "the Deputy Minister", or opening the sentence."""
        doc = span.doc
        return start == span.start or doc[start - 1].lower_ in ("the", "minister", "ambassador")

    @staticmethod
    def _subject_person(s: Sentence, pronoun: Ref | None) -> Ref | None:
        """The person a sentence's main clause is about, whom "he" or "she" as the subject of
        the next sentence stands for: the subject of its root verb when that is a person
        named or a pronoun (which keeps standing for whom it did), else nobody."""
        doc = s.span.doc
        for token in s.span:
            if token.dep_ in ("nsubj", "nsubjpass") and token.head >= 0 and doc[token.head].dep_ == "ROOT":
                if token.lower_ in ("he", "she"):
                    return pronoun
                person = mention_tokens(s.span, s.persons).get(dateline_subject(doc, token).i)  # or its title's
                return person.ref if person is not None else None
        return None

    def _protagonist(self, sentences: list[Sentence]) -> Ref | None:
        first = None
        for sentence in sentences:
            for person in sentence.persons:
                if person.ref.key in sentence.excluded:
                    continue
                first = first or person.ref
                post = person.post
                if post and post.owner == self.home:
                    return person.ref
        return first

    @staticmethod
    def _dateline(sentences: list[Sentence]) -> tuple[int, Mention] | None:
        """The place a dateline names ("SEOUL, Dec. 11 (Yonhap) --", "ASTANA –"), with the
        index of the sentence it opens."""
        for index, sentence in enumerate(sentences[:3]):
            start = sentence.span.start_char
            first = next((m for m in sentence.found.actors if m.start == start), None)
            if first is None or first.ref.kind != "state" or first.form not in ("capital", "city"):
                continue
            rest = sentence.span.text[first.end - start:]
            alone = not _WORD.search(rest) and index + 1 < len(sentences)
            if alone and (rest.strip() == "." or _DATELINE_AFTER.match(rest)):
                return index + 1, first  # split off what it opens: "ASTANA." or "MOSCOW, October 9. /TASS/."
            if _DATELINE_AFTER.match(rest):
                return index, first
        return None

    def _date(self, span: Span, ref_date: date | None) -> DateMention | None:
        """The first date the sentence gives for an event (ref_date: the article's), passing
        over a date that only bounds a span of time ("the first summit since the one in 1999");
        a date told relative to the article's ("next year"), or a dateline's ("ASTANA, Sept
        10, 2023 --"), only when no other is given. A date the parse says goes with what is yet
        to come ("will visit Hanoi on 5-6 October") is counted from the article's date on."""
        found = find_dates(span.text, reference=ref_date, relative=True)
        coming = [self.roles.yet_to_come(span, span.start_char + m.start) for m in found]
        if any(coming):  # each date as the verb it goes with tells it: past or yet to come
            ahead = find_dates(span.text, reference=ref_date, relative=True, ahead=True)
            if len(ahead) == len(found):
                found = [a if to_come else m for m, a, to_come in zip(found, ahead, coming)]
        mentions = [m for m in found if not _SINCE.search(span.text[:m.start])]
        told = [m for m in mentions if not _DATELINE_BEFORE.match(span.text[:m.start])] or mentions
        return next((m for m in told if not m.relative), told[0] if told else None)

    def _date_told_next(self, following: Sentence, ref_date: date | None, protagonist: Ref | None) -> DateMention | None:
        """The date a next sentence gives for the events before it: one that refers back to
        them ("The talks are scheduled for 14-15 May.") and reports no event of its own."""
        if not _REFERS_BACK.match(following.span.text.strip()):
            return None
        if self._sentence_events(following, protagonist, []):
            return None
        return self._date(following.span, ref_date)

    @staticmethod
    def _share_dates(events: list[Event], dated: set[int]) -> None:
        """An event the article reports again without a date ("presented credentials along
        with the US Ambassador") takes the date of a dated report of it: same kind, two
        persons in common or the same actors in every role ("Kazakh FM visits Rome" over the
        body's "... paid a visit to Italy on 3-4 September"), not after the article's date (a
        planned event is another one)."""
        def people(event: Event) -> set[str]:
            return {r.key.split()[-1] for refs in event.roles.values() for r in refs if r.kind == "person"}

        def sides(event: Event) -> frozenset[tuple[str, str]]:
            return frozenset((role, r.key.split()[-1] if r.kind == "person" else r.key)
                             for role, refs in event.roles.items() for r in refs)

        reports = [(e, people(e), sides(e)) for e in events if id(e) in dated]
        for event in events:
            if id(event) in dated or not reports:
                continue
            mine, acting = people(event), sides(event)
            same = next((e for e, theirs, acts in reports if e.kind == event.kind and e.detail == event.detail
                         and (len(theirs & mine) >= 2 or acts == acting and _days_before(e, event) <= _RECENT_DAYS)
                         and (not event.date or e.date <= event.date)), None)
            if same is not None:
                event.date, event.date_inferred, event.date_last = same.date, same.date_inferred, same.date_last

    # ---------------------------------------------------------------- one sentence

    def _sentence_events(self, s: Sentence, protagonist: Ref | None, earlier: list[Event]) -> list[Event]:
        text = s.span.text
        first = self.any_cue.search(text)
        parsed = self.roles.parsed(s.span)
        if first is None and not parsed:
            return []
        pos = first.start() if first else len(text)
        events: list[Event] = []
        mentions = self._role_mentions(s) if parsed else []
        own = {p.ref: p.post.owner for p in s.persons if p.post and p.post.owner}
        travellers = mentions + self._title_mentions(s) if parsed else []  # "the Prime Minister of X arrived"
        pronoun = self._pronoun or protagonist
        visits, travel = self.roles.visits(s.span, travellers, pronoun, own, self._here) if parsed else ([], False)
        if not travel and parsed:
            visits, travel = self.roles.nominal_visits(s.span, travellers, own)
        events.extend(visits if travel or visits else self._visits(s, protagonist, pos))
        meeting = self.meeting.search(text, pos)
        if meeting and parsed and self.roles.unreal_at(s.span, s.span.start_char + meeting.start()):
            meeting = None  # "did not attend the summit", "may meet"
        said_of = pronoun if any(t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass") for t in s.span) \
            else protagonist  # "he was received by the President": whom "he" stands for
        event = self._meeting(s, said_of, meeting) if meeting else None
        read = self.roles.meetings(s.span, mentions, pronoun) if parsed else []
        apart = False  # whether the parse has already told the meetings apart
        if read and (event is None or event.detail in ("meeting", "talks")):
            apart = len(read) > 1
            event = read[0]  # the parse says who meets whom; a ceremony or a call keeps its cue's reading
            for each in read:  # a call the parse tells by its verb stays one ("Putin called Tokayev")
                each.detail = self._meeting_kind(s) if each.detail == "meeting" else each.detail
            events.extend(read[1:])  # "met with his counterparts from A and B": one meeting each
        elif event is not None and parsed:
            talked_of = self.roles.embedded(s.span, mentions, s.span.start_char + meeting.start())
            event.roles["participant"] = [r for r in event.roles["participant"] if r not in talked_of]
        for each in {id(e): e for e in (event, *read) if e is not None}.values():
            each.roles["participant"] = self._counterparts_named(s, each.roles["participant"])
        if event is not None and _AFTER_TALKS.match(text) and any(e.kind == "meeting" for e in earlier) \
                and all(r.kind == "state" for r in event.roles["participant"]):
            event = None  # "Following the talks, Kazakhstan and Azerbaijan signed ...": the talks told before
        if event is not None:
            events.append(event)
            self._split[id(event)] = [event] if apart else self._encounters(s, event, mentions)
        signing = self.agreement_verb.search(text, pos)
        if signing and parsed and self.roles.unreal_at(s.span, s.span.start_char + signing.start(), pending=True):
            signing = None  # "could sign an agreement if ...", "agreed to sign", "will sign"
        if signing and _OVER_TIME.search(text) and _DOCUMENTS.search(text):
            signing = None  # a tally over the years names no one document: "has signed 100 agreements since 1992"
        if self.agreement_noun.search(text, pos) and signing:
            events.extend(self._agreements(s, earlier))
        elif self.agreement_noun.search(text) and any(e.kind == "agreement" and e.sentence == self._index - 1
                                                      for e in earlier[-8:]):
            events.extend(self._listed_agreements(s))
        for event in events:
            for part in [event, *self._split.get(id(event), [])]:
                self._note_offices(s, part)
        return events

    def _note_offices(self, s: Sentence, event: Event) -> None:
        """Record the titles without a name through which a state acts in event ("the
        President of Kazakhstan received ..."): the table of office holders says who held
        them on the day."""
        refs = {r for refs in event.roles.values() for r in refs}
        for start, end, post in self._unnamed_titles(s):
            owners = unique([m.ref for m in self._title_states(s, start, end, post.plural)]
                             or ([post.owner] if post.owner else []))
            if not post.plural and len(owners) == 1 and owners[0].kind == "state" and owners[0] in refs:
                event.offices.setdefault(owners[0].key, s.span.doc.span(start, end).text)

    def _encounters(self, s: Sentence, event: Event, mentions: list[Mention]) -> list[Event]:
        """A meeting of one side with several others, each met on their own: envoys who
        present credentials at one ceremony each meet the official who receives them, and
        "meetings with A, B and C" are one meeting with each (the event itself when not)."""
        sides = event.roles["participant"]
        if event.detail == "credentials":
            named = [p for p in s.persons if p.ref in sides and _is_envoy(p.post.head if p.post else p.text
                                                                          if p.form == "title" else "", self.envoys)]
            hosts = [r for r in sides if r.kind == "person" and r not in {p.ref for p in named}]
            owners = {p.post.owner for p in named if p.post}
            envoys = [r for r in sides if r not in hosts and r not in owners]
        else:
            envoys = self.roles.listed_after(s.span, mentions, "meetings", "with") if mentions else []
            hosts = [r for r in sides if r not in envoys]
        if len(envoys) < 2 or len(hosts) != 1:
            return [event]
        return [Event("meeting", 0, {"participant": [hosts[0], envoy]}, detail=event.detail) for envoy in envoys]

    def _split_encounters(self, events: list[Event]) -> list[Event]:
        """Each meeting replaced by the encounters ``_encounters`` found in it, dated as it is."""
        result = []
        for event in events:
            for part in self._split.get(id(event), [event]):
                part.sentence, part.date, part.date_inferred = event.sentence, event.date, event.date_inferred
                part.date_last = event.date_last
                result.append(part)
        return result

    @staticmethod
    def _role_mentions(s: Sentence) -> list[Mention]:
        """The actors a parsed sentence may give roles to: its persons (not those in "on
        behalf of"-like phrases) and its states and organizations."""
        persons = [p for p in s.persons if p.ref.key not in s.excluded]
        return persons + [m for m in s.found.actors if not isinstance(m, PersonMention)]

    @staticmethod
    def _absorb_list(header: Sentence, following: list[Sentence]) -> None:
        """A sentence ending in a colon introduces a list of participants, one a line."""
        for item in following:
            if not item.persons or len(item.span) > 40:
                break
            header.persons.extend(item.persons)
            item.persons = []

    def _participants(self, s: Sentence) -> list[Ref]:
        refs: list[Ref] = []
        for person in s.persons:
            if person.ref.key not in s.excluded and person.ref not in refs:
                refs.append(person.ref)
        return refs

    def _meeting(self, s: Sentence, protagonist: Ref | None, cue: re.Match[str]) -> Event | None:
        people = self._participants(s) + self._unnamed_sides(s)
        people += [r for r in self._collective_sides(s) if r not in people]
        subject = [m for m in self._actor_refs(s) if m.start - s.span.start_char < cue.start()
                   and m.form not in ("capital", "city")]
        with_list = cue.group(0).lower().endswith(" with") and not subject
        both = BOTH_SIDES.search(s.span.text, 0, cue.start())
        offices: dict[str, str] = {}
        if not people and both:  # "the two leaders held talks": those of the event just reported
            people = self._holders_of(s, both, self._pair_before(s), offices)
        actors = [m.ref for m in s.found.actors if m.ref.kind in ("state", "org")]
        between = [m.ref for m in s.found.actors if m.ref.kind in ("state", "org") and m.form not in ("capital", "city")
                   and m.start - s.span.start_char >= cue.end()]
        if len(people) < 2 and len(unique(between)) >= 2 and cue.group(0).lower().endswith(" between"):
            people = unique(people + between)  # "talks between Kazakhstan and Mongolia were held"
        doers = self.roles.doers_at(s.span, self._role_mentions(s), s.span.start_char + cue.start())
        attending = len(people) == 1 and people[0].kind == "person" and self._at_gathering(s) \
            and any(m.ref in people for m in subject) and (not doers or people[0] in doers)
        if len(people) == 1 and self._home_counterpart(s) and self._side_of(s, people[0]) not in (None, self.home):
            people.append(self.home)  # "X held talks with his counterpart": a foreigner's is the home state's
        if len(people) == 1 and not attending and not any(m.ref.kind == "person" for m in subject):
            # "the guest", "the head of Chinese diplomacy": whom the parse says it stands for
            someone, stand_in = self._stand_in(s, s.span.start_char + cue.start())
            protagonist = stand_in if someone else protagonist
        if (len(people) == 1 and not attending or with_list and people) and protagonist and protagonist not in people:
            people.append(protagonist)  # not to one who attends a gathering: "X attended the meeting of ..."
        if len(people) < 2:
            others = unique(people + actors)
            if len(people) == 1 and len(others) >= 2 and "together" in cue.group(0).lower():
                people = others
            elif not (people and self._at_gathering(s)) or len(people) == 1 and doers and people[0] not in doers:
                return None  # one participant is kept only as one who attends a gathering, not when another does
        return Event("meeting", 0, {"participant": people}, detail=self._meeting_kind(s), offices=offices)

    def _stand_in(self, s: Sentence, cue_char: int) -> tuple[bool, Ref | None]:
        """Whether the parse gives the meeting a subject that names nobody but is someone of
        its own, and whom it stands for (None: not known): "the guest" or "the visitor" is the
        person whose visit the article reported last; a subject that names a state ("the head
        of Chinese diplomacy", "China's top diplomat") is the one person the article gave a
        post of it, else that state."""
        subject = self.roles.subject_at(s.span, cue_char)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or any(
                m.start <= subject.idx < m.end for m in s.found.actors + s.persons if m.ref.kind == "person"):
            return False, None  # a person named, even one who stays away ("X skipped the summit")
        if subject.lemma_ in ("guest", "visitor"):
            return True, next((r for e in reversed(self._earlier) if e.kind == "visit"
                               for r in e.roles["visitor"] if r.kind == "person"), None)
        doc = s.span.doc
        states = {t.ent_id_ for t in doc.subtree(subject.i) if t.ent_type_ in ("DEMONYM", "STATE") and t.ent_id_}
        if len(states) != 1:
            return False, None
        state = Ref("state", states.pop())
        held = {name for (_, owner), name in self._titled.items() if owner == state}
        return True, Ref("person", held.pop()) if len(held) == 1 else state

    def _counterparts_named(self, s: Sentence, sides: list[Ref]) -> list[Ref]:
        """A state met as "his Kyrgyz counterpart" is the person the article names who holds,
        for that state, the post of the person met (by a title the article gives, or by the
        table of office holders): "President X welcomed his Kyrgyz counterpart" after
        "Kyrgyz President Y arrived" is a meeting of X and Y."""
        doc = s.span.doc
        if not len(s.span) or doc[s.span.start].head < 0:
            return sides
        met_as = {c.ent_id_ for t in s.span if t.lemma_ == "counterpart" for c in doc.children(t.i)
                  if c.ent_type_ in ("STATE", "DEMONYM")}
        heads = {self._heads.get(r) for r in sides if r.kind == "person"} - {None}
        if len(heads) != 1:
            return sides
        (head,) = heads
        named = []
        for side in sides:
            if side.kind == "state" and side.key in met_as:
                name = self._titled.get((head, side)) or self._holder_named(side, head, self._named)
                named.append(Ref("person", name) if name else side)
            else:
                named.append(side)
        return unique(named)

    @staticmethod
    def _collective_sides(s: Sentence) -> list[Ref]:
        """States met as a body the parse names with their demonym: "talks with the Kazakh
        leadership", "met with the Chinese side"."""
        doc = s.span.doc
        if not len(s.span) or doc[s.span.start].head < 0:
            return []
        return unique([Ref("state", c.ent_id_) for t in s.span if t.lemma_ in _COLLECTIVES and t.dep_ == "pobj"
                       and doc[t.head].lower_ == "with" for c in doc.children(t.i)
                       if c.ent_type_ in ("STATE", "DEMONYM") and c.ent_id_])

    @staticmethod
    def _home_counterpart(s: Sentence) -> bool:
        """Whether a sentence meets "his counterpart" (or "her", "their") with no state or
        name given to it."""
        doc = s.span.doc
        if not len(s.span) or doc[s.span.start].head < 0:
            return False
        return any(t.lemma_ == "counterpart" and t.dep_ == "pobj" and doc[t.head].lower_ == "with"
                   and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in doc.children(t.i))
                   and not any(c.ent_type_ for c in doc.children(t.i)) for t in s.span)

    def _meeting_kind(self, s: Sentence) -> str:
        """What kind of meeting a sentence reports: "telephone conversation", "talks", ..."""
        kinds = self.lex.maps["meeting_kinds"]
        return next((kind for word, kind in kinds.items() if word in s.span.text.lower()), "meeting")

    def _holders_of(self, s: Sentence, both: re.Match[str], pair: list[Ref], offices: dict[str, str]) -> list[Ref]:
        """The sides of pair as the plural title that refers back to them names them: each
        one who holds the post, else the state it serves, through that office (noted in
        offices): "the Prime Ministers of the two countries" after a President received a
        Prime Minister are the Prime Minister and the other state's."""
        at = s.span.start_char
        post = next((post for start, _, post in s.found.titles if post.plural
                     and at + both.start() <= s.span.doc[start].idx < at + both.end()), None)
        if post is None:
            return pair
        sides = unique([r if r.kind != "person" or self._heads.get(r) == post.head else self._served(r) or r
                        for r in pair])
        offices.update((r.key, post.head) for r in sides if r.kind == "state" and r not in pair)
        return sides

    def _pair_before(self, s: Sentence) -> list[Ref]:
        """The sides of the event reported in the two sentences before: a meeting's
        participants, an agreement's parties, or a visitor with the host the sentence names
        (else the state visited); with none, the two persons the sentence before names ("X
        sent a telegram to Y. Later, the two presidents spoke by phone")."""
        recent = [e for e in self._earlier if self._index - 2 <= e.sentence < self._index]
        if not recent:
            before = self._prepared[self._index - 1] if self._index else None
            named = unique([p.ref for p in before.persons if p.ref.key not in before.excluded]) if before else []
            return named if len(named) == 2 else []
        last = recent[-1]
        if last.kind in ("meeting", "agreement"):
            return list(last.roles["participant" if last.kind == "meeting" else "party"])
        if last.kind != "visit":
            return []
        visitor, destination = last.roles["visitor"][0], last.roles["destination"][0]
        hosts = [r for e in recent for r in e.roles.get("participant", []) if r != visitor]
        hosts += [p.ref for p in self._prepared[last.sentence].persons if p.ref != visitor
                  and (p.post is None or p.post.owner in (None, destination))]
        return [visitor, (hosts or [destination])[0]]

    def _visits(self, s: Sentence, protagonist: Ref | None, pos: int) -> list[Event]:
        """Visits of a sentence whose first cue starts at pos or later."""
        text, base = s.span.text, s.span.start_char
        by = self.visited_by.search(text, pos)
        if by and by.group(0).lower() not in ("welcomed", "hosted") or by and "visit" in text.lower():
            after = [m for m in self._actor_refs(s) if m.start - base >= by.end()]
            before = [m for m in self._actor_refs(s) if m.start - base < by.start() and m.ref.kind == "state"]
            destination = before[0].ref if before else self.home
            visitors = unique([m.ref for m in after if m.ref != destination])
            return [Event("visit", 0, {"visitor": [v], "destination": [destination]}, detail="visit")
                    for v in visitors]
        cue = self.visit_verb.search(text, pos) or self.visit_noun.search(text, pos)
        if not cue or self.roles.parsed(s.span) and self.roles.unreal_at(s.span, base + cue.start()):
            return []  # none, or only wished for: "invited him to pay a visit to X"
        places = [m for m in s.found.actors if m.ref.kind == "state" and m.start - base >= cue.start()
                  and m.form in ("name", "capital", "city")]
        if not places:
            return []
        people = self._participants(s)
        visitor = people[0] if people else None
        if visitor is None and re.search(r"\b(his|her)\b", text[:cue.start() + 12], re.IGNORECASE):
            visitor = protagonist
        if visitor is None:
            before = [m.ref for m in self._actor_refs(s) if m.start - base < cue.start()]
            visitor = before[0] if before else None
        if visitor is None:
            return []
        own = self._home_of(s, visitor)
        destinations = unique([m.ref for m in places if m.ref != own and m.ref != visitor])
        city = next((m.text for m in places if m.form == "city"), None)
        return [Event("visit", 0, {"visitor": [visitor], "destination": [d]}, detail="visit", place=city)
                for d in destinations]

    def _unnamed_sides(self, s: Sentence) -> list[Ref]:
        """States that take part through a title with no name: "the presidents of
        Belarus, Kyrgyzstan and Russia", "the Prime Minister of Armenia"."""
        sides: list[Ref] = []
        for start, end, post in self._unnamed_titles(s):
            states = [m.ref for m in self._title_states(s, start, end, post.plural)]
            owner = [post.owner] if post.owner and post.owner.kind == "state" else []
            sides.extend(r for r in states or owner if r not in sides)
        return sides

    def _unnamed_titles(self, s: Sentence) -> list[tuple[int, int, Post]]:
        """The titles of a sentence that name nobody; one used alone ("the President
        received ...") is the post of the state ``_bare_owner`` gives."""
        named = {p.start for p in s.persons if p.form == "title"}
        found = []
        for start, end, post in s.found.titles:
            if s.span.doc[start].idx in named:
                continue
            if post.owner is None and not post.plural and self._is_bare(s.span, start):
                held = self._bare_owner(post.head)
                post = replace(post, owner=held) if held else post
            found.append((start, end, post))
        return found

    @staticmethod
    def _title_states(s: Sentence, start: int, end: int, plural: bool) -> list[Mention]:
        """The states a title belongs to: inside it, or listed after a plural head."""
        doc, text, base = s.span.doc, s.span.text, s.span.start_char
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        states = sorted((m for m in s.found.nested + s.found.actors if m.ref.kind == "state"), key=lambda m: m.start)
        inside = [m for m in states if first <= m.start < last]
        if plural and inside:
            for m in states:  # the list goes on after the title: "of Belarus, Kyrgyzstan and Russia"
                if m.start >= last and m.form == "name" and _LIST_GAP.fullmatch(text[last - base:m.start - base]) \
                        and not _POSSESSIVE.match(text, m.end - base):
                    inside.append(m)
                    last = m.end
        return inside

    def _actor_refs(self, s: Sentence) -> list[Mention]:
        """Actors of a sentence including the owners of unnamed titles ("the US Secretary of State")."""
        refs = [m for m in s.found.actors if not (isinstance(m, PersonMention) and m.ref.key in s.excluded)]
        refs.extend(self._title_mentions(s))
        refs.sort(key=lambda m: m.start)
        return refs

    def _title_mentions(self, s: Sentence) -> list[Mention]:
        """The owners of the sentence's unnamed titles: each state named in a title where
        it is named ("the Foreign Ministers of Hungary and Slovakia"), else the owner over
        the whole title ("the Kazakh President")."""
        found = []
        for start, end, post in self._unnamed_titles(s):
            states = self._title_states(s, start, end, post.plural)
            if states:
                found.extend(Mention(m.ref, m.text, m.start, m.end, "title") for m in states)
            elif post.owner:
                span = s.span.doc.span(start, end)
                found.append(Mention(post.owner, span.text, span.start_char, span.end_char, "title"))
        return found


_OVER_TIME = re.compile(r"\b(?:since (?:independence|\d{4}|then|the (?:establishment|start|beginning))|over the "
                        r"(?:past |last )?(?:\w+ )?(?:years|decades)|to date|so far|in total)\b", re.IGNORECASE)
"""A span of time a count of documents is made over."""
_DOCUMENTS = re.compile(r"\b(?:agreements|documents|treaties|memoranda|memorandums|protocols|accords)\b", re.IGNORECASE)
_AFTER_TALKS = re.compile(r"\s*(?:following|after|at the end of|upon the conclusion of)\s+(?:the|these)\s+"
                          r"(?:talks|negotiations|meeting|consultations)\b", re.IGNORECASE)
"""A sentence that opens on talks it has already told: what was done after them."""
_REFERS_BACK = re.compile(r"(?:the|these|this|both)\s+(?:talks|visit|trip|tour|meeting|meetings|negotiations|"
                          r"consultations|summit|event|sides|two|delegations?|signing|agreement|ceremony)\b|"
                          r"(?:it|they)\s+(?:will|is|are|was|were|took|take|is\s+to)\b", re.IGNORECASE)
_ON_ARRIVAL = re.compile(r"\s*(?:upon|on|after) (?:his |her |their |the )?arrival\b|\s*during (?:the|his|her|their|this) "
                         r"(?:visit|trip|stay)\b", re.IGNORECASE)
"""A sentence that opens on a visit it has already told: what was done on it."""
_POSSESSIVE = re.compile(r"[’']s?\b")
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and)?\s*(?:the\s+)?")
_DATELINE_AFTER = re.compile(r"\s*(?:,|:|[-–—]|\(|\.\s+[A-Z][A-Za-z]+\s*[-–—])")  # "ASTANA. KAZINFORM –", "ISLAMABAD:"
_DATELINE_BEFORE = re.compile(r"\W*[A-Z][A-Za-z’'. -]*,\s*$")
_WORD = re.compile(r"\b[a-z]{3,}")
"""A word of running text: a dateline holds none ("MOSCOW, October 9. /TASS/.")."""
"""What comes before a dateline's date: its place ("ASTANA, " before "Sept 10, 2023 --")."""
_SINCE = re.compile(r"\bsince\b[^.;:,]{0,40}$", re.IGNORECASE)
"""After a city, the document named after it ("the Riga Declaration"): the city is no party."""
"""After a demonym, the venue ("in the Kazakh capital"): the state is where, not who."""
def _is_envoy(title: str, envoys: frozenset[str]) -> bool:
    """Whether a post title is a diplomatic envoy's ("Ambassador", "Chargé d'Affaires")."""
    lower = title.lower()
    return any(word in lower for word in envoys)


_COLLECTIVES = frozenset({"leadership", "side", "government", "authority", "official", "delegation", "counterpart"})
"""Nouns for those who act for a state, met as a body or unnamed: "the Kazakh leadership",
"his Kazakh counterpart"."""

_RECENT_DAYS = 14
"""How long before an undated report a dated one of the same actors may be the same event
(an earlier visit told as background is another one)."""


def _days_before(dated: Event, undated: Event) -> int:
    """Days from the last day of a dated event (given to the day) to an undated event's day
    (the article's); very many when either is not known to the day."""
    last, day = dated.date_last or dated.date, undated.date
    if not last or not day or len(last) != 10 or len(day) != 10:
        return 10 ** 6
    return (date.fromisoformat(day) - date.fromisoformat(last)).days
