"""What a build keeps on disk gives the graph it would give in memory, byte for byte."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

import kzgraph.emit
import kzgraph.extract
import kzgraph.pipeline
import kzgraph.spill
import kzgraph.turtle
from kzgraph.namespaces import bind_namespaces
from kzgraph.pipeline import build_corpus, read_corpus
from kzgraph.spill import SortedRuns, Spool
from kzgraph.triplefile import TripleFile
from kzgraph.turtle import canonical_turtle, sorted_lines_turtle

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp():
    return kzgraph.extract.build_nlp()


def test_spill_sorted_runs_merge_their_items_in_order_each_once():
    runs = SortedRuns(unique=True, run_items=3)
    for item in ["d", "b", "a", "b", "e", "a", "c", "d"]:
        runs.add(item)
    assert list(runs) == ["a", "b", "c", "d", "e"] == list(runs)
    runs.add("0")
    assert list(runs) == ["0", "a", "b", "c", "d", "e"]
    runs.close()


@pytest.mark.parametrize("held", [0, 40, 200])
def test_spill_spool_gives_its_items_back_in_order(monkeypatch, held):
    monkeypatch.setattr(kzgraph.spill, "SPOOL_BYTES", 10)  # a file after the first batch
    spool = Spool(held=held)
    items = [(n, {"text": f"sentence {n}"}) for n in range(100)]
    for item in items:
        spool.add(item)
    drained = list(spool.drain())
    assert drained == items
    assert sum(a is b for a, b in zip(drained, items)) == min(held, 100)  # the first held, not pickled


def test_spill_triple_file_reads_back_its_terms():
    a, b = URIRef("https://kzgraph.org/id/a"), URIRef("https://kzgraph.org/ontology#b")
    triples = {(a, b, Literal('says "hi"\nand \\ goes', lang="en")), (a, b, Literal(3)), (a, b, a)}
    file = TripleFile(run_items=1)
    file.update([*triples, *triples])
    assert len(list(file.lines())) == 3 and set(file) == triples
    file.close()


def test_spill_build_kept_on_disk_writes_the_graph_of_the_corpus(nlp, monkeypatch):
    """Every run of triples, subject and article on disk, every memo let go at once: the
    Turtle is the committed graph of the sample corpus, as a build in memory writes it."""
    in_memory = build_corpus(read_corpus([ROOT / "corpus"]), nlp=nlp).turtle()
    for module, name, value in [(kzgraph.spill, "RUN_ITEMS", 7), (kzgraph.spill, "SPOOL_BYTES", 0),
                                (kzgraph.turtle, "PIECES_RUN", 3), (kzgraph.turtle, "NAMES_KEPT", 2),
                                (kzgraph.emit, "MEMO_LIMIT", 2), (kzgraph.pipeline, "BATCH_CHARACTERS", 1)]:
        monkeypatch.setattr(module, name, value)
    on_disk = build_corpus(read_corpus([ROOT / "corpus"]), nlp=nlp).turtle()
    assert on_disk.encode("utf-8") == in_memory.encode("utf-8") == (ROOT / "graphs" / "kzgraph.ttl").read_bytes()


def test_spill_turtle_of_sorted_lines_is_the_canonical_turtle(monkeypatch):
    monkeypatch.setattr(kzgraph.turtle, "PIECES_RUN", 2)
    kz, kzd = Namespace("https://kzgraph.org/ontology#"), Namespace("https://kzgraph.org/id/")
    a, b, c = kzd["state/KZ"], kzd["article/x/0"], URIRef("https://example.org/a(b)%c")
    triples = {
        (a, RDF.type, kz.State), (a, RDFS.label, Literal("Kazakhstan", lang="en")),
        (a, SKOS.altLabel, Literal("Republic of\nKazakhstan", lang="en")),
        (a, SKOS.altLabel, Literal('"Qazaqstan"', lang="en")), (a, kz.mentionedIn, b),
        (b, kz.text, Literal('He said: """yes"""\r\nand "no"\\')), (b, kz.date, Literal("2024-03", datatype=XSD.gYearMonth)),
        (b, kz.position, Literal(2)), (b, kz.dateInferred, Literal(True)), (b, kz.mentions, a), (b, OWL.sameAs, c),
        (c, RDFS.label, Literal("c")), (kzd["post/1"], kz.postIn, a),
    }
    file = TripleFile(run_items=3)
    file.update(triples)
    pieces = sorted_lines_turtle(file.lines, bind_namespaces(Graph()).namespace_manager)
    assert "".join(pieces) == canonical_turtle(triples, bind_namespaces(Graph()).namespace_manager)
    file.close()
