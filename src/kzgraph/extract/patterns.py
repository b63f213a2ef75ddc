"""Gazetteer records as phrase patterns for kz_gazetteer (matched as written; posts in any case)."""

from __future__ import annotations

import re
from functools import cache

from kzgraph.gazetteers import Gazetteer

_COMPLEMENT = re.compile(r"( (?:of|for|to|on|in|at) )")


def gazetteer_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Phrase patterns matched as written: STATE, DEMONYM, CAPITAL, CITY, ORG, and post
    titles written in capitals only ("PM", which must not match "3 pm") or marked cased."""
    patterns: list[dict] = []
    for state in gazetteer.entries("state"):
        patterns += [{"label": "STATE", "pattern": n, "id": state.id} for n in state.names]
        patterns += [{"label": "DEMONYM", "pattern": n, "id": state.id} for n in state.demonyms]
        patterns += [{"label": "CAPITAL", "pattern": n, "id": state.id} for n in state.capitals]
    for city in gazetteer.entries("city"):
        patterns += [{"label": "CITY", "pattern": n, "id": city.state} for n in city.names if city.state]
    for org in gazetteer.entries("organization"):
        patterns += [{"label": "ORG", "pattern": n, "id": org.id} for n in org.names]
    plurals = post_plurals(gazetteer)
    patterns += [{"label": "POST", "pattern": n, "id": p.id} for p in gazetteer.entries("post")
                 for n in p.names + tuple(k for k, v in plurals.items() if v in p.names and p.cased)
                 if n.isupper() or p.cased]
    return patterns


def foldable_patterns(patterns: list[dict]) -> list[dict]:
    """The name patterns that may match in another case ("ASTANA", "Kazmunaygas"): names of
    states, capitals, cities and organizations, but not acronyms ("WHO" is not "who") nor
    demonyms. A one-word match written all in lower case is no name ("turkey", "china"):
    see ``is_written_as_name``."""
    return [p for p in patterns if p["label"] in ("STATE", "CAPITAL", "CITY", "ORG")
            and not p["pattern"].replace(".", "").replace(" ", "").isupper()]


def is_written_as_name(words: list[str]) -> bool:
    """Whether a match in another case than the gazetteer's is written as a name: more
    than one word, or one word not all in lower case."""
    return len(words) > 1 or not words[0].islower()


def post_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Post titles as phrases matched in any case, also in the plural ("foreign minister",
    "Foreign Ministers"; the matcher compares lower-case forms)."""
    posts = [p for p in gazetteer.entries("post") if not p.cased]
    patterns = [{"label": "POST", "pattern": n, "id": p.id} for p in posts for n in p.names if not n.isupper()]
    patterns += [{"label": "POST", "pattern": plural, "id": p.id}
                 for plural, singular in post_plurals(gazetteer).items()
                 if (p := gazetteer.lookup("post", singular)) in posts]
    return patterns


@cache
def post_plurals(gazetteer: Gazetteer) -> dict[str, str]:
    """The plural of every post title -> the title ("Ministers of Defense" -> "Minister of Defense")."""
    plurals = {}
    for post in gazetteer.entries("post"):
        for name in post.names:
            if name.isupper():
                continue
            head, *tail = _COMPLEMENT.split(name, maxsplit=1)
            words = head.split(" ")
            if words[-1].endswith(("s", ".")) or words[-1] in ("interim", "a.i"):
                continue
            words[-1] = _plural(words[-1])
            plurals.setdefault(" ".join(words) + "".join(tail), name)
    return plurals


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("sh", "ch", "x")):
        return word + "es"
    return word + "s"
