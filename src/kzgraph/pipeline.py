"""The build: read articles, extract, emit one graph. Returns the graph and its counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from kzgraph.corpus import collect_files, read_articles
from kzgraph.namespaces import KZ

COUNTED_CLASSES = ("Article", "Person", "State", "Organization", "Post", "Visit", "Meeting", "Agreement")


@dataclass
class BuildResult:
    """What a build made."""

    graph: Graph
    files: int
    articles: int
    characters: int

    def counts(self) -> dict[str, int]:
        """Number of nodes of each class, plus triples."""
        types = Counter(o for o in self.graph.objects(None, RDF.type))
        counts = {name: types[KZ[name]] for name in COUNTED_CLASSES}
        counts["triples"] = len(self.graph)
        return counts


def build_graph(inputs: Iterable[Path | str], *, progress: Callable[[Path], None] | None = None) -> BuildResult:
    """Build the knowledge graph of the texts in inputs (files or folders)."""
    from kzgraph.emit import GraphEmitter
    from kzgraph.extract import build_nlp, extract_article
    from kzgraph.extract.lexicon import load_lexicon
    from kzgraph.extract.vocab import Vocabulary
    from kzgraph.gazetteers import load_gazetteer

    files = collect_files(inputs)
    articles = []
    for path in files:
        articles.extend(read_articles(path))
        if progress:
            progress(path)
    vocabulary = Vocabulary(load_lexicon()["capitalized_non_names"])
    for article in articles:
        vocabulary.add_text(article.body)
    nlp = build_nlp(vocabulary)
    emitter = GraphEmitter(load_gazetteer())
    for article in articles:
        emitter.add(article, extract_article(nlp, article))
    return BuildResult(emitter.graph(), len(files), len(articles), sum(len(a.body) for a in articles))
