"""The extraction stage: a blank English spaCy pipeline with kzgraph's rule components.

``build_nlp`` assembles it: ``kz_sentences``, ``kz_gazetteer`` (post titles in any case;
states, demonyms, capitals, cities and organizations as written) and ``kz_relations``.
``extract_article`` runs it on one article.
"""

from __future__ import annotations

from spacy.language import Language

import spacy

from kzgraph.corpus import Article
from kzgraph.extract import components  # noqa: F401  (registers the factories)
from kzgraph.extract.model import ArticleExtraction
from kzgraph.extract.tokenizer import WarmTokenizer
from kzgraph.extract.vocab import Vocabulary


def build_nlp(vocabulary: Vocabulary | None = None) -> Language:
    """The rule pipeline; vocabulary tells ordinary words from names (learnt from the texts)."""
    nlp = spacy.blank("en")
    nlp.tokenizer = WarmTokenizer(nlp.tokenizer)
    nlp.add_pipe("kz_sentences")
    nlp.add_pipe("kz_gazetteer")
    nlp.add_pipe("kz_relations")
    if vocabulary is not None:
        set_vocabulary(nlp, vocabulary)
    return nlp


def set_vocabulary(nlp: Language, vocabulary: Vocabulary) -> None:
    """Let the pipeline tell ordinary words from names by vocabulary."""
    relations = nlp.get_pipe("kz_relations")
    relations.vocabulary = vocabulary
    relations.mentions.vocab = vocabulary


def article_text(article: Article) -> str:
    """The text the pipeline reads: the title line, then the body."""
    return f"{article.title}\n{article.body}" if article.title else article.body


def extract_article(nlp: Language, article: Article) -> ArticleExtraction:
    """Mentions and events of one article."""
    doc = nlp.make_doc(article_text(article))
    doc._.kz_reference = (article.date, article.date_inferred)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc._.kz_extraction
