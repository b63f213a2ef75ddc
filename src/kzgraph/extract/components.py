"""spaCy components of kzgraph's rule pipeline, registered as factories.

``kz_sentences`` sets sentence starts (lines are paragraphs; a full stop after an initial
or an abbreviation does not end a sentence); ``kz_relations`` reads the mentions and
events of an article Doc into ``doc._.kz_extraction``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans, registry

from kzgraph.extract.lexicon import load_lexicon
from kzgraph.extract.mentions import MentionFinder
from kzgraph.extract.model import ArticleExtraction, PersonMention, SentenceRecord
from kzgraph.extract.owners import resolve_owners
from kzgraph.extract.relations import RelationFinder
from kzgraph.extract.vocab import Vocabulary
from kzgraph.gazetteers import load_gazetteer

_ABBREVIATION = re.compile(r"^(?:[A-Z]|Mr|Mrs|Ms|Dr|St|No|Gen|Sen|Rep|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|[A-Z]\.[A-Z])\.$")

_CONTINUING = frozenset({"a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "at", "by", "with",
                         "from", "between", "as", "its", "his", "her", "their", "our", "whose", "that"})

for _name in ("kz_reference", "kz_extraction"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@registry.misc("kz_longest_ents.v1")
def make_longest_ents_filter():
    """Entities filter for the name ruler: of overlapping matches, old or new, the longest
    wins ("Mazhilis Chairman" is a title, not the Mazhilis; "Kazakhstan" inside a title stays)."""
    def longest(entities, spans):
        return filter_spans(list(entities) + list(spans))
    return longest


@Language.component("kz_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Mark sentence starts: after a line break (unless the text is hard-wrapped there), and
    after . ! ? that is not an abbreviation or initial when a capital, digit or quote follows."""
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
            continue
        prev = doc[i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            last = doc[i - 2] if prev.is_space and i > 1 else prev
            token.is_sent_start = not _wrapped(last, token)
        elif prev.text in (".", "!", "?", "”.", "\".") or prev.text.endswith(".") and len(prev.text) > 1 and not _ABBREVIATION.match(prev.text):
            first = token.text[:1]
            token.is_sent_start = first.isupper() or first.isdigit() or first in "“\"'‘"
        else:
            token.is_sent_start = False
    return doc


def _wrapped(last, first) -> bool:
    """A line break inside a sentence of hard-wrapped text: the line ends on a comma or
    a word that cannot end a sentence, or the next line goes on in lower case."""
    return last.text == "," or last.lower_ in _CONTINUING or first.text[:1].islower() and last.text != ":"


class RelationComponent:
    """Finds mentions and events in an article Doc (doc._.kz_reference holds its date)."""

    def __init__(self, nlp: Language, name: str, *, vocabulary: Vocabulary | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon()
        self.gazetteer = load_gazetteer()
        self.vocabulary = vocabulary or Vocabulary(self.lexicon["capitalized_non_names"])
        self.mentions = MentionFinder(self.gazetteer, self.lexicon, self.vocabulary)
        self.relations = RelationFinder(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        sentences, posts, titled = [], [], {}
        taken = {t.i for t in doc if t.ent_type_ == "ORG"}
        for sent in doc.sents:
            sentences.append((sent, self.mentions.find(sent, self.mentions.organization_spans(sent, taken))))
        surnames = {m.ref.key.split()[-1]: m.ref.key for _, found in sentences for m in found.actors
                    if isinstance(m, PersonMention) and " " in m.ref.key}
        for sent, found in sentences:
            self.mentions.known_surnames(sent, found, surnames)
        resolve_owners(sentences)
        for index, (sent, found) in enumerate(sentences):
            for m in found.actors:
                if isinstance(m, PersonMention) and m.post is not None:
                    titled.setdefault((m.post.head, m.post.owner), m.ref.key)
                    titled.setdefault((m.post.head, None), m.ref.key)
                    posts.append((m.ref.key, m.post, index))
        events = self.relations.find(sentences, doc._.kz_reference or (None, False), titled)
        records = []
        for sent, found in sentences:
            mentions = found.actors + found.nested
            for m in mentions:  # document offsets become sentence offsets
                m.start -= sent.start_char
                m.end -= sent.start_char
            records.append(SentenceRecord(sent.text, mentions))
        doc._.kz_extraction = ArticleExtraction(records, events, posts)
        return doc


@Language.factory("kz_relations", assigns=["doc._.kz_extraction"], requires=["doc.ents", "token.is_sent_start"])
def make_relations(nlp: Language, name: str) -> RelationComponent:
    """Factory of the kz_relations component."""
    return RelationComponent(nlp, name)
