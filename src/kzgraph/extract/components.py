"""spaCy components of kzgraph's rule pipeline, registered as factories.

``kz_sentences`` sets sentence starts (lines are paragraphs; a full stop after an initial
or an abbreviation does not end a sentence); ``kz_relations`` reads the mentions and
events of an article Doc into ``doc._.kz_extraction``.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans, registry

from kzgraph.extract.lexicon import load_lexicon
from kzgraph.extract.mentions import MentionFinder
from kzgraph.extract.model import ArticleExtraction, PersonMention, SentenceRecord
from kzgraph.extract.owners import resolve_owners
from kzgraph.extract.relations import RelationFinder
from kzgraph.extract.tokens import Strings
from kzgraph.extract.vocab import Vocabulary
from kzgraph.gazetteers import load_gazetteer

_ABBREVIATION = re.compile(r"^(?:[A-Z]|Mr|Mrs|Ms|Dr|St|No|Gen|Sen|Rep|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|[A-Z]\.[A-Z])\.$")
_ENDS = (".", "!", "?", "”.", "\".")
_END_CHARS = (".", "!", "?")
_OPENING_QUOTES = "“\"'‘"

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


class SentenceComponent:
    """Marks sentence starts: after a line break (unless the text is hard-wrapped there), and
    after . ! ? that is not an abbreviation or initial when a capital, digit or quote follows."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.strings = Strings(nlp.vocab.strings)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = self.strings
        orths, lowers = doc.to_array([ORTH, LOWER]).T.tolist()
        texts = [strings[h] for h in orths]
        starts = [1] + [-1] * (len(texts) - 1)
        # only a token with a line break or a final . ! ? can end a sentence
        for i in [i for i, t in enumerate(texts[:-1]) if "\n" in t or t.endswith(_END_CHARS)]:
            prev, first = texts[i], texts[i + 1]
            if "\n" in prev:
                last = i - 1 if prev.isspace() and i > 0 else i  # look past a line break token
                if not _wrapped(texts[last], strings[lowers[last]], first):
                    starts[i + 1] = 1
            elif prev in _ENDS or prev.endswith(".") and len(prev) > 1 and not _ABBREVIATION.match(prev):
                if first[:1].isupper() or first[:1].isdigit() or first[:1] in _OPENING_QUOTES:
                    starts[i + 1] = 1
        doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64))
        return doc


@Language.factory("kz_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> SentenceComponent:
    """Factory of the kz_sentences component."""
    return SentenceComponent(nlp, name)


def _wrapped(last: str, last_lower: str, first: str) -> bool:
    """A line break inside a sentence of hard-wrapped text: the line ends (last, in lower
    case last_lower) on a comma or a word that cannot end a sentence, or the next line
    (first) goes on in lower case."""
    return last == "," or last_lower in _CONTINUING or first[:1].islower() and last != ":"


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
