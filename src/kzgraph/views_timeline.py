"""The timeline view: every meeting, visit and agreement on a time axis.

One lane per partner state (the states of an event other than Kazakhstan) or per kind of
event; filters by person, state and kind. A date known to the day is a dot, one known only
to the month or the year a bar over that month or year, and undated events stand in their
own column after the axis. A click on an event opens its sentences and articles. The page
is drawn by inline JavaScript into SVG from the events embedded as JSON.

Public API: :func:`timeline_data` and :func:`render_timeline`.
"""

from __future__ import annotations

import html

from kzgraph.namespaces import KZD
from kzgraph.views_page import document, json_script, panel

KAZAKHSTAN = str(KZD) + "state/KZ"
FILENAME = "timeline.html"
TITLE = "Timeline"
DESCRIPTION = "When did each visit, meeting and agreement happen, and with which state?"
RELATION_COLORS = {"visit": "#4e79a7", "meeting": "#f28e2b", "agreement": "#59a14f"}


def timeline_data(events: list[dict], actors: dict[str, dict]) -> dict:
    """What the page draws: events with their lanes, and the names of states and persons."""
    rows = []
    for event in events:
        partners = [s for s in event["states"] if s != KAZAKHSTAN]
        rows.append({
            "id": event["id"], "label": event["label"], "relation": event["relation"],
            "kind": event["kind"], "date": event["date"], "precision": event["precision"],
            "start": event["start"], "end": event["end"], "actors": event["actors"],
            "states": event["states"], "partners": partners,
            "actorLabels": [actors[a]["label"] for a in event["actors"]],
            "sources": event["sources"],
        })
    used_states = {s for e in events for s in e["states"]}
    states = {s: actors[s]["label"] for s in used_states}
    persons = {a: actors[a]["label"] for e in events for a in e["actors"]
               if actors[a]["kind"] == "Person"}
    return {"events": rows, "states": dict(sorted(states.items())),
            "persons": dict(sorted(persons.items(), key=lambda kv: (kv[1].casefold(), kv[0]))),
            "colors": RELATION_COLORS, "kazakhstan": KAZAKHSTAN}


def render_timeline(events: list[dict], actors: dict[str, dict], *, index_link: bool = True) -> str:
    """The self-contained timeline page."""
    data = timeline_data(events, actors)
    state_options = "".join(f'<option value="{html.escape(iri)}">{html.escape(label)}</option>'
                            for iri, label in sorted(data["states"].items(),
                                                     key=lambda kv: (kv[1].casefold(), kv[0])))
    person_options = "".join(f'<option value="{html.escape(iri)}">{html.escape(label)}</option>'
                             for iri, label in data["persons"].items())
    relations = sorted({e["relation"] for e in events}, key=list(RELATION_COLORS).index)
    kinds = "\n".join(
        f'  <label><input type="checkbox" data-relation="{r}" checked> '
        f'<span class="kz-dot" style="background:{RELATION_COLORS[r]}"></span> {r}s '
        f'<span class="kz-n">{sum(1 for e in events if e["relation"] == r)}</span></label>'
        for r in relations)
    controls = f"""  <fieldset id="kz-lanes"><legend>One lane per</legend>
    <label><input type="radio" name="kz-lane" value="state" checked> partner state</label>
    <label><input type="radio" name="kz-lane" value="relation"> kind of event</label>
  </fieldset>
  <label>Person <select id="kz-person"><option value="">anyone</option>{person_options}</select></label>
  <label>State <select id="kz-state"><option value="">any state</option>{state_options}</select></label>
  <div id="kz-kinds">
{kinds}
  </div>
  <div id="kz-legend" class="kz-key">
    <div><svg width="16" height="10"><circle cx="8" cy="5" r="4" fill="#7b8794"/></svg> day known</div>
    <div><svg width="30" height="10"><rect x="1" y="1" width="28" height="8" rx="3" fill="#7b8794" fill-opacity="0.55"/></svg> month or year only: a bar over it</div>
    <div><svg width="16" height="10"><circle cx="8" cy="5" r="4" fill="#fff" stroke="#7b8794" stroke-dasharray="2 1.5"/></svg> undated, in the last column</div>
    <div>Click an event for its sentences and articles.</div>
  </div>"""
    body = (panel(TITLE, DESCRIPTION, controls, index_link=index_link)
            + '\n<div id="kz-main"><svg id="kz-timeline" role="img" aria-label="Timeline of events"></svg></div>\n'
            + json_script("kz-data", data))
    return document(TITLE, css=_CSS, body=body, script=_SCRIPT)


_CSS = """
#kz-lanes { border: 0; padding: 0; margin: 0 0 6px 0; }
#kz-lanes legend { padding: 0; margin-bottom: 2px; }
#kz-lanes label { display: inline-block; margin-right: 8px; }
.kz-dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; vertical-align: -1px; }
#kz-timeline { display: block; font-size: 11px; }
#kz-timeline .kz-lane-label { font-size: 12px; fill: #1f2933; }
#kz-timeline .kz-tick { stroke: #e4e7eb; }
#kz-timeline .kz-tick-label { fill: #52606d; }
#kz-timeline .kz-event { cursor: pointer; }
#kz-timeline .kz-event:hover > * { stroke: #1f2933; stroke-width: 2; }
#kz-timeline .kz-event.kz-selected > * { stroke: #c0392b; stroke-width: 2.5; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kz-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var LABEL_W = 170, UNDATED_W = 70, ROW_H = 14, LANE_GAP = 10, TOP = 34, DAY = 86400000;
  var byId = {};
  DATA.events.forEach(function (e) { byId[e.id] = e; });
  var state = { lane: "state", person: "", state: "", relations: {} };

  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function time(iso) { return Date.parse(iso + "T00:00:00Z"); }

  function shown() {
    return DATA.events.filter(function (e) {
      return state.relations[e.relation] !== false &&
        (!state.person || e.actors.indexOf(state.person) >= 0) &&
        (!state.state || e.states.indexOf(state.state) >= 0);
    });
  }

  function lanesOf(e) {
    if (state.lane === "relation") { return [e.relation + "s"]; }
    if (!e.partners.length) {
      return [e.states.length ? "Kazakhstan only" : "No state"];
    }
    return e.partners.map(function (s) { return DATA.states[s]; });
  }

  function ticks(t0, t1) {
    var y0 = new Date(t0).getUTCFullYear(), y1 = new Date(t1).getUTCFullYear();
    var out = [], monthly = y1 - y0 < 5;
    for (var y = y0; y <= y1 + 1; y++) {
      for (var m = 0; m < 12; m += monthly ? (y1 - y0 < 2 ? 1 : 3) : 12) {
        var t = Date.UTC(y, m, 1);
        if (t >= t0 && t <= t1) { out.push({ t: t, label: m === 0 ? String(y) : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m], major: m === 0 }); }
      }
    }
    return out;
  }

  function draw() {
    var svg = document.getElementById("kz-timeline");
    svg.textContent = "";
    var events = shown();
    var dated = events.filter(function (e) { return e.start; });
    var width = Math.max(600, document.getElementById("kz-main").clientWidth - 8);
    var plotW = width - LABEL_W - UNDATED_W - 16;
    var t0, t1;
    if (dated.length) {
      t0 = Math.min.apply(null, dated.map(function (e) { return time(e.start); }));
      t1 = Math.max.apply(null, dated.map(function (e) { return time(e.end) + DAY; }));
      var pad = Math.max((t1 - t0) * 0.02, 15 * DAY);
      t0 -= pad; t1 += pad;
    } else { t0 = Date.UTC(2000, 0, 1); t1 = Date.UTC(2001, 0, 1); }
    function x(t) { return LABEL_W + (t - t0) / (t1 - t0) * plotW; }
    var undatedX = LABEL_W + plotW + 16;

    var lanes = {};
    events.forEach(function (e) {
      lanesOf(e).forEach(function (name) { (lanes[name] = lanes[name] || []).push(e); });
    });
    var names = Object.keys(lanes).sort(function (a, b) {
      return lanes[b].length - lanes[a].length || (a < b ? -1 : a > b ? 1 : 0);
    });

    var y = TOP, marks = [];
    names.forEach(function (name) {
      var rows = [], undatedRows = [];
      var items = lanes[name].slice().sort(function (a, b) {
        return (a.start || "9999") < (b.start || "9999") ? -1 : (a.start || "9999") > (b.start || "9999") ? 1 : (a.id < b.id ? -1 : 1);
      });
      items.forEach(function (e) {
        var left, right;
        if (e.start) {
          left = x(time(e.start)); right = x(time(e.end) + DAY);
          if (e.precision === "day") { left -= 5; right = left + 10; }
          right = Math.max(right, left + 10);
          var row = 0;
          while (rows[row] !== undefined && rows[row] > left - 2) { row++; }
          rows[row] = right;
          marks.push({ e: e, lane: name, row: row, left: left, right: right });
        } else {
          var k = undatedRows.length;
          undatedRows.push(e);
          marks.push({ e: e, lane: name, row: Math.floor(k / 4), left: undatedX + (k % 4) * 14, right: undatedX + (k % 4) * 14 + 10, undated: true });
        }
      });
      var height = Math.max(rows.length, Math.ceil(undatedRows.length / 4), 1) * ROW_H;
      marks.forEach(function (m) { if (m.lane === name && m.top === undefined) { m.top = y; } });
      var label = svgEl("text", { x: LABEL_W - 8, y: y + 11, "text-anchor": "end", "class": "kz-lane-label" });
      label.textContent = (name.length > 20 ? name.slice(0, 19) + "…" : name) + " (" + lanes[name].length + ")";
      svg.appendChild(svgEl("line", { x1: 0, x2: width, y1: y - LANE_GAP / 2, y2: y - LANE_GAP / 2, stroke: "#eef0f3" }));
      svg.appendChild(label);
      y += height + LANE_GAP;
    });
    var bottom = Math.max(y, TOP + 40);
    svg.setAttribute("width", width);
    svg.setAttribute("height", bottom + 10);

    ticks(t0, t1).forEach(function (tk) {
      svg.insertBefore(svgEl("line", { x1: x(tk.t), x2: x(tk.t), y1: TOP - 8, y2: bottom, "class": "kz-tick",
        "stroke-width": tk.major ? 1.5 : 0.7 }), svg.firstChild);
      var text = svgEl("text", { x: x(tk.t) + 3, y: TOP - 14, "class": "kz-tick-label", "font-weight": tk.major ? 600 : 400 });
      text.textContent = tk.label;
      svg.appendChild(text);
    });
    svg.appendChild(svgEl("line", { x1: undatedX - 8, x2: undatedX - 8, y1: TOP - 20, y2: bottom, stroke: "#cbd2d9", "stroke-dasharray": "3 3" }));
    var undatedLabel = svgEl("text", { x: undatedX, y: TOP - 14, "class": "kz-tick-label" });
    undatedLabel.textContent = "undated";
    svg.appendChild(undatedLabel);

    marks.forEach(function (m) {
      var e = m.e, color = DATA.colors[e.relation];
      var g = svgEl("g", { "class": "kz-event", "data-id": e.id, "data-lane": m.lane, tabindex: 0 });
      var cy = m.top + m.row * ROW_H + 6;
      if (m.undated) {
        g.appendChild(svgEl("circle", { cx: m.left + 5, cy: cy, r: 4.5, fill: "#fff", stroke: color, "stroke-dasharray": "2 1.5", "stroke-width": 1.5 }));
      } else if (e.precision === "day") {
        g.appendChild(svgEl("circle", { cx: m.left + 5, cy: cy, r: 4.5, fill: color }));
      } else {
        g.appendChild(svgEl("rect", { x: m.left, y: cy - 4, width: m.right - m.left, height: 8, rx: 3, fill: color, "fill-opacity": e.precision === "year" ? 0.35 : 0.6 }));
      }
      var tip = svgEl("title", {});
      tip.textContent = (e.date || "undated") + " · " + e.label;
      g.appendChild(tip);
      g.addEventListener("click", function () { select(e.id); });
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { select(e.id); } });
      svg.appendChild(g);
    });
    var shownIds = {};
    events.forEach(function (e) { shownIds[e.id] = true; });
    window.kzShown = Object.keys(shownIds).length;
    document.getElementById("kz-status").textContent = window.kzShown + " of " + DATA.events.length +
      " events shown (" + dated.length + " dated) in " + names.length + " lanes";
  }

  function select(id) {
    var e = byId[id];
    document.querySelectorAll(".kz-event.kz-selected").forEach(function (n) { n.classList.remove("kz-selected"); });
    document.querySelectorAll('.kz-event[data-id="' + CSS.escape(id) + '"]').forEach(function (n) { n.classList.add("kz-selected"); });
    window.kzShowEvidence(e.label, e.actorLabels.join(", "), [e]);
  }
  window.kzSelectEvent = select;

  document.querySelectorAll('input[name="kz-lane"]').forEach(function (r) {
    r.addEventListener("change", function () { state.lane = r.value; draw(); });
  });
  document.querySelectorAll("#kz-kinds input[data-relation]").forEach(function (box) {
    box.addEventListener("change", function () { state.relations[box.dataset.relation] = box.checked; draw(); });
  });
  document.getElementById("kz-person").addEventListener("change", function (ev) { state.person = ev.target.value; draw(); });
  document.getElementById("kz-state").addEventListener("change", function (ev) { state.state = ev.target.value; draw(); });
  window.addEventListener("resize", draw);
  draw();
  window.kzDrawn = true;
})();
"""
