"""`kzgraph query`, `validate`, `reason` and `export` from the command line: outputs and
exit codes (0 ok or conformant, 1 not conformant, 2 usage or input error)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kzgraph.cli import cli
from kzgraph.stores import load_graph

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
BROKEN_MEETING = ROOT / "tests" / "data" / "shapes" / "meeting.ttl"
SAMPLE = ROOT / "graphs" / "kzgraph.ttl"


def run(*args: str):
    """Invoke the click group in-process (click >= 8.2 keeps stderr apart from stdout)."""
    return CliRunner().invoke(cli, list(args))


def kzgraph(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The real console entry point in a child process (exit codes come from cli.main)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "kzgraph", *args], cwd=cwd, capture_output=True, text=True,
                          env=env)


@pytest.fixture()
def workdir(tmp_path) -> Path:
    """A graph in a folder of its own, so reason/export can write next to it."""
    shutil.copy(FIXTURE, tmp_path / "kz.ttl")
    return tmp_path


# ---------------------------------------------------------------- query

def test_cli_query_by_name_prints_a_table():
    result = run("query", "meetings-of-person", "-g", str(FIXTURE), "--param", "person=Aigerim Sultanova")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["date", "counterpartLabel"]
    assert lines[2].startswith("2024") and "Pedro Alves" in lines[2]
    assert lines[3].startswith("2025-05-02") and "Lars Holm" in lines[3] and "Oslo" in lines[3]
    assert lines[-1] == "(2 rows)"


def test_cli_query_file_as_json_is_sparql_results_json():
    result = run("query", str(ROOT / "queries" / "representatives.rq"), "-g", str(FIXTURE), "--format", "json",
                 "-p", "state=kzd:org/un")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["personLabel", "title", "person", "post"]
    binding, = document["results"]["bindings"]
    assert binding["personLabel"] == {"type": "literal", "value": "Pedro Alves", "xml:lang": "en"}
    assert binding["person"] == {"type": "uri", "value": "https://kzgraph.org/id/person/pedro-alves"}


@pytest.mark.parametrize("fmt, sep", [("csv", ","), ("tsv", "\t")])
def test_cli_query_csv_and_tsv(fmt, sep):
    result = run("query", "events-by-year", "-g", str(FIXTURE), "-f", fmt)
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8")
    rows = (list(csv.reader(io.StringIO(text, newline=""))) if fmt == "csv"
            else [line.split(sep) for line in text.splitlines()])
    header = ["year", "type", "events"] if fmt == "csv" else ["?year", "?type", "?events"]
    assert rows[0] == header
    assert len(rows) == 6
    if fmt == "tsv":
        assert rows[1][0] == '"2024"' and rows[1][2].startswith('"1"^^<')


def test_cli_query_expression():
    result = run("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?v a kz:Visit }", "-g", str(FIXTURE), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"n\r\n2\r\n"  # SPARQL CSV lines end with CRLF


def test_cli_query_list_names_every_query_with_its_parameters():
    result = run("query", "--list")
    assert result.exit_code == 0
    for path in (ROOT / "queries").glob("*.rq"):
        assert f"{path.stem}: " in result.stdout
    assert '--param person=Yermek Kosherbayev' in result.stdout


def test_cli_query_inferred_adds_the_reasoned_triples(workdir):
    graph = str(workdir / "kz.ttl")
    assert run("reason", graph).exit_code == 0
    plain = run("query", "visited-states-inferred", "-g", graph, "-p", "state=Norway", "-f", "csv")
    reasoned = run("query", "visited-states-inferred", "-g", graph, "--inferred", "-p", "state=Norway", "-f", "csv")
    assert plain.stdout_bytes == b"actorLabel,actor\r\n"
    assert reasoned.stdout_bytes == (b"actorLabel,actor\r\n"
                                     b"Aigerim Sultanova,https://kzgraph.org/id/person/aigerim-sultanova\r\n")


def test_cli_query_suggests_a_label_when_nothing_matches():
    result = run("query", "meetings-of-person", "-g", str(FIXTURE), "-p", "person=aigerim sultanova")
    assert result.exit_code == 0
    assert "(0 rows)" in result.stdout
    assert "did you mean 'Aigerim Sultanova'?" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["query", "-e", "SELECT ?x WHERE {\n  ?x ?p\n}"], "-e:2:3: SPARQL syntax error"),
    (["query", "-e", "SELECT ?x WHERE { ?x nope:p ?y }"], "-e:1:22: SPARQL error: Unknown namespace prefix : nope"),
    (["query", "timeline", "-p", "from=2025-13-01"], "parameter from: '2025-13-01' is not a valid xsd:date"),
    (["query", "timeline", "-p", "nope=1"], "timeline: unknown parameter 'nope' (it takes: from, to)"),
    (["query", "timeline", "-p", "from"], "--param 'from': write NAME=VALUE"),
    (["query", "no-such-query"], "no-such-query: no such query file or query name"),
    (["query"], "give a query NAME or FILE, or -e TEXT"),
    (["query", "timeline", "-e", "ASK {}"], "give a query NAME or FILE, or -e TEXT"),
    (["query", "timeline", "-g", "missing.ttl"], "missing.ttl: no such file"),
])
def test_cli_query_errors_exit_2_with_a_message(args, message):
    if "-g" not in args:
        args = [*args, "-g", str(FIXTURE)]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_cli_query_syntax_error_through_the_entry_point():
    done = kzgraph("query", "-e", "SELECT ?x WHERE {\n  ?x ?p\n}", "-g", str(FIXTURE))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("kzgraph: error: -e:2:3: SPARQL syntax error")
    assert "  ?x ?p" in done.stderr


# ---------------------------------------------------------------- validate

def test_cli_validate_conforming_graph_exits_0():
    result = run("validate", str(FIXTURE))
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_cli_validate_broken_event_exits_1_and_names_it(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(FIXTURE.read_text(encoding="utf-8") + "\n" + BROKEN_MEETING.read_text(encoding="utf-8"),
                      encoding="utf-8")
    done = kzgraph("validate", str(broken))
    assert done.returncode == 1, done.stderr
    assert "does not conform: 4 violations on 3 nodes" in done.stdout
    assert 'kzd:meeting/alone "Meeting of Aigerim Sultanova" (kz:Meeting)' in done.stdout
    assert "[kzs:Meeting-participant]" in done.stdout


def test_cli_validate_turtle_report_is_rdf(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(FIXTURE.read_text(encoding="utf-8") + "\n" + BROKEN_MEETING.read_text(encoding="utf-8"),
                      encoding="utf-8")
    result = run("validate", str(broken), "--format", "turtle")
    assert result.exit_code == 1
    report = Graph().parse(data=result.stdout, format="turtle")
    conforms = list(report.objects(None, report.namespace_manager.expand_curie("sh:conforms")))
    assert [c.toPython() for c in conforms] == [False]


def test_cli_validate_missing_file_exits_2():
    done = kzgraph("validate", "no-such-graph.ttl")
    assert done.returncode == 2
    assert "no-such-graph.ttl: no such file" in done.stderr


# ---------------------------------------------------------------- reason

def test_cli_reason_writes_only_inferred_triples_next_to_the_graph(workdir):
    result = run("reason", str(workdir / "kz.ttl"))
    assert result.exit_code == 0, result.output
    target = workdir / "kz-inferred.ttl"
    assert f"triples from {len(load_graph(FIXTURE))} asserted" in result.stdout and str(target) in result.stdout
    inferred = load_graph(target)
    assert len(inferred) > 0
    assert not set(inferred) & set(load_graph(FIXTURE))
    # the asserted graph is left as it was
    assert (workdir / "kz.ttl").read_bytes() == FIXTURE.read_bytes()


def test_cli_reason_output_option_and_stable_bytes(workdir):
    a, b = workdir / "a.ttl", workdir / "b.ttl"
    assert run("reason", str(workdir / "kz.ttl"), "-o", str(a)).exit_code == 0
    assert run("reason", str(workdir / "kz.ttl"), "-o", str(b)).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


# ---------------------------------------------------------------- export

def test_cli_export_all_as_trig_has_two_named_graphs(workdir):
    graph = str(workdir / "kz.ttl")
    assert run("reason", graph).exit_code == 0
    out = workdir / "all.trig"
    result = run("export", graph, "--all", "--format", "trig", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "<https://kzgraph.org/graph/asserted> {" in text
    assert "<https://kzgraph.org/graph/inferred> {" in text


def test_cli_export_parts(workdir):
    graph = str(workdir / "kz.ttl")
    assert run("reason", graph).exit_code == 0
    asserted = run("export", graph, "-f", "ntriples")
    inferred = run("export", graph, "--inferred", "-f", "ntriples")
    both = run("export", graph, "--all", "-f", "ntriples")
    assert asserted.exit_code == inferred.exit_code == both.exit_code == 0
    lines = {name: set(r.stdout.splitlines()) for name, r in
             (("asserted", asserted), ("inferred", inferred), ("all", both))}
    assert len(lines["asserted"]) == len(load_graph(FIXTURE))
    assert lines["asserted"] | lines["inferred"] == lines["all"]
    assert not lines["asserted"] & lines["inferred"]


def test_cli_export_default_is_canonical_turtle(workdir):
    result = run("export", str(workdir / "kz.ttl"))
    assert result.exit_code == 0
    from kzgraph.stores import serialize_turtle

    assert result.stdout == serialize_turtle(load_graph(FIXTURE))


def test_cli_export_inferred_without_reasoning_exits_2(workdir):
    result = run("export", str(workdir / "kz.ttl"), "--inferred")
    assert result.exit_code == 2
    assert "kz-inferred.ttl: no such file (run `kzgraph reason" in result.stderr


def test_cli_export_unknown_format_exits_2(workdir):
    assert run("export", str(workdir / "kz.ttl"), "-f", "n3").exit_code == 2


# ---------------------------------------------------------------- the sample graph

def test_sample_cli_validate_and_query_defaults():
    if not SAMPLE.is_file():
        pytest.fail(f"{SAMPLE.relative_to(ROOT)} is missing: build it with `kzgraph build` first")
    done = kzgraph("validate", "graphs/kzgraph.ttl")
    assert done.returncode == 0, done.stdout
    done = kzgraph("query", "queries/meetings-of-person.rq", "--format", "json")
    assert done.returncode == 0, done.stderr
    bindings = json.loads(done.stdout)["results"]["bindings"]
    assert {"2026-02-27"} == {b["date"]["value"] for b in bindings if b["counterpartLabel"]["value"] == "Yvette Cooper"}
