"""Interactive HTML views of the networks, drawn with pyvis and readable offline, and the
index of every view (the map and timeline come from :mod:`kzgraph.views_map` and
:mod:`kzgraph.views_timeline`).

Every view is one self-contained file: vis-network is inlined (pyvis ``in_line`` mode),
the bootstrap CDN tags of pyvis's template are removed, and the legend, search box,
class/year filters and the evidence panel (a click on a node or an edge) are small inline
HTML and JavaScript added here. Positions are computed once per network in Python
(:mod:`kzgraph.layout`) and physics is off, so the page draws at once and rebuilding gives
the same bytes.

Public API: :func:`plan_views` (which views a graph yields), :func:`render_view`,
:func:`render_index` and :func:`write_views`. The module never prints.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph

from kzgraph import analytics, views_map, views_timeline
from kzgraph.errors import KzGraphError
from kzgraph.events import date_interval, evidence_record, read_events
from kzgraph.layout import LABEL_MIN_PX, fit_scale, label_font_size, label_zooms, layout
from kzgraph.namespaces import KZD
from kzgraph.stores import write_text_atomic
from kzgraph.views_page import (EVIDENCE_CSS, EVIDENCE_PANEL, EVIDENCE_SCRIPT, GENERATOR, check_offline,
                                json_script)
from kzgraph.views_preview import map_preview, network_preview, timeline_preview

KAZAKHSTAN = str(KZD) + "state/KZ"

MAX_EVIDENCE = {"node": 3, "edge": 5}
NODE_SIZE = (8, 42)
"""Smallest and largest node radius (canvas units); PageRank sets where a node falls."""
MAX_SENTENCE = 280

STYLES = {
    "Person": {"color": "#4e79a7", "shape": "dot", "plural": "Persons"},
    "State": {"color": "#59a14f", "shape": "square", "plural": "States"},
    "Organization": {"color": "#f28e2b", "shape": "triangle", "plural": "Organizations"},
    "Actor": {"color": "#9c755f", "shape": "diamond", "plural": "Other actors"},
}
"""Colour and vis-network shape per node class."""

_REMOTE_TAG = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>"
    r"|<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL)
_DEAD_COMMENT = re.compile(r"<!--(?:(?!-->).)*node_modules(?:(?!-->).)*-->", re.DOTALL)
"""pyvis's template keeps commented-out tags that point at ../node_modules."""


@dataclass
class View:
    """One page: filename (str), title (str), description (str, one line),
    graph (nx.Graph), centers (node IRIs drawn as the ego's centre), positions (node ->
    (x, y); computed by :func:`layout` when None), events (see below)."""

    filename: str
    title: str
    description: str
    graph: nx.Graph
    centers: tuple[str, ...] = field(default=())
    positions: dict[str, tuple[int, int]] | None = None
    events: dict[str, dict] = field(default_factory=dict)
    """Evidence records (:func:`kzgraph.events.evidence_record`) of the view's events by
    IRI; an event missing here is shown from the node's or edge's own evidence."""


# ---------------------------------------------------------------- which views

def plan_views(graph: Graph, evidence: dict[str, dict] | None = None) -> list[View]:
    """The views of a kzgraph RDF graph: the whole actor network, Kazakhstan's ego network
    (if Kazakhstan takes part in any event), one actor network per year and the
    state–organization network. evidence: the evidence records of the graph's events by
    IRI (read from graph when None)."""
    if evidence is None:
        evidence = evidence_by_event(*read_events(graph))
    views = _plan_networks(graph)
    for view in views:
        view.events = {iri: evidence[iri] for iri in sorted(_event_iris(view.graph)) if iri in evidence}
    return views


def evidence_by_event(events: list[dict], actors: dict[str, dict]) -> dict[str, dict]:
    """The evidence record of every event, by IRI."""
    return {e["id"]: evidence_record(e, actors) for e in events}


def _event_iris(G: nx.Graph) -> set[str]:
    iris = {r["event"] for _, attrs in G.nodes(data=True) for r in attrs.get("evidence", ())}
    return iris | {r["event"] for _, _, attrs in G.edges(data=True) for r in attrs.get("evidence", ())}


def _plan_networks(graph: Graph) -> list[View]:
    actors = analytics.actor_network(graph)
    # the ego and year views are parts of the actor network and keep its positions, so a
    # node stands in the same place in every one of them (and the layout is computed once;
    # the ego view's Kazakhstan stands where Kazakhstan stands in the actor network)
    positions = layout(actors)
    views = [View("actors.html", "Actor network",
                  "Who deals with whom: which persons, states and organizations share meetings, "
                  "visits or agreements?", actors, positions=positions)]
    ego = kazakhstan_ego(graph, actors)
    if ego is not None:
        ego.positions = _reuse(positions, ego.graph)
        views.append(ego)
    for year in analytics.years(actors):
        views.append(View(f"year-{year}.html", f"Actor network in {year}",
                          f"Who met, visited or signed with whom in {year}?",
                          analytics.slice_by_year(actors, year), positions=positions))
    states = analytics.state_network(graph)
    views.append(View("states-organizations.html", "States and organizations",
                      "Which states and organizations are linked, through the events they or "
                      "their people share?", states, positions=layout(states)))
    return views


def _reuse(positions: dict[str, tuple[int, int]], G: nx.Graph) -> dict[str, tuple[int, int]]:
    """positions for the nodes of G; a node without one sits at the mean of its neighbours'."""
    placed = {n: positions[n] for n in G if n in positions}
    for n in sorted(set(G) - set(placed)):
        near = [placed[m] for m in G[n] if m in placed] or [(0, 0)]
        placed[n] = (round(sum(p[0] for p in near) / len(near)), round(sum(p[1] for p in near) / len(near)))
    return placed


def kazakhstan_ego(graph: Graph, actors: nx.Graph) -> View | None:
    """Kazakhstan, with the people who represent it folded in, and every actor it dealt
    with: the ego network (radius 1) of Kazakhstan in that merged actor network."""
    officials = {n: KAZAKHSTAN for n, a in actors.nodes(data=True)
                 if a.get("kind") == "Person" and KAZAKHSTAN in a.get("represents", ())}
    merged = analytics.actor_network(graph, merge=officials)
    if KAZAKHSTAN not in merged:
        return None
    ego = analytics.ego_network(merged, KAZAKHSTAN, radius=1)
    return View("kazakhstan.html", "Kazakhstan's ego network",
                "With whom does Kazakhstan deal, counting its officials' meetings and visits "
                "as its own?", ego, (KAZAKHSTAN,))


# ---------------------------------------------------------------- one view


def _clip(text: str | None, limit: int = MAX_SENTENCE) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _evidence_lines(evidence: list[dict], limit: int) -> list[str]:
    """One line per distinct sentence (a sentence often reports a meeting and a visit)."""
    unique = list({(r.get("sentence") or r.get("label"), r.get("article"), r.get("date")): r
                   for r in evidence}.values())
    lines = []
    for record in unique[:limit]:
        source = " — ".join(x for x in (record.get("article"), record.get("date")) if x)
        quote = f"“{_clip(record['sentence'])}”" if record.get("sentence") else _clip(record.get("label"))
        lines.append(f"• {quote}" + (f"\n   {source}" if source else ""))
    if len(unique) > limit:
        lines.append(f"… and {len(unique) - limit} more")
    return lines


def _relations_text(relations: dict[str, int]) -> str:
    return ", ".join(name if count == 1 else f"{name} ×{count}" for name, count in relations.items())


def node_tooltip(attrs: dict, row: dict) -> str:
    """Plain-text tooltip of a node (vis-network shows titles as text, never as HTML)."""
    lines = [attrs.get("label", ""), attrs.get("kind", "")]
    if attrs.get("posts"):
        lines.append("Post: " + "; ".join(attrs["posts"]))
    if attrs.get("represented_by"):
        lines.append("People: " + _clip(", ".join(attrs["represented_by"]), 200))
    if attrs.get("aliases"):
        lines.append("Also: " + _clip(", ".join(attrs["aliases"]), 160))
    dates = attrs.get("dates", [])
    if dates:
        span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        lines.append(f"Events: {attrs.get('events', 0)} ({span})")
    if row:
        lines.append(f"Links: {row['degree']} · shared events: {row['weighted_degree']} · "
                     f"PageRank {row['pagerank']:.3f} · community {row['community']}")
    evidence = _evidence_lines(attrs.get("evidence", []), MAX_EVIDENCE["node"])
    if evidence:
        lines += ["From:"] + evidence
    return "\n".join(x for x in lines if x)


def edge_tooltip(a: dict, b: dict, attrs: dict) -> str:
    """Plain-text tooltip of an edge: both ends, relations, dates, evidence."""
    lines = [f"{a.get('label')} — {b.get('label')}",
             f"{_relations_text(attrs.get('relations', {}))} (shared events: {attrs.get('weight', 0)})"]
    if attrs.get("kinds"):
        lines.append("Kinds: " + ", ".join(attrs["kinds"]))
    if attrs.get("dates"):
        lines.append("Dates: " + _clip(", ".join(attrs["dates"]), 200))
    evidence = _evidence_lines(attrs.get("evidence", []), MAX_EVIDENCE["edge"])
    if evidence:
        lines += ["From:"] + evidence
    return "\n".join(lines)


def _no_link(title: str) -> str:
    """pyvis switches to an innerHTML popup when a node title contains "href"; keep text."""
    return title.replace("href", "hre\u200bf")


def vis_data(view: View) -> tuple[list[dict], list[dict]]:
    """Node and edge dicts for vis-network, in a fixed order."""
    G = view.graph
    positions = view.positions if view.positions is not None else layout(G)
    rows = {r["iri"]: r for r in analytics.metrics(G, with_betweenness=False)}
    centers = set(view.centers)
    scale = fit_scale(positions)
    ranks = {n: rows[n]["pagerank"] for n in G}
    zooms = label_zooms(positions, {n: G.nodes[n].get("label", n) for n in G}, ranks, scale=scale,
                        radii=_node_sizes(ranks))
    nodes = []
    for n in sorted(G):
        attrs = G.nodes[n]
        style = STYLES.get(attrs.get("kind"), STYLES["Actor"])
        x, y = positions[n]
        node = {
            "id": n, "label": attrs.get("label", n), "shape": style["shape"],
            "color": {"background": style["color"], "border": "#c0392b" if n in centers else "#33415c",
                      "highlight": {"background": "#ffd166", "border": "#c0392b"}},
            "borderWidth": 4 if n in centers else 1,
            "value": rows[n]["pagerank"], "x": x, "y": y,
            # a label shows from the zoom at which it overlaps no other (and on hover)
            "font": {"size": label_font_size(1 if n in centers else zooms[n], scale)},
            "title": _no_link(node_tooltip(attrs, rows[n])),
            "kind": attrs.get("kind", "Actor") if attrs.get("kind") in STYLES else "Actor",
            "years": list(attrs.get("years", [])),
            "aliases": list(attrs.get("aliases", [])),
            "events": _chronological(attrs),
        }
        nodes.append(node)
    edges = []
    ordered = sorted((a, b) if a < b else (b, a) for a, b in G.edges())
    for i, (a, b) in enumerate(ordered):
        attrs = G.edges[a, b]
        edges.append({
            "id": f"e{i}", "from": a, "to": b, "value": attrs.get("weight", 1),
            "label": _relations_text(attrs.get("relations", {})),
            "title": _no_link(edge_tooltip(G.nodes[a], G.nodes[b], attrs)),
            "years": list(attrs.get("years", [])),
            "events": _chronological(attrs),
        })
    return nodes, edges


def _node_sizes(values: dict[str, float]) -> dict[str, float]:
    """The radius vis-network gives each node, scaling its value between NODE_SIZE's ends."""
    low, high = min(values.values(), default=0.0), max(values.values(), default=0.0)
    small, large = NODE_SIZE
    if high == low:
        return {n: (small + large) / 2 for n in values}
    return {n: small + (large - small) * (v - low) / (high - low) for n, v in values.items()}


def _chronological(attrs: dict) -> list[str]:
    """The IRIs of the events in attrs' evidence, dated ones first, by date."""
    records = attrs.get("evidence", ())
    ordered = sorted(records, key=lambda r: (not r.get("date"), r.get("date") or "", r["event"]))
    return [r["event"] for r in ordered]


def vis_options(n_nodes: int) -> dict:
    """vis-network options: no physics (positions are precomputed), hover tooltips."""
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": True,
                        "hideEdgesOnDrag": n_nodes > 800, "hideEdgesOnZoom": n_nodes > 800},
        "nodes": {"font": {"size": 14, "face": "sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "scaling": {"min": NODE_SIZE[0], "max": NODE_SIZE[1],
                              "label": {"enabled": False, "drawThreshold": LABEL_MIN_PX}}},
        "edges": {"smooth": False,
                  "color": {"color": "#9aa5b1", "highlight": "#c0392b", "hover": "#4a5568"},
                  "font": {"size": 10, "face": "sans-serif", "color": "#4a5568", "strokeWidth": 3,
                           "align": "horizontal"},
                  "scaling": {"min": 1, "max": 8, "label": {"enabled": False, "drawThreshold": 9}}},
    }


def render_view(view: View, *, index_link: bool = True) -> str:
    """The self-contained HTML page of a view."""
    from pyvis.network import Network

    nodes, edges = vis_data(view)
    net = Network(height="100vh", width="100%", heading="", cdn_resources="in_line")
    # filled directly: pyvis's add_node/add_edge are quadratic above ~1k nodes
    net.nodes, net.edges = nodes, edges
    net.options = vis_options(len(nodes))
    page = net.generate_html(name="view.html")
    return _finish(page, view, nodes, edges, index_link=index_link)


def _finish(page: str, view: View, nodes: list[dict], edges: list[dict], *, index_link: bool) -> str:
    """Strip pyvis's CDN tags and empty headings; add title, legend, search and filters."""
    page = _REMOTE_TAG.sub("", page)
    page = _DEAD_COMMENT.sub("", page)
    page = re.sub(r"\s*<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    head = "\n        ".join([
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{GENERATOR}">',
        f"<title>{html.escape(view.title)} · kzgraph</title>"])
    page = _replace(page, '<meta charset="utf-8">', head)
    page = _replace(page, "</head>", f"<style>{_CSS}{EVIDENCE_CSS}</style>\n    </head>")
    page = _replace(page, "<body>", "<body>\n" + _panel(view, nodes, edges, index_link=index_link))
    page = _replace(page, "</body>", "\n".join([
        EVIDENCE_PANEL, json_script("kz-events", _evidence_records(view, nodes, edges)),
        f"<script>{EVIDENCE_SCRIPT}</script>", f"<script>{_SCRIPT}</script>", "    </body>"]), last=True)
    check_offline(page, view.filename)
    return page


def _evidence_records(view: View, nodes: list[dict], edges: list[dict]) -> dict[str, dict]:
    """The evidence panel's record of every event a node or edge names: the view's own
    record, else one made from the evidence the network carries."""
    carried = {r["event"]: r for _, attrs in view.graph.nodes(data=True) for r in attrs.get("evidence", ())}
    records = {}
    for iri in sorted({i for item in nodes + edges for i in item["events"]}):
        if iri in view.events:
            records[iri] = view.events[iri]
            continue
        r = carried.get(iri) or {"event": iri, "label": iri, "relation": "", "kind": ""}
        records[iri] = {"id": iri, "label": r.get("label"), "relation": r.get("relation"),
                        "kind": r.get("kind"), "date": r.get("date"),
                        "precision": date_interval(r.get("date"))[0], "actorLabels": [],
                        "sources": [{"sentence": r.get("sentence"), "article": r.get("article")}]
                        if r.get("sentence") or r.get("article") else []}
    return records


def _replace(text: str, old: str, new: str, *, last: bool = False) -> str:
    """Replace the first (or last) old in text; raise if pyvis's template lost it."""
    before, found, after = text.rpartition(old) if last else text.partition(old)
    if not found:
        raise KzGraphError(f"pyvis page has no {old}: its template changed")
    return before + new + after


def _swatch(kind: str) -> str:
    color, shape = STYLES[kind]["color"], STYLES[kind]["shape"]
    body = {
        "dot": f'<circle cx="8" cy="8" r="6" fill="{color}"/>',
        "square": f'<rect x="2" y="2" width="12" height="12" fill="{color}"/>',
        "triangle": f'<polygon points="8,1 15,14 1,14" fill="{color}"/>',
        "diamond": f'<polygon points="8,1 15,8 8,15 1,8" fill="{color}"/>',
    }[shape]
    return f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{body}</svg>'


def _panel(view: View, nodes: list[dict], edges: list[dict], *, index_link: bool) -> str:
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node["kind"]] = counts.get(node["kind"], 0) + 1
    kinds = [k for k in STYLES if counts.get(k)]
    legend = "\n".join(
        f'<label class="kz-class"><input type="checkbox" data-kind="{k}" checked> {_swatch(k)} '
        f'{STYLES[k]["plural"]} <span class="kz-n">{counts[k]}</span></label>' for k in kinds)
    all_years = sorted({y for node in nodes for y in node["years"]})
    year_options = "".join(f'<option value="{y}">{y}</option>' for y in all_years)
    year_box = (f'<label>Year <select id="kz-year"><option value="">all years</option>{year_options}'
                f'</select></label>') if len(all_years) > 1 else ""
    names = sorted({n["label"] for n in nodes} | {a for n in nodes for a in n["aliases"]})
    datalist = "".join(f'<option value="{html.escape(x)}">' for x in names)
    back = '<a href="index.html">All views</a> · ' if index_link else ""
    return f"""<div id="kz-panel">
  <div class="kz-head">{back}<strong>{html.escape(view.title)}</strong></div>
  <p class="kz-desc">{html.escape(view.description)}</p>
  <form id="kz-search-form" autocomplete="off">
    <input id="kz-search" type="search" list="kz-names" placeholder="Search a name…" aria-label="Search a name">
    <button type="submit">Find</button>
    <datalist id="kz-names">{datalist}</datalist>
  </form>
  <div id="kz-legend" aria-label="Legend">
{legend}
    <div class="kz-key">Size: PageRank · edge width: shared events · edge label: relation.
    Click a node or an edge for its events and their sources.</div>
  </div>
  {year_box}
  <div id="kz-status" aria-live="polite">{len(nodes)} nodes · {len(edges)} edges</div>
</div>
"""


_CSS = """
html, body { margin: 0; padding: 0; height: 100%; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
#mynetwork { position: fixed; top: 0; left: 290px; width: calc(100vw - 290px) !important; height: 100vh !important;
  float: none !important; border: 0 !important; }
.card { border: 0; }
#kz-panel { position: fixed; top: 0; left: 0; bottom: 0; z-index: 10; width: 290px; padding: 10px 12px;
  box-sizing: border-box; overflow-y: auto; background: #f8f9fb; border-right: 1px solid #cbd2d9;
  font-size: 13px; color: #1f2933; }
#kz-panel .kz-head { font-size: 15px; margin-bottom: 4px; }
#kz-panel .kz-desc { margin: 0 0 8px 0; color: #52606d; }
#kz-panel a { color: #2b6cb0; }
#kz-search-form { display: flex; gap: 4px; margin-bottom: 8px; }
#kz-search { flex: 1; min-width: 0; padding: 3px 5px; font: inherit; }
#kz-legend { margin-bottom: 6px; }
.kz-class { display: flex; align-items: center; gap: 5px; line-height: 22px; cursor: pointer; }
.kz-class svg { flex: none; }
.kz-n { color: #7b8794; }
.kz-key { color: #7b8794; font-size: 11px; margin-top: 3px; }
#kz-status { margin-top: 6px; color: #52606d; font-size: 12px; }
.vis-tooltip { white-space: pre-wrap !important; max-width: 460px; font-family: inherit !important;
  font-size: 12px !important; line-height: 1.35; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var state = { kinds: {}, year: "" };
  var totalNodes = nodes.length, totalEdges = edges.length;
  network.once("afterDrawing", function () { window.kzDrawn = true; });
  network.redraw();

  function status(extra) {
    var shownNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    var shownEdges = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    document.getElementById("kz-status").textContent =
      shownNodes + " of " + totalNodes + " nodes · " + shownEdges + " of " + totalEdges + " edges shown" +
      (extra ? " · " + extra : "");
  }

  function applyFilters() {
    var year = state.year === "" ? null : Number(state.year);
    var visible = {}, nodeUpdates = [], edgeUpdates = [];
    nodes.forEach(function (n) {
      var show = state.kinds[n.kind] !== false && (year === null || n.years.indexOf(year) >= 0);
      visible[n.id] = show;
      if (!!n.hidden === show) { nodeUpdates.push({ id: n.id, hidden: !show }); }
    });
    edges.forEach(function (e) {
      var show = visible[e.from] && visible[e.to] && (year === null || e.years.indexOf(year) >= 0);
      if (!!e.hidden === show) { edgeUpdates.push({ id: e.id, hidden: !show }); }
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    status();
  }

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) { network.unselectAll(); status(); return []; }
    var shown = nodes.get({ filter: function (n) { return !n.hidden; } });
    var exact = shown.filter(function (n) {
      return n.label.toLowerCase() === q || n.aliases.some(function (a) { return a.toLowerCase() === q; });
    });
    var hits = exact.length ? exact : shown.filter(function (n) {
      return n.label.toLowerCase().indexOf(q) >= 0 ||
        n.aliases.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
    });
    var ids = hits.map(function (n) { return n.id; });
    network.unselectAll();
    if (ids.length) {
      network.selectNodes(ids, true);
      network.fit({ nodes: ids, animation: false });
      if (ids.length === 1) { network.moveTo({ position: network.getPosition(ids[0]), scale: 1.2 }); }
    }
    status(ids.length ? ids.length + (ids.length === 1 ? " match: " : " matches: ") +
      hits.slice(0, 3).map(function (n) { return n.label; }).join(", ") + (ids.length > 3 ? ", …" : "")
      : "no match for “" + query.trim() + "”");
    return ids;
  }
  window.kzSearch = search;

  document.querySelectorAll("#kz-legend input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { state.kinds[box.dataset.kind] = box.checked; applyFilters(); });
  });
  var yearBox = document.getElementById("kz-year");
  if (yearBox) { yearBox.addEventListener("change", function () { state.year = yearBox.value; applyFilters(); }); }
  var input = document.getElementById("kz-search");
  document.getElementById("kz-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault(); search(input.value);
  });
  input.addEventListener("change", function () { search(input.value); });
  var EVENTS = JSON.parse(document.getElementById("kz-events").textContent);
  function inYear(id) { return state.year === "" || String(EVENTS[id].date || "").slice(0, 4) === state.year; }
  network.on("click", function (params) {
    var ids, title, sub;
    if (params.nodes.length === 1) {
      var node = nodes.get(params.nodes[0]);
      ids = node.events.filter(inYear);
      title = node.label;
      sub = node.kind;
    } else if (params.edges.length === 1) {
      var edge = edges.get(params.edges[0]);
      ids = edge.events.filter(inYear);
      title = nodes.get(edge.from).label + " — " + nodes.get(edge.to).label;
      sub = edge.label;
    } else { window.kzHideEvidence(); return; }
    sub += " · " + ids.length + (ids.length === 1 ? " event" : " events") + (state.year ? " in " + state.year : "");
    window.kzShowEvidence(title, sub, ids.map(function (id) { return EVENTS[id]; }));
  });
  status();
})();
"""


# ---------------------------------------------------------------- index and writing

def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class Picture:
    """A view that is not a network (the map, the timeline), as the index lists it:
    filename, title, description (what it answers, one line), size (e.g. "78 events") and
    preview (inline SVG)."""

    filename: str
    title: str
    description: str
    size: str
    preview: str = ""


def render_index(views: list[View], *, pictures: list[Picture] = (),
                 leaders: list[dict] | None = None, partners: list[dict] | None = None) -> str:
    """The page linking every view (pictures first), with a line of description and its
    size each."""
    entries = [(p.filename, p.title, p.description, p.size, p.preview) for p in pictures] + [
        (v.filename, v.title, v.description,
         f"{_count(v.graph.number_of_nodes(), 'node')}, {_count(v.graph.number_of_edges(), 'edge')}",
         network_preview(v.graph, v.positions if v.positions is not None else layout(v.graph)))
        for v in views]
    items = "\n".join(
        f'    <li>{preview}<div><a href="{html.escape(name)}">{html.escape(title)}</a> '
        f'<span class="n">{html.escape(size)}</span>'
        f'<br><span class="d">{html.escape(description)}</span></div></li>'
        for name, title, description, size, preview in entries)
    tables = ""
    for caption, rows, value in (("Most connected actors", leaders, "weighted_degree"),
                                 ("Kazakhstan's most frequent counterparts", partners, "shared_events")):
        if rows:
            body = "".join(f"<tr><td>{r['rank']}</td><td>{html.escape(r['label'])}</td>"
                           f"<td>{html.escape(r['kind'])}</td><td>{r[value]}</td></tr>" for r in rows)
            tables += (f'<table><caption>{caption}</caption><thead><tr><th>#</th><th>Name</th>'
                       f'<th>Class</th><th>Shared events</th></tr></thead><tbody>{body}</tbody></table>\n')
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{GENERATOR}">
<title>kzgraph views</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 52rem;
  margin: 2rem auto; padding: 0 1rem; color: #1f2933; line-height: 1.45; }}
#views {{ list-style: none; padding: 0; }}
li {{ margin: 0 0 .8rem 0; display: flex; gap: 1rem; align-items: center; }} a {{ color: #2b6cb0; font-weight: 600; }}
.preview {{ display: block; flex: none; border: 1px solid #e4e7eb; border-radius: 4px; background: #f8f9fb; }}
.n {{ color: #7b8794; font-size: .9em; }} .d {{ color: #52606d; }}
table {{ border-collapse: collapse; margin: 1rem 2rem 1rem 0; display: inline-table; vertical-align: top; }}
caption {{ text-align: left; font-weight: 600; margin-bottom: .3rem; }}
td, th {{ padding: .15rem .6rem; border-bottom: 1px solid #e4e7eb; text-align: left; }}
</style>
</head>
<body>
<h1>kzgraph: Kazakhstan's foreign relations</h1>
<p>Interactive views of the knowledge graph, each answering one question. Each opens offline;
click a state, an event, a node or an edge for the sentences and articles it was read from;
search by name; filter by class, kind and year.</p>
<ul id="views">
{items}
</ul>
{tables}</body>
</html>
"""
    check_offline(page, "index.html")
    return page


def write_views(graph: Graph, out_dir: Path) -> list[Path]:
    """Render every view and index.html into out_dir; return the written paths.

    Nothing else in out_dir is touched: ``kzgraph views`` renders into a scratch folder
    and puts the whole set in place (see ``outputs.write_folder``).
    """
    out_dir = Path(out_dir)
    events, event_actors = read_events(graph)
    views = plan_views(graph, evidence_by_event(events, event_actors))
    actors = views[0].graph
    leaders = analytics.metrics(actors, with_betweenness=False)[:10]
    states = views[-1].graph
    partners = analytics.counterparts(states, KAZAKHSTAN)[:10] if KAZAKHSTAN in states else []
    contacts = views_map.map_data(events, event_actors)
    plane = views_map.outlines()
    counts: dict[str, int] = {}
    for contact in contacts["contacts"]:
        for code in contact["states"]:
            counts[code] = counts.get(code, 0) + 1
    pictures = [Picture(views_map.FILENAME, views_map.TITLE, views_map.DESCRIPTION,
                        f"{len(contacts['names'])} states, {len(contacts['contacts'])} contacts",
                        map_preview({c: s["center"] for c, s in plane["states"].items()}, counts,
                                    contacts["home"], (plane["width"], plane["height"]))),
                Picture(views_timeline.FILENAME, views_timeline.TITLE, views_timeline.DESCRIPTION,
                        f"{len(events)} events", timeline_preview(events))]
    pages = {views_map.FILENAME: views_map.render_map(events, event_actors),
             views_timeline.FILENAME: views_timeline.render_timeline(events, event_actors)}
    pages.update((v.filename, render_view(v)) for v in views)
    pages["index.html"] = render_index(views, pictures=pictures, leaders=leaders, partners=partners)
    written = []
    for name, text in pages.items():
        path = out_dir / name
        write_text_atomic(path, text)
        written.append(path)
    return written
