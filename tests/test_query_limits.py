"""Queries that stay home and end: SERVICE refused unless asked for, no JSON-LD context fetched,
a time limit, a cap on rows, and evaluation errors as one-line messages with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from kzgraph.cli import cli
from kzgraph.errors import QueryError
from kzgraph.query import Limits, parse_query, run_query
from kzgraph.triplestore import load_files

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
REMOTE_ROWS = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]}}


class Recorder(BaseHTTPRequestHandler):
    """Answers every request with one SPARQL JSON row (or a JSON-LD context) and records it."""

    requests: list[str] = []

    def _answer(self):
        type(self).requests.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        if self.path.endswith(".jsonld"):
            body, kind = b'{"@context": {"name": "http://schema.org/name"}}', "application/ld+json"
        else:
            body, kind = json.dumps(REMOTE_ROWS).encode(), "application/sparql-results+json"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Recorder.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def kzgraph(*args: str) -> subprocess.CompletedProcess:
    """The real command in a process of its own (its abandoned query thread ends with it)."""
    return subprocess.run([sys.executable, "-m", "kzgraph", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def test_query_limits_service_is_refused_and_nothing_is_sent(server, tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    text = f"SELECT ?x WHERE {{ SERVICE <{server}/sparql> {{ ?x ?p ?o }} }}"
    result = CliRunner().invoke(cli, ["query", "-g", str(graph), "-e", text])
    assert result.exit_code == 2
    message = result.output.strip()
    assert "\n" not in message and "SERVICE" in message and "--allow-service" in message
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(load_files(graph), parse_query(text))
    assert Recorder.requests == []


def test_query_limits_service_runs_when_allowed(server, tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    text = f"SELECT ?x WHERE {{ SERVICE <{server}/sparql> {{ ?x ?p ?o }} }}"
    result = CliRunner().invoke(cli, ["query", "-g", str(graph), "-e", text, "--allow-service", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["x", "remote"]
    assert len(Recorder.requests) == 1


@pytest.mark.parametrize("command", [["query", "-e", "SELECT * WHERE { ?s ?p ?o }", "-g"], ["export"],
                                     ["validate"], ["analyze"]])
def test_query_limits_jsonld_remote_context_is_never_fetched(server, tmp_path, command):
    graph = tmp_path / "remote.jsonld"
    graph.write_text(json.dumps({"@context": f"{server}/context.jsonld", "@id": "https://kzgraph.org/id/x",
                                 "name": "x"}), encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, str(graph)])
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert "\n" not in message and str(graph) in message and "context" in message
    assert Recorder.requests == []


def test_query_limits_a_runaway_query_ends_at_its_time_limit():
    cross = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . "
             "?q ?r ?s . ?t ?u ?v }")
    done = kzgraph("query", "-g", str(FIXTURE), "--timeout", "1", "-e", cross)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines == ["kzgraph: error: -e: the query ran past its time limit of 1 s and was stopped "
                     "(--timeout sets another limit)"]


def test_query_limits_rows_are_capped_with_a_warning():
    runner = CliRunner()
    everything = runner.invoke(cli, ["query", "-g", str(FIXTURE), "-f", "csv", "-e", "SELECT * WHERE { ?s ?p ?o }"])
    total = len(everything.output.splitlines()) - 1
    assert total > 5
    capped = runner.invoke(cli, ["query", "-g", str(FIXTURE), "-f", "csv", "--max-rows", "5",
                                 "-e", "SELECT * WHERE { ?s ?p ?o }"])
    assert capped.exit_code == 0
    lines = capped.output.splitlines()
    assert lines[-1] == "kzgraph: warning: only the first 5 results are shown (--max-rows)"
    assert len(lines) == 1 + 5 + 1
    result = run_query(load_files(FIXTURE), parse_query("SELECT * WHERE { ?s ?p ?o }"), limits=Limits(max_rows=5))
    assert len(result.rows) == 5 and result.truncated
    result = run_query(load_files(FIXTURE), parse_query("SELECT * WHERE { ?s ?p ?o }"), limits=Limits(max_rows=None))
    assert len(result.rows) == total and not result.truncated


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p ?o FILTER regex(?o, "(") }',
    "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (xsd:integer(\"x\") + 1 AS ?n) WHERE { ?s ?p ?o }",
])
def test_query_limits_hostile_queries_end_without_internal_errors(text):
    result = CliRunner().invoke(cli, ["query", "-g", str(FIXTURE), "-e", text])
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("Error: -e")


def test_query_limits_evaluation_errors_are_one_line_errors():
    result = CliRunner().invoke(cli, ["query", "-g", str(FIXTURE), "-e", "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "-e: SPARQL error" in result.output


def test_query_limits_store_url_sends_the_query_to_that_endpoint_only(server):
    result = CliRunner().invoke(cli, ["query", "--store", f"{server}/sparql", "-f", "csv",
                                      "-e", "SELECT ?x WHERE { ?x rdfs:label ?l }"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["x", "remote"]
    assert Recorder.requests == ["/sparql"]


def test_query_limits_an_unreachable_endpoint_is_a_one_line_error(server):
    closed = server.rsplit(":", 1)[0] + ":1"
    result = CliRunner().invoke(cli, ["query", "--store", f"{closed}/sparql", "-e", "ASK {}"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {closed}/sparql: cannot reach the endpoint")
    assert len(result.output.strip().splitlines()) == 1
