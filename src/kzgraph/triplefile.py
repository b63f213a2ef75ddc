"""A set of triples held on disk, so that a graph of any size is built and written in
about the same memory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import URIRef

from kzgraph.spill import SortedRuns, split_line
from kzgraph.turtle import n3_term

IRI_MEMO = 100_000  # IRIs whose text is kept (a memo, not every IRI: it would grow with the graph)


class TripleFile:
    """Triples (of rdflib terms, their subjects and predicates IRIs) kept as N-Triples lines
    (without their final `` .``, each term as its ``n3()`` writes it: a text with a line
    break in triple quotes, the break kept) in sorted runs on disk: ``add`` them, read
    them back each once as sorted lines (``lines``: by subject first, as an IRI's ``>``
    never comes inside another) or as rdflib triples."""

    def __init__(self, *, run_items: int | None = None) -> None:
        self._runs = SortedRuns(unique=True, run_items=run_items)
        self._iris: dict[URIRef, str] = {}

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        self.add_line(f"{self.n3(s)} {self.n3(p)} {self.n3(o)}")

    def add_line(self, line: str) -> None:
        """A triple given as its line."""
        self._runs.add(line)

    def n3(self, term) -> str:
        """term as N-Triples writes it (the text of an IRI made once, for the last
        ``IRI_MEMO`` IRIs or so: an IRI is checked each time rdflib writes it)."""
        if type(term) is not URIRef:
            return term.n3()
        text = self._iris.get(term)
        if text is None:
            if len(self._iris) >= IRI_MEMO:
                self._iris.clear()
            text = self._iris[term] = term.n3()
        return text

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
