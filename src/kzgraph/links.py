"""Links out: the Wikidata entity of every state, so a graph joins other Linked Data.

``data/state-wikidata.tsv`` lists, keyed by ISO 3166-1 alpha-2 code, the Wikidata item of
each state the gazetteer knows (every UN member and observer, and Kosovo and Taiwan), with
its UN status and English name for a reader. Organizations take theirs from the
gazetteer's ``same_as``; persons from the table of office holders, never by name alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kzgraph.errors import GazetteerError

WIKIDATA = "http://www.wikidata.org/entity/"
"""The namespace of Wikidata items (the concept IRIs, not their web pages)."""

_HEADER = ["iso", "wikidata", "un_status", "name"]
_STATUSES = frozenset({"member", "observer", "non-member"})
_ISO = re.compile(r"[A-Z]{2}")
_QID = re.compile(r"Q[1-9][0-9]*")


def parse_state_wikidata(text: str, source: str = "state-wikidata.tsv") -> dict[str, str]:
    """ISO code → Wikidata IRI, from the table's text; GazetteerError naming the line
    for a malformed row, an unknown status or a code or item given twice."""
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != _HEADER:
        raise GazetteerError(f"{source}:1: the header must be {' '.join(_HEADER)} (tab-separated)")
    found: dict[str, str] = {}
    for number, line in enumerate(lines[1:], 2):
        fields = line.split("\t")
        if len(fields) != len(_HEADER):
            raise GazetteerError(f"{source}:{number}: {len(fields)} fields, {len(_HEADER)} expected")
        iso, qid, status, _ = fields
        if not _ISO.fullmatch(iso) or not _QID.fullmatch(qid) or status not in _STATUSES:
            raise GazetteerError(f"{source}:{number}: not an ISO code, a Wikidata item (Q…) and a UN status "
                                 f"({', '.join(sorted(_STATUSES))})")
        if iso in found or WIKIDATA + qid in found.values():
            raise GazetteerError(f"{source}:{number}: {iso} or {qid} is listed twice")
        found[iso] = WIKIDATA + qid
    return found


@lru_cache(maxsize=1)
def state_wikidata() -> dict[str, str]:
    """The packaged table, checked."""
    source = resources.files("kzgraph") / "data" / "state-wikidata.tsv"
    return parse_state_wikidata(source.read_text(encoding="utf-8"))
