"""The graph describes itself: a VoID and DCAT description of the dataset, with a version
taken from its content (the same triples give the same version), its sources, licence and
counts, and no wall-clock time, so rebuilds stay byte-identical."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, VOID, XSD

from kzgraph.namespaces import KZ, KZD, SEM, TIME

DATASET = KZD["dataset"]
LICENSE = URIRef("https://spdx.org/licenses/MIT")
"""The project's licence (pyproject.toml), which the graph it builds is published under."""

VOCABULARIES = (str(KZ), str(SDO), str(FOAF), str(ORG), str(PROV), str(DCTERMS), str(SEM), str(SKOS), str(OWL), str(TIME))


def version(triples: Iterable[tuple]) -> str:
    """A digest of the triples, whatever their order: changes exactly when the content does
    (sha1 of their sorted N-Triples lines joined by newlines)."""
    digest = hashlib.sha1()
    for n, line in enumerate(_sorted_lines(triples)):
        digest.update(f"\n{line}".encode() if n else line.encode())
    return digest.hexdigest()[:12]


def _sorted_lines(triples: Iterable[tuple]) -> Iterator[str]:
    """The triples as lines in sorted order, made one subject at a time when every subject is
    an IRI: ``<...>`` is then never the start of another subject, so lines sort by subject first."""
    by_subject: dict[URIRef, list[tuple]] = defaultdict(list)
    for triple in triples:
        by_subject[triple[0]].append(triple)
    if not all(type(s) is URIRef for s in by_subject):
        yield from sorted(_line(t) for group in by_subject.values() for t in group)
        return
    for subject in sorted(by_subject, key=URIRef.n3):
        yield from sorted(_line(t) for t in by_subject.pop(subject))


def _line(triple: tuple) -> str:
    return " ".join(term.n3() for term in triple)


def describe(triples: set[tuple], sources: Iterable[str]) -> set[tuple]:
    """The description of the dataset made of triples (counted without this description),
    read from the files named sources."""
    subjects = {s for s, p, o in triples if p == RDF.type and isinstance(s, URIRef) and s.startswith(str(KZD))}
    found = {
        (DATASET, RDF.type, VOID.Dataset),
        (DATASET, RDF.type, DCAT.Dataset),
        (DATASET, DCTERMS.title, Literal("kzgraph: Kazakhstan's foreign relations read from news texts", lang="en")),
        (DATASET, DCTERMS.description, Literal(
            "States, organizations and persons in Kazakhstan's foreign relations, the visits, meetings and "
            "agreements that connect them and the posts people hold, each fact tied to the article and "
            "sentence it was read from.", lang="en")),
        (DATASET, DCTERMS.license, LICENSE),
        (DATASET, DCTERMS.conformsTo, URIRef("https://kzgraph.org/ontology")),
        (DATASET, OWL.versionInfo, Literal(version(triples))),
        (DATASET, VOID.triples, Literal(len(triples), datatype=XSD.integer)),
        (DATASET, VOID.entities, Literal(len(subjects), datatype=XSD.integer)),
        (DATASET, VOID.uriSpace, Literal(str(KZD))),
    }
    found |= {(DATASET, VOID.vocabulary, URIRef(v)) for v in VOCABULARIES}
    found |= {(DATASET, DCTERMS.source, Literal(name)) for name in sources}
    return found
