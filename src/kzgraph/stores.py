"""Reading and writing RDF files: one place for formats, atomic writes and load errors."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kzgraph.errors import StoreError
from kzgraph.namespaces import bind_namespaces
from kzgraph.outputs import write_output
from kzgraph.turtle import canonical_turtle, canonical_turtle_chunks, ntriples_turtle_chunks, rdflib_term

FORMATS = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig",
    ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml",
}


def rdf_format(path: Path) -> str:
    """The rdflib format name for a file, from its extension."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise StoreError(f"{path}: unknown RDF file extension {path.suffix!r} "
                         f"(known: {', '.join(sorted(FORMATS))})") from None


def load_graph(*paths: Path | str) -> Graph:
    """Parse RDF files into one graph (named graphs of quad formats are merged)."""
    graph = bind_namespaces(Graph())
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise StoreError(f"{path}: no such file")
        fmt = rdf_format(path)
        logging.getLogger("rdflib").setLevel(logging.ERROR)
        try:
            if fmt == "json-ld":
                _parse_jsonld(path, graph)
            elif fmt in ("nquads", "trig"):
                dataset = Dataset()
                dataset.parse(path, format=fmt)
                for s, p, o, _ in dataset.quads((None, None, None, None)):
                    graph.add((s, p, o))
            else:
                graph.parse(path, format=fmt)
        except Exception as exc:  # rdflib raises many types for bad syntax
            message = " ".join(str(exc).split())
            raise StoreError(f"{path}: cannot parse as {fmt}: {message}") from exc
    return graph


def _parse_jsonld(path: Path, graph: Graph) -> None:
    """Add the triples of a JSON-LD file to graph, parsed by Oxigraph, which refuses a remote
    ``@context`` instead of fetching it (rdflib's parser would download it)."""
    import pyoxigraph as ox

    from kzgraph.triplestore import to_rdflib

    for quad in ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD):
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))


def write_text_atomic(path: Path, text: str | Iterable[str], *, inputs: Iterable[Path] = ()) -> None:
    """Write text (or pieces of text, one after another) to path so that a failure never
    leaves half a file nor loses the old one, and never over one of inputs (see ``kzgraph.outputs``)."""
    write_output(path, text, inputs=inputs)


def serialize_turtle(graph: Graph) -> str:
    """Turtle in a stable, canonical order: the same graph always gives the same bytes
    (rdflib's ``longturtle`` with ``canon=True``, written directly when the graph allows)."""
    bind_namespaces(graph)
    text = None
    if type(graph) is Graph and graph.base is None:
        text = canonical_turtle(graph, graph.namespace_manager)
    return text if text is not None else graph.serialize(format="longturtle", canon=True)


def write_turtle(graph: Graph | Iterable[tuple], path: Path, *, inputs: Iterable[Path] = ()) -> None:
    """Write graph (or a collection of triples, whose IRIs may be plain strings) as canonical
    Turtle to path, atomically, never over one of inputs."""
    if not isinstance(graph, Graph):
        pieces = canonical_turtle_chunks(graph, bind_namespaces(Graph()).namespace_manager)
        if pieces is not None:
            return write_text_atomic(path, pieces, inputs=inputs)
        graph = _graph_of(graph)
    write_text_atomic(path, serialize_turtle(graph), inputs=inputs)


def write_ntriples_turtle(triples: list[tuple[str, str, str]], path: Path, *, inputs: Iterable[Path] = ()) -> None:
    """``write_turtle`` for triples whose terms are written as in N-Triples (``<iri>``, ``"text"@en``)."""
    pieces = ntriples_turtle_chunks(triples, bind_namespaces(Graph()).namespace_manager)
    if pieces is not None:
        return write_text_atomic(path, pieces, inputs=inputs)
    write_turtle([tuple(map(rdflib_term, triple)) for triple in triples], path, inputs=inputs)


def _graph_of(triples: Iterable[tuple]) -> Graph:
    """An rdflib Graph of triples whose IRIs may be plain strings."""
    graph = bind_namespaces(Graph())
    for triple in triples:
        graph.add(tuple(URIRef(term) if type(term) is str else term for term in triple))
    return graph


def inferred_path(path: Path | str) -> Path:
    """Where the inferred triples of the graph at path live: ``graphs/kzgraph.ttl`` ->
    ``graphs/kzgraph-inferred.ttl``."""
    path = Path(path)
    return path.with_name(f"{path.stem}-inferred{path.suffix}")
