"""Whose post is it: owners for titles the text leaves unqualified ("Prime Minister X").

An unqualified title has no owner until the article or world knowledge gives one: the
same person with a qualified title elsewhere ("President of Turkey Erdogan" ...
"President Erdogan"), "Armenia was represented by Prime Minister X", the table of office
holders on the article's date, or a meeting between a home official and X in a sentence
that names exactly one foreign state ("in Washington, Tokayev met with Secretary of State X").
It is never the home state by default.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kzgraph.extract.mentions import SentenceMentions
from kzgraph.extract.model import Event, PersonMention, Post, Ref, adopt, adopt_qualified
from kzgraph.extract.roles import DELEGATIONS, RECEIVING, delegation_leader, mention_tokens
from kzgraph.extract.tokens import Span
from kzgraph.officeholders import load_office_holders

_HEAD_OF_DELEGATION = "Head of Delegation"  # the post of one the text says leads a delegation, untitled
_LEADER_WORDS = frozenset({"leader", "strongman"})
"""Words news use for a head of state or government that are no title of an office."""
_REPRESENTED_BY = re.compile(r"\b(?:was|were|is|are|will be)\s+represented\s+by\b", re.IGNORECASE)


def resolve_owners(sentences: list[tuple[Span, SentenceMentions]], day: date | None) -> None:
    """Give implied posts the owners the article itself says, else the office holders'
    table on day, the article's date (posts are changed in place)."""
    holders = load_office_holders()
    explicit: dict[str, list[Post]] = {}
    for _, found in sentences:
        for m in _persons(found):
            if m.post and not m.post.implied and m.post.owner is not None:
                explicit.setdefault(m.ref.key, []).append(m.post)
    for span, found in sentences:
        represented = _represented_state(span, found)
        leaders = delegation_leaders(span, found)
        for m in _persons(found):
            post = m.post
            if post is None and m.ref in leaders:  # "X led the Kazakh delegation"
                m.post = Post(_HEAD_OF_DELEGATION, _HEAD_OF_DELEGATION, owner=leaders[m.ref])
            elif post is None:  # "Chinese leader Xi Jinping": the office the table says he held
                m.post = _leader_post(span, m, day)
            if post is None or not post.implied:
                continue
            if post.plural:  # "Presidents X and Y" share the title, not its owner
                m.post = post = replace(post)
            known = explicit.get(m.ref.key)
            if known:
                adopt_qualified(post, known)
            elif represented is not None and m.start > represented[0]:
                adopt(post, represented[1])
            elif m.ref in leaders:
                adopt(post, leaders[m.ref])
            elif state := holders.state_of(m.ref.key, post.head, day):
                adopt(post, Ref("state", state))


def _leader_post(span: Span, person: PersonMention, day: date | None) -> Post | None:
    """The post of a person named after "<demonym> leader" ("Chinese leader Xi Jinping",
    "Russia's leader Vladimir Putin"): the office of that state the table of office holders
    says the person held on day, else none (a leader of a party or a movement holds no post)."""
    doc = span.doc
    at = next((t.i for t in span if t.idx == person.start), None)
    if at is None or at - 2 < span.start or doc[at - 1].lower_ not in _LEADER_WORDS:
        return None
    before = doc[at - 3] if doc[at - 2].text in ("'s", "’s") and at - 3 >= span.start else doc[at - 2]
    if before.ent_type_ not in ("DEMONYM", "STATE") or not before.ent_id_:
        return None
    office = load_office_holders().office_of(person.ref.key, before.ent_id_, day)
    if office is None:
        return None
    return Post(doc.span(before.i, at).text, office, owner=Ref("state", before.ent_id_))


def resolve_meeting_sides(events: list[Event], sentences: list[tuple[Span, SentenceMentions]], home: Ref,
                          home_people: set[Ref | None]) -> None:
    """A counterpart of a home official (home_people) whose title is unqualified belongs
    to the one foreign state the meeting's sentence names; when the parse says who
    receives the other, that is the host, whoever is named first."""
    for event in events:
        if event.kind != "meeting" or not home_people & set(event.roles["participant"]):
            continue
        span, found = sentences[event.sentence]
        persons = {m.ref: m for m in _persons(found)}
        foreign = {m.ref for m in found.actors if m.ref.kind == "state" and m.ref != home}
        if len(foreign) != 1:
            continue
        state = foreign.pop()
        host = _receiver(span, _persons(found))
        if host is not None and host.ref in event.roles["participant"]:
            sides = [host]  # "Sultan X received President Y in Muscat": the host is Oman's, whoever comes first
        else:
            sides = [persons.get(r) for r in event.roles["participant"] if r not in home_people]  # never a home official
        for m in sides:
            if m is not None and m.post is not None and m.post.implied:
                adopt(m.post, state)


def _receiver(span: Span, persons: list[PersonMention]) -> PersonMention | None:
    """The person the parse says receives, hosts or welcomes another: the subject of the
    verb, or its agent in the passive ("was received by X")."""
    if not len(span) or span.doc[span.start].head < 0:
        return None
    doc, at = span.doc, mention_tokens(span, persons)
    for verb in span:
        if verb.pos_ != "VERB" or verb.lemma_ not in RECEIVING:
            continue
        for child in doc.children(verb.i):
            doer = child if child.dep_ == "nsubj" else next(
                (g for g in doc.children(child.i) if g.dep_ == "pobj"), None) if child.dep_ == "agent" else None
            if doer is not None and doer.i in at:
                return at[doer.i]
    return None


def _persons(found: SentenceMentions) -> list[PersonMention]:
    return [m for m in found.actors if isinstance(m, PersonMention)]


def delegation_leaders(span: Span, found: SentenceMentions) -> dict[Ref, Ref]:
    """Person -> state, where the parse says the person leads the state's delegation ("X led
    Kazakhstan's delegation", "X, who headed the Kazakh delegation", "the delegation of Peru,
    led by X", "the Kazakh delegation was headed by X", "X, head of the Kazakh delegation")."""
    doc = span.doc
    if not len(span) or doc[span.start].head < 0:
        return {}
    at = mention_tokens(span, found.actors)
    leaders: dict[Ref, Ref] = {}
    for noun in span:
        if noun.lemma_ not in DELEGATIONS:
            continue
        states = [at[t.i].ref for t in doc.subtree(noun.i) if t.i in at and at[t.i].ref.kind == "state"]
        leader = delegation_leader(doc, noun) if states else None
        person = at.get(leader.i) if leader is not None else None
        if isinstance(person, PersonMention):
            leaders[person.ref] = states[0]
    return leaders


def _represented_state(span: Span, found: SentenceMentions) -> tuple[int, Ref] | None:
    """(offset, state) of "<State> was represented by", when the sentence says it."""
    cue = _REPRESENTED_BY.search(span.text)
    if cue is None:
        return None
    offset = span.start_char + cue.start()
    before = [m for m in found.actors if m.ref.kind == "state" and m.end <= offset]
    return (offset, before[-1].ref) if before else None
