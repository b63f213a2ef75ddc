"""spaCy's tokenizer, with its cache filled one chunk at a time.

spaCy remembers how it split each whitespace-delimited chunk of text, but stops adding
to that cache for the rest of a text once it has met a special case (a line break is
one), so in a long article most chunks are split anew, prefix and suffix rules and all,
every time they occur. ``WarmTokenizer`` first hands spaCy each chunk it has not seen
yet on its own, which puts it in the cache, then splits the text as spaCy always does.
The tokens are the same: the cache only remembers what splitting a chunk gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

CACHE_SIZE = 1_000_000
"""Chunks spaCy may cache (its default, 10,000, is soon reached on a large corpus)."""


class WarmTokenizer:
    """A drop-in for a spaCy Tokenizer (``nlp.tokenizer``) that warms its cache."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.tokenizer.max_cache_size = max(tokenizer.max_cache_size, CACHE_SIZE)
        self._seen: set[str] = set()

    def __call__(self, text: str) -> Doc:
        seen, split = self._seen, self.tokenizer
        for chunk in text.split():
            if chunk not in seen and len(seen) < CACHE_SIZE:
                seen.add(chunk)
                split(chunk)
        return split(text)

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        for text in texts:
            yield self(text)
