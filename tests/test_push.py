"""`kzgraph push` into a real Virtuoso (Debian's, installed by scripts/ensure-virtuoso.sh and
started on loopback here): the named graphs replaced as a whole, so pushing twice gives the
same graph; every shipped query gives the same rows there as in kzgraph; a refusal is a
one-line error."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import XSD

from kzgraph.cli import cli
from kzgraph.endpoint import SparqlEndpoint
from kzgraph.query import list_queries, run_query
from kzgraph.triplestore import GRAPH_ASSERTED, GRAPH_INFERRED, open_graph

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "graphs" / "kzgraph.ttl"
VIRTUOSO = os.environ.get("VIRTUOSO", "/usr/bin/virtuoso-t")
ISQL = str(Path(VIRTUOSO).with_name("isql-vt"))
CONFIG = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso of its own on loopback ports, with a database in a temporary folder;
    anonymous Graph Store Protocol writes allowed. Yields its base URL."""
    run = subprocess.run(["sh", str(ROOT / "scripts" / "ensure-virtuoso.sh")], capture_output=True, text=True,
                         env={**os.environ, "VIRTUOSO": VIRTUOSO}, timeout=1800)
    if run.returncode != 0 or not os.access(VIRTUOSO, os.X_OK):
        pytest.fail(f"Virtuoso is not available at {VIRTUOSO} and could not be installed:\n{run.stdout}{run.stderr}")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    config = CONFIG.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    config = re.sub(r"(?m)^ServerPort\s*=\s*1111\b.*$", f"ServerPort = 127.0.0.1:{sql}", config)
    config = re.sub(r"(?m)^ServerPort\s*=\s*8890\b.*$", f"ServerPort = 127.0.0.1:{http}", config)
    (folder / "virtuoso.ini").write_text(config, encoding="utf-8")
    process = subprocess.Popen([VIRTUOSO, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    try:
        for _ in range(240):
            assert process.poll() is None, (folder / "virtuoso.log").read_text(errors="replace")[-2000:]
            try:
                with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("Virtuoso did not answer in 120 s")
        grant = subprocess.run([ISQL, f"127.0.0.1:{sql}", "dba", "dba",
                                "exec=GRANT SPARQL_UPDATE TO \"SPARQL\"; "
                                "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"],
                               capture_output=True, text=True, timeout=60)
        assert grant.returncode == 0, grant.stdout + grant.stderr
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.fixture(scope="module")
def pushed(virtuoso, tmp_path_factory):
    """The sample graph and its inferred triples, pushed twice (the second push must replace)."""
    graph = tmp_path_factory.mktemp("push") / "kzgraph.ttl"
    shutil.copy(SAMPLE, graph)
    assert CliRunner().invoke(cli, ["reason", str(graph)]).exit_code == 0
    for _ in range(2):
        result = CliRunner().invoke(cli, ["push", str(graph), "--endpoint", f"{virtuoso}/sparql-graph-crud",
                                          "--inferred", "--batch", "500"])
        assert result.exit_code == 0, result.output
    return graph, result.output


def same_key(term):
    if term is None:
        return ("unbound",)
    if isinstance(term, Literal):
        return ("literal", str(term), None if term.datatype in (None, XSD.string) else str(term.datatype),
                term.language)
    return (type(term).__name__, str(term))


def test_push_replaces_the_named_graphs(virtuoso, pushed):
    graph, output = pushed
    local = open_graph(graph, inferred=True)
    asserted, inferred = (sum(1 for _ in local.store.quads_for_pattern(None, None, None, g))
                          for g in (GRAPH_ASSERTED, GRAPH_INFERRED))
    assert output.splitlines() == [
        f"pushed {asserted} triples to <{GRAPH_ASSERTED.value}> at {virtuoso}/sparql-graph-crud",
        f"pushed {inferred} triples to <{GRAPH_INFERRED.value}> at {virtuoso}/sparql-graph-crud"]
    for name, count in ((GRAPH_ASSERTED, asserted), (GRAPH_INFERRED, inferred)):
        remote = SparqlEndpoint(f"{virtuoso}/sparql", graphs=[name.value])
        row, = remote.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(row["n"].value) == count  # twice pushed, once there


def test_push_every_shipped_query_gives_the_same_rows_in_virtuoso(virtuoso, pushed):
    graph, _ = pushed
    local = open_graph(graph, inferred=True)
    remote = SparqlEndpoint(f"{virtuoso}/sparql", graphs=[GRAPH_ASSERTED.value, GRAPH_INFERRED.value])
    for query in list_queries(ROOT / "queries"):
        ours, theirs = run_query(local, query), run_query(remote, query)
        assert theirs.variables == ours.variables, query.name
        rows = sorted(tuple(map(same_key, r)) for r in ours.rows)
        assert rows or query.name == "event-twins", query.name  # a built graph has no twins
        assert sorted(tuple(map(same_key, r)) for r in theirs.rows) == rows, query.name


def test_push_a_refusal_is_a_one_line_error(virtuoso, tmp_path):
    graph = tmp_path / "g.ttl"
    shutil.copy(ROOT / "tests" / "data" / "fixture.ttl", graph)
    result = CliRunner().invoke(cli, ["push", str(graph), "--endpoint", f"{virtuoso}/sparql-graph-crud-auth"])
    assert result.exit_code == 2
    assert "the store refused the graph (401" in result.output and len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["push", str(graph), "--endpoint", "http://127.0.0.1:1/sparql-graph-crud"])
    assert result.exit_code == 2 and "cannot reach the store" in result.output
