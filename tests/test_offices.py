"""Posts in time: the dated table of office holders in the graph as offices and terms, a
query for who held an office on a day, text posts tied to their office and flagged when
they contradict the table, the table checked on load, and a person linked to Wikidata
only through the table."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from kzgraph.errors import GazetteerError
from kzgraph.namespaces import KZ, KZD
from kzgraph.officeholders import Holding, OfficeHolders, check_successions, load_office_holders, parse_office_holders
from kzgraph.pipeline import build_graph
from kzgraph.query import bind_params, load_query, run_query

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def sample() -> Graph:
    return Graph().parse(ROOT / "graphs" / "kzgraph.ttl")


def holders(graph: Graph, post: str, day: str) -> list[str]:
    query = load_query("post-holder", ROOT / "queries")
    return [str(row[0]) for row in run_query(graph, query, bind_params(query, {"post": post, "date": day}, graph)).rows]


def table_holders(post: str, day: str) -> list[str]:
    when = date.fromisoformat(day)
    return sorted((h.start, h.name) for h in load_office_holders().holdings
                  if h.state == "KZ" and h.post == post and h.covers(when))


@pytest.mark.parametrize("day", ["2010-06-01", "2012-01-01", "2014-07-15", "2016-12-01", "2018-06-30",
                                 "2019-03-01", "2019-03-21", "2020-01-01", "2022-06-01", "2024-01-01", "2026-01-01"])
@pytest.mark.parametrize("post, office", [("President", "President of Kazakhstan"),
                                          ("Minister of Foreign Affairs", "Foreign Minister of Kazakhstan")])
def test_offices_post_holder_answers_as_the_table(sample, day, post, office):
    expected = [name for _, name in table_holders(post, day)]
    assert expected
    assert holders(sample, office, day) == expected


def test_offices_post_holder_on_a_handover_day_lists_both(sample):
    assert holders(sample, "President of Kazakhstan", "2019-03-19") == ["Nursultan Nazarbayev"]
    assert holders(sample, "president of kazakhstan", "2019-03-20") == ["Kassym-Jomart Tokayev"]
    assert holders(sample, "Minister of Foreign Affairs of Kazakhstan", "2019-06-18") == [
        "Beibut Atamkulov", "Mukhtar Tileuberdi"]


def test_offices_term_links_the_holder_the_texts_name(sample):
    term = KZD["term/KZ/president/2019-03-20"]
    assert sample.value(term, KZ.holder) == KZD["person/kassym-jomart-tokayev"]
    assert (KZD["person/kassym-jomart-tokayev"], RDF.type, KZ.Person) in sample
    assert sample.value(KZD["term/KZ/president/1990-04-24"], KZ.holder) is None  # not named by the sample


def test_offices_text_post_is_tied_to_its_office_and_flagged_when_the_table_disagrees(tmp_path):
    for name, person in (("a.txt", "Jane Doe"), ("b.txt", "Murat Nurtleu")):
        (tmp_path / name).write_text(f"March 5, 2024\n\nMinister of Foreign Affairs of Kazakhstan {person} met "
                                     "Chinese Foreign Minister Wang Yi in Beijing.\n", encoding="utf-8")
    graph = build_graph([tmp_path]).graph
    office = KZD["office/KZ/minister-of-foreign-affairs"]
    posts = {str(next(graph.subjects(KZ.holdsPost, p))).rsplit("/", 1)[1]: p
             for p in graph.subjects(KZ.ofOffice, office)}
    assert set(posts) == {"jane-doe", "murat-nurtleu"}
    assert graph.value(posts["jane-doe"], KZ.conflictsWithTable) == Literal(True)
    assert graph.value(posts["murat-nurtleu"], KZ.conflictsWithTable) is None
    assert str(graph.value(posts["murat-nurtleu"], KZ.intervalStart)) == "2024-03-05"


def holding(name: str, start: str, end: str | None) -> Holding:
    return Holding(name, (name,), frozenset(), frozenset(), "KZ", "President", date.fromisoformat(start),
                   date.fromisoformat(end) if end else None)


def test_offices_table_successions_may_share_the_handover_day_only():
    check_successions([holding("A", "2000-01-01", "2010-01-01"), holding("B", "2010-01-01", None)])
    with pytest.raises(GazetteerError, match="President of KZ: the terms of A and B overlap"):
        check_successions([holding("A", "2000-01-01", "2010-01-02"), holding("B", "2010-01-01", None)])
    with pytest.raises(GazetteerError, match="the terms of A and B overlap"):
        check_successions([holding("B", "2010-01-01", None), holding("A", "2000-01-01", None)])


@pytest.mark.parametrize(("day", "start"), [("June 2, 2015", "1990-04-24"), ("June 2, 2021", "2019-03-20")])
@pytest.mark.parametrize("title", ["The President of Kazakhstan", "The President", "The Head of State"])
def test_offices_a_title_without_a_name_acts_through_the_term_of_its_day(tmp_path, day, start, title):
    (tmp_path / "a.txt").write_text(f"{day}\n\n{title} received the Ambassador of Japan "
                                    "Taro Suzuki in Akorda.\n", encoding="utf-8")
    graph = build_graph([tmp_path]).graph
    meetings = list(graph.subjects(RDF.type, KZ.Meeting))
    assert len(meetings) == 1
    assert list(graph.objects(meetings[0], KZ.actorTerm)) == [KZD[f"term/KZ/president/{start}"]]
    assert (None, RDF.type, KZ.Person) in graph and len(set(graph.subjects(RDF.type, KZ.Person))) == 1  # Suzuki only


def test_offices_a_named_actor_needs_no_term(tmp_path):
    (tmp_path / "a.txt").write_text("June 2, 2021\n\nKazakh President Kassym-Jomart Tokayev received the "
                                    "Ambassador of Japan Taro Suzuki in Akorda.\n", encoding="utf-8")
    graph = build_graph([tmp_path]).graph
    assert list(graph.subject_objects(KZ.actorTerm)) == []


ROW = ('{"name": "Kassym-Jomart Tokayev", "aliases": [], "state": "KZ", "post": "President", '
       '"from": "2019-03-20", "to": null%s}')


def test_offices_table_wikidata_is_optional_and_checked():
    table = parse_office_holders("\n".join([ROW % ', "wikidata": "Q7"', ROW % ""]).replace(
        '"President", "from": "2019-03-20"', '"Senate Speaker", "from": "2013-10-16"', 1))
    assert [h.wikidata for h in table.holdings] == ["http://www.wikidata.org/entity/Q7", None]
    with pytest.raises(GazetteerError, match=r"office-holders.jsonl:1: wikidata must be a Wikidata item"):
        parse_office_holders(ROW % ', "wikidata": "7"')
    two = "\n".join([ROW % ', "wikidata": "Q7"', (ROW % ', "wikidata": "Q8"').replace('"President"', '"Speaker"')])
    with pytest.raises(GazetteerError, match="office-holders.jsonl:2: Kassym-Jomart Tokayev has another Wikidata item"):
        parse_office_holders(two)


def test_offices_a_holder_the_texts_name_is_linked_to_the_tables_wikidata_item(tmp_path, monkeypatch):
    import kzgraph.emit

    table = load_office_holders()
    linked = [replace(h, wikidata="http://www.wikidata.org/entity/Q7") if h.name == "Kassym-Jomart Tokayev" else h
              for h in table.holdings]
    monkeypatch.setattr(kzgraph.emit, "load_office_holders", lambda: OfficeHolders(linked))
    (tmp_path / "a.txt").write_text("March 5, 2024\n\nPresident of Kazakhstan Kassym-Jomart Tokayev met "
                                    "Foreign Minister of Peru Luis Ortega in Astana.\n", encoding="utf-8")
    graph = build_graph([tmp_path]).graph
    same = {s: o for s, o in graph.subject_objects(OWL.sameAs) if s.startswith(str(KZD["person/"]))}
    assert same == {KZD["person/kassym-jomart-tokayev"]: URIRef("http://www.wikidata.org/entity/Q7")}


def test_offices_terms_are_owl_time_intervals_sharing_the_handover_instant(sample):
    time = "http://www.w3.org/2006/time#"
    before, after = KZD["term/KZ/president/1990-04-24"], KZD["term/KZ/president/2019-03-20"]
    assert (after, RDF.type, URIRef(time + "Interval")) in sample
    end = sample.value(before, URIRef(time + "hasEnd"))
    assert (end, RDF.type, URIRef(time + "Instant")) in sample
    assert sample.value(end, URIRef(time + "inXSDDate")) == Literal(date(2019, 3, 19))
    start = sample.value(after, URIRef(time + "hasBeginning"))
    assert sample.value(start, URIRef(time + "inXSDDate")) == Literal(date(2019, 3, 20))
    assert sample.value(after, URIRef(time + "hasEnd")) is None  # still in office
    assert sample.value(after, KZ.intervalStart) is None
    # Massimov's first term as Prime Minister ended the day Akhmetov's began: one instant
    handover = sample.value(KZD["term/KZ/prime-minister/2007-01-10"], URIRef(time + "hasEnd"))
    assert handover == sample.value(KZD["term/KZ/prime-minister/2012-09-24"], URIRef(time + "hasBeginning"))
    assert handover == KZD["instant/2012-09-24"]
