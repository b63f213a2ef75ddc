"""Shared event codes: the CAMEO code and the PLOVER category and mode of each event, so
kzgraph's events join event data coded the same way (GDELT and ICEWS use CAMEO, POLECAT
uses PLOVER).

``data/event-codes.tsv`` maps an event's class (``kind``: visit, meeting, agreement) and its
``kz:kind`` (``detail``; ``*`` for any other) to a CAMEO code with its name and a PLOVER
category and mode (empty when the category's mode is not known from the text). A meeting of
three or more actors coded CONSULT without a mode is ``multilateral``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kzgraph.errors import GazetteerError

_HEADER = ["kind", "detail", "cameo", "cameo_name", "plover", "plover_mode"]
_KINDS = frozenset({"visit", "meeting", "agreement"})
PLOVER_CATEGORIES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_CAMEO = re.compile(r"[0-2][0-9]{2,3}")


@dataclass(frozen=True)
class EventCode:
    cameo: str
    cameo_name: str
    plover: str
    plover_mode: str


class EventCodes:
    """The mapping table, looked up by an event's class and kind."""

    def __init__(self, rows: dict[tuple[str, str], EventCode]) -> None:
        self.rows = rows

    def code(self, kind: str, detail: str, actors: int) -> EventCode:
        """The codes of an event of class kind, kz:kind detail, among actors actors."""
        found = self.rows.get((kind, detail)) or self.rows[kind, "*"]
        if found.plover == "CONSULT" and not found.plover_mode and actors > 2:
            return EventCode(found.cameo, found.cameo_name, found.plover, "multilateral")
        return found


def parse_event_codes(text: str, source: str = "event-codes.tsv") -> EventCodes:
    """The table from its text; GazetteerError naming the line of a malformed row, and the
    table when a class has no ``*`` row."""
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != _HEADER:
        raise GazetteerError(f"{source}:1: the header must be {' '.join(_HEADER)} (tab-separated)")
    rows: dict[tuple[str, str], EventCode] = {}
    for number, line in enumerate(lines[1:], 2):
        fields = line.split("\t")
        if len(fields) != len(_HEADER):
            raise GazetteerError(f"{source}:{number}: {len(fields)} fields, {len(_HEADER)} expected")
        kind, detail, cameo, cameo_name, plover, mode = fields
        if kind not in _KINDS or not detail or not _CAMEO.fullmatch(cameo) or not cameo_name:
            raise GazetteerError(f"{source}:{number}: needs a class ({', '.join(sorted(_KINDS))}), "
                                 "a detail or *, a CAMEO code of 3 or 4 digits and its name")
        if plover not in PLOVER_CATEGORIES:
            raise GazetteerError(f"{source}:{number}: {plover!r} is not a PLOVER category")
        if (kind, detail) in rows:
            raise GazetteerError(f"{source}:{number}: {kind} {detail} is listed twice")
        rows[kind, detail] = EventCode(cameo, cameo_name, plover, mode)
    missing = sorted(k for k in _KINDS if (k, "*") not in rows)
    if missing:
        raise GazetteerError(f"{source}: no * row for {', '.join(missing)}")
    return EventCodes(rows)


@lru_cache(maxsize=1)
def load_event_codes() -> EventCodes:
    """The packaged table, checked."""
    return parse_event_codes((resources.files("kzgraph") / "data" / "event-codes.tsv").read_text(encoding="utf-8"))
