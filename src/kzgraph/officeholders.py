"""Who held the top offices when: world knowledge for titles the text leaves unqualified.

``data/office-holders.jsonl`` lists, one line each, a person who held a post of a state
(heads of state and government, foreign ministers, speakers of parliament of Kazakhstan
and its main partners), with the spellings news use and the dates of the term (``to``
empty while in office), and, for a person whose item was checked, their Wikidata item
(``wikidata``, optional: ``Q…``; one person's rows must agree). "President Tokayev" in a text that says whose president he is
nowhere takes the state whose post he held on the article's date; a name matches in any
of its spellings (see ``linking.fold``), a surname alone when the title is the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from importlib import resources

from kzgraph.errors import GazetteerError
from kzgraph.linking import name_key, name_words, surname, written_surname
from kzgraph.links import WIKIDATA

_QID = re.compile(r"Q[1-9][0-9]*")
_ROLE_OF_OFFICE = {
    "Head of State": ("President", "King", "Queen", "Emir", "Sultan", "Grand Duke", "Supreme Leader"),
    "Head of Government": ("Prime Minister", "Chancellor"),
}
"""The offices of the table that are a state's head of state or of government."""


@dataclass(frozen=True)
class Holding:
    """One term of one person in one post."""

    name: str
    spellings: tuple[str, ...]  # the name and the other spellings news use
    keys: frozenset[tuple[str, ...]]  # folded forms of every spelling of the name
    surnames: frozenset[str]
    state: str
    post: str
    start: date
    end: date | None
    wikidata: str | None = None  # the person's Wikidata IRI, when the table gives it

    def covers(self, day: date | None) -> bool:
        """Whether the term includes day (any term does when the day is unknown)."""
        return day is None or self.start <= day and (self.end is None or day <= self.end)


class OfficeHolders:
    """The holders of the offices in the data file, looked up by name, post and date."""

    def __init__(self, holdings: list[Holding]) -> None:
        self.holdings = holdings

    @cached_property
    def written_surnames(self) -> frozenset[str]:
        """The surnames of the holders as news write them ("Tokayev", "Tokaev", "Putin")."""
        return frozenset(written_surname(n) for h in self.holdings for n in h.spellings)

    def by_surname(self, name: str) -> str | None:
        """The one holder a surname (or an initial and a surname) names, if only one has it."""
        found = {h.name for h in self.holdings if surname(name) in h.surnames}
        return found.pop() if len(found) == 1 else None

    @cached_property
    def _keys(self) -> frozenset[str]:
        return frozenset(key for h in self.holdings for key in h.keys)

    def known_as(self, person: str) -> str | None:
        """The name the table gives a person named in full in any of its spellings."""
        if len(name_words(person)) < 2:
            return None
        key = name_key(person)
        if key not in self._keys:
            return None
        return next((h.name for h in self.holdings if key in h.keys), None)

    def of_office(self, state: str, post: str | None) -> list[Holding]:
        """The terms of one office (a post of a state); "Head of State" and "Head of
        Government" are the state's offices that are so ("the Head of State": its President)."""
        posts = _ROLE_OF_OFFICE.get(post or "", (post,))
        return [h for h in self.holdings if h.state == state and h.post in posts]

    def _terms(self, person: str, day: date | None) -> list[Holding]:
        """The terms covering day of person, named in full in any spelling, or by a surname."""
        if len(name_words(person)) > 1:
            key = name_key(person)
            return [h for h in self.holdings if key in h.keys and h.covers(day)]
        last = surname(person)
        return [h for h in self.holdings if last in h.surnames and h.covers(day)]

    def serving(self, person: str, day: date | None) -> str | None:
        """The one state person (named in full, or by a surname the table holds) held an
        office of on day, if the table knows."""
        found = {h.state for h in self._terms(person, day)}
        return found.pop() if len(found) == 1 else None

    def office_of(self, person: str, state: str, day: date | None) -> str | None:
        """The one post of state person (named in full, or by a surname the table holds) held
        on day, if the table says so."""
        found = {h.post for h in self._terms(person, day) if h.state == state}
        return found.pop() if len(found) == 1 else None

    def state_of(self, person: str, post: str, day: date | None) -> str | None:
        """The state whose post (a gazetteer label) person held on day, when the table says so
        of one state; a person named in full who held another post of one state on day
        holds this one for that state too, and one who held no post on day holds this post
        for the one state they held it of at another time ("then-President X" in a later
        article)."""
        terms = self._terms(person, day)
        found = {h.state for h in terms if h.post == post}
        if not found and len(name_words(person)) > 1:  # a person named in full serves one state
            found = {h.state for h in terms} or {h.state for h in self._terms(person, None) if h.post == post}
        return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def load_office_holders() -> OfficeHolders:
    """Read and check the packaged table."""
    source = resources.files("kzgraph") / "data" / "office-holders.jsonl"
    return parse_office_holders(source.read_text(encoding="utf-8"))


def parse_office_holders(text: str, source: str = "office-holders.jsonl") -> OfficeHolders:
    """The table from its text; GazetteerError naming the line of a malformed row, a term
    that ends before it starts, or a Wikidata item that is not one or that another row of
    the same person contradicts."""
    holdings: list[Holding] = []
    items: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        try:
            row = json.loads(line)
            names = [row["name"], *row["aliases"]]
            qid = row.get("wikidata")
            if qid is not None and not (isinstance(qid, str) and _QID.fullmatch(qid)):
                raise ValueError(f"wikidata must be a Wikidata item (Q…), not {qid!r}")
            holdings.append(Holding(row["name"], tuple(names), frozenset(name_key(n) for n in names),
                                    frozenset(surname(n) for n in names),
                                    row["state"], row["post"], date.fromisoformat(row["from"]),
                                    date.fromisoformat(row["to"]) if row["to"] else None,
                                    WIKIDATA + qid if qid else None))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise GazetteerError(f"{source}:{number}: {exc}") from exc
        holding = holdings[-1]
        if holding.end is not None and holding.end < holding.start:
            raise GazetteerError(f"{source}:{number}: the term ends before it starts")
        if holding.wikidata and items.setdefault(holding.name, holding.wikidata) != holding.wikidata:
            raise GazetteerError(f"{source}:{number}: {holding.name} has another Wikidata item on an earlier line")
    check_successions(holdings)
    return OfficeHolders(holdings)


def check_successions(holdings: list[Holding]) -> None:
    """Refuse two terms of one office that overlap by more than the day power changed
    hands (one term's last day may be the next one's first)."""
    by_office: dict[tuple[str, str], list[Holding]] = {}
    for holding in holdings:
        by_office.setdefault((holding.state, holding.post), []).append(holding)
    for (state, post), terms in by_office.items():
        terms.sort(key=lambda h: h.start)
        for before, after in zip(terms, terms[1:]):
            if before.end is None or before.end > after.start:
                raise GazetteerError(f"office-holders.jsonl: {post} of {state}: the terms of {before.name} "
                                     f"and {after.name} overlap")
