"""The map view: the world's states shaded by the number of Kazakhstan's contacts with each.

A contact is an event whose states (see :mod:`kzgraph.events`) include Kazakhstan; it
counts for each other state it involves. Kinds of contact: a visit to Kazakhstan, a visit
by Kazakhstan, a meeting, an agreement (and a visit with neither side Kazakhstan's, e.g.
a meeting of two Kazakh officials abroad, simply as a visit). The page filters by year and
kind; a click on a state lists its events with date and source sentence. States too small
to see at world scale get a marker.

The outlines are Natural Earth's 1:50m countries (public domain), projected (Equal Earth)
and simplified by ``scripts/make-state-outlines.py`` into ``data/state-outlines.json``.

Public API: :func:`map_data` and :func:`render_map`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from kzgraph.namespaces import KZD
from kzgraph.views_page import document, json_script, panel

KAZAKHSTAN = str(KZD) + "state/KZ"
FILENAME = "map.html"
TITLE = "Map of contacts"
DESCRIPTION = "With which states does Kazakhstan deal, how often, in which year and how?"
CONTACTS = {"visit to Kazakhstan": "visits to Kazakhstan", "visit by Kazakhstan": "visits by Kazakhstan",
            "visit": "other visits", "meeting": "meetings", "agreement": "agreements"}
"""Kinds of contact and how the page names them."""
SMALL = 8
"""States whose outline spans fewer plane units than this (of 2,000) also get a marker."""


@lru_cache(maxsize=1)
def outlines() -> dict:
    """The projected state outlines shipped with kzgraph (see the module docstring)."""
    text = resources.files("kzgraph").joinpath("data/state-outlines.json").read_text(encoding="utf-8")
    return json.loads(text)


def contact_kind(event: dict) -> str:
    """How an event of Kazakhstan's counts on the map (one of CONTACTS)."""
    if event["relation"] == "visit":
        if KAZAKHSTAN in event["to"] and KAZAKHSTAN not in event["from"]:
            return "visit to Kazakhstan"
        if KAZAKHSTAN in event["from"] and KAZAKHSTAN not in event["to"]:
            return "visit by Kazakhstan"
    return event["relation"]


def state_code(iri: str) -> str:
    """The ISO 3166-1 alpha-2 code of a state IRI (kzd:state/KZ -> KZ)."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def map_data(events: list[dict], actors: dict[str, dict]) -> dict:
    """What the page draws: Kazakhstan's contacts and the states they reach."""
    contacts, partners = [], set()
    for event in events:
        if KAZAKHSTAN not in event["states"]:
            continue
        others = [s for s in event["states"] if s != KAZAKHSTAN]
        if not others:
            continue
        partners.update(others)
        contacts.append({
            "id": event["id"], "label": event["label"], "relation": event["relation"],
            "kind": event["kind"], "contact": contact_kind(event), "date": event["date"],
            "precision": event["precision"], "year": int(event["start"][:4]) if event["start"] else None,
            "states": sorted(state_code(s) for s in others),
            "actorLabels": [actors[a]["label"] for a in event["actors"]],
            "sources": event["sources"],
        })
    small = {code: shape["center"] for code, shape in outlines()["states"].items() if shape["size"] < SMALL}
    names = {state_code(s): actors[s]["label"] for s in partners}
    return {"contacts": contacts, "names": dict(sorted(names.items())),
            "kinds": [k for k in CONTACTS if any(c["contact"] == k for c in contacts)],
            "years": sorted({c["year"] for c in contacts if c["year"] is not None}),
            "small": small, "home": state_code(KAZAKHSTAN)}


def _svg(width: int, height: int) -> str:
    shapes = outlines()["states"]
    paths = "\n".join(
        f'<path class="kz-state" data-code="{code}" d="{shape["d"]}">'
        f'<title>{_escape(shape["name"])}</title></path>'
        for code, shape in shapes.items() if shape["d"])
    return (f'<svg id="kz-map" viewBox="0 0 {width} {height}" role="img" aria-label="World map of contacts">\n'
            f'<rect class="kz-sea" x="0" y="0" width="{width}" height="{height}"/>\n'
            f'<g id="kz-states">\n{paths}\n</g>\n<g id="kz-markers"></g>\n</svg>')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_map(events: list[dict], actors: dict[str, dict], *, index_link: bool = True) -> str:
    """The self-contained map page."""
    data = map_data(events, actors)
    shapes = outlines()
    years = "".join(f'<option value="{y}">{y}</option>' for y in data["years"])
    kinds = "\n".join(
        f'  <label><input type="checkbox" data-contact="{k}" checked> {CONTACTS[k]} '
        f'<span class="kz-n">{sum(1 for c in data["contacts"] if c["contact"] == k)}</span></label>'
        for k in data["kinds"])
    controls = f"""  <label>Year <select id="kz-year"><option value="">all years, undated too</option>{years}
  </select></label>
  <div id="kz-kinds">
{kinds}
  </div>
  <div id="kz-legend" aria-label="Legend"></div>
  <div class="kz-key">A contact is an event of Kazakhstan's (or of its people) that involves
  another state; events with organizations only are on the timeline. Click a state for its
  events and their sources; scroll to zoom, drag to pan. Outlines: Natural Earth 1:50m
  (public domain).</div>
  <div id="kz-missing" class="kz-key"></div>"""
    body = (panel(TITLE, DESCRIPTION, controls, index_link=index_link)
            + f'\n<div id="kz-main">{_svg(shapes["width"], shapes["height"])}</div>\n'
            + json_script("kz-data", data))
    return document(TITLE, css=_CSS, body=body, script=_SCRIPT)


_CSS = """
#kz-main { overflow: hidden; background: #f4f8fb; }
#kz-map { display: block; width: 100%; height: 100%; cursor: grab; }
#kz-map .kz-sea { fill: #f4f8fb; }
#kz-map .kz-state { fill: #e4e7eb; stroke: #ffffff; stroke-width: 0.6; vector-effect: non-scaling-stroke; }
#kz-map .kz-state.kz-home { fill: #f2c14e; }
#kz-map .kz-state.kz-contact, #kz-map .kz-marker { cursor: pointer; }
#kz-map .kz-state.kz-contact:hover, #kz-map .kz-marker:hover { stroke: #1f2933; stroke-width: 1.5; }
#kz-map .kz-state.kz-selected, #kz-map .kz-marker.kz-selected { stroke: #c0392b; stroke-width: 2; }
#kz-map .kz-marker { stroke: #ffffff; stroke-width: 1; vector-effect: non-scaling-stroke; }
#kz-legend { margin: 8px 0 4px 0; }
.kz-swatch { display: inline-block; width: 14px; height: 12px; vertical-align: -1px; margin-right: 5px;
  border: 1px solid #cbd2d9; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kz-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var COLORS = ["#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08306b"];
  var svg = document.getElementById("kz-map");
  var paths = {};
  document.querySelectorAll(".kz-state").forEach(function (p) { paths[p.dataset.code] = p; });
  var home = paths[DATA.home];
  if (home) { home.classList.add("kz-home"); home.querySelector("title").textContent += " (Kazakhstan itself)"; }
  var state = { year: "", kinds: {} }, selected = null, current = {};

  function shownContacts() {
    return DATA.contacts.filter(function (c) {
      return state.kinds[c.contact] !== false && (state.year === "" || c.year === Number(state.year));
    });
  }

  function breaks(max) {
    if (max <= COLORS.length) {
      var out = [];
      for (var i = 1; i <= max; i++) { out.push([i, i]); }
      return out;
    }
    var step = max / COLORS.length, out2 = [], low = 1;
    for (var k = 1; k <= COLORS.length; k++) {
      var high = k === COLORS.length ? max : Math.max(low, Math.round(step * k));
      out2.push([low, high]); low = high + 1;
    }
    return out2;
  }

  function colorOf(n, classes) {
    for (var i = 0; i < classes.length; i++) {
      if (n >= classes[i][0] && n <= classes[i][1]) {
        return COLORS[classes.length === COLORS.length ? i : Math.round(i * (COLORS.length - 1) / Math.max(1, classes.length - 1))];
      }
    }
    return COLORS[COLORS.length - 1];
  }

  function draw() {
    var byState = {};
    shownContacts().forEach(function (c) {
      c.states.forEach(function (code) { (byState[code] = byState[code] || []).push(c); });
    });
    current = byState;
    var max = 0;
    Object.keys(byState).forEach(function (code) { max = Math.max(max, byState[code].length); });
    var classes = breaks(max);
    Object.keys(paths).forEach(function (code) {
      var p = paths[code], n = byState[code] ? byState[code].length : 0;
      if (code === DATA.home) { return; }
      p.classList.toggle("kz-contact", n > 0);
      p.style.fill = n ? colorOf(n, classes) : "";
      p.dataset.count = n;
      p.querySelector("title").textContent = DATA.names[code] ? DATA.names[code] + ": " + n + (n === 1 ? " contact" : " contacts")
        : p.querySelector("title").textContent.split(":")[0];
    });
    var markers = document.getElementById("kz-markers");
    markers.textContent = "";
    Object.keys(DATA.small).forEach(function (code) {
      var n = byState[code] ? byState[code].length : 0;
      if (!n) { return; }
      var dot = document.createElementNS(SVGNS, "circle");
      dot.setAttribute("class", "kz-marker");
      dot.setAttribute("data-code", code);
      dot.dataset.count = n;
      dot.setAttribute("cx", DATA.small[code][0]);
      dot.setAttribute("cy", DATA.small[code][1]);
      dot.setAttribute("r", 5);
      dot.style.fill = colorOf(n, classes);
      var tip = document.createElementNS(SVGNS, "title");
      tip.textContent = DATA.names[code] + ": " + n + (n === 1 ? " contact" : " contacts");
      dot.appendChild(tip);
      markers.appendChild(dot);
    });
    var legend = document.getElementById("kz-legend");
    legend.textContent = "";
    function row(color, text) {
      var line = document.createElement("div"), sw = document.createElement("span");
      sw.className = "kz-swatch"; sw.style.background = color;
      line.appendChild(sw); line.appendChild(document.createTextNode(text));
      legend.appendChild(line);
    }
    classes.forEach(function (c) {
      row(colorOf(c[0], classes), (c[0] === c[1] ? c[0] : c[0] + "–" + c[1]) + (c[1] === 1 ? " contact" : " contacts"));
    });
    row("#e4e7eb", "none");
    row("#f2c14e", "Kazakhstan");
    var missing = Object.keys(byState).filter(function (code) { return !paths[code] && !DATA.small[code]; });
    document.getElementById("kz-missing").textContent = missing.length ? "Not on the map (no outline): " +
      missing.map(function (code) { return DATA.names[code] + " (" + byState[code].length + ")"; }).join(", ") : "";
    var shown = shownContacts().length;
    window.kzShownStates = Object.keys(byState).sort();
    document.getElementById("kz-status").textContent = Object.keys(byState).length + " states · " +
      shown + " of " + DATA.contacts.length + " contacts shown";
    if (selected) { show(selected); }
  }

  function show(code) {
    selected = code;
    document.querySelectorAll(".kz-selected").forEach(function (n) { n.classList.remove("kz-selected"); });
    document.querySelectorAll('[data-code="' + code + '"]').forEach(function (n) {
      if (n.classList.contains("kz-state") || n.classList.contains("kz-marker")) { n.classList.add("kz-selected"); }
    });
    var list = (current[code] || []).slice().sort(function (a, b) {
      return (a.date || "9999") < (b.date || "9999") ? -1 : (a.date || "9999") > (b.date || "9999") ? 1 : (a.id < b.id ? -1 : 1);
    });
    window.kzShowEvidence(DATA.names[code] || code, list.length + (list.length === 1 ? " contact" : " contacts") +
      " with Kazakhstan" + (state.year ? " in " + state.year : ""), list);
  }
  window.kzSelectState = show;

  // pan and zoom by changing the viewBox; a click that did not drag selects a state
  var box = svg.getAttribute("viewBox").split(" ").map(Number), full = box.slice(), drag = null;
  function setBox() { svg.setAttribute("viewBox", box.join(" ")); }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect(), f = ev.deltaY < 0 ? 0.8 : 1.25;
    var w = Math.min(full[2], Math.max(full[2] / 40, box[2] * f)), h = w * full[3] / full[2];
    var scale = Math.max(box[2] / r.width, box[3] / r.height);
    var ox = (r.width - box[2] / scale) / 2, oy = (r.height - box[3] / scale) / 2;
    var mx = box[0] + (ev.clientX - r.left - ox) * scale, my = box[1] + (ev.clientY - r.top - oy) * scale;
    box = [mx - (mx - box[0]) * w / box[2], my - (my - box[1]) * h / box[3], w, h];
    setBox();
  }, { passive: false });
  svg.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, box: box.slice(), moved: false }; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) { return; }
    var r = svg.getBoundingClientRect(), scale = Math.max(box[2] / r.width, box[3] / r.height);
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
    box = [drag.box[0] - dx * scale, drag.box[1] - dy * scale, box[2], box[3]];
    setBox();
  });
  window.addEventListener("mouseup", function (ev) {
    var wasDrag = drag && drag.moved;
    drag = null;
    if (wasDrag) { return; }
    var target = ev.target;
    if (target && target.dataset && target.dataset.code && current[target.dataset.code]) { show(target.dataset.code); }
  });

  document.getElementById("kz-year").addEventListener("change", function (ev) { state.year = ev.target.value; draw(); });
  document.querySelectorAll("#kz-kinds input[data-contact]").forEach(function (b) {
    b.addEventListener("change", function () { state.kinds[b.dataset.contact] = b.checked; draw(); });
  });
  draw();
  window.kzDrawn = true;
})();
"""
