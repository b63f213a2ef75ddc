"""The graph describes itself: a VoID and DCAT description of the dataset, with a version
taken from its content (the same triples give the same version), its sources, licence and
counts, and no wall-clock time, so rebuilds stay byte-identical."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, VOID, XSD

from kzgraph.namespaces import KZ, KZD, SEM, TIME

DATASET = KZD["dataset"]
LICENSE = URIRef("https://spdx.org/licenses/MIT")
"""The project's licence (pyproject.toml), which the graph it builds is published under."""

VOCABULARIES = (str(KZ), str(SDO), str(FOAF), str(ORG), str(PROV), str(DCTERMS), str(SEM), str(SKOS), str(OWL), str(TIME))


class Description(NamedTuple):
    """The triples describing a dataset, and what they were made from: the number of its
    triples (without the description) and of the members of each class (by the class as
    N-Triples writes it)."""

    triples: set[tuple]
    count: int
    classes: Counter[str]


def describe(lines: Iterable[str], sources: Iterable[str]) -> Description:
    """The description of the dataset whose triples are lines (N-Triples lines, without their
    final `` .``, each once, in sorted order; counted without this description), read from the
    files named sources. Its version is a digest of the lines: it changes exactly when the
    content does (sha1 of the lines joined by newlines)."""
    digest = hashlib.sha1()
    count = entities = 0
    classes: Counter[str] = Counter()
    subject, typed = "", False  # the subject of the lines read, and whether one gave it a type
    kzd, rdf_type = f"<{KZD}", RDF.type.n3()
    for line in lines:
        digest.update(f"\n{line}".encode() if count else line.encode())
        count += 1
        head = line[:line.index("> ") + 1]
        if head != subject:
            subject, typed = head, False
        if line.startswith(rdf_type, len(head) + 1):
            classes[line[len(head) + len(rdf_type) + 2:]] += 1
            if not typed and head.startswith(kzd):
                entities, typed = entities + 1, True
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
        (DATASET, OWL.versionInfo, Literal(digest.hexdigest()[:12])),
        (DATASET, VOID.triples, Literal(count, datatype=XSD.integer)),
        (DATASET, VOID.entities, Literal(entities, datatype=XSD.integer)),
        (DATASET, VOID.uriSpace, Literal(str(KZD))),
    }
    found |= {(DATASET, VOID.vocabulary, URIRef(v)) for v in VOCABULARIES}
    found |= {(DATASET, DCTERMS.source, Literal(name)) for name in sources}
    return Description(found, count, classes)
