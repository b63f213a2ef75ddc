"""Exports: every format loads back, in rdflib and in Oxigraph, with the same triples; quad
formats keep asserted and inferred triples in their named graphs; the bytes do not depend
on the order triples were added in."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kzgraph.errors import StoreError
from kzgraph.export import FORMATS, GRAPH_ASSERTED, GRAPH_INFERRED, export_graphs
from kzgraph.reason import expand
from kzgraph.stores import load_graph, serialize_turtle

ROOT = Path(__file__).parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"

RDFLIB = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld",
          "xml": "xml"}
OXIGRAPH = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}


@pytest.fixture(scope="module")
def asserted() -> Graph:
    graph = load_graph(FIXTURE)
    # a literal that needs escaping in every syntax
    graph.add((URIRef("https://kzgraph.org/id/article/a/0/s1"), URIRef("https://kzgraph.org/ontology#note"),
               Literal('Quotes " and <tags> & ampersands\nover two lines', lang="en")))
    return graph


@pytest.fixture(scope="module")
def inferred(asserted) -> Graph:
    return expand(asserted, load_graph(ROOT / "ontology" / "kzgraph.ttl")).inferred


def term_key(term) -> tuple:
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.Literal):
        datatype = None if term.language or term.datatype.value == str(XSD.string) else term.datatype.value
        return ("literal", term.value, datatype, term.language)
    if isinstance(term, URIRef):
        return ("iri", str(term))
    datatype = None if term.language or term.datatype in (None, XSD.string) else str(term.datatype)
    return ("literal", str(term), datatype, term.language)


def keys(triples) -> set:
    return {tuple(term_key(t) for t in triple) for triple in triples}


def shuffled(graph: Graph, seed: int) -> Graph:
    triples = list(graph)
    random.Random(seed).shuffle(triples)
    out = Graph()
    for triple in triples:
        out.add(triple)
    return out


def test_export_formats_are_the_six_the_issue_names():
    assert set(FORMATS) == {"turtle", "ntriples", "nquads", "trig", "jsonld", "xml"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_loads_back_with_the_same_triples_in_rdflib_and_oxigraph(fmt, asserted, inferred):
    text = export_graphs(fmt, asserted, inferred)
    expected = keys(asserted) | keys(inferred)
    # rdflib
    if fmt in ("nquads", "trig"):
        dataset = Dataset()
        dataset.parse(data=text, format=RDFLIB[fmt])
        back = [(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))]
    else:
        back = Graph().parse(data=text, format=RDFLIB[fmt])
    assert keys(back) == expected
    # Oxigraph, an independent parser and store
    store = ox.Store()
    store.load(input=text, format=OXIGRAPH[fmt])
    assert keys((q.subject, q.predicate, q.object) for q in store) == expected


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_export_quad_formats_keep_asserted_and_inferred_apart(fmt, asserted, inferred):
    store = ox.Store()
    store.load(input=export_graphs(fmt, asserted, inferred), format=OXIGRAPH[fmt])
    by_graph: dict[str, set] = {}
    for quad in store:
        by_graph.setdefault(quad.graph_name.value, set()).add(
            tuple(term_key(t) for t in (quad.subject, quad.predicate, quad.object)))
    assert set(by_graph) == {str(GRAPH_ASSERTED), str(GRAPH_INFERRED)}
    assert by_graph[str(GRAPH_ASSERTED)] == keys(asserted)
    assert by_graph[str(GRAPH_INFERRED)] == keys(inferred)
    # only the inferred part: one named graph
    store = ox.Store()
    store.load(input=export_graphs(fmt, None, inferred), format=OXIGRAPH[fmt])
    assert {q.graph_name.value for q in store} == {str(GRAPH_INFERRED)}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_stable_whatever_the_insertion_order(fmt, asserted, inferred):
    texts = {export_graphs(fmt, shuffled(asserted, seed), shuffled(inferred, seed + 10)) for seed in range(3)}
    assert len(texts) == 1


def test_export_turtle_is_the_canonical_turtle(asserted, inferred):
    assert export_graphs("turtle", asserted) == serialize_turtle(asserted)
    merged = Graph()
    merged += asserted
    merged += inferred
    assert export_graphs("turtle", asserted, inferred) == serialize_turtle(merged)


def test_export_ntriples_lines_are_sorted_and_unique(asserted):
    lines = export_graphs("ntriples", asserted).splitlines()
    assert lines == sorted(set(lines))
    assert len(lines) == len(asserted)


def test_export_needs_a_known_format_and_something_to_export(asserted):
    with pytest.raises(StoreError, match="unknown export format 'n3'"):
        export_graphs("n3", asserted)
    with pytest.raises(StoreError, match="nothing to export"):
        export_graphs("turtle", None, None)
