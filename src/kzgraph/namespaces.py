"""The namespaces kzgraph uses, bound once so every output shares its prefixes."""

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD

KZ = Namespace("https://kzgraph.org/ontology#")
"""Classes and properties of the kzgraph ontology (``ontology/kzgraph.ttl``)."""

KZD = Namespace("https://kzgraph.org/id/")
"""Instances: states, organizations, persons, events, posts, articles, sentences."""

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")

PREFIXES = {
    "kz": KZ, "kzd": KZD, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS,
    "schema": SDO, "foaf": FOAF, "org": ORG, "prov": PROV, "dcterms": DCTERMS, "sem": SEM,
    "time": TIME, "void": VOID, "dcat": DCAT,
}


def bind_namespaces(graph: Graph) -> Graph:
    """Bind kzgraph's prefixes on graph (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
