"""``kzgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph's store.

Queries are evaluated by Oxigraph's own server (the ``oxigraph`` package), started read-only
on the store folder on a private loopback port. Oxigraph's own time limit does not stop a
query that sorts or groups before its first row, so a query that passes the time limit has
that server stopped and started again (queries running beside it at that moment fail too).
In front of it a small HTTP server, on 127.0.0.1 by default:

- ``/sparql`` takes a query by GET (``?query=``) or POST (form or ``application/sparql-query``),
  refuses updates and SERVICE (nothing leaves this machine), queries the graph's own named
  graphs unless the request names others (``default-graph-uri``), caps the number of rows or
  triples, and answers in the format the Accept header asks for: SPARQL JSON, XML, CSV or TSV
  for SELECT and ASK; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE;
- ``/`` is a query page that works offline, with the shipped queries as examples.
"""

from __future__ import annotations

import html
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kzgraph.errors import StoreError
from kzgraph.query import Query, QueryResult, format_result, uses_service
from kzgraph.triplestore import to_rdflib

RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "application/xml": "xml", "text/csv": "csv",
                "text/tab-separated-values": "tsv"}
"""Media types a SELECT or ASK result can be asked for in, the first the default."""
GRAPH_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD}
"""Media types a CONSTRUCT or DESCRIBE result can be asked for in, the first the default."""
_SPARQL_XML = "http://www.w3.org/2005/sparql-results#"


class Backend:
    """Oxigraph's server, read-only on a store folder, on a free loopback port."""

    def __init__(self, location: Path, timeout: float, *, union: bool):
        self.location, self.timeout, self.union = location, timeout, union
        self.generation = 0
        self._lock = threading.Lock()
        self.process, self.url = _start_oxigraph(location, timeout, union=union)

    def restart(self, generation: int) -> None:
        """Stop the server and start a new one, unless that happened since generation."""
        with self._lock:
            if generation != self.generation:
                return
            self.stop()
            self.process, self.url = _start_oxigraph(self.location, self.timeout, union=self.union)
            self.generation += 1

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@dataclass
class Settings:
    """What the endpoint serves and how.

    backend (Backend): Oxigraph's server.
    graphs (list[str]): IRIs of the named graphs that make the default graph when a request
        names none (empty: the store's union of graphs).
    timeout (float): seconds a query may run.
    max_rows (int): rows or triples a result holds at most.
    examples (list[Query]): the queries the page offers.
    """

    backend: Backend
    graphs: list[str]
    timeout: float
    max_rows: int
    examples: list[Query] = field(default_factory=list)


def oxigraph_command() -> str:
    """The path of the ``oxigraph`` server program (installed with kzgraph)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server program is missing (pip install oxigraph)")
    return found


def _start_oxigraph(location: Path, timeout: float, *, union: bool) -> tuple[subprocess.Popen, str]:
    """Start Oxigraph's server read-only on location, on a free loopback port; return the process
    and its query URL once it answers.

    Raises:
        StoreError: the server does not start.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [oxigraph_command(), "serve-read-only", "--location", str(location),
               "--bind", f"127.0.0.1:{port}", "--timeout-s", str(max(1, round(timeout)))]
    if union:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if process.poll() is not None:
            message = " ".join((process.stderr.read() or "").split())
            raise StoreError(f"{location}: the oxigraph server did not start: {message}")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                return process, f"{url}/query"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise StoreError(f"{location}: the oxigraph server did not answer")


def make_server(settings: Settings, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """The front server (not yet serving); its real port is ``server.server_address[1]``."""
    handler = type("Handler", (_Handler,), {"settings": settings})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


class _Reply(Exception):
    """An answer other than a result: status and a one-line message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    settings: Settings
    server_version = "kzgraph"

    def log_message(self, *args):  # the server stays quiet; errors go to the client
        pass

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        form = urllib.parse.parse_qs(url.query)
        if url.path in ("/", "/index.html") and "query" not in form:
            return self._send(200, "text/html; charset=utf-8", query_page(self.settings.examples).encode("utf-8"))
        if url.path != "/sparql":
            return self._send(404, "text/plain; charset=utf-8", b"not found: the endpoint is /sparql\n")
        self._answer(form)

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(404, "text/plain; charset=utf-8", b"not found: the endpoint is /sparql\n")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        form = urllib.parse.parse_qs(url.query)
        if kind == "application/sparql-query":
            form["query"] = [body]
        elif kind == "application/sparql-update":
            form["update"] = [body]
        else:
            form.update(urllib.parse.parse_qs(body))
        self._answer(form)

    def _answer(self, form: dict[str, list[str]]):
        try:
            if "update" in form:
                raise _Reply(403, "this endpoint is read-only: updates are refused")
            if len(form.get("query", [])) != 1:
                raise _Reply(400, "give one query (the query parameter)")
            status, kind, body = self._run(form)
        except _Reply as reply:
            return self._send(reply.status, "text/plain; charset=utf-8", (str(reply) + "\n").encode("utf-8"))
        self._send(status, kind, body)

    def _run(self, form: dict[str, list[str]]) -> tuple[int, str, bytes]:
        settings = self.settings
        text = form["query"][0]
        if uses_service(text):
            raise _Reply(403, "SERVICE is refused: this endpoint does not reach other servers")
        fields = [("query", text)]
        defaults = form.get("default-graph-uri") or settings.graphs
        fields += [("default-graph-uri", g) for g in defaults]
        fields += [("named-graph-uri", g) for g in form.get("named-graph-uri", [])]
        backend, generation = settings.backend, settings.backend.generation
        deadline = time.monotonic() + settings.timeout
        request = urllib.request.Request(backend.url, data=urllib.parse.urlencode(fields).encode("utf-8"),
                                         headers={"Accept": "application/sparql-results+json, application/n-triples",
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=settings.timeout) as response:
                kind = response.headers.get_content_type()
                if kind == "application/n-triples":
                    return self._graph(response, deadline)
                return self._solutions(response, deadline)
        except urllib.error.HTTPError as exc:
            message = " ".join(exc.read(2000).decode("utf-8", "replace").split())
            raise _Reply(400 if exc.code == 400 else 500, message or exc.reason) from exc
        except (OSError, SyntaxError, TimeoutError) as exc:
            if time.monotonic() < deadline and not isinstance(exc, TimeoutError):
                raise _Reply(500, f"the engine failed: {' '.join(str(exc).split())}") from exc
            backend.restart(generation)
            raise _Reply(503, f"the query ran past the time limit of {settings.timeout:g} s "
                              f"and was stopped") from exc

    def _solutions(self, response, deadline: float) -> tuple[int, str, bytes]:
        media = negotiate(self.headers.get("Accept"), list(RESULT_TYPES))
        parsed = ox.parse_query_results(response, format=ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            result = QueryResult(form="ASK", boolean=bool(parsed))
        else:
            variables = [v.value for v in parsed.variables]
            rows = []
            for solution in parsed:
                _check(deadline)
                if len(rows) == self.settings.max_rows:
                    raise _Reply(413, f"the result has more than {self.settings.max_rows} rows, "
                                      f"the most this endpoint returns: add a LIMIT")
                rows.append(tuple(to_rdflib(solution[i]) for i in range(len(variables))))
            result = QueryResult(form="SELECT", variables=variables, rows=rows)
        fmt = RESULT_TYPES[media]
        text = xml_results(result) if fmt == "xml" else format_result(result, fmt)
        charset = "; charset=utf-8" if not media.startswith("application/sparql") else ""
        return 200, media + charset, text.encode("utf-8")

    def _graph(self, response, deadline: float) -> tuple[int, str, bytes]:
        media = negotiate(self.headers.get("Accept"), list(GRAPH_TYPES))
        triples = []
        for quad in ox.parse(response, format=ox.RdfFormat.N_TRIPLES):
            _check(deadline)
            if len(triples) == self.settings.max_rows:
                raise _Reply(413, f"the result has more than {self.settings.max_rows} triples, "
                                  f"the most this endpoint returns: add a LIMIT")
            triples.append(quad.triple)
        return 200, media, ox.serialize(triples, format=GRAPH_TYPES[media])

    def _send(self, status: int, kind: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _check(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise TimeoutError("past the deadline")


def negotiate(accept: str | None, offers: list[str]) -> str:
    """The offer the Accept header rates highest (ties and an Accept that names none of them:
    the first offer)."""
    rated: dict[str, float] = {}
    for item in (accept or "*/*").split(","):
        media, *params = [part.strip().lower() for part in item.split(";")]
        q = next((_quality(p[2:]) for p in params if p.startswith("q=")), 1.0)
        rated[media] = max(q, rated.get(media, 0.0))

    def quality(offer: str) -> float:
        for media in (offer, offer.split("/")[0] + "/*", "*/*"):
            if media in rated:
                return rated[media]
        return 0.0

    best = max(offers, key=lambda offer: (quality(offer), -offers.index(offer)))
    return best if quality(best) > 0 else offers[0]


def _quality(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def xml_results(result: QueryResult) -> str:
    """A SELECT or ASK result in the SPARQL Query Results XML Format."""
    from rdflib import BNode, URIRef
    from rdflib.namespace import XSD

    lines = ['<?xml version="1.0"?>', f'<sparql xmlns="{_SPARQL_XML}">']
    if result.form == "ASK":
        lines += ["  <head/>", f"  <boolean>{str(result.boolean).lower()}</boolean>", "</sparql>"]
        return "\n".join(lines) + "\n"
    lines.append("  <head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
    lines.append("  <results>")
    for row in result.rows:
        cells = []
        for name, term in zip(result.variables, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                value = f"<uri>{escape(str(term))}</uri>"
            elif isinstance(term, BNode):
                value = f"<bnode>{escape(str(term))}</bnode>"
            elif term.language:
                value = f"<literal xml:lang={quoteattr(term.language)}>{escape(str(term))}</literal>"
            elif term.datatype is not None and term.datatype != XSD.string:
                value = f"<literal datatype={quoteattr(str(term.datatype))}>{escape(str(term))}</literal>"
            else:
                value = f"<literal>{escape(str(term))}</literal>"
            cells.append(f"<binding name={quoteattr(name)}>{value}</binding>")
        lines.append("    <result>" + "".join(cells) + "</result>")
    lines += ["  </results>", "</sparql>"]
    return "\n".join(lines) + "\n"


def query_page(examples: list[Query]) -> str:
    """The query page: a form, the example queries, a table of results; no outside resources."""
    options = "".join(f"<option value={quoteattr(q.name)}>{html.escape(q.title or q.name)}</option>"
                      for q in examples)
    texts = json.dumps({q.name: q.text for q in examples}, ensure_ascii=False).replace("</", "<\\/")
    first = html.escape(examples[0].text) if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    return _PAGE.format(options=options, texts=texts, first=first)


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kzgraph SPARQL endpoint</title>
<style>
body {{ font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; }}
textarea {{ width: 100%; height: 18em; font: 13px monospace; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }}
#status {{ margin-left: 1em; color: #555; }}
</style></head>
<body>
<h1>kzgraph SPARQL endpoint</h1>
<p>Queries go to <code>/sparql</code> (SPARQL 1.1 Protocol, read-only). Example:
<select id="examples">{options}</select></p>
<form id="form"><textarea id="query" name="query">{first}</textarea>
<p><button type="submit" id="run">Run</button><span id="status"></span></p></form>
<div id="results"></div>
<script>
const texts = {texts};
const box = document.getElementById("query"), status = document.getElementById("status");
const out = document.getElementById("results");
document.getElementById("examples").addEventListener("change", e => {{ box.value = texts[e.target.value]; }});
function cell(term) {{
  if (!term) return "";
  return term.type === "uri" ? "<" + term.value + ">" : term.value;
}}
document.getElementById("form").addEventListener("submit", async e => {{
  e.preventDefault();
  status.textContent = "running…"; out.textContent = "";
  const response = await fetch("sparql", {{method: "POST", body: new URLSearchParams({{query: box.value}}),
    headers: {{"Accept": "application/sparql-results+json"}}}});
  const body = await response.text();
  if (!response.ok) {{ status.textContent = "error " + response.status + ": " + body; return; }}
  const data = JSON.parse(body);
  if ("boolean" in data) {{ status.textContent = data.boolean ? "yes" : "no"; return; }}
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) {{ const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }}
  for (const b of data.results.bindings) {{
    const row = table.insertRow();
    for (const v of data.head.vars) {{ row.insertCell().textContent = cell(b[v]); }}
  }}
  out.appendChild(table);
  status.textContent = data.results.bindings.length + " rows";
}});
</script>
</body></html>
"""
