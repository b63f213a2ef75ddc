"""``kzgraph push``: the graph into another triple store through the SPARQL 1.1 Graph Store
HTTP Protocol.

The triples go as N-Triples in batches: the first replaces the named graph as a whole (PUT),
the others add to it (POST), so pushing again gives the same graph, never a doubled one. A
push that fails part-way leaves the graph partly loaded; pushing again replaces it.
"""

from __future__ import annotations

import itertools
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from kzgraph.errors import StoreError

BATCH = 50_000
"""Triples sent in one request."""


def push_graph(triples, endpoint: str, graph: str, *, batch: int = BATCH, timeout: float = 300) -> int:
    """Send triples (Oxigraph triples or quads) to the named graph graph of the Graph Store
    Protocol endpoint, replacing what it held; return how many were sent.

    Raises:
        StoreError: the store cannot be reached or refuses a request.
    """
    ox.NamedNode(graph)  # a graph name that is not an IRI fails here, before anything is sent
    target = f"{endpoint}{'&' if '?' in endpoint else '?'}{urllib.parse.urlencode({'graph': graph})}"
    sent, method = 0, "PUT"
    iterator = iter(triples)
    while True:
        chunk = [t.triple if isinstance(t, ox.Quad) else t for t in itertools.islice(iterator, batch)]
        if not chunk and method == "POST":
            return sent
        body = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) if chunk else b""
        _send(target, method, body, timeout)
        sent += len(chunk)
        method = "POST"
        if len(chunk) < batch:
            return sent


def _send(url: str, method: str, body: bytes, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        raise StoreError(f"{url}: the store refused the graph ({exc.code} {exc.reason})"
                         f"{': ' + detail if detail else ''}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise StoreError(f"{url}: cannot reach the store: {getattr(exc, 'reason', exc)}") from exc
