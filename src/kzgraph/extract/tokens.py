"""Plain-Python copies of the tokens of a spaCy Doc, for rules that look at tokens often.

spaCy makes a new ``Token`` on every ``doc[i]`` and a new ``Span`` on every ``doc.ents``;
``kz_relations`` visits each token many times, so it reads the Doc's arrays once into a
``TokenDoc``: a list of ``Token`` (indexing a list is cheap) with the Doc's text,
entities and sentences. Names follow spaCy's (``text``, ``lower_``, ``ent_type_``, ...).
A TokenDoc keeps no Span, so no reference cycle holds it after use.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import ENT_ID, ENT_IOB, ENT_TYPE, IDX, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.util import normalize_slice

_IOB = ("", "I", "O", "B")


class Strings(dict):
    """Hash -> string, read from a StringStore once per hash."""

    def __init__(self, store: StringStore) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: int) -> str:
        value = self[key] = self.store[key]
        return value


class Token:
    """What the rules read of one token."""

    __slots__ = ("i", "text", "lower_", "whitespace_", "idx", "ent_type_", "ent_iob_", "ent_id_",
                 "lemma_", "pos_", "dep_", "head")

    def __init__(self, i, text, lower_, whitespace_, idx, ent_type_, ent_iob_, ent_id_,
                 lemma_="", pos_="", dep_="", head=-1) -> None:
        self.i, self.text, self.lower_, self.whitespace_ = i, text, lower_, whitespace_
        self.idx, self.ent_type_, self.ent_iob_, self.ent_id_ = idx, ent_type_, ent_iob_, ent_id_
        self.lemma_, self.pos_, self.dep_, self.head = lemma_, pos_, dep_, head  # head -1: not parsed

    @property
    def is_space(self) -> bool:
        """Whether the token is whitespace only (a line break)."""
        return self.text.isspace()


class Span:
    """Tokens start..end of a TokenDoc (a sentence, an entity, a name), as spaCy's Span."""

    __slots__ = ("doc", "start", "end", "label_", "ent_id_", "_text")

    def __init__(self, doc: TokenDoc, start: int, end: int, label_: str = "", ent_id_: str = "") -> None:
        self.doc, self.start, self.end, self.label_, self.ent_id_ = doc, start, end, label_, ent_id_
        self._text: str | None = None

    @property
    def start_char(self) -> int:
        return self.doc[self.start].idx if self.start < len(self.doc) else len(self.doc.text)

    @property
    def end_char(self) -> int:
        if self.start == self.end:
            return self.start_char
        last = self.doc[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.doc.text[self.start_char:self.end_char]
        return self._text

    @property
    def ents(self) -> list[Span]:
        """The entities wholly inside the span (as in spaCy, up to the first that crosses its end)."""
        doc, found = self.doc, []
        for start, end, label, ent_id in doc.entities[bisect_left(doc.entity_starts, self.start):]:
            if end > self.end:
                break
            found.append(Span(doc, start, end, label, ent_id))
        return found

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self):
        return iter(self.doc[self.start:self.end])

    def __getitem__(self, key: slice) -> list[Token]:
        return self.doc[self.start:self.end][key]


class TokenDoc(list):
    """The tokens of a Doc, with its text, entities (start, end, label, id) and sentences,
    and the grammar ``kz_grammar`` read where it parsed (lemma, part of speech, head, label)."""

    def __init__(self, doc: Doc, strings: Strings) -> None:
        columns = doc.to_array([ORTH, LOWER, SPACY, IDX, ENT_TYPE, ENT_IOB, ENT_ID, SENT_START, LEMMA, POS]).T.tolist()
        orths, lowers, spaces, idxs, types, iobs, ids, starts, lemmas, tags = columns if columns else [[]] * 10
        texts = [strings[h] for h in orths]
        lowers = [strings[h] for h in lowers]
        spaces = [" " if s else "" for s in spaces]
        heads, deps = doc._.kz_grammar or ([-1] * len(texts), [""] * len(texts))
        super().__init__(map(Token, range(len(texts)), texts, lowers, spaces, idxs,
                             [strings[h] for h in types], [_IOB[v] for v in iobs], [strings[h] for h in ids],
                             [strings[h].lower() if h else low for h, low in zip(lemmas, lowers)],
                             [doc.vocab.strings[h] if h else "" for h in tags], deps, heads))
        self.text = "".join(t + s for t, s in zip(texts, spaces))
        self.entities = self._entities(types, iobs)
        self.entity_starts = [start for start, _, _, _ in self.entities]
        self.sentence_starts = [i for i in range(1, len(starts)) if starts[i] == 1]
        self._children: list[list[Token]] | None = None

    @property
    def sents(self) -> list[Span]:
        """The sentences (the first token always starts one)."""
        bounds = [0, *self.sentence_starts, len(self)]
        return [Span(self, a, b) for a, b in zip(bounds, bounds[1:]) if a < b]

    def children(self, i: int) -> list[Token]:
        """The tokens whose head is token i (none where its sentence was not parsed)."""
        if self._children is None:
            self._children = [[] for _ in self]
            for token in self:
                if token.head >= 0 and token.head != token.i:
                    self._children[token.head].append(token)
        return self._children[i]

    def subtree(self, i: int) -> list[Token]:
        """Token i and every token below it in the parse, in text order."""
        found, todo = [], [i]
        while todo:
            k = todo.pop()
            found.append(self[k])
            todo.extend(c.i for c in self.children(k))
        return sorted(found, key=lambda t: t.i)

    def span(self, start: int, end: int) -> Span:
        """Tokens start..end, as ``doc[start:end]`` is in spaCy."""
        start, end = normalize_slice(len(self), start, end)
        return Span(self, start, end)

    def _entities(self, types: list[int], iobs: list[int]) -> list[tuple[int, int, str, str]]:
        """Entities from the tokens' IOB tags, as spaCy's ``Doc.ents`` reads them."""
        ents, start = [], -1
        for i, (kind, iob) in enumerate(zip(types, iobs)):
            if iob == 1:
                continue
            if start != -1:
                ents.append(self._entity(start, i))
            start = i if iob == 3 and kind else -1
        if start != -1:
            ents.append(self._entity(start, len(self)))
        return ents

    def _entity(self, start: int, end: int) -> tuple[int, int, str, str]:
        first = self[start]
        return start, end, first.ent_type_, first.ent_id_
