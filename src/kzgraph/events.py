"""Events as the timeline and map views need them: each meeting, visit and agreement with
its date as an interval, the states it involves and the evidence it was read from.

A date is as precise as the graph says: an ``xsd:date`` is one day, an ``xsd:gYearMonth``
the whole month, an ``xsd:gYear`` the whole year, and an event without ``kz:date`` is
undated. The states of an event are the states among its actors, the states its persons
represent (``kz:represents``, or the ``kz:postIn`` of a post they hold) and the states of
its national bodies (``kz:inState``). Evidence is every ``kz:sentence`` with its article
(title, date, whether that date was inferred, source file and ``schema:url`` when known),
plus any ``kz:article`` no sentence points into.

Public API: :func:`read_events`, :func:`evidence_record` and :func:`date_interval`. Records are plain dicts ready
for JSON, sorted so that output is stable.
"""

from __future__ import annotations

import calendar
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SDO

from kzgraph.analytics import ACTOR_ROLES, EVENT_CLASSES, _text, read_actor
from kzgraph.namespaces import KZ

_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_interval(date: str | None) -> tuple[str | None, str | None, str | None]:
    """(precision, first day, last day) of a lexical xsd:date, gYearMonth or gYear.

    >>> date_interval("2024-02")
    ('month', '2024-02-01', '2024-02-29')
    """
    match = _DATE.match(date or "")
    if not match:
        return None, None, None
    year, month, day = match.group(1), match.group(2), match.group(3)
    if day:
        return "day", f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return "month", f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return "year", f"{year}-01-01", f"{year}-12-31"


def read_events(graph: Graph) -> tuple[list[dict], dict[str, dict]]:
    """Every typed meeting, visit and agreement, and the actors they name.

    Returns:
        (events, actors): events sorted by start date (undated last), then IRI; each has
        ``id``, ``label``, ``relation`` (meeting, visit, agreement), ``kind``, ``date``,
        ``precision`` (day, month, year or None), ``start``, ``end``, ``actors``,
        ``states``, ``from`` and ``to`` (the states of a visit's visitors and of its
        destination) and ``sources`` (see the module docstring). actors maps each actor
        and each state of an event to ``label``, ``kind`` and ``states`` (the states it
        stands for).
    """
    actors: dict[str, dict] = {}
    articles: dict[URIRef, dict] = {}
    events = []
    for cls, relation in EVENT_CLASSES.items():
        for event in set(graph.subjects(RDF.type, cls)):
            if not isinstance(event, URIRef):
                continue
            members = sorted({str(a) for role in ACTOR_ROLES for a in graph.objects(event, role)
                              if isinstance(a, URIRef)})
            for iri in members:
                if iri not in actors:
                    actors[iri] = _actor(graph, iri)
            date = _text(graph, event, KZ.date)
            precision, start, end = date_interval(date)
            events.append({
                "id": str(event), "label": _text(graph, event, RDFS.label) or str(event),
                "relation": relation, "kind": _text(graph, event, KZ.kind) or relation,
                "date": date, "precision": precision, "start": start, "end": end,
                "actors": members,
                "states": sorted({s for iri in members for s in actors[iri]["states"]}),
                "from": _role_states(graph, event, KZ.visitor, actors),
                "to": _role_states(graph, event, KZ.destination, actors),
                "sources": _sources(graph, event, articles),
            })
    events.sort(key=lambda e: (e["start"] is None, e["start"] or "", e["id"]))
    for iri in {s for e in events for s in e["states"]} - set(actors):
        actors[iri] = _actor(graph, iri)
    return events, dict(sorted(actors.items()))


def evidence_record(event: dict, actors: dict[str, dict]) -> dict:
    """What the evidence panel of a view shows of an event."""
    return {"id": event["id"], "label": event["label"], "relation": event["relation"],
            "kind": event["kind"], "date": event["date"], "precision": event["precision"],
            "actorLabels": [actors[a]["label"] for a in event["actors"]], "sources": event["sources"]}


def _role_states(graph: Graph, event: URIRef, role: URIRef, actors: dict[str, dict]) -> list[str]:
    return sorted({s for a in graph.objects(event, role) if str(a) in actors
                   for s in actors[str(a)]["states"]})


def _actor(graph: Graph, iri: str) -> dict:
    attrs = read_actor(graph, iri)
    if attrs["kind"] == "State":
        states = {iri}
    else:
        stands_for = set(attrs["represents"]) if attrs["kind"] == "Person" else {iri}
        states = {s for s in stands_for if _is_state(graph, s)}
        states |= {str(s) for t in stands_for for s in graph.objects(URIRef(t), KZ.inState)
                   if _is_state(graph, str(s))}
    return {"label": attrs["label"], "kind": attrs["kind"], "states": sorted(states)}


def _is_state(graph: Graph, iri: str) -> bool:
    return (URIRef(iri), RDF.type, KZ.State) in graph


def _sources(graph: Graph, event: URIRef, articles: dict[URIRef, dict]) -> list[dict]:
    """One record per evidence sentence, then one per article no sentence belongs to."""
    sources, seen_articles = [], set()
    for sentence in sorted(graph.objects(event, KZ.sentence)):
        article = next(iter(sorted(graph.objects(sentence, KZ.partOf))), None)
        record = {"sentence": _text(graph, sentence, KZ.text)}
        if article is not None:
            seen_articles.add(article)
            record.update(_article(graph, article, articles))
        sources.append(record)
    for article in sorted(graph.objects(event, KZ.article)):
        if article not in seen_articles:
            sources.append({"sentence": None, **_article(graph, article, articles)})
    return sources


def _article(graph: Graph, article, cache: dict) -> dict:
    if article not in cache:
        inferred = any(isinstance(o, Literal) and o.toPython() is True
                       for o in graph.objects(article, KZ.dateInferred))
        url = _text(graph, article, SDO.url) or next(
            (str(o) for o in sorted(graph.objects(article, SDO.url)) if isinstance(o, URIRef)), None)
        cache[article] = {"article": _text(graph, article, KZ.title, RDFS.label),
                          "articleDate": _text(graph, article, KZ.date), "dateInferred": inferred,
                          "file": _text(graph, article, KZ.sourceFile),
                          "url": url if url and re.match(r"https?://", url) else None}
    return cache[article]
