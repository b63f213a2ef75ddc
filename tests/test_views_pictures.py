"""Events with their evidence (kzgraph.events) and the timeline and map pages built from them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS, XSD

from kzgraph import events, views_timeline
from kzgraph.namespaces import KZ, KZD
from kzgraph.stores import load_graph
from kzgraph.views_page import REMOTE_REFERENCE

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
KZ_STATE, NO_STATE = str(KZD["state/KZ"]), str(KZD["state/NO"])
HOSTILE = '</script><script>alert(1)</script> <img src="https://x.example/i.png">'


def extended_fixture():
    """The fixture plus an undated meeting and a visit known only to the month, whose
    sentence carries markup and a remote reference."""
    g = load_graph(FIXTURE)
    sultanova, holm = KZD["person/aigerim-sultanova"], KZD["person/lars-holm"]
    g.add((KZD["meeting/m3"], RDF.type, KZ.Meeting))
    g.add((KZD["meeting/m3"], RDFS.label, Literal("Undated talks")))
    for p in (sultanova, holm):
        g.add((KZD["meeting/m3"], KZ.participant, p))
    g.add((KZD["meeting/m3"], KZ.sentence, KZD["article/a/0/s1"]))
    g.add((KZD["visit/v3"], RDF.type, KZ.Visit))
    g.add((KZD["visit/v3"], RDFS.label, Literal("Visit of Lars Holm to Kazakhstan")))
    g.add((KZD["visit/v3"], KZ.visitor, holm))
    g.add((KZD["visit/v3"], KZ.destination, KZD["state/KZ"]))
    g.add((KZD["visit/v3"], KZ.date, Literal("2024-02", datatype=XSD.gYearMonth)))
    g.add((KZD["visit/v3"], KZ.sentence, KZD["article/c/0/s0"]))
    g.add((KZD["article/c/0/s0"], KZ.text, Literal(HOSTILE)))
    g.add((KZD["article/c/0/s0"], KZ.partOf, KZD["article/c/0"]))
    g.add((KZD["article/c/0"], KZ.title, Literal("Holm in Astana")))
    g.add((KZD["article/c/0"], KZ.sourceFile, Literal("c.txt")))
    g.add((KZD["article/c/0"], RDFS.label, Literal("Holm in Astana")))
    return g


@pytest.mark.parametrize("date, expected", [
    ("2025-05-02", ("day", "2025-05-02", "2025-05-02")),
    ("2024-02", ("month", "2024-02-01", "2024-02-29")),
    ("2023-11", ("month", "2023-11-01", "2023-11-30")),
    ("2024", ("year", "2024-01-01", "2024-12-31")),
    (None, (None, None, None)),
    ("", (None, None, None)),
])
def test_events_date_interval(date, expected):
    assert events.date_interval(date) == expected


def test_events_read_states_dates_and_sources():
    rows, actors = events.read_events(extended_fixture())
    by_id = {e["id"]: e for e in rows}
    assert [e["id"] for e in rows][-1] == str(KZD["meeting/m3"])  # undated last
    assert [e["start"] for e in rows[:3]] == ["2024-01-01", "2024-01-01", "2024-02-01"]
    visit = by_id[str(KZD["visit/v1"])]
    assert visit["states"] == [KZ_STATE, NO_STATE]  # Sultanova stands for KZ, Norway the destination
    assert visit["sources"] == [{"sentence": "Foreign Minister of Kazakhstan Aigerim Sultanova met "
                                 "Norwegian Foreign Minister Lars Holm in Oslo on May 2.",
                                 "article": "Ministers meet in Oslo", "articleDate": "2025-05-02",
                                 "dateInferred": False, "file": "a.txt", "url": None}]
    un_visit = by_id[str(KZD["visit/v2"])]
    assert un_visit["states"] == [KZ_STATE] and un_visit["precision"] == "year"
    assert un_visit["sources"][0]["dateInferred"] is True
    assert by_id[str(KZD["visit/v3"])]["precision"] == "month"
    undated = by_id[str(KZD["meeting/m3"])]
    assert (undated["date"], undated["start"], undated["precision"]) == (None, None, None)
    assert actors[NO_STATE]["label"] == "Norway" and actors[NO_STATE]["kind"] == "State"
    assert actors[str(KZD["person/pedro-alves"])]["states"] == []  # represents the UN only


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kz-data">(.*?)</script>', page, re.DOTALL)
    assert match
    return json.loads(match.group(1))


def test_views_timeline_page_is_offline_and_carries_every_event():
    rows, actors = events.read_events(extended_fixture())
    page = views_timeline.render_timeline(rows, actors)
    assert not REMOTE_REFERENCE.search(page)
    assert "<script>alert(1)" not in page and "<img" not in page
    data = page_data(page)
    assert [e["id"] for e in data["events"]] == [e["id"] for e in rows]
    sources = [s["sentence"] for e in data["events"] for s in e["sources"]]
    assert HOSTILE in sources  # kept as text, escaped only in transport
    visit = next(e for e in data["events"] if e["id"] == str(KZD["visit/v1"]))
    assert visit["partners"] == [NO_STATE]
    assert visit["actorLabels"] == ["Aigerim Sultanova", "Norway"]
    assert data["states"] == {KZ_STATE: "Kazakhstan", NO_STATE: "Norway"}
    assert list(data["persons"].values()) == ["Aigerim Sultanova", "Lars Holm", "Pedro Alves"]
    assert page == views_timeline.render_timeline(*events.read_events(extended_fixture()))


def test_views_map_counts_kazakhstans_contacts_by_kind():
    from kzgraph import views_map

    rows, actors = events.read_events(extended_fixture())
    data = views_map.map_data(rows, actors)
    kinds = {c["id"].rsplit("/", 1)[-1]: c["contact"] for c in data["contacts"]}
    # v2 and m2 involve Kazakhstan and the UN only: no other state, not on the map
    assert kinds == {"m1": "meeting", "v1": "visit by Kazakhstan", "g1": "agreement",
                     "m3": "meeting", "v3": "visit to Kazakhstan"}
    assert data["names"] == {"NO": "Norway"}
    assert all(c["states"] == ["NO"] for c in data["contacts"])
    assert data["years"] == [2024, 2025]
    assert next(c for c in data["contacts"] if c["id"].endswith("m3"))["year"] is None
    assert data["kinds"] == ["visit to Kazakhstan", "visit by Kazakhstan", "meeting", "agreement"]
    outlines = views_map.outlines()["states"]
    assert {"KZ", "NO", "CN", "US", "FJ", "RU"} <= set(outlines)
    assert "SG" in data["small"] and "KZ" not in data["small"]
    page = views_map.render_map(rows, actors)
    assert page.count('class="kz-state"') == sum(1 for s in outlines.values() if s["d"])
    assert not REMOTE_REFERENCE.search(page) and "<script>alert(1)" not in page
