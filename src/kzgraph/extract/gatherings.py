"""Reading gatherings: a summit or session reported over several sentences is one meeting,
held where the text (or the dateline) says; those who come to it from abroad visit that
state; a gathering only talked about is none."""

from __future__ import annotations

from kzgraph.extract.context import ANAPHORA, VENUE_BEFORE, Sentence, unique
from kzgraph.extract.model import Event, Mention, Ref


class GatheringReading:
    """The gathering readings of :class:`kzgraph.extract.relations.RelationFinder`: they use its
    lexicon, gazetteer and article context (owners of titles, date, dateline)."""

    def _at_gathering(self, s: Sentence) -> bool:
        """Whether a sentence reports a gathering, not one only talked about."""
        return any(not self._talked_of(s, s.span.start_char + cue.start())
                   for cue in self.gathering.finditer(s.span.text))

    def _talked_of(self, s: Sentence, at: int) -> bool:
        """Whether the word at character at lies in what a verb of discussion is about: in
        "the sides discussed the participation of X in the summit in Astana" the summit and
        Astana are what was discussed, not where anyone met."""
        doc = s.span.doc
        token = next((t for t in s.span if t.idx == at), None)
        while token is not None and token.head >= 0 and token.head != token.i:
            head = doc[token.head]
            if token.dep_ in ("dobj", "nsubjpass") and head.lemma_ in self.lex.lemmas["topic"]:
                return True
            token = head
        return False

    @staticmethod
    def _merge_gatherings(gatherings: list[tuple[Event, str]], dated: set[int]) -> list[tuple[Event, list[int]]]:
        """A gathering that a later sentence of the same date calls "the summit" or "the
        event" is one gathering ("the summit was attended by A and B. In addition, the
        event was attended by C"), and so is one a later sentence calls so without a date of
        its own ("Speaking at the summit, X ..."): each with the indices of the sentences it
        was read from."""
        latest: dict[str | None, tuple[Event, list[int]]] = {}
        result: list[tuple[Event, list[int]]] = []
        for event, text in gatherings:
            if result and id(event) not in dated and ANAPHORA.search(text):
                latest[event.date] = result[-1]
            elif event.date not in latest or not ANAPHORA.search(text):
                latest[event.date] = (event, [])
                result.append(latest[event.date])
            first, sources = latest[event.date]
            sources.append(event.sentence)
            if first is not event:
                first.roles["participant"] = unique(first.roles["participant"] + event.roles["participant"])
        return result

    def _summit_visits(self, sentences: list[Sentence], event: Event, lead: bool = False) -> list[Event]:
        """Those who come from abroad to a gathering held in a named city visit its state:
        the representatives of other states, and the officials of international bodies. A
        meeting the lead sentence of a dateline reports without naming a place is held at
        the dateline's ("ASTANA, May 16 – X met Y"), unless it was a call (or the sentence
        names a city the parse does not say it was held in: the dateline may be the outlet's)."""
        venue = next((v for s in sentences if (v := self._venue(s))), None)
        dateline = self._dateline_at[1] if self._dateline_at else None
        if venue is None and lead and event.detail not in _REMOTE and not any(
                m.ref.kind == "state" and m.form in ("capital", "city") and m is not dateline
                for s in sentences for m in s.found.actors + s.found.nested):
            venue = dateline
        if venue is None:
            return []
        visits = []
        envoys_of = {post.owner for s in sentences for _, _, post in s.found.titles
                     if post.owner and any(envoy in post.head.lower() for envoy in self.envoys)}
        envoys = {p.ref for s in sentences for p in s.persons
                  if p.post and any(envoy in p.post.head.lower() for envoy in self.envoys)}
        for ref in event.roles["participant"]:
            if ref in envoys_of or ref in envoys:
                continue  # a state met through its envoy, or an envoy, came from nowhere: the envoy lives there
            home = ref if ref.kind == "state" else self._owners.get(ref) or self._side_of_person(ref)
            if home is None or home == venue.ref or home.kind != "state" and not self._international(home) \
                    or self._seat(home) == venue.ref.key:
                continue  # at home, or at the seat of the body one serves ("the EU's Kallas in Brussels")
            visits.append(Event("visit", event.sentence, {"visitor": [ref], "destination": [venue.ref]},
                                date=event.date, date_inferred=event.date_inferred, date_last=event.date_last,
                                detail="visit",
                                place=venue.text if venue.form == "city" else None,
                                offices={k: t for k, t in event.offices.items() if k == ref.key}))
        return visits

    def _seat(self, ref: Ref) -> str | None:
        """The state an organization of the gazetteer has its seat in, if known."""
        try:
            return self.gaz.get("organization", ref.key).seat if ref.kind == "org" else None
        except KeyError:
            return None

    def _international(self, ref: Ref) -> bool:
        """Whether an organization of the gazetteer is an international body (no state's own)."""
        try:
            return self.gaz.get("organization", ref.key).kind_detail in _INTERNATIONAL
        except KeyError:
            return False

    def _venue(self, s: Sentence) -> Mention | None:
        """The city or capital a sentence says something happens in."""
        text, base = s.span.text, s.span.start_char
        return next((m for m in s.found.actors + s.found.nested
                     if m.ref.kind == "state" and m.form in ("capital", "city")
                     and VENUE_BEFORE.search(text[:m.start - base]) and not self._talked_of(s, m.start)), None)


_INTERNATIONAL = frozenset({"intergovernmental", "un-body", "eu-body"})
_REMOTE = frozenset({"telephone conversation", "video conference"})
