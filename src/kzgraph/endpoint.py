"""A SPARQL 1.1 endpoint as the graph kzgraph works on: queries go to it by the SPARQL 1.1
Protocol (an HTTP POST), results come back in the SPARQL JSON results format or N-Triples
and are read by Oxigraph's parsers. Only a URL the user names is ever contacted."""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kzgraph.errors import QueryLimitError, StoreError
from kzgraph.namespaces import bind_namespaces

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_TRIPLES = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
            "text/plain": ox.RdfFormat.N_TRIPLES}


def is_endpoint(location: str | None) -> bool:
    """True when location is an http(s) URL rather than a folder."""
    return location is not None and urllib.parse.urlsplit(str(location)).scheme in ("http", "https")


@dataclass
class SparqlEndpoint:
    """A remote SPARQL endpoint.

    url (str): where queries are POSTed.
    timeout (float | None): seconds to wait for an answer.
    graphs (list[str]): IRIs of the named graphs that make the default graph (sent as
        default-graph-uri; empty: the endpoint's own default graph).
    """

    url: str
    timeout: float | None = None
    graphs: list[str] = field(default_factory=list)

    def query(self, text: str, *, prefixes: dict[str, str] | None = None):
        """Send SPARQL text; Oxigraph's result objects (solutions, a boolean, or a list of triples)."""
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items())
        fields = [("query", prologue + text)] + [("default-graph-uri", g) for g in self.graphs]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                kind = response.headers.get_content_type()
                data = response.read()
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(500).decode("utf-8", "replace").split())
            raise StoreError(f"{self.url}: the endpoint answered {exc.code} {exc.reason}"
                             f"{': ' + detail if detail else ''}") from exc
        except (socket.timeout, TimeoutError) as exc:
            raise QueryLimitError(f"{self.url}: no answer within {self.timeout:g} s (--timeout)") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{self.url}: cannot reach the endpoint: {reason}") from exc
        if kind == "application/sparql-results+json":
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if kind in _TRIPLES:
            return [q.triple for q in ox.parse(data, format=_TRIPLES[kind])]
        raise StoreError(f"{self.url}: the endpoint answered in {kind}, not in a SPARQL results format")

    def label_of(self, iri: URIRef) -> str | None:
        """The rdfs:label of iri, or None."""
        node = ox.NamedNode(str(iri))  # validates the IRI before it is written as a term
        rows = list(self.query(f"SELECT ?label WHERE {{ {node} <http://www.w3.org/2000/01/rdf-schema#label> "
                               f"?label }} LIMIT 1"))
        return rows[0]["label"].value if rows else None

    def labels(self) -> set[str]:
        """Every rdfs:label and skos:altLabel."""
        text = ("SELECT DISTINCT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label>"
                "|<http://www.w3.org/2004/02/skos/core#altLabel> ?label }")
        return {row["label"].value for row in self.query(text)}

    def rdflib_graph(self, graphs: list | None = None) -> Graph:
        """Every triple of the endpoint's default graph, in an rdflib Graph."""
        from kzgraph.triplestore import to_rdflib

        out = bind_namespaces(Graph())
        for triple in self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"):
            out.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return out
