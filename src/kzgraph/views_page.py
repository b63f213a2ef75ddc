"""What every HTML view shares: the offline check, data embedded as JSON, the page shell
and the evidence panel that a click on an event, edge, node or state opens.

The evidence panel lists events with their date (and how precise it is), kind, actors and
every source sentence with its article title, article date, source file and URL when
known. It is filled with ``textContent`` only, so markup in the source texts stays text.
"""

from __future__ import annotations

import html
import json
import re

from kzgraph.errors import KzGraphError

GENERATOR = "kzgraph views"
"""Content of the generator meta tag of every page."""

REMOTE_REFERENCE = re.compile(
    r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//|@import\s|url\(\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE)
"""Anything in a page that would make a browser fetch from the network."""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "/": "\\/", "=": "\\u003d"}


def check_offline(page: str, name: str = "page") -> None:
    """Raise KzGraphError if page would fetch anything from the network."""
    match = REMOTE_REFERENCE.search(page)
    if match:
        context = page[max(0, match.start() - 60): match.end() + 60]
        raise KzGraphError(f"{name}: would load from the network: {' '.join(context.split())}")


def json_script(element_id: str, data) -> str:
    """data as an inert JSON script element; no text in it can close the element or look
    like a reference to fetch (``<``, ``>``, ``&``, ``/`` and ``=`` are escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = re.sub(r"[<>&/=]", lambda m: _JSON_ESCAPES[m.group()], text)
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def document(title: str, *, css: str, body: str, script: str) -> str:
    """A complete self-contained page with the evidence panel; raises if it is not offline."""
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{GENERATOR}">
<title>{html.escape(title)} · kzgraph</title>
<style>{BASE_CSS}{EVIDENCE_CSS}{css}</style>
</head>
<body>
{body}
{EVIDENCE_PANEL}
<script>{EVIDENCE_SCRIPT}</script>
<script>{script}</script>
</body>
</html>
"""
    check_offline(page, title)
    return page


BASE_CSS = """
html, body { margin: 0; padding: 0; height: 100%; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1f2933; }
#kz-panel { position: fixed; top: 0; left: 0; bottom: 0; z-index: 10; width: 290px; padding: 10px 12px;
  box-sizing: border-box; overflow-y: auto; background: #f8f9fb; border-right: 1px solid #cbd2d9; font-size: 13px; }
#kz-panel .kz-head { font-size: 15px; margin-bottom: 4px; }
#kz-panel .kz-desc { margin: 0 0 8px 0; color: #52606d; }
#kz-panel a { color: #2b6cb0; }
#kz-panel label { display: block; margin: 4px 0; }
#kz-panel select { max-width: 100%; font: inherit; }
.kz-n { color: #7b8794; }
.kz-key { color: #7b8794; font-size: 11px; margin-top: 3px; }
#kz-status { margin-top: 8px; color: #52606d; font-size: 12px; }
#kz-main { position: absolute; top: 0; left: 290px; right: 0; bottom: 0; overflow: auto; }
"""

EVIDENCE_CSS = """
#kz-evidence { position: fixed; top: 0; right: 0; bottom: 0; z-index: 20; width: 420px; max-width: 90vw;
  box-sizing: border-box; padding: 10px 14px; overflow-y: auto; background: #ffffff;
  border-left: 1px solid #cbd2d9; box-shadow: -2px 0 10px rgba(0, 0, 0, 0.12); font-size: 13px; }
#kz-evidence[hidden] { display: none; }
#kz-evidence h2 { font-size: 15px; margin: 0 28px 2px 0; }
#kz-evidence .kz-sub { color: #52606d; margin-bottom: 8px; }
#kz-evidence-close { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 20px;
  cursor: pointer; color: #52606d; }
.kz-ev { border-top: 1px solid #e4e7eb; padding: 6px 0; }
.kz-ev-head { font-weight: 600; }
.kz-ev-meta { color: #52606d; font-size: 12px; }
.kz-src { margin: 4px 0 0 0; padding-left: 8px; border-left: 3px solid #d9e2ec; }
.kz-src q { display: block; font-style: italic; }
.kz-src .kz-art { color: #52606d; font-size: 12px; }
"""

EVIDENCE_PANEL = """<aside id="kz-evidence" hidden aria-live="polite">
  <button id="kz-evidence-close" type="button" aria-label="Close">×</button>
  <h2 id="kz-evidence-title"></h2>
  <div class="kz-sub" id="kz-evidence-sub"></div>
  <div id="kz-evidence-list"></div>
</aside>"""

EVIDENCE_SCRIPT = r"""
(function () {
  "use strict";
  var panel = document.getElementById("kz-evidence");
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  var PRECISION = { day: "", month: " (month known, not the day)", year: " (only the year is known)" };
  function when(ev) { return ev.date ? ev.date + PRECISION[ev.precision || "day"] : "undated"; }
  // events: [{label, relation, kind, date, precision, actorLabels, sources: [...]}]
  window.kzShowEvidence = function (title, subtitle, events) {
    document.getElementById("kz-evidence-title").textContent = title;
    document.getElementById("kz-evidence-sub").textContent = subtitle;
    var list = document.getElementById("kz-evidence-list");
    list.textContent = "";
    events.forEach(function (ev) {
      var item = el("div", "kz-ev");
      item.dataset.id = ev.id;
      item.appendChild(el("div", "kz-ev-head", ev.label));
      var kind = ev.kind && ev.kind !== ev.relation ? ev.relation + " · " + ev.kind : ev.relation;
      item.appendChild(el("div", "kz-ev-meta", when(ev) + " · " + kind +
        (ev.actorLabels && ev.actorLabels.length ? " · " + ev.actorLabels.join(", ") : "")));
      (ev.sources || []).forEach(function (src) {
        var box = el("div", "kz-src");
        if (src.sentence) { box.appendChild(el("q", null, src.sentence)); }
        var art = el("div", "kz-art");
        var bits = [];
        if (src.article) { bits.push(src.article); }
        if (src.articleDate) { bits.push(src.articleDate + (src.dateInferred ? " (date inferred)" : "")); }
        if (src.file) { bits.push(src.file); }
        art.textContent = bits.join(" — ");
        if (src.url && /^https?:\/\//.test(src.url)) {
          var link = el("a", null, src.url);
          link.setAttribute("href", src.url);
          link.setAttribute("target", "_blank");
          link.setAttribute("rel", "noopener noreferrer");
          art.appendChild(document.createTextNode(" "));
          art.appendChild(link);
        }
        box.appendChild(art);
        item.appendChild(box);
      });
      list.appendChild(item);
    });
    panel.hidden = false;
  };
  window.kzHideEvidence = function () { panel.hidden = true; };
  document.getElementById("kz-evidence-close").addEventListener("click", window.kzHideEvidence);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { window.kzHideEvidence(); } });
})();
"""


def panel(title: str, description: str, controls: str, *, index_link: bool = True) -> str:
    """The left panel of a view: a link back to the index, title, description, controls."""
    back = '<a href="index.html">All views</a> · ' if index_link else ""
    return f"""<div id="kz-panel">
  <div class="kz-head">{back}<strong>{html.escape(title)}</strong></div>
  <p class="kz-desc">{html.escape(description)}</p>
{controls}
  <div id="kz-status" aria-live="polite"></div>
</div>"""
