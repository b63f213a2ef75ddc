"""`kzgraph serve`, a real server started on 127.0.0.1 by the test, asked by SPARQLWrapper:
the same rows as `kzgraph query` for every shipped query, in JSON, XML, CSV and TSV; updates
and SERVICE refused; a runaway query stopped at its time limit; a cap on results; the
offline query page; and no server left behind."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from SPARQLWrapper import CSV, JSON, SELECT, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kzgraph.cli import cli

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "graphs" / "kzgraph.ttl"
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))
MAX_ROWS = 2000


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """`kzgraph serve` on a copy of the sample graph with its inferred triples; yields its URL."""
    folder = tmp_path_factory.mktemp("serve")
    graph = folder / "kzgraph.ttl"
    shutil.copy(SAMPLE, graph)
    assert CliRunner().invoke(cli, ["reason", str(graph)]).exit_code == 0
    process = subprocess.Popen([sys.executable, "-m", "kzgraph", "serve", str(graph), "--inferred", "--port", "0",
                                "--timeout", "2", "--max-rows", str(MAX_ROWS)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    line = process.stdout.readline()
    if not line.startswith("serving "):
        process.kill()
        pytest.fail(f"kzgraph serve did not start: {line}{process.stderr.read()}")
    url = line.split(" at ")[1].split()[0]
    backends = children(process.pid)
    assert len(backends) == 1
    yield url, graph
    process.terminate()
    assert process.wait(timeout=30) == 0
    for pid in backends:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


def client(url: str, query: str, fmt: str = JSON, kind: str | None = None) -> SPARQLWrapper:
    """SPARQLWrapper set to POST query; kind overrides the query type it guesses from the text
    (it takes the word "adds" in a comment for an ADD update)."""
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod("POST")
    if kind is not None:
        sparql.queryType = kind
    return sparql


def key(binding: dict) -> str:
    return json.dumps(binding, sort_keys=True, ensure_ascii=False)


def test_serve_listens_on_loopback(endpoint):
    url, _ = endpoint
    assert url.startswith("http://127.0.0.1:") and url.endswith("/sparql")


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_serve_gives_the_rows_of_kzgraph_query(endpoint, path):
    url, graph = endpoint
    ours = CliRunner().invoke(cli, ["query", str(path), "-g", str(graph), "--inferred", "-f", "json"])
    assert ours.exit_code == 0, ours.output
    expected = json.loads(ours.output)
    served = client(url, path.read_text(encoding="utf-8"), kind=SELECT).queryAndConvert()
    assert served["head"]["vars"] == expected["head"]["vars"]
    assert sorted(map(key, served["results"]["bindings"])) == sorted(map(key, expected["results"]["bindings"]))
    if path.stem not in ("visited-states-inferred", "event-twins"):
        assert served["results"]["bindings"], path.stem


def rows_of(document: bytes, fmt: ox.QueryResultsFormat) -> list[str]:
    return sorted(str(solution) for solution in ox.parse_query_results(document, format=fmt))


def test_serve_answers_in_xml_csv_and_tsv_by_accept(endpoint):
    url, graph = endpoint
    text = (ROOT / "queries" / "international-organizations.rq").read_text(encoding="utf-8")
    as_json = client(url, text).query().response.read()
    expected = rows_of(as_json, ox.QueryResultsFormat.JSON)
    assert len(expected) > 3
    xml = client(url, text, XML).query()
    assert xml.response.headers.get_content_type() == "application/sparql-results+xml"
    assert rows_of(xml.response.read(), ox.QueryResultsFormat.XML) == expected
    tsv = client(url, text, TSV).query()
    assert tsv.response.headers.get_content_type() == "text/tab-separated-values"
    assert rows_of(tsv.response.read(), ox.QueryResultsFormat.TSV) == expected
    served_csv = client(url, text, CSV).queryAndConvert().decode("utf-8")
    ours = CliRunner().invoke(cli, ["query", "international-organizations", "-g", str(graph), "-f", "csv"])
    assert sorted(served_csv.splitlines()) == sorted(ours.output.splitlines())


def test_serve_ask_and_construct(endpoint):
    url, _ = endpoint
    assert client(url, "ASK { ?s a <https://kzgraph.org/ontology#Meeting> }").queryAndConvert()["boolean"] is True
    request = urllib.request.Request(f"{url}?query=" + urllib.parse.quote(
        "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 5"), headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request) as response:
        assert response.headers.get_content_type() == "text/turtle"
        assert len(list(ox.parse(response.read(), format=ox.RdfFormat.TURTLE))) == 5


def test_serve_refuses_updates_and_service(endpoint):
    url, _ = endpoint
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = client(url, count).queryAndConvert()["results"]["bindings"][0]["n"]["value"]
    update = client(url, "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        update.query()
    assert refused.value.code == 403 and b"read-only" in refused.value.read()
    assert client(url, count).queryAndConvert()["results"]["bindings"][0]["n"]["value"] == before
    with pytest.raises(urllib.error.HTTPError) as refused:
        client(url, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }").query()
    assert refused.value.code == 403 and b"SERVICE" in refused.value.read()


def test_serve_reports_bad_queries(endpoint):
    url, _ = endpoint
    with pytest.raises(QueryBadFormed):
        client(url, "SELECT * WHERE { ?s ?p").query()


def test_serve_caps_results(endpoint):
    url, _ = endpoint
    with pytest.raises(urllib.error.HTTPError) as refused:
        client(url, "SELECT * WHERE { ?s ?p ?o }").query()
    assert refused.value.code == 413 and f"more than {MAX_ROWS} rows".encode() in refused.value.read()
    limited = client(url, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}").queryAndConvert()
    assert len(limited["results"]["bindings"]) == MAX_ROWS


def test_serve_stops_a_runaway_query_and_keeps_serving(endpoint):
    url, _ = endpoint
    runaway = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j"
    with pytest.raises(urllib.error.HTTPError) as stopped:
        client(url, runaway).query()
    assert stopped.value.code == 503 and b"time limit of 2 s" in stopped.value.read()
    assert client(url, "ASK { ?s ?p ?o }").queryAndConvert()["boolean"] is True


def test_serve_query_page_works_offline_with_the_shipped_queries(endpoint):
    url, _ = endpoint
    with urllib.request.urlopen(url.rsplit("/", 1)[0] + "/") as response:
        page = response.read().decode("utf-8")
    assert "kzgraph SPARQL endpoint" in page
    for path in QUERY_FILES:
        assert f'value="{path.stem}"' in page
    assert "src=" not in page and "<link" not in page and "@import" not in page


@pytest.mark.browser
def test_serve_query_page_runs_an_example_in_a_browser(endpoint):
    """Headless Chromium (scripts/ensure-chromium.sh) on the page: pick an example, run it, read
    the table; nothing but the endpoint itself is requested."""
    import os

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    run = subprocess.run(["sh", str(ROOT / "scripts" / "ensure-chromium.sh")], capture_output=True, text=True,
                         env={**os.environ, "CHROMIUM": chromium}, timeout=1800)
    assert run.returncode == 0 and os.access(chromium, os.X_OK), run.stdout + run.stderr
    url, graph = endpoint
    origin = url.rsplit("/", 1)[0]
    elsewhere, errors, seen = [], [], {}

    def drive():  # in a thread of its own: the browser tests may hold a Playwright loop in this one
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin)
                       else (elsewhere.append(route.request.url), route.abort()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(origin + "/")
            page.select_option("#examples", "international-organizations")
            page.click("#run")
            page.wait_for_function("document.getElementById('status').textContent.endsWith('rows')",
                                   timeout=60_000)
            seen["header"] = page.locator("#results th").all_inner_texts()
            seen["rows"] = page.locator("#results tr").count() - 1
            browser.close()

    worker = threading.Thread(target=drive)
    worker.start()
    worker.join(300)
    header, rows = seen.get("header"), seen.get("rows")
    expected = CliRunner().invoke(cli, ["query", "international-organizations", "-g", str(graph), "-f", "csv"])
    lines = expected.output.splitlines()
    assert header == lines[0].split(",")
    assert rows == len(lines) - 1 > 3
    assert elsewhere == [] and errors == []


@pytest.mark.parametrize("args", [["meetings-of-person", "-p", "person=Roman Vassilenko"],
                                  ["meetings-of-person", "-p", "person=<IRI of Yermek Kosherbayev>"],
                                  ["visits-to-state", "-p", "state=United States"],
                                  ["timeline", "-p", "from=2026-03-01", "-p", "to=2026-03-03"],
                                  ["-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kz:Person }"]])
def test_serve_kzgraph_query_store_url_gives_the_local_rows(endpoint, args):
    url, graph = endpoint
    runner = CliRunner()
    if args[-1] == "person=<IRI of Yermek Kosherbayev>":  # a name given as its node's IRI
        found = runner.invoke(cli, ["query", "-g", str(graph), "-f", "csv", "-e",
                                    'SELECT ?p WHERE { ?p rdfs:label "Yermek Kosherbayev"@en }'])
        args = [*args[:-1], f"person=<{found.output.splitlines()[1]}>"]
    local = runner.invoke(cli, ["query", *args, "-g", str(graph), "--inferred", "-f", "json"])
    remote = runner.invoke(cli, ["query", *args, "--store", url, "-f", "json"])
    assert local.exit_code == 0 and remote.exit_code == 0, local.output + remote.output
    expected, served = json.loads(local.output), json.loads(remote.output)
    assert served["head"] == expected["head"]
    assert sorted(map(key, served["results"]["bindings"])) == sorted(map(key, expected["results"]["bindings"]))
    assert served["results"]["bindings"]
