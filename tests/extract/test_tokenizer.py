"""Warming spaCy's tokenizer cache chunk by chunk leaves the tokens as spaCy makes them."""

from __future__ import annotations

from pathlib import Path

import spacy

from kzgraph.extract.tokenizer import WarmTokenizer

ROOT = Path(__file__).parents[2]
TRICKY = [
    "Mr. Smith's  U.S.-based co-op :) can't won't\t\tx\n\n\ny e.g. 3pm 10km http://x.org/a?b=1",
    "Kazakhstan’s Foreign Minister met with H.E. Mr. Blinken (U.S.) on Dec. 25, 2023...",
    "", " ", "\n", "a\u00a0b",
]


def test_tokenizer_warm_cache_gives_spacys_tokens():
    texts = [p.read_text(encoding="utf-8") for d in ("corpus", "tests/data/corpus") for p in sorted((ROOT / d).glob("*.txt"))]
    plain, warm = spacy.blank("en").tokenizer, WarmTokenizer(spacy.blank("en").tokenizer)
    for text in texts + TRICKY + texts:
        expected = [(t.text, t.whitespace_, t.idx, t.norm_) for t in plain(text)]
        assert [(t.text, t.whitespace_, t.idx, t.norm_) for t in warm(text)] == expected
