"""The build: read articles, extract, emit one graph. Returns its triples and counts."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import RDF

from kzgraph.corpus import Article, collect_files, read_articles
from kzgraph.namespaces import KZ, bind_namespaces
from kzgraph.stores import serialize_turtle
from kzgraph.turtle import canonical_turtle

if TYPE_CHECKING:
    from spacy.language import Language

    from kzgraph.extract.model import ArticleExtraction

CHUNK_ARTICLES = 4  # articles a worker takes at a time

COUNTED_CLASSES = ("Article", "Person", "State", "Organization", "Post", "Visit", "Meeting", "Agreement")


@dataclass
class BuildResult:
    """What a build made: the triples of the graph (``graph`` loads them in rdflib)."""

    triples: set[tuple]
    files: int
    articles: int
    characters: int

    @cached_property
    def graph(self) -> Graph:
        """The triples as an rdflib graph with kzgraph's prefixes."""
        graph = bind_namespaces(Graph())
        graph.addN((s, p, o, graph) for s, p, o in self.triples)
        return graph

    def turtle(self) -> str:
        """The graph as canonical Turtle (see ``stores.serialize_turtle``)."""
        with collector_paused():
            text = canonical_turtle(self.triples, bind_namespaces(Graph()).namespace_manager)
        return text if text is not None else serialize_turtle(self.graph)

    def counts(self) -> dict[str, int]:
        """Number of nodes of each class, plus triples."""
        rdf_type = RDF.type
        types = Counter(o for _, p, o in self.triples if p == rdf_type)
        counts = {name: types[KZ[name]] for name in COUNTED_CLASSES}
        counts["triples"] = len(self.triples)
        return counts


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, and restore it on leaving.

    A build makes hardly any reference cycles (the few it makes are collected once the
    collector runs again), but it keeps many objects alive, which the collector would
    otherwise scan over and over.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_corpus(inputs: Iterable[Path | str], *,
                progress: Callable[[Path], None] | None = None) -> tuple[list[Path], list[Article]]:
    """The text files in inputs (files or folders) and the articles they hold."""
    files = collect_files(inputs)
    articles = []
    for path in files:
        articles.extend(read_articles(path))
        if progress:
            progress(path)
    return files, articles


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


_worker_nlp: Language | None = None  # the pipeline a forked worker inherits from its parent


def _extract_chunk(articles: list[Article]) -> list[ArticleExtraction]:
    from kzgraph.extract import extract_articles as extract

    return list(extract(_worker_nlp, articles))


def extract_articles(nlp: Language, articles: list[Article], *,
                     progress: Callable[[Article], None] | None = None, jobs: int = 1) -> list[ArticleExtraction]:
    """What nlp (see ``extract.build_nlp``) finds in each article, in order; progress is
    called after each article. With jobs > 1 the articles are shared among that many
    processes forked once the pipeline has loaded; only their extractions come back."""
    from kzgraph.extract import extract_articles as extract

    chunks = [articles[i:i + CHUNK_ARTICLES] for i in range(0, len(articles), CHUNK_ARTICLES)]
    extractions = []
    if jobs > 1 and len(chunks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _worker_nlp
        _worker_nlp = nlp
        try:
            with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
                for chunk, found in zip(chunks, pool.imap(_extract_chunk, chunks)):
                    extractions.extend(found)
                    for article in chunk if progress else ():
                        progress(article)
        finally:
            _worker_nlp = None
        return extractions
    for article, extraction in zip(articles, extract(nlp, articles)):
        extractions.append(extraction)
        if progress:
            progress(article)
    return extractions


def emit_triples(articles: list[Article], extractions: list[ArticleExtraction]) -> set[tuple]:
    """The triples of the graph of the articles' extractions."""
    from kzgraph.emit import GraphEmitter
    from kzgraph.gazetteers import load_gazetteer

    emitter = GraphEmitter(load_gazetteer())
    for article, extraction in zip(articles, extractions):
        emitter.add(article, extraction)
    return emitter.triples()


def build_graph(inputs: Iterable[Path | str], *, progress: Callable[[Article], None] | None = None,
                nlp: Language | None = None, model: str | None = None, jobs: int = 1) -> BuildResult:
    """Build the knowledge graph of the texts in inputs (files or folders); nlp is the
    extraction pipeline, built on the trained pipeline model (default: the pinned one)
    when not given; progress is called after each article is extracted (the slow
    stage); jobs is the number of processes that extract."""
    from kzgraph.extract import DEFAULT_MODEL, build_nlp

    with collector_paused():
        files, articles = read_corpus(inputs)
        extractions = extract_articles(nlp or build_nlp(model or DEFAULT_MODEL), articles,
                                       progress=progress, jobs=jobs)
        triples = emit_triples(articles, extractions)
    return BuildResult(triples, len(files), len(articles), sum(len(a.body) for a in articles))
