"""The graph in Oxigraph: a store on disk beside its Turtle file, reloaded only when the file changes.

``graphs/kzgraph.ttl`` has its store in the folder ``graphs/kzgraph.oxigraph/``. The asserted
triples live in the named graph ``GRAPH_ASSERTED``, those of ``kzgraph-inferred.ttl`` (written
by ``kzgraph reason``) in ``GRAPH_INFERRED``; queries see the union of the graphs asked for as
their default graph. ``manifest.json`` in the store folder records the SHA-256 of each file
loaded, so an unchanged file is never parsed again, and a file that changed (or was replaced
by another graph) is loaded anew. A store folder that cannot be written, or is held by another
process while out of date, gives way to a store in memory for that run.

Files are parsed by Oxigraph, which never fetches anything: a JSON-LD file whose ``@context``
is a URL is refused, not downloaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import json
import logging
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # not on Windows: pipes keep their size
    fcntl = None

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS, XSD

from kzgraph.errors import StoreError
from kzgraph.namespaces import bind_namespaces
from kzgraph.stores import inferred_path, rdf_format

GRAPH_ASSERTED = ox.NamedNode("https://kzgraph.org/graph/asserted")
GRAPH_INFERRED = ox.NamedNode("https://kzgraph.org/graph/inferred")
STORE_SUFFIX = ".oxigraph"
MANIFEST = "manifest.json"
_TERM = re.compile(rb"<[^>\s]*>|[\w-]*:[^\s;,#()\[\]\"]*")  # an IRI or a prefixed name
MAX_CHANGED = 0.2  # a store is updated by difference when at most this part of its triples changed
LOAD_BATCH = 25_000  # triples a store on disk takes at once (what loading holds in memory)
PIECES_AHEAD = 8  # pieces of N-Triples read ahead of their reader
PIPE_BYTES = 1 << 20  # the pipe they come through holds this much (Linux; elsewhere as it is)

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
_log = logging.getLogger(__name__)


@dataclass
class GraphStore:
    """An Oxigraph store and the named graphs that make up the graph kzgraph works on.

    store (ox.Store): the store (on disk or in memory).
    graphs (list[ox.NamedNode]): the named graphs queries see, united, as their default graph.
    location (Path | None): the store folder, or None for a store in memory.
    loaded (list[Path]): the files parsed while opening (empty when the store was up to date).
    """

    store: ox.Store
    graphs: list[ox.NamedNode]
    location: Path | None = None
    loaded: list[Path] = field(default_factory=list)

    def query(self, text: str, *, prefixes: dict[str, str] | None = None):
        """Run SPARQL text on the default graph (the union of self.graphs); Oxigraph's result."""
        return self.store.query(text, prefixes=prefixes, default_graph=list(self.graphs))

    def label_of(self, iri: URIRef) -> str | None:
        """The rdfs:label of iri, or None."""
        for quad in self._quads(ox.NamedNode(str(iri)), ox.NamedNode(str(RDFS.label))):
            return quad.object.value
        return None

    def labels(self) -> set[str]:
        """Every rdfs:label and skos:altLabel."""
        return {quad.object.value for p in (RDFS.label, SKOS.altLabel)
                for quad in self._quads(None, ox.NamedNode(str(p))) if isinstance(quad.object, ox.Literal)}

    def rdflib_graph(self, graphs: list | None = None) -> Graph:
        """The triples of graphs (default: self.graphs) copied into an rdflib Graph, for the
        libraries that need one (pySHACL, owlrl, networkx projections, writers)."""
        out = bind_namespaces(Graph())
        for graph in self.graphs if graphs is None else graphs:
            for quad in self.store.quads_for_pattern(None, None, None, graph):
                out.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
        return out

    def size(self) -> int:
        """How many triples the graphs hold together."""
        row, = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(row["n"].value)

    def _quads(self, subject, predicate):
        for graph in self.graphs:
            yield from self.store.quads_for_pattern(subject, predicate, None, graph)


def store_folder(graph_file: Path | str) -> Path:
    """Where the store of a graph file lives: ``graphs/kzgraph.ttl`` -> ``graphs/kzgraph.oxigraph``."""
    path = Path(graph_file)
    return path.with_name(path.stem + STORE_SUFFIX)


def open_graph(graph_file: Path | str, *, inferred: bool = False, location: Path | None = None,
               previous: BinaryIO | None = None) -> GraphStore:
    """The store holding graph_file (and its inferred triples when inferred is true).

    location names the store folder (default: beside graph_file). The store is created when
    missing and each file is loaded again only when its content differs from what the store
    holds. previous is the earlier content of graph_file, open for reading: when the store
    holds that, only the triples that differ are removed and added. When the folder cannot
    be used, the files are loaded into a store in memory.

    Raises:
        StoreError: a file is missing or is not valid RDF.
    """
    files = {GRAPH_ASSERTED: Path(graph_file)}
    if inferred:
        files[GRAPH_INFERRED] = _existing_inferred(Path(graph_file))
    hashes = {graph: _sha256(path) for graph, path in files.items()}
    folder = Path(location) if location is not None else store_folder(graph_file)
    try:
        store = ox.Store(str(folder))
    except OSError as exc:
        recorded = _manifest(folder).get("graphs", {})
        if all(recorded.get(g.value) == hashes[g] for g in files):  # current: read it as it is
            try:
                return GraphStore(ox.Store.read_only(str(folder)), list(files), folder)
            except OSError:
                pass
        _log.info("store %s cannot be opened (%s); loading %s in memory", folder, exc, graph_file)
        return load_files(*files.values(), inferred_file=files.get(GRAPH_INFERRED))
    manifest = _manifest(folder)
    recorded = manifest.get("graphs", {})
    stale = [graph for graph in files if recorded.get(graph.value) != hashes[graph]]
    if stale:
        _write_manifest(folder, {"graphs": {k: v for k, v in recorded.items()
                                            if k not in {g.value for g in stale}}})
        for graph in stale:
            held = recorded.get(graph.value)
            if not (graph == GRAPH_ASSERTED and previous is not None and held is not None
                    and _sha256(previous) == held and _updated(store, graph, previous, files[graph])):
                _log.info("loading %s into the store %s", files[graph], folder)
                store.clear_graph(graph)
                load_file(store, files[graph], graph, bulk=True)
            recorded[graph.value] = hashes[graph]
        store.flush()
        _write_manifest(folder, {"graphs": recorded})
    return GraphStore(store, list(files), folder, loaded=[files[g] for g in stale])


def open_store(location: Path | str, *, inferred: bool = False) -> GraphStore:
    """An existing store folder as it is. A kzgraph store gives its asserted graph (and the
    inferred one when asked); any other Oxigraph store gives the union of all its graphs.

    Raises:
        StoreError: no such folder, or not an Oxigraph store.
    """
    folder = Path(location)
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such store folder")
    try:
        store = ox.Store(str(folder))
    except OSError:
        try:
            store = ox.Store.read_only(str(folder))
        except OSError as exc:
            raise StoreError(f"{folder}: cannot open as an Oxigraph store: {exc}") from exc
    recorded = _manifest(folder).get("graphs")
    if recorded is None:
        return GraphStore(store, [ox.DefaultGraph(), *store.named_graphs()], folder)
    graphs = [GRAPH_ASSERTED]
    if inferred:
        if GRAPH_INFERRED.value not in recorded:
            raise StoreError(f"{folder}: the store holds no inferred triples (run `kzgraph reason` "
                             f"and query its graph with --inferred)")
        graphs.append(GRAPH_INFERRED)
    return GraphStore(store, graphs, folder)


def load_files(*paths: Path | str, inferred_file: Path | None = None) -> GraphStore:
    """A store in memory holding the triples of paths (named graphs of quad files merged) in
    GRAPH_ASSERTED, and those of inferred_file in GRAPH_INFERRED."""
    store = ox.Store()
    graphs = [GRAPH_ASSERTED]
    for path in paths:
        if inferred_file is not None and Path(path) == inferred_file:
            continue
        _log.info("loading %s in memory", path)
        load_file(store, Path(path), GRAPH_ASSERTED)
    if inferred_file is not None:
        _log.info("loading %s in memory", inferred_file)
        load_file(store, inferred_file, GRAPH_INFERRED)
        graphs.append(GRAPH_INFERRED)
    return GraphStore(store, graphs, None, loaded=[Path(p) for p in paths])


# ---------------------------------------------------------------- terms

def to_rdflib(term):
    """An Oxigraph term as the rdflib term (xsd:string literals without a datatype, as rdflib
    parses them); None stays None."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise StoreError(f"unsupported term in a result: {term}")


def to_oxigraph(term):
    """An rdflib IRI, blank node or literal as the Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


# ---------------------------------------------------------------- files

def _existing_inferred(graph_file: Path) -> Path:
    path = inferred_path(graph_file)
    if not path.is_file():
        raise StoreError(f"{path}: no such file (run `kzgraph reason {graph_file}` first)")
    return path


def _sha256(path: Path | BinaryIO) -> str:
    if isinstance(path, Path) and not path.is_file():
        raise StoreError(f"{path}: no such file")
    digest = hashlib.sha256()
    try:
        with path.open("rb") if isinstance(path, Path) else contextlib.nullcontext(path) as handle:
            handle.seek(0)
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from exc
    return digest.hexdigest()


def _updated(store: ox.Store, graph: ox.NamedNode, previous: BinaryIO, path: Path) -> bool:
    """Turn graph of store, which holds the triples of the Turtle text previous, into the
    triples of the Turtle file path by removing and adding those that differ (a few when a
    build added a file: far faster than loading it all again). Only the statements of
    subjects whose text changed are parsed (each subject's statements are one block of
    the text, as kzgraph writes it). False, with nothing changed, when the difference is
    not small or the texts are not plain Turtle in such blocks without blank nodes; the
    caller then loads path whole."""
    if rdf_format(path) != "turtle":
        return False
    try:
        previous.seek(0)
        head, old = _blocks(previous.read())
        new_head, new = _blocks(path.read_bytes())
        if head != new_head:
            return False
        kept = set(old.values()) & set(new.values())
        gone = _block_triples(head, [text for text in old.values() if text not in kept])
        came = _block_triples(head, [text for text in new.values() if text not in kept])
    except (SyntaxError, ValueError, OSError):
        return False
    removed, added = gone - came, came - gone
    held = _size(store, graph)
    if len(removed) + len(added) > held * MAX_CHANGED:
        return False
    _log.info("updating the store: %d triples removed, %d added", len(removed), len(added))
    for triple in removed:
        store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in added)
    if _size(store, graph) == held - len(removed) + len(added):
        return True
    store.clear_graph(graph)  # the store was not the previous text's after all
    return False


def _blocks(text: bytes) -> tuple[bytes, dict[bytes, bytes]]:
    """The prefix lines of a canonical Turtle text (as kzgraph writes it) and the text of
    each subject's statements by the subject: a block between blank lines that starts with
    the subject (an IRI or prefixed name) alone on its line and ends with a line ".";
    ValueError for a text of another shape."""
    head, _, body = text.partition(b"\n\n")
    if not all(line.startswith(b"PREFIX ") for line in head.splitlines()):
        raise ValueError("not canonical Turtle: no prefix lines first")
    blocks: dict[bytes, bytes] = {}
    for block in body.split(b"\n\n"):
        if not block.strip():
            continue
        subject, _, rest = block.partition(b"\n")
        rest = rest.rstrip(b"\n")
        if not (_TERM.fullmatch(subject) and rest.endswith(b"\n.") and b"\n.\n" not in rest):
            raise ValueError("not canonical Turtle: a block that is not one subject's statements")
        if blocks.setdefault(subject, block) is not block:
            raise ValueError("not canonical Turtle: a subject's statements in two blocks")
    return head, blocks


def _block_triples(head: bytes, blocks: list[bytes]) -> set[ox.Triple]:
    """The triples of blocks of a Turtle text whose prefix lines are head."""
    text = head + b"\n\n" + b"\n\n".join(blocks) + b"\n"
    return {quad.triple for quad in _triples(io.BytesIO(text))}


def _triples(source: Path | BinaryIO) -> Iterator[ox.Quad]:
    """The triples of a Turtle file (or open file), in the default graph; ValueError when
    one has a blank node."""
    if isinstance(source, Path):
        parsed = ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)
    else:
        source.seek(0)
        parsed = ox.parse(source, format=ox.RdfFormat.TURTLE)
    for triple in parsed:
        if type(triple.subject) is ox.BlankNode or type(triple.object) is ox.BlankNode:
            raise ValueError("a blank node has no identity across files")
        yield triple


def _size(store: ox.Store, graph: ox.NamedNode) -> int:
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=graph)
    return int(next(iter(result))["n"].value)


def load_file(store: ox.Store, path: Path, graph: ox.NamedNode, *, bulk: bool = False) -> None:
    """Parse path into graph of store; quad formats have their named graphs merged into graph.
    bulk loads a large file into a store on disk in batches, outside any transaction.

    Raises:
        StoreError: path is not valid RDF in the format its extension names.
    """
    fmt = _OX_FORMATS[rdf_format(path)]
    try:
        if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD) or bulk:
            quads = (ox.Quad(q.subject, q.predicate, q.object, graph) for q in ox.parse(path=str(path), format=fmt))
            if not bulk:
                store.extend(quads)
            while batch := list(itertools.islice(quads, LOAD_BATCH)):  # Oxigraph's bulk loader holds
                store.bulk_extend(batch)  # a million triples at once: memory grows with the graph
        else:
            store.load(path=str(path), format=fmt, to_graph=graph)
    except (SyntaxError, ValueError, OSError) as exc:
        store.clear_graph(graph)
        raise _load_error(path, exc) from exc


def read_ntriples(path: Path, piece: int = 1 << 22) -> Iterator[bytes]:
    """The triples of path as N-Triples (named graphs of quad formats merged), in pieces of
    whole lines of about piece bytes: parsed straight from the file, which is several times
    faster than reading them back from a store on disk; a file of triples by a process of its
    own (``kzgraph.to_ntriples``), whose output a thread takes in as it comes (a few pieces
    ahead), so that the parser never waits for the caller to work on a piece.

    Raises:
        StoreError: path is missing or is not valid RDF in the format its extension names
            (a syntax error once the pieces before it are read).
    """
    fmt = _OX_FORMATS[rdf_format(path)]
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD):
        yield load_files(path).store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=GRAPH_ASSERTED)
        return
    command = [sys.executable, "-m", "kzgraph.to_ntriples", str(path), fmt.media_type]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        pieces: queue.Queue[bytes] = queue.Queue(maxsize=PIECES_AHEAD)
        with contextlib.suppress(AttributeError, OSError):  # a larger pipe: fewer turns of the reader
            fcntl.fcntl(child.stdout.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)

        def take_in() -> None:
            while chunk := child.stdout.read(piece):
                pieces.put(chunk)
            pieces.put(b"")

        reader = threading.Thread(target=take_in, daemon=True)
        reader.start()
        try:
            rest = b""
            while chunk := pieces.get():
                chunk = rest + chunk
                end = chunk.rfind(b"\n") + 1
                rest = chunk[end:]
                yield chunk[:end]
            error = child.stderr.read().decode("utf-8", "replace")
        except BaseException:  # the caller stopped early: the reader ends once the queue has room
            child.kill()
            while reader.is_alive():
                with contextlib.suppress(queue.Empty):
                    pieces.get(timeout=0.1)
            raise
    if child.returncode:
        raise _load_error(path, error)


def _load_error(path: Path, exc: Exception | str) -> StoreError:
    message = " ".join(str(exc).split())
    return StoreError(f"{path}: cannot load as {rdf_format(path)}: {message}")


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_manifest(folder: Path, manifest: dict) -> None:
    tmp = folder / f".{MANIFEST}.tmp"
    try:
        tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, folder / MANIFEST)
    except OSError as exc:
        raise StoreError(f"{folder / MANIFEST}: cannot write: {exc.strerror}") from exc
