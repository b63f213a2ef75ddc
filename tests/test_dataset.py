"""The dataset description: VoID and DCAT, a version from the content alone, the sources,
the licence and the counts, no wall-clock time."""

from __future__ import annotations

import hashlib

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, VOID

from kzgraph.dataset import DATASET, LICENSE, describe
from kzgraph.namespaces import KZ, KZD
from kzgraph.pipeline import build_graph
from kzgraph.triplefile import TripleFile

A = (KZD["state/KZ"], RDF.type, KZ.State)
B = (KZD["state/KZ"], KZ.isoCode, Literal("KZ"))


def described(triples, sources=()) -> Graph:
    """The description of triples, read as a build reads them: sorted, each once (a run on
    disk for each triple)."""
    file = TripleFile(run_items=1)
    file.update(triples)
    graph = Graph()
    for triple in describe(file.lines(), sources).triples:
        graph.add(triple)
    file.close()
    return graph


def version(triples) -> str:
    return str(described(triples).value(DATASET, OWL.versionInfo))


def test_dataset_version_depends_on_the_content_only():
    assert version([A, B]) == version([B, A, B])
    assert version([A, B]) != version([A])


def test_dataset_description_counts_and_names_its_sources():
    graph = described([A, B, A], ["a.txt", "b.txt"])
    assert {VOID.Dataset, DCAT.Dataset} <= set(graph.objects(DATASET, RDF.type))
    assert graph.value(DATASET, VOID.triples).toPython() == 2
    assert graph.value(DATASET, VOID.entities).toPython() == 1
    assert set(map(str, graph.objects(DATASET, DCTERMS.source))) == {"a.txt", "b.txt"}
    assert graph.value(DATASET, DCTERMS.license) == LICENSE
    assert URIRef(str(KZ)) in set(graph.objects(DATASET, VOID.vocabulary))


def test_dataset_built_graph_describes_itself_the_same_on_every_build(tmp_path):
    (tmp_path / "a.txt").write_text("President Kassym-Jomart Tokayev met President of France Emmanuel Macron "
                                    "on March 5, 2024.\n", encoding="utf-8")
    first, second = build_graph([tmp_path]).graph, build_graph([tmp_path]).graph
    assert str(first.value(DATASET, OWL.versionInfo)) == str(second.value(DATASET, OWL.versionInfo))
    assert str(first.value(DATASET, DCTERMS.source)) == "a.txt"
    assert first.value(DATASET, VOID.triples).toPython() == len(first) - len(set(first.triples((DATASET, None, None))))


@pytest.mark.parametrize("subjects", [
    [URIRef("https://x.org/a"), URIRef("https://x.org/a-b"), URIRef("https://x.org/a/b"), URIRef("https://x.org/ab")],
    [URIRef("https://x.org/a"), BNode("a"), BNode("ab")],
])
def test_dataset_version_is_the_digest_of_the_sorted_lines(subjects):
    triples = {(s, RDFS.label, Literal(f"{s} {n}")) for s in subjects for n in range(3)}
    triples |= {(s, RDFS.seeAlso, o) for s in subjects for o in subjects if isinstance(o, URIRef)}
    lines = sorted(" ".join(term.n3() for term in triple) for triple in triples)
    assert version(triples) == hashlib.sha1("\n".join(lines).encode()).hexdigest()[:12]
