"""The persistent Oxigraph store beside a graph file: made by build, used by every command,
loaded again only when the file's content changes; --store folders (kzgraph's or any
Oxigraph store) and the in-memory fallback when the store is held elsewhere."""

from __future__ import annotations

import gc
import io
import json
import logging
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kzgraph import triplestore
from kzgraph.cli import cli
from kzgraph.stores import serialize_turtle
from kzgraph.triplestore import GRAPH_ASSERTED, MANIFEST, open_graph, open_store, store_folder

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
CORPUS = ROOT / "tests" / "data" / "corpus"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABEL = "SELECT ?l WHERE { <https://kzgraph.org/id/person/lars-holm> rdfs:label ?l }"


@pytest.fixture
def graph(tmp_path) -> Path:
    path = tmp_path / "g.ttl"
    shutil.copy(FIXTURE, path)
    return path


def run(*args: str, verbose: bool = True) -> SimpleNamespace:
    """The command in this process, with -v so that every file loaded is logged on stderr.

    Only its exit code and output are kept: CliRunner's result holds the command's frame, and
    with it the open store, which a process would have closed on exit.
    """
    logging.getLogger().handlers.clear()
    result = CliRunner().invoke(cli, [*(["-v"] if verbose else []), *args])
    done = SimpleNamespace(exit_code=result.exit_code, output=result.output)
    del result
    gc.collect()
    return done


def loads(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("kzgraph: loading ")]


def test_triplestore_build_loads_its_graph_into_a_store_beside_it(tmp_path):
    out = tmp_path / "built.ttl"
    result = run("build", str(CORPUS), "-o", str(out), verbose=False)
    assert result.exit_code == 0, result.output
    folder = store_folder(out)
    assert folder == tmp_path / "built.oxigraph" and folder.is_dir()
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["graphs"]) == [GRAPH_ASSERTED.value]
    for command in (["query", "-g", str(out), "-e", COUNT], ["export", str(out)], ["analyze", str(out)],
                    ["validate", str(out)]):
        result = run(*command)
        assert result.exit_code in (0, 1), result.output
        assert loads(result) == [], f"{command[0]} parsed the graph again"


def test_triplestore_a_graph_larger_than_a_load_batch_is_loaded_whole(graph, monkeypatch):
    expected = {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE)}
    monkeypatch.setattr(triplestore, "LOAD_BATCH", 7)  # the fixture's triples go in many batches
    assert len(expected) > 3 * triplestore.LOAD_BATCH
    opened = open_graph(graph)
    held = {(q.subject, q.predicate, q.object) for q in opened.store.quads_for_pattern(None, None, None, GRAPH_ASSERTED)}
    assert held == expected and opened.size() == len(expected)
    del opened
    gc.collect()


def test_triplestore_a_changed_file_is_loaded_again_and_only_then(graph):
    first = run("query", "-g", str(graph), "-f", "csv", "-e", LABEL)
    assert loads(first) == [f"kzgraph: loading {graph} into the store {store_folder(graph)}"]
    assert first.output.splitlines()[-1] == "Lars Holm"
    assert loads(run("query", "-g", str(graph), "-e", LABEL)) == []
    graph.write_text(graph.read_text(encoding="utf-8").replace('"Lars Holm"', '"Lars Holm Jr."'), encoding="utf-8")
    again = run("query", "-g", str(graph), "-f", "csv", "-e", LABEL)
    assert len(loads(again)) == 1
    assert again.output.splitlines()[-1] == "Lars Holm Jr."
    assert loads(run("query", "-g", str(graph), "-e", LABEL)) == []


def test_triplestore_a_foreign_file_put_in_its_place_replaces_the_graph(graph, tmp_path):
    assert run("query", "-g", str(graph), "-e", LABEL).exit_code == 0
    graph.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n", encoding="utf-8")
    result = run("query", "-g", str(graph), "-f", "csv", "-e", COUNT)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "1"


def test_triplestore_inferred_triples_live_in_their_own_graph(graph):
    assert run("reason", str(graph), verbose=False).exit_code == 0
    visited = "SELECT ?s WHERE { ?s kz:visited ?o }"
    plain = run("query", "-g", str(graph), "-f", "csv", "-e", visited)
    assert plain.output.splitlines()[-1] == "s"
    both = run("query", "-g", str(graph), "--inferred", "-f", "csv", "-e", visited)
    assert "https://kzgraph.org/id/person/aigerim-sultanova" in both.output
    with_inferred = open_graph(graph, inferred=True)
    assert with_inferred.loaded == []
    assert with_inferred.store.contains_named_graph(ox.NamedNode("https://kzgraph.org/graph/inferred"))


def test_triplestore_store_option_keeps_the_graph_in_another_folder(graph, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    result = run("query", "-g", str(graph), "--store", str(elsewhere), "-f", "csv", "-e", LABEL)
    assert result.exit_code == 0, result.output
    assert (elsewhere / MANIFEST).is_file() and not store_folder(graph).exists()
    # the folder alone is the graph, as it is
    alone = run("query", "--store", str(elsewhere), "-f", "csv", "-e", LABEL)
    assert alone.output.splitlines()[-1] == "Lars Holm" and loads(alone) == []
    exported = run("export", "--store", str(elsewhere), "-f", "ntriples", verbose=False)
    assert exported.exit_code == 0 and len(exported.output.splitlines()) == len(open_store(elsewhere).rdflib_graph())


def test_triplestore_store_option_opens_any_oxigraph_store(tmp_path):
    folder = tmp_path / "theirs"
    theirs = ox.Store(str(folder))
    theirs.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                       ox.Literal("in a named graph"), ox.NamedNode("https://example.org/g")))
    theirs.add(ox.Quad(ox.NamedNode("https://example.org/b"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                       ox.Literal("in the default graph")))
    del theirs
    result = run("query", "--store", str(folder), "-f", "csv", "-e", "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == ["in a named graph", "in the default graph"]


def test_triplestore_store_option_errors_are_one_line(tmp_path):
    result = run("query", "--store", str(tmp_path / "missing"), "-e", COUNT, verbose=False)
    assert result.exit_code == 2 and result.output.strip() == f"Error: {tmp_path / 'missing'}: no such store folder"


def test_triplestore_a_store_held_elsewhere_gives_way_to_memory(graph):
    held = open_graph(graph)
    assert held.loaded == [graph]
    up_to_date = run("query", "-g", str(graph), "-f", "csv", "-e", LABEL)
    assert up_to_date.exit_code == 0 and up_to_date.output.splitlines()[-1] == "Lars Holm"
    assert loads(up_to_date) == []  # opened read-only
    graph.write_text(graph.read_text(encoding="utf-8").replace('"Lars Holm"', '"L. Holm"'), encoding="utf-8")
    changed = run("query", "-g", str(graph), "-f", "csv", "-e", LABEL)
    assert changed.exit_code == 0 and changed.output.splitlines()[-1] == "L. Holm"
    assert loads(changed) == [f"kzgraph: loading {graph} in memory"]
    del held


def test_triplestore_a_bad_file_is_a_one_line_error_and_leaves_no_stale_graph(graph):
    assert run("query", "-g", str(graph), "-e", COUNT).exit_code == 0
    graph.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    result = run("query", "-g", str(graph), "-e", COUNT, verbose=False)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {graph}: cannot load as turtle") and len(result.output.splitlines()) == 1
    manifest = json.loads((store_folder(graph) / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["graphs"] == {}


def holds_the_file(graph: Path) -> bool:
    store = open_graph(graph).store
    held = {q.triple for q in store.quads_for_pattern(None, None, None, GRAPH_ASSERTED)}
    return held == {q.triple for q in ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE)}


def test_triplestore_rebuild_updates_the_store_by_difference(tmp_path):
    texts, out = tmp_path / "texts", tmp_path / "built.ttl"
    shutil.copytree(CORPUS, texts)
    assert run("build", str(texts), "-o", str(out), verbose=False).exit_code == 0
    (texts / "added.txt").write_text("Astana, 3 May 2024 - President Kassym-Jomart Tokayev met the Foreign "
                                     "Minister of Peru Luis Ortega in Astana.\n", encoding="utf-8")
    result = run("build", str(texts), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert loads(result) == [] and "kzgraph: updating the store: " in result.output
    assert holds_the_file(out)


@pytest.mark.parametrize("earlier, by_difference", [(None, True), (b"<https://example.org/a> <b:b> <c:c> .\n", False)])
def test_triplestore_store_is_updated_by_difference_only_from_what_it_holds(graph, caplog, earlier, by_difference):
    graph.write_text(serialize_turtle(Graph().parse(graph)), encoding="utf-8")  # as a build writes it
    original = graph.read_bytes()
    open_graph(graph)
    graph.write_text(graph.read_text(encoding="utf-8").replace('"Lars Holm"', '"Lars Holm Jr."'), encoding="utf-8")
    caplog.set_level(logging.INFO, logger="kzgraph.triplestore")
    opened = open_graph(graph, previous=io.BytesIO(earlier or original))
    assert opened.loaded == [graph]
    assert any(r.message.startswith("updating the store: 1 triples removed, 1 added") for r in caplog.records) \
        == by_difference
    del opened
    gc.collect()
    assert holds_the_file(graph)


@pytest.mark.parametrize("change", [
    lambda text: text.replace(b"\n\n<https://kzgraph.org/id/meeting/m1>", b"\n<https://kzgraph.org/id/meeting/m1>"),
    lambda text: text + b"\n<https://kzgraph.org/id/agreement/g1>\n    kz:kind \"visa\" ;\n.\n",
    lambda text: text.replace(b"PREFIX time: <http://www.w3.org/2006/time#>",
                              b"@prefix time: <http://www.w3.org/2006/time#> ."),
])
def test_triplestore_text_not_in_canonical_blocks_is_loaded_whole(graph, caplog, change):
    graph.write_text(serialize_turtle(Graph().parse(graph)), encoding="utf-8")
    original = graph.read_bytes()
    open_graph(graph)
    graph.write_bytes(change(original.replace(b'"Lars Holm"', b'"Lars Holm Jr."')))
    caplog.set_level(logging.INFO, logger="kzgraph.triplestore")
    opened = open_graph(graph, previous=io.BytesIO(original))
    assert opened.loaded == [graph] and not any(r.message.startswith("updating the store") for r in caplog.records)
    del opened
    gc.collect()
    assert holds_the_file(graph)


def test_read_ntriples_pieces_are_whole_lines_of_the_graph_and_can_be_left_early(tmp_path):
    from kzgraph.synthetic import generate

    path = tmp_path / "generated.ttl"
    path.write_text(generate(3000), encoding="utf-8")
    expected = ox.serialize(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
    pieces = list(triplestore.read_ntriples(path, piece=4096))
    assert len(pieces) > 10 and all(piece.endswith(b"\n") for piece in pieces)
    assert b"".join(pieces) == expected
    threads = threading.active_count()
    reading = triplestore.read_ntriples(path, piece=1024)
    assert next(reading).endswith(b"\n")
    reading.close()  # the parser is stopped and the thread taking in its output ends
    assert threading.active_count() == threads
