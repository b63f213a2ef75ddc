"""One event, many reports: reports that agree on kind, participants, date and place are
one event node carrying every report; distinct events of the same actors stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kzgraph.namespaces import KZ, KZD
from kzgraph.pipeline import build_graph
from kzgraph.query import load_query, run_query
from kzgraph.reports import Report, compatible_spans, merge_reports
from kzgraph.triplestore import load_files

ROOT = Path(__file__).parents[1]
A, B, C = (URIRef(f"https://example.org/{x}") for x in "abc")
PAIR = (("participant", (A, B)),)


def report(article: str, date: str | None, *, roles=PAIR, detail="meeting", place=None, inferred=False,
           last=None) -> Report:
    return Report("meeting", roles, article, 0, date, inferred, detail, "", place, date_last=last)


@pytest.mark.parametrize("a, b, compatible", [
    ("2024-03", "2024-03-05", True), ("2024", "2024-03-05", True), ("2024-03-05", "2024-03-05", True),
    ("2024-03-05", "2024-03-06", False), ("2024-02", "2024-03-05", False), ("2023", "2024", False),
    (None, None, True), (None, "2024", False),
])
def test_reports_compatible_dates_nest(a, b, compatible):
    first, second = report("x", a).span, report("y", b).span
    assert compatible_spans(first, second) is compatible
    assert compatible_spans(second, first) is compatible


def test_reports_a_day_within_a_range_of_days_is_the_same_event():
    events = merge_reports([report("x", "2024-05-15"), report("y", "2024-05-14", last="2024-05-16"),
                            report("z", "2024-05-17")])
    assert sorted([r.article for r in e] for e in events) == [["y", "x"], ["z"]]  # the range dates the event


def test_reports_of_one_meeting_merge_and_keep_the_most_precise_date():
    events = merge_reports([report("x", "2024-03"), report("y", "2024-03-05"), report("z", None)])
    assert len(events) == 1
    assert [r.article for r in events[0]] == ["y", "x", "z"]  # the dating report first


def test_reports_stated_date_dates_the_event_before_an_inferred_one():
    events = merge_reports([report("x", "2024-03-05", inferred=True), report("y", "2024-03-05")])
    assert events[0][0].article == "y"


@pytest.mark.parametrize("other", [
    report("y", "2024-06-12"),                                    # another day
    report("y", "2024-03-05", detail="telephone conversation"),   # a call, not a meeting
    report("y", "2024-03-05", roles=(("participant", (A, C)),)),  # other participants
    report("y", "2024-03-05", place="paris"),                     # another place
])
def test_reports_of_distinct_events_stay_apart(other):
    assert len(merge_reports([report("x", "2024-03-05", place="astana"), other])) == 2


def test_reports_undated_report_joins_the_event_its_article_reports():
    events = merge_reports([report("x", "2024-03-05"), report("y", "2024-06-12"), report("y", None)])
    assert sorted(len(e) for e in events) == [1, 2]
    assert {r.article for e in events if len(e) == 2 for r in e} == {"y"}


def test_reports_undated_report_of_one_of_several_events_stays_apart():
    events = merge_reports([report("x", "2024-03-05"), report("y", "2024-06-12"), report("z", None)])
    assert len(events) == 3


def twins(graph: Graph) -> list:
    return run_query(graph, load_query("event-twins", ROOT / "queries")).rows


def test_reports_from_two_outlets_are_one_event_with_both_sources(tmp_path):
    (tmp_path / "akorda.txt").write_text(
        "President Kassym-Jomart Tokayev met with President of France Emmanuel Macron on March 5, 2024.\n",
        encoding="utf-8")
    (tmp_path / "wire.txt").write_text(
        "Kazakh President Kassym-Jomart Tokayev held talks with French President Emmanuel Macron "
        "in March 2024, the press service reported.\n", encoding="utf-8")
    graph = build_graph([tmp_path]).graph
    meetings = list(graph.subjects(RDF.type, KZ.Meeting))
    assert len(meetings) == 1
    assert set(graph.objects(meetings[0], KZ.article)) == {KZD["article/akorda/0"], KZD["article/wire/0"]}
    assert str(graph.value(meetings[0], KZ.date)) == "2024-03-05"
    assert twins(graph) == []


def test_reports_two_meetings_of_one_pair_are_two_events(tmp_path):
    (tmp_path / "a.txt").write_text(
        "President Kassym-Jomart Tokayev met with President of France Emmanuel Macron on March 5, 2024.\n"
        "President Kassym-Jomart Tokayev met with President of France Emmanuel Macron again on June 12, 2024.\n",
        encoding="utf-8")
    graph = build_graph([tmp_path]).graph
    meetings = list(graph.subjects(RDF.type, KZ.Meeting))
    assert sorted(str(graph.value(m, KZ.date)) for m in meetings) == ["2024-03-05", "2024-06-12"]


def test_reports_twin_query_finds_twins_a_graph_was_given(tmp_path):
    graph = Graph().parse(data="""
        @prefix kz: <https://kzgraph.org/ontology#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:m1> a kz:Meeting ; kz:participant <urn:a>, <urn:b> ; kz:date "2024-03"^^xsd:gYearMonth ;
            kz:intervalStart "2024-03-01"^^xsd:date ; kz:intervalEnd "2024-03-31"^^xsd:date .
        <urn:m2> a kz:Meeting ; kz:participant <urn:a>, <urn:b> ; kz:date "2024-03-05"^^xsd:date ;
            kz:intervalStart "2024-03-05"^^xsd:date ; kz:intervalEnd "2024-03-05"^^xsd:date .
        <urn:m3> a kz:Meeting ; kz:participant <urn:a>, <urn:c> ; kz:date "2024-03-05"^^xsd:date ;
            kz:intervalStart "2024-03-05"^^xsd:date ; kz:intervalEnd "2024-03-05"^^xsd:date .
        """, format="turtle")
    assert [(str(r[0]), str(r[1])) for r in twins(graph)] == [("urn:m1", "urn:m2")]


def test_reports_shipped_graph_has_no_twins():
    store = load_files(ROOT / "graphs" / "kzgraph.ttl")  # Oxigraph, as `kzgraph query` runs it
    assert twins(store) == []


def test_reports_of_a_multi_day_visit_on_different_days_are_one_visit(tmp_path):
    (tmp_path / "ministry.txt").write_text(
        "Kazakh Foreign Minister Murat Nurtleu paid an official visit to Japan on 14-16 May 2024.\n", encoding="utf-8")
    (tmp_path / "wire.txt").write_text(
        "On May 15, 2024, Kazakh Foreign Minister Murat Nurtleu arrived in Tokyo.\n", encoding="utf-8")
    graph = build_graph([tmp_path]).graph
    visits = list(graph.subjects(RDF.type, KZ.Visit))
    assert len(visits) == 1
    assert len(set(graph.objects(visits[0], KZ.article))) == 2
    assert [str(graph.value(visits[0], p)) for p in (KZ.date, KZ.intervalStart, KZ.intervalEnd)] == [
        "2024-05-14", "2024-05-14", "2024-05-16"]



TWINS = """
@prefix kz: <https://kzgraph.org/ontology#> . @prefix kzd: <https://kzgraph.org/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kzd:visit\\/v1-again a kz:Visit ; rdfs:label "Visit again"@en .
kzd:visit\\/v1-again-2 a kz:Visit .
kzd:visit\\/v1-more-roles a kz:Visit ; kz:visitor kzd:person\\/p2 .
kzd:meeting\\/m3-told-again a kz:Meeting ; kz:kind "talks" ; kz:date "2021-04"^^xsd:gYearMonth ;
    kz:intervalStart "2021-04-01"^^xsd:date ; kz:intervalEnd "2021-04-30"^^xsd:date .
kzd:meeting\\/m3-by-phone a kz:Meeting ; kz:kind "telephone conversation" .
kzd:meeting\\/m3-elsewhere a kz:Meeting ; kz:location kzd:place\\/a .
kzd:meeting\\/m3 kz:location kzd:place\\/b ; kz:intervalStart "2021-04-04"^^xsd:date ;
    kz:intervalEnd "2021-04-04"^^xsd:date .
kzd:agreement\\/g0-again a kz:Agreement ; rdfs:label "AGREEMENT 0"@en .
kzd:agreement\\/g0-other a kz:Agreement ; rdfs:label "Another agreement"@en .
"""
"""Events told again, each named after a generated event whose actors it is given (visits
without kz:rolesKey, meetings and agreements with the original's key), and near twins that
differ in roles, mode, place or name."""
ROLES = (KZ.visitor, KZ.destination, KZ.participant, KZ.host, KZ.party)


def with_twins(graph: Graph) -> Graph:
    """graph (a generated graph) with the events of TWINS."""
    extra = Graph().parse(data=TWINS, format="turtle")
    for event in set(extra.subjects(RDF.type, None)):
        original = URIRef(str(event).split("-")[0])
        for role in ROLES:
            for actor in graph.objects(original, role):
                extra.add((event, role, actor))
        if "visit" not in str(event):
            extra.add((event, KZ.rolesKey, graph.value(original, KZ.rolesKey)))
    return graph + extra


@pytest.mark.parametrize("source", ["sample", "generated"])
def test_reports_twin_query_gives_the_rows_of_the_full_comparison(source, tmp_path):
    from kzgraph.synthetic import generate

    path = ROOT / "graphs" / "kzgraph.ttl"
    if source == "generated":
        path = tmp_path / "generated.nt"
        with_twins(Graph().parse(data=generate(3000), format="turtle")).serialize(path, format="nt", encoding="utf-8")
    store = load_files(path)
    rows = run_query(store, load_query("event-twins", ROOT / "queries")).rows
    assert rows == run_query(store, load_query(ROOT / "tests" / "data" / "event-twins-reference.rq")).rows
    pairs = {(str(r[0]).rsplit("/", 1)[-1], str(r[1]).rsplit("/", 1)[-1]) for r in rows}
    if source == "generated":
        assert {("v1", "v1-again"), ("v1", "v1-again-2"), ("v1-again", "v1-again-2"),
                ("m3", "m3-told-again"), ("g0", "g0-again")} <= pairs
        assert not [p for p in pairs if {"v1-more-roles", "m3-by-phone", "m3-elsewhere", "g0-other"} & set(p)]
    else:
        assert pairs == set()
