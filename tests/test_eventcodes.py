"""Event codes: each event's CAMEO code and PLOVER category and mode come from the mapping
table, which is checked on load; the events-by-code query lists events by code prefix."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from kzgraph.errors import GazetteerError
from kzgraph.eventcodes import load_event_codes, parse_event_codes
from kzgraph.namespaces import KZ
from kzgraph.query import bind_params, load_query, run_query

ROOT = Path(__file__).parents[1]
HEADER = "kind\tdetail\tcameo\tcameo_name\tplover\tplover_mode\n"
STARS = "visit\t*\t042\tMake a visit\tCONSULT\tvisit\nmeeting\t*\t040\tConsult\tCONSULT\t\n" \
        "agreement\t*\t057\tSign formal agreement\tAGREE\t\n"


@pytest.mark.parametrize("kind, detail, actors, codes", [
    ("visit", "visit", 2, ("042", "CONSULT", "visit")),
    ("meeting", "meeting", 2, ("040", "CONSULT", "")),
    ("meeting", "meeting", 3, ("040", "CONSULT", "multilateral")),
    ("meeting", "talks", 2, ("046", "CONSULT", "")),
    ("meeting", "telephone conversation", 2, ("041", "CONSULT", "phone")),
    ("meeting", "telephone conversation", 3, ("041", "CONSULT", "phone")),
    ("meeting", "credentials", 2, ("050", "COOPERATE", "")),
    ("meeting", "roundtable", 5, ("040", "CONSULT", "multilateral")),  # no row of its own: the class's
    ("agreement", "memorandum", 2, ("057", "AGREE", "")),
])
def test_eventcodes_event_takes_the_codes_of_its_kind(kind, detail, actors, codes):
    code = load_event_codes().code(kind, detail, actors)
    assert (code.cameo, code.plover, code.plover_mode) == codes


@pytest.mark.parametrize("text, problem", [
    ("kind\tcameo\n", "event-codes.tsv:1: the header"),
    (HEADER + "visit\t*\t42\tMake a visit\tCONSULT\tvisit\n", "event-codes.tsv:2: needs a class"),
    (HEADER + "trip\t*\t042\tMake a visit\tCONSULT\tvisit\n", "event-codes.tsv:2: needs a class"),
    (HEADER + "visit\t*\t042\tMake a visit\tVISIT\tvisit\n", "event-codes.tsv:2: 'VISIT' is not a PLOVER"),
    (HEADER + STARS + "visit\t*\t043\tHost a visit\tCONSULT\tvisit\n", "event-codes.tsv:5: visit * is listed twice"),
    (HEADER + "visit\t*\t042\tMake a visit\tCONSULT\tvisit\n", "event-codes.tsv: no * row for agreement, meeting"),
])
def test_eventcodes_malformed_table_is_refused_naming_the_line(text, problem):
    with pytest.raises(GazetteerError) as error:
        parse_event_codes(text)
    assert str(error.value).startswith(problem)


def test_eventcodes_every_event_of_the_sample_has_a_cameo_code_and_plover_category():
    graph = Graph().parse(ROOT / "graphs" / "kzgraph.ttl")
    events = {e for cls in (KZ.Visit, KZ.Meeting, KZ.Agreement) for e in graph.subjects(RDF.type, cls)}
    assert events
    assert all(len(set(graph.objects(e, KZ.cameoCode))) == 1 for e in events)
    assert all(len(set(graph.objects(e, KZ.ploverCategory))) == 1 for e in events)
    visits = set(graph.subjects(RDF.type, KZ.Visit))
    assert {str(graph.value(v, KZ.cameoCode)) for v in visits} == {"042"}


def test_eventcodes_query_lists_the_events_whose_code_starts_with_the_given_one():
    graph = Graph().parse(ROOT / "tests" / "data" / "fixture.ttl")
    query = load_query("events-by-code", ROOT / "queries")
    rows = run_query(graph, query, bind_params(query, {"code": "04"}, graph)).rows
    by_event = {str(r[-1]).rsplit("/", 1)[-1]: str(r[0]) for r in rows}
    assert by_event == {"m1": "040", "m2": "040", "v1": "042", "v2": "042"}
    rows = run_query(graph, query, bind_params(query, {"code": "057"}, graph)).rows
    assert {str(r[-1]).rsplit("/", 1)[-1] for r in rows} == {"g1"}
