"""Export the asserted and inferred graphs in the formats other triple stores load.

Every format comes out in a stable order, so two builds of the same graph give the same
bytes and a diff between builds shows only what changed: Turtle is rdflib's canonical
long Turtle, N-Triples and N-Quads are sorted lines, JSON-LD is sorted by node and key,
RDF/XML and TriG are written from a graph filled in sorted order.

Quad formats (TriG, N-Quads) keep asserted and inferred triples in two named graphs,
``GRAPH_ASSERTED`` and ``GRAPH_INFERRED``; triple formats merge what was asked for.
"""

from __future__ import annotations

import json
import warnings

from rdflib import Dataset, Graph, URIRef

from kzgraph.errors import StoreError
from kzgraph.namespaces import bind_namespaces
from kzgraph.stores import serialize_turtle

GRAPH_ASSERTED = URIRef("https://kzgraph.org/graph/asserted")
GRAPH_INFERRED = URIRef("https://kzgraph.org/graph/inferred")

FORMATS = {"turtle": ".ttl", "ntriples": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld",
           "xml": ".rdf"}
"""Export format name -> the usual file extension."""

QUAD_FORMATS = frozenset({"nquads", "trig"})


def export_graphs(fmt: str, asserted: Graph | None = None, inferred: Graph | None = None) -> str:
    """Serialize asserted and/or inferred triples as fmt, in a stable order.

    Args:
        fmt: one of FORMATS.
        asserted: the asserted triples, or None to leave them out.
        inferred: the inferred triples, or None to leave them out.

    Raises:
        StoreError: an unknown format, or nothing to export.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    parts = [(name, g) for name, g in ((GRAPH_ASSERTED, asserted), (GRAPH_INFERRED, inferred)) if g is not None]
    if not parts:
        raise StoreError("nothing to export: neither asserted nor inferred triples were given")
    if fmt in QUAD_FORMATS:
        dataset = Dataset()
        bind_namespaces(dataset)
        for name, graph in parts:
            named = dataset.graph(name)
            for triple in sorted(graph):
                named.add(triple)
        with warnings.catch_warnings():  # rdflib's TriG writer uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            if fmt == "nquads":
                return _sorted_lines(dataset.serialize(format="nquads"))
            return dataset.serialize(format="trig")
    merged = bind_namespaces(Graph())
    for triple in sorted({t for _, graph in parts for t in graph}):
        merged.add(triple)
    if fmt == "turtle":
        return serialize_turtle(merged)
    if fmt == "ntriples":
        return _sorted_lines(merged.serialize(format="nt"))
    if fmt == "jsonld":
        nodes = json.loads(merged.serialize(format="json-ld"))
        for node in nodes:
            for key, values in node.items():
                if isinstance(values, list):
                    values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        nodes.sort(key=lambda node: node.get("@id", ""))
        return json.dumps(nodes, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return merged.serialize(format="xml")


def _sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"
