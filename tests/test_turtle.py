"""The direct Turtle writer gives the very text of rdflib's longturtle serializer with
canon=True, and leaves to rdflib the graphs it does not cover."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kzgraph.namespaces import KZ, KZD, bind_namespaces
from kzgraph.stores import load_graph, serialize_turtle
from kzgraph.turtle import NumberedTriples, canonical_turtle, ntriples_turtle_chunks, rdflib_term

ROOT = Path(__file__).parents[1]


def rdflib_turtle(graph: Graph) -> str:
    return bind_namespaces(graph).serialize(format="longturtle", canon=True)


def direct_turtle(graph: Graph) -> str | None:
    return canonical_turtle(graph, bind_namespaces(graph).namespace_manager)


def ntriples_turtle(graph: Graph) -> str | None:
    """The text of the writer of terms as in N-Triples, given the terms as Oxigraph writes them."""
    text = ox.serialize(ox.parse(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                        format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    triples = [line[:-2].split(" ", 2) for line in text.split("\n")[:-1]]
    pieces = ntriples_turtle_chunks(NumberedTriples.of(triples), bind_namespaces(Graph()).namespace_manager)
    return None if pieces is None else "".join(pieces)


def literals_and_names() -> Graph:
    """Escapes, literal forms, prefixed and full IRIs, rdf:nil, rdfs:Class members."""
    g = Graph()
    s = KZD["x/1"]
    texts = ["a\nb", 'q"uote', 'tri"""ple\n', "back\\slash", "cr\rlf", 'ends"\n"', "tab\tx", "é ü \u2028 中"]
    for i, text in enumerate(texts):
        g.add((s, SKOS.altLabel, Literal(text)))
        g.add((KZD[f"y/{i}"], RDFS.label, Literal(text)))
    g.add((s, KZ.n, Literal(5)))
    g.add((s, KZ.b, Literal(False)))
    g.add((s, KZ.d, Literal("2020-01-01", datatype=XSD.date)))
    g.add((s, KZ.bad, Literal("x", datatype=XSD.integer)))
    g.add((s, KZ.lang, Literal("hi", lang="en")))
    g.add((s, KZ.weird, Literal("w", datatype=URIRef("http://example.org/dt"))))
    for o in (KZD["z"], Literal("plain"), OWL.Thing):
        g.add((s, KZ.mixed, o))
    g.add((s, KZ.list, RDF.nil))
    g.add((RDF.nil, RDFS.label, Literal("nil")))
    g.add((KZD["c"], RDF.type, RDFS.Class))
    g.add((KZD["b"], RDF.type, RDFS.Class))
    g.add((s, RDF.type, KZD["c"]))
    for local in ("a(b)", "a%zz", "a%20b", "end.", ""):
        g.add((KZ[local], RDFS.label, Literal(local)))
    g.add((URIRef("urn:isbn:123"), RDFS.label, Literal("urn")))
    for text in ("b", "A", "Ürümqi", "a", "Zeta", "alpha"):  # ordered by their text
        g.add((s, KZ.tagged, Literal(text, lang="en")))
    g.add((s, RDFS.seeAlso, URIRef("urn:isbn:123")))
    return g


@pytest.mark.parametrize("path", ["graphs/kzgraph.ttl", "graphs/kzgraph-inferred.ttl", "tests/data/fixture.ttl"])
def test_turtle_matches_rdflib_on_kzgraph_graphs(path):
    assert direct_turtle(load_graph(ROOT / path)) == rdflib_turtle(load_graph(ROOT / path))


def test_turtle_matches_rdflib_on_literals_and_names():
    assert direct_turtle(literals_and_names()) == rdflib_turtle(literals_and_names())


@pytest.mark.parametrize("path", ["graphs/kzgraph-inferred.ttl", "tests/data/fixture.ttl"])
def test_turtle_of_ntriples_terms_is_the_canonical_turtle(path):
    assert ntriples_turtle(load_graph(ROOT / path)) == rdflib_turtle(load_graph(ROOT / path))
    assert ntriples_turtle(literals_and_names()) == rdflib_turtle(literals_and_names())


def test_turtle_reads_ntriples_terms_back_as_rdflib_terms():
    graph = literals_and_names()
    graph.add((KZD["x/1"], KZ.escaped, Literal("bell\x07 \U0001F600", lang="kk")))
    text = ox.serialize(ox.parse(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                        format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    assert "\\u0007" in text
    back = {tuple(map(rdflib_term, line[:-2].split(" ", 2))) for line in text.split("\n")[:-1]}
    assert back == set(graph)
    assert rdflib_term("_:b1") == BNode("b1")


def test_turtle_of_an_empty_graph_is_empty():
    assert direct_turtle(Graph()) == ntriples_turtle(Graph()) == rdflib_turtle(Graph()) == ""


@pytest.mark.parametrize("triples", [
    [(BNode("b1"), RDFS.label, Literal("blank"))],
    [(KZD["a"], URIRef("http://example.org/p"), Literal(1))],  # rdflib would make up a prefix
    [(KZD["a"], KZ.d, Literal(1)), (KZD["a"], KZ.d, Literal(2))],  # ordered by value
    [(KZD["a"], KZ.d, Literal(1.5))],
    [(KZD["a"], KZ.d, Literal("x", lang="en")), (KZD["a"], KZ.d, Literal("y", lang="kk"))],
    [(KZD["a"], KZ.d, Literal("x", lang="en")), (KZD["a"], KZ.d, Literal("y"))],
    [(KZD["a"], KZ.d, KZD["z"]), (KZD["a"], KZ.d, Literal("2020-01-01", datatype=XSD.date))],
])
def test_turtle_leaves_other_graphs_to_rdflib(triples):
    graph, copy = Graph(), Graph()
    for triple in triples:
        graph.add(triple)
        copy.add(triple)
    assert direct_turtle(graph) is None
    assert ntriples_turtle(graph) is None
    assert serialize_turtle(graph) == rdflib_turtle(copy)
