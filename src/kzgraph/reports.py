"""One event, many reports: the reports of a visit, meeting or agreement that agree on what
happened become one event.

Two reports are of one event when they agree on its kind (visit, meeting, agreement, and
for a meeting whether it was held in person or by telephone or video), on every role's
participants (and, for an agreement, on its name), and their dates and places are
compatible: one date's interval lies within the other's (a "2024-03" report and a
"2024-03-05" one; two different days are two events) and the places, when both are
known, are the same. An undated report joins the one dated event of its kind and
participants, or the one of them its article also reports, else stays apart.

The event takes the most precise date its reports give (a date the text stated before one
inferred from the article), its place from any report, and keeps every report as
provenance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from kzgraph.events import date_interval

REMOTE_DETAILS = frozenset({"telephone conversation", "video conference"})
"""Meeting details that say the participants were not in one place."""


@dataclass(frozen=True, eq=False)
class Report:
    """One sentence's account of an event, its actors already resolved to IRIs."""

    kind: str                                   # "visit" | "meeting" | "agreement"
    roles: tuple[tuple[str, tuple[URIRef, ...]], ...]  # (role, sorted IRIs), sorted by role
    article: str                                # the article's key
    sentence: int
    date: str | None = None
    date_inferred: bool = False
    detail: str = ""
    name: str = ""
    place: str | None = None                    # the place's IRI segment
    named: dict[str, list[URIRef]] = field(default_factory=dict, compare=False)  # roles in text order
    terms: tuple[URIRef, ...] = field(default=(), compare=False)  # terms of office states act through
    date_last: str | None = None                # the last day of a range of days the report gives

    @property
    def span(self) -> tuple[str, str] | None:
        """The first and last day the report's date covers (to a range's last day)."""
        _, first, last = date_interval(self.date)
        return None if first is None else (first, self.date_last or last)

    @property
    def identity(self) -> tuple:
        """What two reports of one event share: kind, mode, participants, agreement name."""
        mode = "remote" if self.detail in REMOTE_DETAILS else ""
        return self.kind, mode, self.roles, self.name.casefold() if self.kind == "agreement" else ""


def compatible_spans(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Whether one span of days (first, last) lies within the other (both unknown: yes)."""
    if a is None or b is None:
        return a is b
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _precision(report: Report) -> tuple:
    """Sort key: the most precise date first, a stated date before an inferred one, a
    range of days (the whole of a multi-day visit) before one of its days."""
    return (-len(report.date or ""), report.date_inferred, report.date_last is None, report.article,
            report.sentence)


class _Event:
    def __init__(self, first: Report) -> None:
        self.reports = [first]

    @property
    def lead(self) -> Report:
        """The report that dates the event (the first added: reports come most precise first)."""
        return self.reports[0]

    @property
    def place(self) -> str | None:
        return next((r.place for r in self.reports if r.place), None)

    def admits(self, report: Report) -> bool:
        place = self.place
        return (compatible_spans(self.lead.span, report.span)
                and (place is None or report.place is None or place == report.place))


def merge_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """The events the reports tell of, each as its reports, the dating one first; in a
    stable order (by identity, then date)."""
    groups: dict[tuple, list[Report]] = defaultdict(list)
    for report in reports:
        groups[report.identity].append(report)
    events: list[list[Report]] = []
    for identity in sorted(groups, key=repr):
        found: list[_Event] = []
        for report in sorted(groups[identity], key=_precision):
            if report.date is None:
                continue
            home = next((e for e in found if e.admits(report)), None)
            if home is None:
                found.append(_Event(report))
            else:
                home.reports.append(report)
        for report in sorted((r for r in groups[identity] if r.date is None), key=_precision):
            candidates = found if len(found) == 1 else [
                e for e in found if any(r.article == report.article for r in e.reports)]
            candidates = [e for e in candidates if report.place is None or e.place in (None, report.place)]
            undated = next((e for e in found if e.lead.date is None), None)
            home = candidates[0] if len(candidates) == 1 else undated
            if home is None:
                found.append(_Event(report))
            else:
                home.reports.append(report)
        events.extend(e.reports for e in found)
    return events
