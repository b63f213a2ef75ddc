"""A set of triples held on disk, so that a graph of any size is built and written in
about the same memory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import URIRef

from kzgraph.spill import SortedRuns, ntriples_line, split_line
from kzgraph.turtle import n3_term


class TripleFile:
    """Triples (of rdflib terms, their subjects and predicates IRIs) kept as N-Triples lines
    in sorted runs on disk: ``add`` them, read them back each once as sorted lines
    (``lines``: by subject first, as an IRI's ``>`` never comes inside another) or as
    rdflib triples."""

    def __init__(self, *, run_items: int | None = None) -> None:
        self._runs = SortedRuns(unique=True, run_items=run_items)

    def add(self, triple: tuple) -> None:
        self._runs.add(ntriples_line(triple))

    def update(self, triples: Iterable[tuple]) -> None:
        for triple in triples:
            self.add(triple)

    def lines(self) -> Iterator[str]:
        """Each triple's line, once, in sorted order."""
        return iter(self._runs)

    def __iter__(self) -> Iterator[tuple]:
        for line in self.lines():
            s, p, o = split_line(line)
            yield URIRef(s[1:-1]), URIRef(p[1:-1]), n3_term(o)

    def close(self) -> None:
        """Remove the files (the triples are gone)."""
        self._runs.close()
