"""Every view in a real browser: headless Debian Chromium over file://, network blocked.

For each page: no console errors, no request that is not file: or data:, the number of
nodes and edges vis-network holds and draws equals the network's, something is painted, the
legend shows, a tooltip appears on hover, search selects the node, class and year filters
hide what they should. A screenshot of each page is saved under tests/artifacts/browser/.

Chromium comes from scripts/ensure-chromium.sh (installed with apt-get when missing, by the
fixtures in conftest.py); if it cannot be had, these tests fail rather than skip.
"""

from __future__ import annotations

import random
import re
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from kzgraph import analytics, views
from kzgraph.namespaces import KZ, KZD
from kzgraph.stores import load_graph

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
GRAPHS = ROOT / "graphs"
SAMPLE = GRAPHS / "kzgraph.ttl"
ARTIFACTS = ROOT / "tests" / "artifacts" / "browser"
LOCAL = ("file:", "data:", "about:")
DRAW_TIMEOUT_MS = 60_000

FIXTURE_VIEWS = [v.filename for v in views.plan_views(load_graph(FIXTURE))]
PICTURES = ["map.html", "timeline.html"]
"""Views that are not networks, listed first in the index (tested in test_browser_pictures.py)."""
COMMITTED_VIEWS = sorted(p.name for p in GRAPHS.glob("*.html") if p.name not in ["index.html", *PICTURES])


# ---------------------------------------------------------------- browser plumbing

class Visit:
    """An open page and what it tried to do: errors (console and uncaught) and requests."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.remote: set[str] = set()

    def assert_clean(self):
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.remote, f"network requests: {sorted(self.remote)}"


@contextmanager
def visit(browser, path: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, offline=True,
                                  service_workers="block")
    page = context.new_page()
    seen = Visit(page)

    def guard(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            seen.remote.add(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else seen.remote.add(r.url))
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        yield seen
    finally:
        context.close()


def screenshot(page, suite: str, name: str, record_property) -> Path:
    shot = ARTIFACTS / suite / f"{Path(name).stem}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))
    record_property(f"screenshot-{Path(name).stem}", str(shot))
    print(f"screenshot: {shot}")
    return shot


COUNTS = """() => ({
  nodes: network.body.data.nodes.length, edges: network.body.data.edges.length,
  drawnNodes: network.body.nodeIndices.length, drawnEdges: network.body.edgeIndices.length,
  positioned: Object.keys(network.getPositions()).length })"""

PAINTED = """() => {
  const canvas = document.querySelector('#mynetwork canvas');
  const ctx = canvas.getContext('2d');
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) painted++;
  }
  return painted; }"""

VISIBLE = """() => ({ nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length })"""


def check_view(browser, path: Path, view: views.View, suite: str, record_property) -> None:
    """Open one view and check what it draws and how it behaves."""
    G = view.graph
    with visit(browser, path) as seen:
        page = seen.page
        started = time.perf_counter()
        page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        drawn_in = time.perf_counter() - started
        counts = page.evaluate(COUNTS)
        n, m = G.number_of_nodes(), G.number_of_edges()
        assert counts == {"nodes": n, "edges": m, "drawnNodes": n, "drawnEdges": m, "positioned": n}
        if n:
            assert page.evaluate(PAINTED) > 200, "the canvas is blank"
        legend = page.locator("#kz-legend")
        assert legend.is_visible()
        kinds = sorted({a["kind"] for _, a in G.nodes(data=True)})
        for kind in kinds:
            assert views.STYLES[kind]["plural"] in legend.inner_text()
        assert page.locator("#kz-search").is_visible()
        screenshot(page, suite, path.name, record_property)
        if n:
            check_tooltip(page, G, suite, path.name, record_property)
            check_evidence(page, G, suite, path.name, record_property)
            check_search(page, G)
            check_class_filter(page, G, kinds)
            check_year_filter(page, G)
        seen.assert_clean()
        print(f"{path.name}: {n} nodes, {m} edges drawn in {drawn_in:.2f} s")


def node_on_screen(page, G) -> tuple[str, dict]:
    """A well-connected node whose centre is on screen and not under the panel."""
    panel = page.locator("#kz-panel").bounding_box()
    ranked = sorted(G, key=lambda node: (-G.degree(node), node))
    for node in ranked:
        point = page.evaluate("(id) => { const p = network.canvasToDOM(network.getPosition(id));"
                              " const r = document.getElementById('mynetwork').getBoundingClientRect();"
                              " return {x: p.x + r.left, y: p.y + r.top}; }", node)
        inside = 0 < point["x"] < 1280 and 0 < point["y"] < 800
        under_panel = (panel["x"] <= point["x"] <= panel["x"] + panel["width"] + 10
                       and panel["y"] <= point["y"] <= panel["y"] + panel["height"] + 10)
        if inside and not under_panel:
            return node, point
    pytest.fail("no node is visible outside the legend panel")


def check_tooltip(page, G, suite, name, record_property) -> None:
    node, point = node_on_screen(page, G)
    page.mouse.move(point["x"] - 3, point["y"] - 3)
    page.mouse.move(point["x"], point["y"], steps=3)
    tooltip = page.locator("div.vis-tooltip")
    page.wait_for_function("() => { const t = document.querySelector('div.vis-tooltip');"
                           " return t && getComputedStyle(t).visibility === 'visible'; }", timeout=5000)
    text = tooltip.inner_text()
    assert text.startswith(G.nodes[node]["label"]), text
    assert G.nodes[node]["kind"] in text
    evidence = G.nodes[node].get("evidence") or []
    if evidence and evidence[0].get("article"):
        assert evidence[0]["article"][:40] in " ".join(text.split())
    screenshot(page, suite, Path(name).stem + "-tooltip.html", record_property)
    page.mouse.move(1270, 790)


EDGE_POINT = """([a, b]) => {
  const r = document.getElementById('mynetwork').getBoundingClientRect();
  const pa = network.canvasToDOM(network.getPosition(a)), pb = network.canvasToDOM(network.getPosition(b));
  const p = {x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2};
  const id = network.getEdgeAt(p), onNode = network.getNodeAt(p) !== undefined;
  const edge = id === undefined ? null : edges.get(id);
  const same = edge && ((edge.from === a && edge.to === b) || (edge.from === b && edge.to === a));
  return same && !onNode && p.x > 0 && p.y > 0 && p.x < r.width && p.y < r.height
    ? {x: p.x + r.left, y: p.y + r.top} : null; }"""


def check_evidence(page, G, suite, name, record_property) -> None:
    """A click on a node, then on an edge, lists their events with the source sentences."""
    panel = page.locator("#kz-evidence")
    node, point = node_on_screen(page, G)
    page.mouse.click(point["x"], point["y"])
    assert panel.is_visible()
    assert page.inner_text("#kz-evidence-title") == G.nodes[node]["label"]
    events = {r["event"]: r for r in G.nodes[node]["evidence"]}
    assert page.locator("#kz-evidence .kz-ev").count() == len(events)
    sentences = [r["sentence"] for r in events.values() if r.get("sentence")]
    if sentences:
        assert sentences[0][:50] in " ".join(panel.inner_text().split())
    screenshot(page, suite, Path(name).stem + "-evidence.html", record_property)
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    for a, b in sorted(G.edges, key=lambda e: (-G.edges[e]["weight"], sorted(e))):
        point = page.evaluate(EDGE_POINT, [a, b])
        if point:
            page.mouse.click(point["x"], point["y"])
            # where edges cross, vis-network may pick another edge than the one aimed at
            (picked,) = page.evaluate("network.getSelectedEdges().map(id => edges.get(id))"
                                      ".map(e => [e.from, e.to])")
            a, b = picked
            assert page.inner_text("#kz-evidence-title") == f"{G.nodes[a]['label']} — {G.nodes[b]['label']}"
            assert page.locator("#kz-evidence .kz-ev").count() == G.edges[a, b]["weight"]
            page.keyboard.press("Escape")
            break
    page.mouse.click(1275, 795)


def check_search(page, G) -> None:
    node = sorted(G, key=lambda n: (-G.degree(n), n))[-1]  # the least connected, to be picky
    label = G.nodes[node]["label"]
    twins = {n for n, a in G.nodes(data=True) if a["label"].casefold() == label.casefold()
             or label.casefold() in (x.casefold() for x in a.get("aliases", []))}
    page.fill("#kz-search", label)
    page.press("#kz-search", "Enter")
    selected = set(page.evaluate("network.getSelectedNodes()"))
    assert node in selected and selected <= twins | {node}, (label, selected)
    assert "match" in page.inner_text("#kz-status")
    page.fill("#kz-search", "zzqx-no-such-name")
    page.press("#kz-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == []
    assert "no match" in page.inner_text("#kz-status")
    page.fill("#kz-search", "")
    page.press("#kz-search", "Enter")


def check_class_filter(page, G, kinds) -> None:
    kind = kinds[0]
    keep = {n for n, a in G.nodes(data=True) if a["kind"] != kind}
    box = page.locator(f'#kz-legend input[data-kind="{kind}"]')
    box.uncheck()
    assert page.evaluate(VISIBLE) == {"nodes": len(keep), "edges": G.subgraph(keep).number_of_edges()}
    assert f"{len(keep)} of {G.number_of_nodes()} nodes" in page.inner_text("#kz-status")
    box.check()
    assert page.evaluate(VISIBLE) == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def check_year_filter(page, G) -> None:
    years = analytics.years(G)
    if len(years) < 2:
        assert page.locator("#kz-year").count() == 0
        return
    year = years[-1]
    page.select_option("#kz-year", str(year))
    keep = {n for n, a in G.nodes(data=True) if year in a["years"]}
    edges = sum(1 for a, b, d in G.edges(data=True) if year in d["years"])
    assert page.evaluate(VISIBLE) == {"nodes": len(keep), "edges": edges}
    page.select_option("#kz-year", "")
    assert page.evaluate(VISIBLE)["nodes"] == G.number_of_nodes()


def check_index(browser, folder: Path, planned: list[str], suite: str, record_property) -> None:
    with visit(browser, folder / "index.html") as seen:
        page = seen.page
        links = page.eval_on_selector_all("#views a", "els => els.map(a => a.getAttribute('href'))")
        assert links == PICTURES + planned
        for link in links:
            assert (folder / link).is_file(), link
        descriptions = page.eval_on_selector_all("#views li .d", "els => els.map(e => e.textContent)")
        assert len(descriptions) == len(links) and all(d.strip() for d in descriptions)
        screenshot(page, suite, "index.html", record_property)
        page.click(f'#views a[href="{planned[0]}"]')
        page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        assert page.url.endswith("/" + planned[0])
        seen.assert_clean()


def actors_by_sparql(graph: Graph) -> tuple[int, int]:
    """Actors taking part in an event, and pairs of actors sharing one, counted in SPARQL."""
    roles = "kz:participant kz:visitor kz:destination kz:host kz:party"
    body = f"""VALUES ?cls {{ kz:Meeting kz:Visit kz:Agreement }}
        VALUES ?r1 {{ {roles} }} VALUES ?r2 {{ {roles} }}
        ?e a ?cls ; ?r1 ?a ; ?r2 ?b . FILTER (isIRI(?a) && isIRI(?b))"""
    prefix = f"PREFIX kz: <{KZ}>\n"
    actors = graph.query(prefix + f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ {body} }}")
    pairs = graph.query(prefix + f"""SELECT (COUNT(*) AS ?n) WHERE {{
        SELECT DISTINCT ?a ?b WHERE {{ {body} FILTER (STR(?a) < STR(?b)) }} }}""")
    return int(next(iter(actors)).n), int(next(iter(pairs)).n)


# ---------------------------------------------------------------- the fixture's views

@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> tuple[Path, dict[str, views.View]]:
    folder = tmp_path_factory.mktemp("views")
    graph = load_graph(FIXTURE)
    views.write_views(graph, folder)
    return folder, {v.filename: v for v in views.plan_views(graph)}


@pytest.mark.parametrize("name", FIXTURE_VIEWS)
def test_browser_fixture_view(browser, fixture_site, name, record_property):
    folder, planned = fixture_site
    check_view(browser, folder / name, planned[name], "fixture", record_property)


def test_browser_fixture_index(browser, fixture_site, record_property):
    folder, planned = fixture_site
    check_index(browser, folder, list(planned), "fixture", record_property)


def test_browser_fixture_actor_counts_match_sparql(browser, fixture_site):
    folder, _ = fixture_site
    with visit(browser, folder / "actors.html") as seen:
        seen.page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        counts = seen.page.evaluate(COUNTS)
    assert (counts["drawnNodes"], counts["drawnEdges"]) == actors_by_sparql(load_graph(FIXTURE)) == (5, 5)


# ---------------------------------------------------------------- the committed views

@pytest.fixture(scope="session")
def sample_plan() -> dict[str, views.View]:
    if not SAMPLE.is_file():
        pytest.fail(f"{SAMPLE.relative_to(ROOT)} is missing: run `kzgraph build && kzgraph views`")
    return {v.filename: v for v in views.plan_views(load_graph(SAMPLE))}


def test_browser_committed_views_complete(sample_plan):
    assert COMMITTED_VIEWS and (GRAPHS / "index.html").is_file(), "run `kzgraph views`"
    assert set(COMMITTED_VIEWS) == set(sample_plan)


@pytest.mark.parametrize("name", COMMITTED_VIEWS)
def test_browser_committed_view(browser, sample_plan, name, record_property):
    assert name in sample_plan, f"graphs/{name} is not a view of graphs/kzgraph.ttl"
    check_view(browser, GRAPHS / name, sample_plan[name], "graphs", record_property)


def test_browser_committed_index(browser, sample_plan, record_property):
    check_index(browser, GRAPHS, list(sample_plan), "graphs", record_property)


def test_browser_committed_actor_counts_match_sparql(browser, sample_plan):
    with visit(browser, GRAPHS / "actors.html") as seen:
        seen.page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        counts = seen.page.evaluate(COUNTS)
        seen.assert_clean()
    assert (counts["drawnNodes"], counts["drawnEdges"]) == actors_by_sparql(load_graph(SAMPLE))


# ---------------------------------------------------------------- a few thousand nodes

def synthetic_graph(people: int = 2200, states: int = 120, orgs: int = 60, events: int = 4500,
                    seed: int = 3) -> Graph:
    """A graph in kzgraph's shape with random meetings, visits and agreements."""
    rnd = random.Random(seed)
    g = Graph()
    actors = []
    for prefix, cls, count in (("state/S", KZ.State, states), ("org/o", KZ.Organization, orgs),
                               ("person/p", KZ.Person, people)):
        for i in range(count):
            node = KZD[f"{prefix}{i}"]
            g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(f"{prefix.split('/')[0].title()} {i}")))
            actors.append(node)
    for i in range(events):
        event = KZD[f"meeting/e{i}"]
        g.add((event, RDF.type, rnd.choice([KZ.Meeting, KZ.Visit, KZ.Agreement])))
        g.add((event, KZ.date, Literal(f"{rnd.randint(2019, 2025)}-05-0{rnd.randint(1, 9)}",
                                       datatype=XSD.date)))
        for actor in rnd.sample(actors, rnd.randint(2, 3)):
            g.add((event, KZ.participant, actor))
    return g


@pytest.mark.slow
def test_browser_thousands_of_nodes_draw_quickly(browser, tmp_path, record_property):
    actors = analytics.actor_network(synthetic_graph())
    assert actors.number_of_nodes() > 2000
    view = views.View("big.html", "Synthetic", "A random network of a few thousand actors.", actors)
    path = tmp_path / "big.html"
    path.write_text(views.render_view(view, index_link=False), encoding="utf-8")
    with visit(browser, path) as seen:
        started = time.perf_counter()
        seen.page.wait_for_function("window.kzDrawn === true", timeout=DRAW_TIMEOUT_MS)
        elapsed = time.perf_counter() - started
        counts = seen.page.evaluate(COUNTS)
        assert counts["drawnNodes"] == actors.number_of_nodes()
        assert counts["drawnEdges"] == actors.number_of_edges()
        check_search(seen.page, actors)
        screenshot(seen.page, "synthetic", "big.html", record_property)
        seen.assert_clean()
    assert elapsed < 15, f"{actors.number_of_nodes()} nodes took {elapsed:.1f} s to draw"
    assert not re.search(r'"physics": \{"enabled": true', path.read_text(encoding="utf-8"))
