"""The HTML views: self-contained pages, the drawn data matches the networks, stable output,
the index, ``kzgraph views``; and the committed views are those the sample graph gives."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kzgraph import analytics, views
from kzgraph.errors import KzGraphError
from kzgraph.namespaces import KZ, KZD
from kzgraph.stores import load_graph

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
GRAPHS = ROOT / "graphs"
SAMPLE = GRAPHS / "kzgraph.ttl"

SULTANOVA = str(KZD["person/aigerim-sultanova"])
KZ_STATE = str(KZD["state/KZ"])

# anything that makes a browser reach out: remote src/href, protocol-relative URLs, CSS imports
REMOTE = re.compile(r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?\s*(?:https?:)?//""",
                    re.IGNORECASE)


def dataset(page: str, name: str) -> list[dict]:
    """The JSON array passed to ``new vis.DataSet`` for nodes or edges."""
    match = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", page)
    assert match, f"no {name} DataSet in the page"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def fixture_graph() -> Graph:
    return load_graph(FIXTURE)


@pytest.fixture(scope="module")
def fixture_views(fixture_graph) -> dict[str, tuple[views.View, str]]:
    return {v.filename: (v, views.render_view(v)) for v in views.plan_views(fixture_graph)}


def test_views_plan_of_fixture(fixture_views):
    assert list(fixture_views) == ["actors.html", "kazakhstan.html", "year-2024.html",
                                   "year-2025.html", "states-organizations.html"]
    ego, _ = fixture_views["kazakhstan.html"]
    assert ego.centers == (KZ_STATE,)
    # Sultanova represents Kazakhstan: her meetings and visit count as Kazakhstan's
    assert SULTANOVA not in ego.graph
    assert ego.graph.nodes[KZ_STATE]["represented_by"] == ["Aigerim Sultanova"]
    assert ego.graph.edges[KZ_STATE, str(KZD["person/pedro-alves"])]["weight"] == 2  # v2 and m2
    assert set(ego.graph) == {KZ_STATE, str(KZD["state/NO"]), str(KZD["person/lars-holm"]),
                              str(KZD["person/pedro-alves"])}


def test_views_are_self_contained(fixture_views):
    for name, (_, page) in fixture_views.items():
        assert not REMOTE.search(page), name
        for cdn in ("cdnjs", "jsdelivr", "unpkg", "googleapis", "bootstrap.min"):
            assert cdn not in page, (name, cdn)
        assert not re.search(r"<script[^>]*\bsrc=", page), name
        assert not re.search(r"<link\b", page), name
        assert "vis.Network" in page and page.count("<script>") >= 3  # vis, bindings, ours
        assert '<meta charset="utf-8">' in page


def test_views_strip_what_pyvis_fetches(fixture_views):
    """pyvis's in_line template still links bootstrap from a CDN: the check above only
    passes because render_view removes it."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    raw = net.generate_html(name="raw.html")
    assert REMOTE.search(raw) and "cdn.jsdelivr.net" in raw
    with pytest.raises(KzGraphError, match="network"):
        views.check_offline(raw)


@pytest.mark.parametrize("snippet", ['<script src="https://x.example/a.js"></script>',
                                     "<link href='//cdn.example/a.css' rel=stylesheet>",
                                     "<style>@import url(https://fonts.example/css);</style>",
                                     '<div style="background: url( http://x.example/i.png)">'])
def test_views_check_offline_catches_remote_references(snippet):
    with pytest.raises(KzGraphError):
        views.check_offline(f"<html><head>{snippet}</head></html>")


def test_views_draw_the_network_of_each_view(fixture_views):
    for name, (view, page) in fixture_views.items():
        nodes, edges = dataset(page, "nodes"), dataset(page, "edges")
        assert sorted(n["id"] for n in nodes) == sorted(view.graph), name
        assert {frozenset((e["from"], e["to"])) for e in edges} == \
            {frozenset(e) for e in view.graph.edges}, name
        assert len({e["id"] for e in edges}) == len(edges)
        for node in nodes:
            style = views.STYLES[view.graph.nodes[node["id"]]["kind"]]
            assert node["shape"] == style["shape"] and node["color"]["background"] == style["color"]
            assert node["title"].startswith(node["label"])
            assert isinstance(node["x"], int) and isinstance(node["y"], int)
        for edge in edges:
            assert edge["label"] and edge["title"]
        assert '"physics": {"enabled": false}' in page


def test_views_tooltips_carry_post_dates_and_evidence(fixture_views):
    _, page = fixture_views["actors.html"]
    nodes = {n["id"]: n for n in dataset(page, "nodes")}
    title = nodes[SULTANOVA]["title"]
    assert "Post: Foreign Minister of Kazakhstan" in title
    assert "2024 to 2025-05-02" in title
    assert "Ministers meet in Oslo" in title and "UN chief visits Astana" in title
    edges = dataset(page, "edges")
    agreement = next(e for e in edges if {e["from"], e["to"]} == {KZ_STATE, str(KZD["state/NO"])})
    assert agreement["label"] == "agreement"
    assert "visa regime" in agreement["title"] and "2025-05-02" in agreement["title"]
    assert "The two countries signed a mutual visa exemption agreement." in agreement["title"]


def test_views_size_follows_pagerank(fixture_views):
    view, page = fixture_views["actors.html"]
    value = {n["id"]: n["value"] for n in dataset(page, "nodes")}
    rank = {r["iri"]: r["pagerank"] for r in analytics.metrics(view.graph)}
    assert max(value, key=value.get) == max(rank, key=rank.get) == SULTANOVA


def test_views_legend_search_and_filters_are_inline(fixture_views):
    _, page = fixture_views["actors.html"]
    assert 'id="kz-legend"' in page and 'id="kz-search"' in page
    assert 'data-kind="Person"' in page and 'data-kind="State"' in page
    assert 'data-kind="Organization"' not in page  # no organization takes part in an event
    assert '<option value="2024">2024</option>' in page and '<option value="2025">' in page
    _, one_year = fixture_views["year-2024.html"]
    assert 'id="kz-year"' not in one_year  # a single year needs no year filter
    assert '<option value="Sultanova">' in page  # aliases are searchable


def test_views_rendering_is_deterministic(fixture_graph, fixture_views):
    shuffled = Graph()
    for triple in sorted(fixture_graph, reverse=True):
        shuffled.add(triple)
    for view in views.plan_views(shuffled):
        assert views.render_view(view) == fixture_views[view.filename][1], view.filename


def test_views_escape_hostile_labels():
    g = Graph()
    bad = "</script><script>alert(1)</script>"
    for i, label in enumerate((bad, "Other")):
        person = KZD[f"person/p{i}"]
        g.add((person, RDF.type, KZ.Person))
        g.add((person, RDFS.label, Literal(label)))
        g.add((KZD["meeting/m"], KZ.participant, person))
    g.add((KZD["meeting/m"], RDF.type, KZ.Meeting))
    g.add((KZD["meeting/m"], KZ.date, Literal("2020")))
    page = views.render_view(views.plan_views(g)[0])
    assert "<script>alert(1)" not in page
    assert any(n["label"] == bad for n in dataset(page, "nodes"))


def test_views_write_views_index_and_leaves_other_files(fixture_graph, tmp_path):
    earlier, unrelated = tmp_path / "year-1999.html", tmp_path / "notes.html"
    earlier.write_text(f'<html><head><meta name="generator" content="{views.GENERATOR}">', encoding="utf-8")
    unrelated.write_text("<p>mine</p>", encoding="utf-8")
    written = views.write_views(fixture_graph, tmp_path)
    names = [p.name for p in written]
    assert names[-1] == "index.html" and len(names) == 8
    assert earlier.exists() and unrelated.exists()
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<li><svg class="preview".*?</svg><div><a href="([^"]+)">', index)
    assert links == names[:-1]
    assert all((tmp_path / link).is_file() for link in links)
    assert "5 nodes, 5 edges" in index
    assert "Kazakhstan's most frequent counterparts" in index and "<td>Norway</td>" in index
    assert not REMOTE.search(index) and "<script" not in index
    again = tmp_path / "again"
    views.write_views(fixture_graph, again)
    for name in names:
        assert (again / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_views_cli_writes_views_and_reports_input_errors(tmp_path):
    run = subprocess.run([sys.executable, "-m", "kzgraph", "views", str(FIXTURE), "-o", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert [Path(line).name for line in run.stdout.splitlines()][-1] == "index.html"
    assert (tmp_path / "actors.html").is_file()
    missing = subprocess.run([sys.executable, "-m", "kzgraph", "views", str(tmp_path / "no.ttl"),
                              "-o", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert missing.returncode == 2 and "no.ttl" in missing.stderr


# ---------------------------------------------------------------- the committed views

def test_views_committed_views_are_fresh(tmp_path):
    """graphs/*.html are exactly what `kzgraph views` makes from graphs/kzgraph.ttl."""
    if not SAMPLE.is_file():
        pytest.fail(f"{SAMPLE.relative_to(ROOT)} is missing: run `kzgraph build` then `kzgraph views`")
    written = views.write_views(load_graph(SAMPLE), tmp_path)
    expected = {p.name for p in written}
    committed = {p.name for p in GRAPHS.glob("*.html")}
    assert committed == expected, "run `kzgraph views` to refresh graphs/"
    stale = [p.name for p in written if p.read_bytes() != (GRAPHS / p.name).read_bytes()]
    assert not stale, f"out of date, run `kzgraph views`: {stale}"


def test_views_nodes_and_edges_name_their_events_with_full_evidence(fixture_views):
    _, page = fixture_views["actors.html"]
    match = re.search(r'<script type="application/json" id="kz-events">(.*?)</script>', page)
    records = json.loads(match.group(1))
    nodes = {n["id"]: n for n in dataset(page, "nodes")}
    assert nodes[SULTANOVA]["events"] == [str(KZD["meeting/m2"]), str(KZD["meeting/m1"]), str(KZD["visit/v1"])]
    edge = next(e for e in dataset(page, "edges") if {e["from"], e["to"]} == {KZ_STATE, str(KZD["state/NO"])})
    assert edge["events"] == [str(KZD["agreement/g1"])]
    assert set(records) == {i for n in nodes.values() for i in n["events"]}
    agreement = records[str(KZD["agreement/g1"])]
    assert agreement["sources"] == [{"sentence": "The two countries signed a mutual visa exemption agreement.",
                                     "article": "Ministers meet in Oslo", "articleDate": "2025-05-02",
                                     "dateInferred": False, "file": "a.txt", "url": None}]
    assert agreement["actorLabels"] == ["Kazakhstan", "Norway"]
    assert records[str(KZD["visit/v2"])]["precision"] == "year"


def test_views_index_says_what_each_view_answers_with_a_preview(fixture_graph, tmp_path):
    written = views.write_views(fixture_graph, tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li>(<svg class=\"preview\".*?</svg>)<div><a href=\"([^\"]+)\">.*?"
                       r"<span class=\"d\">([^<]+)</span></div></li>", index)
    assert [name for _, name, _ in items] == [p.name for p in written[:-1]]
    assert all(question.endswith("?") for _, _, question in items)
    previews = {name: svg for svg, name, _ in items}
    assert previews["actors.html"].count("<circle") == 5 and previews["actors.html"].count("<line") == 5
    assert previews["timeline.html"].count("<rect") == 2  # 2024 and 2025, nothing undated
    assert previews["map.html"].count('fill="#2171b5"') == 1  # Norway, the only partner state
    assert previews["map.html"].count('fill="#f2c14e"') == 1  # Kazakhstan
