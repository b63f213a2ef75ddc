"""Roles from the parse: who visits where, and who meets whom, in one parsed sentence.

An event verb is found by its lemma (``event_lemmas`` in ``data/lexicon.json``), in any
inflection: "departed for", "left for", "will visit", "was received by". Its roles come
from the dependency parse of ``kz_grammar``, not from word order:

- the subject of the verb, through the passive ("was received by" gives the agent), a
  relative clause ("the minister, who arrived ...": the noun the clause hangs on), a
  coordinated or subordinate verb ("arrived and held talks", "after meeting X": the
  subject of the clause it belongs to) and coordination ("A and B met");
- the object or the "with" phrase for a meeting ("met X", "held talks with X");
- the place in a "to", "for", "in" or "at" phrase, or the object of "visit", for a visit.

A phrase's actors are the mentions inside it, less those in its own prepositional
phrases, clauses and asides ("Tokayev, President of Kazakhstan" is Tokayev). Companions
("accompanied by X") visit with their leader; speakers, and persons inside "on behalf
of"-like phrases, take no role, since they are neither subject nor object of the event.
"""

from __future__ import annotations

import itertools

from kzgraph.extract.lexicon import Lexicon
from kzgraph.extract.model import Event, Mention, Ref
from kzgraph.extract.tokens import Span, Token, TokenDoc

_SUBJECTS = ("nsubj", "nsubjpass")
_OBJECTS = ("dobj", "obj", "attr", "oprd")
_PLACE_PREPOSITIONS = ("to", "for", "in", "at", "into")
_RELATIVE = ("who", "which", "that")
_PRONOUNS = ("he", "she")
# dependents that leave a phrase: its own clauses, asides and modifiers with a preposition
def _coordinated(doc: TokenDoc, token: Token) -> bool:
    """Whether a token is a further item of a list: a conjunct, or a state the parse hangs
    on another as an apposition ("the leaders of Kazakhstan, Kyrgyzstan, Tajikistan and ...":
    one state is never another's apposition)."""
    return token.dep_ == "conj" or token.dep_ == "appos" and token.ent_type_ == "STATE" \
        and token.head >= 0 and doc[token.head].ent_type_ == "STATE" and doc[token.head].ent_id_ != token.ent_id_


def _list_items(doc: TokenDoc, token: Token) -> list[Token]:
    """A token and the further items of the list it begins, however deep the parse chains
    them ("from Estonia, Latvia and Lithuania": Lithuania hangs on Latvia)."""
    items, todo = [], [token]
    while todo:
        item = todo.pop()
        items.append(item)
        todo.extend(c for c in doc.children(item.i) if _coordinated(doc, c))
    return items


DELEGATIONS = frozenset({"delegation", "side"})
"""Nouns for the group that acts for a state at talks and can be led: "the Kazakh side was led by X"."""

_OUTSIDE_PHRASE = ("prep", "relcl", "acl", "advcl", "punct", "cc", "det", "poss", "case", "amod", "nummod")
_MEETING_NOUNS = frozenset({"talk", "talks", "meeting", "negotiation", "negotiations", "consultation",
                            "consultations", "conversation", "call", "discussion", "discussions"})
_HOLD = frozenset({"hold", "have", "conduct"})
_TOGETHER = frozenset({"meet", "discuss", "negotiate", "confer", "talk"})
"""Verbs whose subjects, when several, do it together: "A and B met", "A and B discussed X"."""
_LEAD = frozenset({"lead", "head", "chair"})
"""Verbs of leading a delegation."""
_SPEAK = frozenset({"speak", "converse", "chat"})
_PHONE = frozenset({"call", "phone", "telephone", "ring"})
"""Verbs of calling someone by phone ("Putin called Tokayev", "was phoned by X")."""
"""Verbs of conversation that are a meeting only with whom: "spoke via video link with X"."""
_EXCHANGED = frozenset({"view", "opinion", "idea"})
"""What two sides exchange when they meet: "exchanged views"."""
_POSSIBLY = frozenset({"could", "may", "might", "should"})
"""Modals under which an event is only possible or wished: "could sign", "should visit"."""
RECEIVING = frozenset({"receive", "host", "greet", "welcome"})
"""Verbs whose subject hosts the one it meets: "X received Y"."""
_ABSENT = frozenset({"skip", "miss", "boycott", "snub"})
_CALLED_OFF = frozenset({"cancel", "postpone", "scrap", "suspend", "delay", "abandon"})
"""Verbs of an event that does not take place as planned: "cancelled his trip", "the visit was postponed"."""
"""Verbs whose subject stays away from the event: "skipped the summit"."""
_WISHED = frozenset({"invite", "hope", "wish", "want", "propose", "offer", "urge", "call"})
"""Verbs whose complement is wished for, not done: "invited X to visit", "hopes to meet"."""
_FUTURE = frozenset({"will", "shall", "would", "'ll"})
_PLANNED = frozenset({"agree", "plan", "intend", "decide", "expect", "schedule", "aim", "prepare", "set"})
"""Verbs whose complement is yet to be done: "agreed to sign", "is set to sign"."""
_GOVERNED = frozenset({"dobj", "pobj", "prep", "compound", "amod", "nsubjpass"})
"""Links by which a noun names what its verb does: "attend the summit", "take part in talks"."""
_SET_AT = frozenset({"following", "after", "during", "at"})


def _governing_verb(doc: TokenDoc, token: Token | None) -> Token | None:
    """The verb token governs: itself, or the first verb up its chain of heads; None if none."""
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head >= 0 and token.head != token.i:
        token = doc[token.head]
    return token if token is not None and token.pos_ in ("VERB", "AUX") else None


def mention_tokens(span: Span, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the mention (document offsets) the token of span belongs to; the
    tokens of the title written just before a person's name belong to the person, so that
    a parse that hangs the name elsewhere still finds who "the Deputy Minister of Vietnam" is."""
    titles = [(start, m) for m in mentions if (start := _title_start(span.doc.text, m)) is not None]
    at = {}
    for token in span:
        m = next((m for m in reversed(mentions) if m.start <= token.idx < m.end), None)  # the last wins
        m = m or next((m for start, m in titles if start <= token.idx < m.start), None)
        if m is not None:
            at[token.i] = m
    return at


def delegation_leader(doc: TokenDoc, noun: Token) -> Token | None:
    """The token the parse makes the leader of a delegation noun, if any: "X led the
    delegation", "X, who led the delegation", "the delegation was led by X", "X, head of the
    delegation", "the delegation led by X"."""
    head = doc[noun.head] if noun.head >= 0 else None
    if head is not None and head.lemma_ in _LEAD:
        if noun.dep_ in ("dobj", "obj"):  # "X led the delegation", "X, who led the delegation"
            subject = next((c for c in doc.children(head.i) if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in ("who", "that") and head.dep_ == "relcl":
                return doc[head.head]
            return subject
        if noun.dep_ == "nsubjpass":  # "the delegation was led by X"
            return _agent(doc, head)
    if head is not None and noun.dep_ == "pobj" and head.lemma_ == "of" and head.head >= 0:
        leading = doc[head.head]  # "X, head of the delegation"
        if leading.lemma_ in _LEAD | {"leader", "chairman"} and leading.dep_ == "appos" and leading.head >= 0:
            return doc[leading.head]
    for child in doc.subtree(noun.i):  # "the delegation led by X", "a delegation of the Congress led by X"
        if child.dep_ == "acl" and child.lemma_ in _LEAD:
            return _agent(doc, child)
    return None


def _agent(doc: TokenDoc, verb: Token) -> Token | None:
    """The object of a passive verb's "by" phrase."""
    agent = next((a for a in doc.children(verb.i) if a.dep_ == "agent"), None)
    return next((o for o in doc.children(agent.i) if o.dep_ == "pobj"), None) if agent else None


def dateline_subject(doc: TokenDoc, subject: Token) -> Token:
    """The subject itself, or, when the parse made a dateline place the subject and hung the
    real one on it ("ASTANA (AKIpress) - President X arrived ..."), that one."""
    if subject.ent_type_ not in ("CAPITAL", "CITY"):
        return subject
    hung = [c for c in doc.children(subject.i) if c.dep_ == "appos" and c.i > subject.i]
    return hung[-1] if hung else subject  # the last: "ASTANA (AKIpress) - X" hangs the outlet first


def _led_by(doc: TokenDoc, noun: Token, at: dict[int, Mention]) -> Token:
    """The named person who leads a delegation noun, else the noun itself."""
    if noun.lemma_ not in DELEGATIONS:
        return noun
    leader = delegation_leader(doc, noun)
    return leader if leader is not None and leader.i in at and at[leader.i].ref.kind == "person" else noun


def _person_subject_before(doc: TokenDoc, pronoun: Token, at: dict[int, Mention]) -> Ref | None:
    """The person named as a subject earlier in the pronoun's sentence: "X visited
    Washington, where he met Y" (he: X)."""
    root = pronoun
    while root.head >= 0 and root.head != root.i:
        root = doc[root.head]
    subjects = [t for t in doc.subtree(root.i) if t.i < pronoun.i and t.dep_ in ("nsubj", "nsubjpass")
                and t.i in at and at[t.i].ref.kind == "person"]
    return at[subjects[-1].i].ref if subjects else None


def _title_start(text: str, mention: Mention) -> int | None:
    """Where the title of a person mention starts, when it is written just before the name
    ("Deputy Foreign Minister of Vietnam Do Hung Viet", "the Ambassador of Chile, X")."""
    post = getattr(mention, "post", None)
    if post is None or not post.title:
        return None
    window = max(0, mention.start - len(post.title) - 4)  # the title and ", " or spaces: not the whole text
    before = text[window:mention.start].rstrip(" ,")
    return window + len(before) - len(post.title) if before.endswith(post.title) else None


class RoleReader:
    """Visits and meetings of one parsed sentence."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.visit_lemmas = lexicon.lemmas["visit"] - _MEETING_NOUNS
        self.meet_lemmas = RECEIVING | {"meet"}
        self.envoy_words = frozenset(w for title in lexicon["envoy_titles"] for w in title.split())
        self.company = lexicon.lemmas["company"]
        self.speech = lexicon.lemmas["speech"]
        self.signing = frozenset({"sign", "conclude", "ratify", "ink", "initial", "adopt"})
        self.documents = lexicon.lemmas["agreement"] - self.signing - {"signing"} | {
            "declaration", "roadmap", "document", "contract", "convention", "charter", "statement", "plan",
            "programme", "program", "communique"}

    @staticmethod
    def parsed(span: Span) -> bool:
        """Whether kz_grammar parsed the sentence."""
        return len(span) > 0 and span.doc[span.start].head >= 0

    # ---------------------------------------------------------------- phrases

    def _phrase(self, doc: TokenDoc, i: int, *, conjuncts: bool = True) -> list[Token]:
        """Token i and what belongs to its phrase, coordinated phrases with it."""
        found, todo = [], [i]
        while todo:
            k = todo.pop()
            found.append(doc[k])
            for child in doc.children(k):
                if child.dep_ == "conj" and not conjuncts or child.dep_ in _OUTSIDE_PHRASE and not (
                        child.dep_ == "prep" and child.lower_ == "of"):  # "the delegation of China" stays
                    continue
                todo.append(child.i)
        return found

    def _actors(self, doc: TokenDoc, i: int, at: dict[int, Mention]) -> list[Ref]:
        """The actors named by the phrase of token i (persons before states they hold posts of)."""
        refs: list[Ref] = []
        for token in sorted(self._phrase(doc, i), key=lambda t: t.i):
            m = at.get(token.i)
            if m is not None and m.ref not in refs:
                refs.append(m.ref)
        return refs

    @staticmethod
    def unreal(doc: TokenDoc, verb: Token) -> bool:
        """Whether the parse says the verb's event did not or may not happen: called off
        ("cancelled the visit"), negated ("did not attend"), under a modal of possibility
        ("could sign", "may visit"), or what someone is invited or hopes to do ("invited X to
        visit Y", "hopes he will visit"). Plans count as events."""
        children = doc.children(verb.i)
        if verb.lemma_ in _CALLED_OFF or any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in _POSSIBLY
                                             or verb.lemma_ == "call" and c.dep_ == "prt" and c.lower_ == "off"
                                             for c in children):
            return True  # "cancelled his trip", "the visit was postponed"
        if verb.dep_ not in ("xcomp", "ccomp") or verb.head < 0:  # "to visit", "(that) he will visit"
            return False
        head = doc[verb.head]  # the form too: the small pipeline lemmatises "hoped" as "hop"
        return head.lemma_ in _WISHED or any(head.lower_.startswith(w) for w in _WISHED)

    def sources(self, span: Span, persons: list[Mention]) -> set[str]:
        """The persons a sentence ends by citing as its source, after a comma and with nothing
        said after the verb ("X received Y, press secretary Z wrote on Facebook"), whatever the
        parse hangs them on."""
        if not self.parsed(span):
            return set()
        doc, found = span.doc, set()
        for person in persons:
            after = next((t for t in span if t.idx >= person.end), None)
            if after is None or after.pos_ != "VERB" or after.lemma_ not in self.speech or any(
                    c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > after.i for c in doc.children(after.i)):
                continue  # the speaker of what follows ("X noted that ...") is no source of what came before
            before = [t for t in span if t.idx < person.start]
            phrase = list(itertools.takewhile(lambda t: t.pos_ in ("PROPN", "NOUN", "ADJ", "DET"), reversed(before)))
            if len(before) > len(phrase) and before[-len(phrase) - 1].text == ",":
                found.add(person.ref.key)
        return found

    def absent(self, span: Span, persons: list[Mention]) -> set[str]:
        """The persons the parse says stay away from what the sentence reports: the subjects
        of "skip", "miss", "boycott" ("Modi skipped the summit and was represented by X")."""
        if not self.parsed(span):
            return set()
        doc, at = span.doc, mention_tokens(span, persons)
        return {ref.key for verb in span if verb.pos_ == "VERB" and verb.lemma_ in _ABSENT
                for ref in self._doers(doc, self._subject(doc, verb)[0], at, None)}

    def yet_to_come(self, span: Span, char: int) -> bool:
        """Whether the parse says the verb that governs the word at character char of a
        sentence tells of what is yet to come: "will visit ... on 5 October", "is expected to
        arrive on Friday", "are scheduled for 14 May", "where he will meet X on Friday"."""
        if not self.parsed(span):
            return False
        doc = span.doc
        verb = _governing_verb(doc, next((t for t in span if t.idx <= char < t.idx + len(t.text)), None))
        return verb is not None and (self.pending(doc, verb) or verb.lemma_ in _PLANNED and any(
            c.dep_ == "auxpass" for c in doc.children(verb.i)))

    @staticmethod
    def pending(doc: TokenDoc, verb: Token) -> bool:
        """Whether the parse says the verb's event is yet to come: "will sign", "agreed to
        sign", "are expected to sign" (a document so spoken of is not yet signed)."""
        children = doc.children(verb.i)
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE for c in children):
            return True
        if verb.lemma_ in _PLANNED and any(c.dep_ == "xcomp" for c in children):
            return True  # the cue is the plan itself: "agreed to sign"
        if verb.dep_ != "xcomp" or verb.head < 0:
            return False
        head = doc[verb.head]
        return head.lemma_ in _PLANNED or RoleReader.pending(doc, head)

    def doers_at(self, span: Span, mentions: list[Mention], char: int) -> list[Ref] | None:
        """Who does the verb governing the word at character char of a sentence ("X attended
        the summit": X; "Y said Moscow was watching the summit": Russia), or None when the
        sentence is not parsed."""
        if not self.parsed(span):
            return None
        doc = span.doc
        verb = _governing_verb(doc, next((t for t in span if t.idx == char), None))
        if verb is None:
            return []
        subject, passive = self._subject(doc, verb)
        return [] if passive else self._doers(doc, subject, mention_tokens(span, mentions), None)

    def subject_at(self, span: Span, char: int) -> Token | None:
        """The subject (active) of the verb governing the word at character char of a parsed
        sentence, or None."""
        if not self.parsed(span):
            return None
        doc = span.doc
        verb = _governing_verb(doc, next((t for t in span if t.idx == char), None))
        if verb is None:
            return None
        subject, passive = self._subject(doc, verb)
        return None if passive else subject

    def unreal_at(self, span: Span, char: int, *, pending: bool = False) -> bool:
        """unreal (or, with pending, yet to come) for the word at character char of a parsed
        sentence, or, for a noun it governs as object ("did not attend the summit", "may hold
        talks"), its verb."""
        doc = span.doc
        token = next((t for t in span if t.idx == char), None)
        while token is not None and token.head >= 0 and token.pos_ not in ("VERB", "AUX") \
                and token.dep_ in _GOVERNED and token.head != token.i:
            token = doc[token.head]
        return token is not None and token.head >= 0 and (self.unreal(doc, token) or pending and self.pending(doc, token))

    def _subject(self, doc: TokenDoc, verb: Token) -> tuple[Token | None, bool]:
        """The token that names the verb's doer, and whether the verb is passive."""
        seen, raised = set(), False
        while verb.i not in seen:
            seen.add(verb.i)
            children = doc.children(verb.i)
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
            raised_subject = next((c for c in children if c.dep_ == "nsubjpass"), None) if raised else None
            if raised_subject is not None and verb.lemma_ in _PLANNED:
                return dateline_subject(doc, raised_subject), False  # "X is scheduled to meet Y": X meets
            if passive:
                agent = next((c for c in children if c.dep_ == "agent"), None)
                obj = next((g for g in doc.children(agent.i) if g.dep_ == "pobj"), None) if agent else None
                return obj, True
            # the subject nearest the verb (a dateline may be parsed as a second subject)
            subject = max((c for c in children if c.dep_ in _SUBJECTS), key=lambda c: (c.i < verb.i, c.i),
                          default=None)
            if subject is not None:
                if subject.lower_ in _RELATIVE and verb.dep_ == "relcl" and verb.head >= 0:
                    return doc[verb.head], False
                return dateline_subject(doc, subject), False
            if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl") and verb.head >= 0 and verb.head != verb.i:
                head = doc[verb.head]
                if head.dep_ == "prep" and head.head >= 0:  # "after meeting X": the clause "after" belongs to
                    head = doc[head.head]
                if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
                    return head, False  # "the delegation led by ..." is the noun itself
                raised = verb.dep_ == "xcomp"
                verb = head
                continue
            return None, False
        return None, False

    def _located(self, doc: TokenDoc, i: int, at: dict[int, Mention]) -> list[Ref]:
        """The states of the "in" phrases on the phrase of token i (a site and where it is)."""
        return [r for token in self._phrase(doc, i) for prep in doc.children(token.i)
                if prep.dep_ == "prep" and prep.lower_ == "in"
                for obj in doc.children(prep.i) if obj.dep_ == "pobj"
                for r in self._actors(doc, obj.i, at) if r.kind == "state"]

    def _companions(self, doc: TokenDoc, subject: Token, at: dict[int, Mention], *,
                    entourage: bool = True) -> list[Ref]:
        """Actors "along with" / "together with" the subject and, with entourage, those
        "accompanied by" it, in an aside on it or on its verb (an entourage travels with its
        leader, but only those who act together meet together)."""
        refs: list[Ref] = []
        for token in [subject, *([doc[subject.head]] if subject.head >= 0 else [])]:
            for child in doc.children(token.i):
                if entourage and child.lemma_ in self.company and child.dep_ in ("acl", "advcl", "relcl"):
                    links = [a for a in doc.children(child.i) if a.dep_ == "agent"]
                elif child.dep_ in ("prep", "advmod") and child.lower_ in ("along", "together"):
                    links = [w for w in doc.children(child.i) if w.dep_ == "prep" and w.lower_ == "with"]
                else:
                    continue
                for link in links:
                    for obj in doc.children(link.i):
                        if obj.dep_ == "pobj":
                            refs.extend(r for r in self._actors(doc, obj.i, at) if r not in refs)
        return refs

    # ---------------------------------------------------------------- events

    def visits(self, span: Span, mentions: list[Mention], protagonist: Ref | None,
               own_state: dict[Ref, Ref], here: Ref | None = None) -> tuple[list[Event], bool]:
        """Visits of a parsed sentence, (visitor, destination) from each verb of travel, and
        whether the sentence has a verb of travel to a state at all (then the parse has
        said who travels, even when it names nobody: "the minister, who arrived ...");
        here is the state of the article's dateline, where "here" points."""
        doc, at = span.doc, mention_tokens(span, mentions)
        events = self._welcomed(span, at, own_state) + self._taken(span, at, own_state, protagonist)
        travel = bool(events)
        for verb in span:
            if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ not in self.visit_lemmas:
                continue
            if self.unreal(doc, verb):
                travel = True  # the parse has said who travels: nobody
                continue
            subject, passive = self._subject(doc, verb)
            places: list[Ref] = []
            for child in doc.children(verb.i):
                if child.dep_ == "prep" and child.lower_ in _PLACE_PREPOSITIONS:
                    for obj in doc.children(child.i):
                        if obj.dep_ == "pobj":
                            places.extend(r for r in self._actors(doc, obj.i, at) if r.kind == "state")
                elif child.dep_ in _OBJECTS and verb.lemma_ in ("visit", "tour"):
                    places.extend(r for r in self._actors(doc, child.i, at) if r.kind == "state")
                    places.extend(self._located(doc, child.i, at))  # "visited a plant in Romania"
                elif child.lower_ == "here" and here is not None:  # "arrived here": the dateline's place
                    places.append(here)
            if passive and verb.lemma_ == "visit":  # "Astana was visited by X"
                target = next((c for c in doc.children(verb.i) if c.dep_ == "nsubjpass"), None)
                places = [r for r in self._actors(doc, target.i, at) if r.kind == "state"] if target else []
            travel = travel or bool(places)
            visitors = self._doers(doc, subject, at, protagonist)
            if subject is not None and not passive:
                visitors += [r for r in self._companions(doc, subject, at) if r not in visitors]
            for visitor in visitors:
                for place in dict.fromkeys(places):
                    if place != visitor and place != own_state.get(visitor):
                        events.append(Event("visit", 0, {"visitor": [visitor], "destination": [place]},
                                            detail="visit"))
        return events, travel

    def _welcomed(self, span: Span, at: dict[int, Mention], own_state: dict[Ref, Ref]) -> list[Event]:
        """Whom a host welcomes to a place visits it: "X welcomed Y to Berlin"; and whom a
        host of a state meets at the airport visits that state ("Y was welcomed at the airport
        by Vice President X of Vietnam")."""
        doc, events = span.doc, []
        for verb in span:
            if verb.pos_ != "VERB" or verb.lemma_ not in ("welcome", "greet", "meet"):
                continue
            children = doc.children(verb.i)
            guests = [r for c in children if c.dep_ in _OBJECTS for r in self._actors(doc, c.i, at)]
            places = [r for c in children if c.dep_ == "prep" and c.lower_ == "to"
                      for o in doc.children(c.i) if o.dep_ == "pobj"
                      for r in self._actors(doc, o.i, at) if r.kind == "state"] if verb.lemma_ == "welcome" else []
            if any(c.dep_ == "prep" and c.lower_ == "at" and any(o.lemma_ == "airport" for o in doc.children(c.i))
                   for c in children):
                host, passive = self._subject(doc, verb)  # in the passive, who it is "by"
                hosts = list(dict.fromkeys(at[t.i].ref for t in doc.subtree(host.i) if t.i in at)) \
                    if host is not None else []  # "by Vice President of Vietnam X": X, in the phrase
                if passive:
                    guests = [r for c in children if c.dep_ == "nsubjpass" for r in self._actors(doc, c.i, at)]
                places += [own_state[h] for h in hosts if h in own_state and own_state[h] not in places]
            events += [Event("visit", 0, {"visitor": [guest], "destination": [place]}, detail="visit")
                       for guest in [g for g in guests if g.kind == "person"] or guests for place in places
                       if place != guest and place != own_state.get(guest)]
        return events

    def _taken(self, span: Span, at: dict[int, Mention], own_state: dict[Ref, Ref],
               protagonist: Ref | None) -> list[Event]:
        """Whom a journey takes to a place visits it: "a trip that also took him to India",
        "the tour will take the minister to Bishkek" ("him": the person the sentence's main
        verb is about, else the article's protagonist)."""
        doc, events = span.doc, []
        root = next((t for t in span if t.dep_ == "ROOT"), None)
        main = self._doers(doc, self._subject(doc, root)[0], at, protagonist) if root is not None else []
        for verb in span:
            if verb.pos_ != "VERB" or verb.lemma_ != "take" or self.unreal(doc, verb):
                continue
            children = doc.children(verb.i)
            journey = doc[verb.head] if verb.dep_ == "relcl" else next(
                (c for c in children if c.dep_ == "nsubj"), None)
            if journey is None or journey.pos_ != "NOUN" or journey.lemma_ not in self.visit_lemmas:
                continue
            travellers = [r for c in children if c.dep_ in _OBJECTS for r in (
                [p for p in main if p.kind == "person"][:1] or [protagonist] if c.lower_ in ("him", "her")
                else self._actors(doc, c.i, at)) if r is not None]
            places = [r for c in children if c.dep_ == "prep" and c.lower_ == "to"
                      for o in doc.children(c.i) if o.dep_ == "pobj"
                      for r in self._actors(doc, o.i, at) if r.kind == "state"]
            events += [Event("visit", 0, {"visitor": [who], "destination": [place]}, detail="visit")
                       for who in travellers for place in places
                       if place != who and place != own_state.get(who)]
        return events

    def nominal_visits(self, span: Span, mentions: list[Mention],
                       own_state: dict[Ref, Ref]) -> tuple[list[Event], bool]:
        """Visits named by a noun that says who travels: "X's visit to Y", "the visit of X
        to Y", "the state visit by X to Y" (the visitor in the possessive, "of" or "by"
        phrase, the place in its "to" or "in" phrase); and whether such a noun names both,
        when the parse has said who travels even if it is no actor the text names ("the
        visit of the Russian speaker to Kazakhstan": the state the title belongs to)."""
        doc, at = span.doc, mention_tokens(span, mentions)
        events, said = [], False
        for noun in span:
            if noun.pos_ != "NOUN" or noun.lemma_ not in self.visit_lemmas:
                continue
            if self.unreal_at(span, noun.idx):  # "cancelled his trip to Baku"
                said = True
                continue
            visitors: list[Ref] = []
            places: list[Ref] = []
            phrases = 0
            for child in doc.children(noun.i):
                if child.dep_ == "poss":
                    visitors.extend(self._actors(doc, child.i, at))
                    phrases += child.pos_ != "PRON"  # "his visit": whose is read elsewhere
                elif child.dep_ == "prep" and child.lower_ in ("of", "by", "to", "in"):
                    for obj in (o for o in doc.children(child.i) if o.dep_ == "pobj"):
                        if child.lower_ in ("of", "by"):
                            found = self._actors(doc, obj.i, at) or self._title_state(doc, obj)
                            visitors.extend([r for r in found if r.kind == "person"] or found[:1])
                            phrases += obj.pos_ in ("NOUN", "PROPN")
                        else:
                            places.extend(r for r in self._actors(doc, obj.i, at) if r.kind == "state")
            if not phrases and noun.dep_ == "pobj" and self._on_visit(doc, noun):
                being = doc[doc[noun.head].head]
                visitors = self._doers(doc, self._subject(doc, being)[0], at, None)
                phrases = len(visitors)
                if not places:  # "X is in Kazakhstan on a working visit"
                    places = [r for prep in doc.children(being.i) if prep.dep_ == "prep" and prep.lower_ == "in"
                              for o in doc.children(prep.i) if o.dep_ == "pobj"
                              for r in self._actors(doc, o.i, at) if r.kind == "state"]
            said = said or bool(phrases and places)
            for visitor in dict.fromkeys(visitors):
                for place in dict.fromkeys(places):
                    if place != visitor and place != own_state.get(visitor):
                        events.append(Event("visit", 0, {"visitor": [visitor], "destination": [place]},
                                            detail="visit"))
        return events, said

    def _title_state(self, doc: TokenDoc, token: Token) -> list[Ref]:
        """The state a title without a name belongs to, by the demonym or state on it: "the
        German minister", "his Indian counterpart" (not an envoy's: "the Uzbek ambassador"
        lives where he is met, and stands for his state only when named)."""
        if token.ent_type_ != "POST" and token.lemma_ != "counterpart" or token.lower_ in self.envoy_words:
            return []
        plural = token.lower_ != token.lemma_.lower()
        near = doc.children(token.i) + [o for p in doc.children(token.i) if p.dep_ == "prep" and (
            p.lower_ == "from" or p.lower_ == "of" and plural) for o in doc.children(p.i) if o.dep_ == "pobj"]
        # "counterparts from A and B", "the foreign ministers of A and B"
        states = list(dict.fromkeys(Ref("state", t.ent_id_) for n in near for t in _list_items(doc, n)
                                    if t.ent_type_ in ("STATE", "DEMONYM") and t.ent_id_))
        return states if plural else states[:1]  # all for a plural: "counterparts"

    @staticmethod
    def _on_visit(doc: TokenDoc, noun: Token) -> bool:
        """Whether a visit noun says where its subject is: "X, who is on a visit to Y"."""
        prep = doc[noun.head]
        return prep.lower_ == "on" and prep.head >= 0 and doc[prep.head].lemma_ == "be"

    def meetings(self, span: Span, mentions: list[Mention], protagonist: Ref | None) -> list[Event]:
        """Meetings of a parsed sentence: the doer of meet/receive/hold talks and the other side."""
        doc, at = span.doc, mention_tokens(span, mentions)
        events = []
        for verb in span:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            others: list[Token] = []
            children = doc.children(verb.i)
            if self._after_talks(doc, children):  # "Following the talks, A and B made statements"
                subject, passive = self._subject(doc, verb)
                doers = [] if passive else self._doers(doc, subject, at, protagonist)
                if len(doers) >= 2:
                    events.append(Event("meeting", 0, {"participant": doers}, detail="meeting"))
                    continue
            if self.unreal(doc, verb):
                continue
            held = self._held_between(doc, verb, children, at)
            if held:  # "a meeting was held between X and Y"
                events.append(Event("meeting", 0, {"participant": held}, detail="meeting"))
                continue
            with_only = verb.lemma_ in _SPEAK  # "spoke with X", never "A and B spoke at the forum"
            if verb.lemma_ in _TOGETHER or with_only or verb.lemma_ == "exchange" and any(
                    c.dep_ in _OBJECTS and c.lemma_ in _EXCHANGED for c in children):  # "A and B exchanged views"
                # "A and B discussed cooperation by phone" (the parse may give each its own nsubj)
                doers = list(dict.fromkeys(r for c in children if c.dep_ == "nsubj"
                                           for r in self._doers(doc, c, at, protagonist)))
                near = children + [g for c in children if c.dep_ in _OBJECTS for g in doc.children(c.i)] + [
                    g for c in children if c.dep_ == "prep" and c.lower_ in ("via", "by", "over")
                    for o in doc.children(c.i) for g in doc.children(o.i)]  # "spoke via video link with X"
                met = [r for prep in near if prep.dep_ == "prep" and prep.lower_ == "with"  # or on its object
                       for o in doc.children(prep.i) if o.dep_ == "pobj" for r in self._actors(doc, o.i, at)]
                if met and verb.lemma_ not in self.meet_lemmas:  # "A discussed trade with B"
                    doers += [r for r in [r for r in met if r.kind == "person"] or met if r not in doers]
                if len(doers) >= 2 and (not met or verb.lemma_ not in self.meet_lemmas) and (met or not with_only):
                    events.append(Event("meeting", 0, {"participant": doers}, detail="meeting"))
                    continue
            detail = "meeting"
            if verb.lemma_ in self.meet_lemmas:  # "hosted a meeting of X" is no meeting with X
                # the small parser may call a name after the verb an adverbial ("to meet X." as npadvmod)
                others = [c for c in children if (c.dep_ in _OBJECTS or c.dep_ == "npadvmod" and c.i > verb.i)
                          and c.lemma_ not in _MEETING_NOUNS]  # not a dateline: "ASTANA – X received Y"
                holders = [verb]
            elif verb.lemma_ in _HOLD:
                holders = [c for c in children if c.dep_ in _OBJECTS and c.lemma_ in _MEETING_NOUNS]
                if not holders:
                    continue
            elif verb.lemma_ in _PHONE and (phoned := self._phoned(doc, verb, at)):  # "Putin called Tokayev"
                others, holders, detail = phoned, [verb], "telephone conversation"
            elif verb.lemma_ in ("call", "pay"):  # "called on X", "paid a courtesy call on X"
                others = self._called_on(doc, verb, at)
                if not others:
                    continue
                holders = [verb]
            else:
                continue
            for holder in dict.fromkeys(holders + [verb]):  # "held talks with X", "held talks in Y with X"
                for prep in doc.children(holder.i):
                    if prep.dep_ == "prep" and prep.lower_ in ("with", "between"):
                        others.extend(o for o in doc.children(prep.i) if o.dep_ == "pobj" and (
                            holder is not verb or verb in holders  # on the verb of holding: a person only
                            or any(r.kind == "person" for r in self._actors(doc, o.i, at))))
            subject, passive = self._subject(doc, verb)
            doers = self._doers(doc, subject, at, protagonist)
            if subject is not None and doers:  # "X, along with Y, met Z": Y is there too
                doers += [r for r in self._companions(doc, subject, at, entourage=False) if r not in doers]
            if passive:  # "X was received by Y": the object side is the passive subject
                target = next((c for c in children if c.dep_ == "nsubjpass"), None)
                others = [target] if target is not None else []
            others = [_led_by(doc, o, at) for o in others]  # "received a delegation ... led by X": X
            met = [r for o in others for r in (self._doers(doc, o, at, protagonist) if o.lower_ in _PRONOUNS
                                                else self._actors(doc, o.i, at) or self._title_state(doc, o))]
            met = [r for r in met if r.kind == "person"] or met  # "the Rector of X, Y": Y, not X
            separate = any(h.lower_ == "meetings" and any(c.lower_ in ("bilateral", "separate") for c in doc.children(h.i))
                           for h in holders)  # "held bilateral meetings with A and B"
            if separate or any(o.lemma_ == "counterpart" and o.lower_ != o.lemma_ for o in others) or self._apart(met, at):
                groups = [[r] for r in met]  # "met with his counterparts from A and B": one meeting each
            else:
                groups = [met]
            for group in groups:
                sides = list(dict.fromkeys(doers + group))
                if doers and group and len(sides) >= 2:
                    events.append(Event("meeting", 0, {"participant": sides}, detail=detail))
        return events

    def _phoned(self, doc: TokenDoc, verb: Token, at: dict[int, Mention]) -> list[Token]:
        """Whom a person calls by phone: the person the verb acts on ("Putin called Tokayev on
        Monday", "Erdogan phoned Tokayev to congratulate him"), or in the passive the one
        called by a person ("was called by X"); never one it names something ("called him a
        partner", "called the talks useful") nor one called on or for."""
        children = doc.children(verb.i)

        def person(token: Token) -> bool:
            return any(r.kind == "person" for r in self._actors(doc, token.i, at))

        agents = [o for c in children if c.dep_ == "agent" for o in doc.children(c.i) if o.dep_ == "pobj"]
        if any(map(person, agents)):
            return [c for c in children if c.dep_ == "nsubjpass"]
        objects = [c for c in children if c.dep_ == "dobj"]
        named = [c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
        if not objects and len(named) == 1 and named[0].pos_ == "PROPN":  # the small parser's "called X" as naming
            objects, named = named, []
        urged = any(c.dep_ in ("prep", "prt") and (c.lower_ == "for" or c.lower_ in ("on", "upon") and any(
            self._actors(doc, o.i, at) for o in doc.children(c.i) if o.dep_ == "pobj")) for c in children)
        if len(objects) != 1 or named or urged:  # "called for talks", "called on X to ..."
            return []
        return objects if person(objects[0]) else []

    def _held_between(self, doc: TokenDoc, verb: Token, children: list[Token], at: dict[int, Mention]) -> list[Ref]:
        """The sides of a meeting the parse says was held or took place between them: "a
        meeting was held between X and Y", "negotiations between A and B took place"."""
        if verb.lemma_ not in _HOLD | {"take"} or verb.lemma_ == "take" and not any(c.lemma_ == "place" for c in children):
            return []
        nouns = [c for c in children if c.dep_ in ("nsubjpass", "nsubj") and c.lemma_ in _MEETING_NOUNS]
        sides = list(dict.fromkeys(
            r for noun in nouns for holder in (noun, verb) for prep in doc.children(holder.i)
            if prep.dep_ == "prep" and prep.lower_ == "between"
            for o in doc.children(prep.i) if o.dep_ == "pobj" for r in self._actors(doc, o.i, at)))
        persons = [r for r in sides if r.kind == "person"]
        return (persons if len(persons) >= 2 else sides) if len(sides) >= 2 else []

    @staticmethod
    def _apart(met: list[Ref], at: dict[int, Mention]) -> bool:
        """Whether persons met together each serve another state or international body, so
        that each was met on their own ("met with Vietnamese Foreign Minister X and South
        Korean Foreign Minister Y", "with the OSCE Secretary General X and the ICRC President Y")."""
        owners = {m.ref: m.post.owner for m in at.values() if getattr(m, "post", None) is not None}
        served = [owners.get(r) for r in met]
        return len(met) >= 2 and all(s is not None for s in served) and len(set(served)) == len(met)

    def _called_on(self, doc: TokenDoc, verb: Token, at: dict[int, Mention]) -> list[Token]:
        """Whom a call or a visit is paid on or to: a person ("called on President X", "paid a
        courtesy call on X", "paid a farewell visit to Minister X"), never those urged to do
        something ("called on the parties to show restraint") nor a place ("paid a visit to Y")."""
        children = doc.children(verb.i)
        if any(c.dep_ in ("xcomp", "ccomp") or c.dep_ == "advcl" and verb.lemma_ == "call" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in doc.children(c.i)) for c in children):
            return []  # "called on the parties to show restraint"
        calls = [verb] if verb.lemma_ == "call" else [c for c in children
                                                      if c.dep_ in _OBJECTS and c.lemma_ in ("call", "visit")]
        return [o for call in calls for on in doc.children(call.i) if on.dep_ in ("prep", "prt")
                and (on.lower_ == "on" or on.lower_ == "to" and call.lemma_ == "visit")
                for o in doc.children(on.i) if o.dep_ == "pobj"
                and any(r.kind == "person" for r in self._actors(doc, o.i, at))]

    @staticmethod
    def _after_talks(doc: TokenDoc, children: list[Token]) -> bool:
        """Whether a verb is set at, during or after talks ("Following the talks, ..."), not
        at a session of some body ("at the meeting of the Business Council")."""
        return any(prep.dep_ == "prep" and prep.lower_ in _SET_AT and any(
            o.dep_ == "pobj" and o.lemma_ in _MEETING_NOUNS and not any(c.lower_ == "of" for c in doc.children(o.i))
            for o in doc.children(prep.i)) for prep in children)

    def embedded(self, span: Span, mentions: list[Mention], cue_char: int) -> set[Ref]:
        """Actors named only inside a clause that does not hold the event's cue (at
        cue_char): what someone said ("noted that X ...") or a clause on a noun ("the
        victims of the attack on X, which ..."): they are talked about, not present."""
        doc, at = span.doc, mention_tokens(span, mentions)
        cue = next((t for t in span if t.idx <= cue_char < t.idx + len(t.text)), None)
        if cue is None:
            return set()
        inside: dict[Ref, bool] = {}
        for i, mention in at.items():
            clause = self._clause_of(doc, i)
            alone = clause is not None and not self._dominates(doc, clause, cue.i)
            inside[mention.ref] = inside.get(mention.ref, True) and alone
        return {ref for ref, alone in inside.items() if alone}

    @staticmethod
    def _clause_of(doc: TokenDoc, i: int) -> int | None:
        """The nearest clause (a ccomp or relcl) token i lies in, or None."""
        seen = set()
        while doc[i].head >= 0 and doc[i].head != i and i not in seen:
            seen.add(i)
            if doc[i].dep_ in ("ccomp", "relcl"):
                return i
            i = doc[i].head
        return None

    @staticmethod
    def _dominates(doc: TokenDoc, top: int, i: int) -> bool:
        """Whether token i lies under token top."""
        seen = set()
        while i not in seen:
            if i == top:
                return True
            seen.add(i)
            if doc[i].head < 0 or doc[i].head == i:
                return False
            i = doc[i].head
        return False

    def parties(self, span: Span, mentions: list[Mention], protagonist: Ref | None,
                side_of) -> list[Ref]:
        """The parties of an agreement a parsed sentence reports: the doers of sign,
        conclude, ratify (persons stand for the state they serve: side_of), or the actors
        of a "between" phrase on the agreement; empty when the parse names fewer than two."""
        doc, at = span.doc, mention_tokens(span, mentions)
        for verb in span:
            if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ not in self.signing:
                continue
            children = doc.children(verb.i)
            objects = [c for c in children if c.dep_ in _OBJECTS + ("nsubjpass",) and c.lemma_ in self.documents]
            if not objects:
                continue
            found: list[Ref] = []
            for obj in objects + [verb]:  # "an agreement between A and B", "was signed between A and B"
                for prep in doc.children(obj.i):
                    if prep.dep_ == "prep" and prep.lower_ == "between":
                        for pobj in doc.children(prep.i):
                            found.extend(self._actors(doc, pobj.i, at))
            if len(found) < 2:
                subject, _ = self._subject(doc, verb)
                found = self._doers(doc, subject, at, protagonist)
            sides = list(dict.fromkeys(side_of(r) for r in found))
            if None not in sides and len(sides) >= 2:
                return sides
        return []

    def beside_signing(self, span: Span, mentions: list[Mention]) -> set[Ref]:
        """The actors a parsed sentence gives to another verb coordinated with a signing, not
        to the signing: in "the leaders adopted the Declaration and admitted Belarus",
        Belarus is admitted, not a party."""
        if not self.parsed(span):
            return set()
        doc, at = span.doc, mention_tokens(span, mentions)
        found = set()
        for verb in span:
            if verb.pos_ != "VERB" or verb.lemma_ in self.signing or verb.dep_ != "conj" or verb.head < 0:
                continue
            if doc[verb.head].lemma_ in self.signing or any(c.dep_ == "conj" and c.lemma_ in self.signing
                                                             for c in doc.children(verb.i)):
                found.update(at[t.i].ref for c in doc.children(verb.i) if c.dep_ in _OBJECTS
                             for t in doc.subtree(c.i) if t.i in at)
        return found

    def signed_by(self, span: Span, lemmas: frozenset[str]) -> bool:
        """Whether the parse gives a signing a subject noun of lemmas ("companies signed ...")."""
        if not self.parsed(span):
            return False
        doc = span.doc
        return any(verb.lemma_ in self.signing and (subject := self._subject(doc, verb)[0]) is not None
                   and subject.pos_ == "NOUN" and subject.lemma_ in lemmas for verb in span if verb.pos_ == "VERB")

    def listed_after(self, span: Span, mentions: list[Mention], noun: str, preposition: str) -> list[Ref]:
        """The actors listed in the preposition phrase of the written noun ("meetings with
        A, B and C" gives A, B and C)."""
        doc, at = span.doc, mention_tokens(span, mentions)
        found: list[Ref] = []
        for token in span:
            if token.lower_ == noun:
                for prep in doc.children(token.i):
                    if prep.dep_ == "prep" and prep.lower_ == preposition:
                        for obj in doc.children(prep.i):
                            if obj.dep_ == "pobj":
                                found.extend(r for r in self._actors(doc, obj.i, at) if r not in found)
        return found

    def _doers(self, doc: TokenDoc, subject: Token | None, at: dict[int, Mention],
               protagonist: Ref | None) -> list[Ref]:
        if subject is None:
            return []
        if subject.lower_ in _PRONOUNS:  # the person subject before it in the sentence, else the protagonist
            before = _person_subject_before(doc, subject, at)
            return [before] if before else [protagonist] if protagonist else []
        if subject.lemma_ in DELEGATIONS:  # "a Kazakh delegation led by X": X, else Kazakhstan
            leader = _led_by(doc, subject, at)
            if leader is not subject:
                return [at[leader.i].ref]
            qualified = [Ref("state", c.ent_id_) for c in doc.children(subject.i)
                         if c.ent_type_ in ("STATE", "DEMONYM") and c.ent_id_]
            if qualified:
                return qualified[:1]
        refs = self._actors(doc, subject.i, at)
        persons = [r for r in refs if r.kind == "person"]
        if persons:  # with an unnamed title coordinated: "X and his Kazakh counterpart"
            unnamed = [r for t in self._phrase(doc, subject.i) if t.dep_ == "conj" and t.i not in at
                       for r in self._title_state(doc, t)]
            return list(dict.fromkeys(persons + unnamed))
        # no person: a state or organization that heads the phrase ("Kazakhstan and
        # Uzbekistan", "the delegation of China") or owns a title with no name ("the US
        # Secretary of State"), not one that only qualifies a noun ("a US company"); a city
        # is where someone is from, not who acts ("the Atyrau and Pavlodar plants")
        phrase = self._phrase(doc, subject.i)
        heads = [subject, *(t for t in phrase if _coordinated(doc, t) or t.dep_ == "pobj"
                            or t.i in at and at[t.i].form == "title")]
        return list(dict.fromkeys(at[t.i].ref for t in sorted(heads, key=lambda t: t.i)
                                  if t.i in at and at[t.i].form != "city"))
