"""spaCy components of kzgraph's rule pipeline, registered as factories.

``kz_sentences`` sets sentence starts (lines are paragraphs; a full stop after an initial
or an abbreviation does not end a sentence); ``kz_gazetteer`` marks gazetteer names and
post titles as entities; ``kz_relations`` reads the mentions and events of an article Doc
into ``doc._.kz_extraction``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kzgraph.dates import reference_date
from kzgraph.extract.lexicon import load_lexicon
from kzgraph.extract.mentions import MentionFinder
from kzgraph.extract.model import ArticleExtraction, PersonMention, SentenceRecord
from kzgraph.extract.owners import resolve_owners
from kzgraph.extract.patterns import foldable_patterns, gazetteer_patterns, is_written_as_name, post_patterns
from kzgraph.extract.relations import RelationFinder
from kzgraph.extract.tokens import Strings, TokenDoc
from kzgraph.extract.trained import dictionary_words
from kzgraph.extract.vocab import Vocabulary
from kzgraph.gazetteers import load_gazetteer
from kzgraph.linking import surname, written_surname
from kzgraph.officeholders import load_office_holders

_ABBREVIATION = re.compile(r"^(?:[A-Z]|Mr|Mrs|Ms|Dr|St|No|Gen|Sen|Rep|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|[A-Z]\.[A-Z])\.$")
_ENDS = (".", "!", "?", "”.", "\".")
_END_CHARS = (".", "!", "?")
_OPENING_QUOTES = "“\"'‘"

_CONTINUING = frozenset({"a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "at", "by", "with",
                         "from", "between", "as", "its", "his", "her", "their", "our", "whose", "that"})

for _name in ("kz_reference", "kz_extraction"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


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


class _PhraseRuler:
    """The phrase matches of one set of gazetteer patterns, as (start, end, label, id)."""

    def __init__(self, nlp: Language, attr: str, patterns: list[dict]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr=attr)
        self.entities: dict[int, tuple[str, str]] = {}  # match id -> (label, entity id)
        strings = nlp.vocab.strings
        for entry, pattern in zip(patterns, nlp.tokenizer.pipe(p["pattern"] for p in patterns)):
            key = f"{entry['label']}||{entry['id']}"  # the entity ruler's key for a label with an id
            self.entities[strings.add(key)] = (entry["label"], entry["id"])
            self.matcher.add(key, [pattern])
        # the span ruler's order of one phrase's labels and ids: by their hashes
        self.rank = {m: (strings.add(label), strings.add(ent_id)) for m, (label, ent_id) in self.entities.items()}

    def matches(self, doc: Doc) -> set[tuple[int, int, int]]:
        """Every match (match id, start, end), once."""
        return set([(m, start, end) for m, start, end in self.matcher(doc) if start != end])

    def entities_of(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """The entities a spaCy entity ruler sets on doc: longest first, then leftmost first,
        each kept unless it shares its first or last token with one kept."""
        ordered = sorted(self.matches(doc), key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        return _longest([(start, end, *self.entities[m]) for m, start, end in ordered])

    def spans_of(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """Every match as (start, end, label, id), in a spaCy span ruler's order."""
        rank = self.rank
        ordered = sorted(self.matches(doc), key=lambda m: (m[1], m[2], *rank[m[0]]))
        return [(start, end, *self.entities[m]) for m, start, end in ordered]


def _longest(spans: list[tuple]) -> list[tuple]:
    """Of overlapping spans the longest, then a title ("Russian State Duma Speaker": the
    title "State Duma Speaker", not the body "Russian State Duma"), then the leftmost,
    then the first given (as spaCy's ``filter_spans``)."""
    kept, seen = [], set()
    for span in sorted(spans, key=lambda s: (s[1] - s[0], s[2] == "POST", -s[0]), reverse=True):
        start, end = span[0], span[1]
        if start not in seen and end - 1 not in seen:
            kept.append(span)
            seen.update(range(start, end))
    return kept


class GazetteerComponent:
    """Marks gazetteer matches as entities: post titles in any case (POST), which one
    entity ruler chooses among, then names as written (STATE, DEMONYM, CAPITAL, CITY, ORG,
    and POST for titles in capitals or marked cased), then names in any other case where
    that is safe ("ASTANA", "Kazmunaygas"; see ``foldable_patterns``); of overlapping titles and names the
    longest wins, and a title wins a tie ("Mazhilis Chairman" is a title, not the Mazhilis;
    "Kazakhstan" inside a title stays)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        gazetteer = load_gazetteer()
        self.titles = _PhraseRuler(nlp, "LOWER", post_patterns(gazetteer))
        names = gazetteer_patterns(gazetteer)
        self.names = _PhraseRuler(nlp, "ORTH", names)
        self.folded = _PhraseRuler(nlp, "LOWER", foldable_patterns(names))

    def __call__(self, doc: Doc) -> Doc:
        titles = sorted(self.titles.entities_of(doc))
        # names as written first: of two matches of one span, the one as written is kept
        folded = [m for m in self.folded.spans_of(doc) if is_written_as_name([t.text for t in doc[m[0]:m[1]]])]
        found = _longest(titles + self.names.spans_of(doc) + folded)
        lost = set(titles).difference(found)
        if lost:  # as with the rulers, their tokens keep the title's entity id
            doc.set_ents(_spans(doc, lost), default="unmodified")
        doc.set_ents(_spans(doc, found), default="outside")  # what ``doc.ents = spans`` does
        return doc


def _spans(doc: Doc, entities: Iterable[tuple[int, int, str, str]]) -> list[Span]:
    return [Span(doc, start, end, label=label, span_id=ent_id) for start, end, label, ent_id in entities]


@Language.factory("kz_gazetteer", assigns=["doc.ents"])
def make_gazetteer(nlp: Language, name: str) -> GazetteerComponent:
    """Factory of the kz_gazetteer component."""
    return GazetteerComponent(nlp, name)


class RelationComponent:
    """Finds mentions and events in an article Doc (doc._.kz_reference holds its date);
    which capitalised words are ordinary words it learns from the article itself."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon = load_lexicon()
        self.gazetteer = load_gazetteer()
        self.mentions = MentionFinder(self.gazetteer, self.lexicon, Vocabulary(), dictionary_words(nlp))
        self.relations = RelationFinder(self.lexicon, self.gazetteer)
        self.holders = load_office_holders().written_surnames
        self.strings = Strings(nlp.vocab.strings)

    def __call__(self, doc: Doc) -> Doc:
        vocabulary = Vocabulary(self.lexicon["capitalized_non_names"])
        vocabulary.add_text(doc.text)  # the article's own words: no other article changes its reading
        self.mentions.vocab = vocabulary
        tokens = TokenDoc(doc, self.strings)
        sentences, posts, titled = [], [], {}
        taken = {t.i for t in tokens if t.ent_type_ == "ORG"}
        for sent in tokens.sents:
            sentences.append((sent, self.mentions.find(sent, self.mentions.organization_spans(sent, taken))))
        self.mentions.drop_unsupported_acronyms(doc.text, sentences)
        surnames = {written_surname(m.ref.key) for _, found in sentences for m in found.actors
                    if isinstance(m, PersonMention) and " " in m.ref.key}
        for sent, found in sentences:
            self.mentions.known_surnames(sent, found, surnames, self.holders)
        resolve_owners(sentences, reference_date((doc._.kz_reference or (None, False))[0]))
        for index, (sent, found) in enumerate(sentences):
            for m in found.actors:
                if isinstance(m, PersonMention) and m.post is not None:
                    if m.post.owner is not None:
                        titled.setdefault((m.post.head, m.post.owner), m.ref.key)
                    holders = titled.setdefault((m.post.head, None), [])
                    if all(surname(name) != surname(m.ref.key) for name in holders):
                        holders.append(m.ref.key)  # "the Foreign Minister" alone may be any of them
                    posts.append((m.ref.key, m.post, index))
        events = self.relations.find(sentences, doc._.kz_reference or (None, False), titled)
        records = []
        for sent, found in sentences:
            mentions = found.actors + found.nested
            start = sent.start_char
            for m in mentions:  # document offsets become sentence offsets
                m.start -= start
                m.end -= start
            records.append(SentenceRecord(sent.text, mentions))
        doc._.kz_extraction = ArticleExtraction(records, events, posts)
        return doc


@Language.factory("kz_relations", assigns=["doc._.kz_extraction"], requires=["doc.ents", "token.is_sent_start"])
def make_relations(nlp: Language, name: str) -> RelationComponent:
    """Factory of the kz_relations component."""
    return RelationComponent(nlp, name)
