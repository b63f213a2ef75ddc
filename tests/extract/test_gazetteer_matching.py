"""kz_gazetteer marks the entities spaCy's rulers mark: an entity ruler of post titles in
any case, then a span ruler of names as written and one of the names safe to match in
any case, whose matches and the titles give way to the longest of any that overlap (a
title's tokens keep its entity id, as there)."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.util import filter_spans, registry

from kzgraph.extract import build_nlp
from kzgraph.extract.patterns import foldable_patterns, gazetteer_patterns, is_written_as_name, post_patterns
from kzgraph.gazetteers import load_gazetteer

ROOT = Path(__file__).parents[2]
OVERLAPS = [
    "The Foreign Minister of Luxembourg met the PM of Georgia in Luxembourg and the UN Secretary-General.",
    "Mazhilis Chairman Yerlan Koshanov met the Chairman of the Mazhilis and the Mazhilis deputies.",
    "The Foreign Ministers of Kazakhstan and Uzbekistan, the presidents of Belarus and Russia, and two ambassadors.",
    "Representative Jane Doe met representatives of business and the US Representative in Congress.",
    "President of the European Council Antonio Costa, the European Council President and EU Special Representative.",
    "Kazakhstan's Senate Chairman met the Luxembourg Foreign Minister in Luxembourg.",
]


@registry.misc("test_longest_ents.v1")
def make_longest_ents():
    def longest(entities, spans):
        return filter_spans(list(entities) + list(spans))
    return longest


@registry.misc("test_longest_named_ents.v1")
def make_longest_named_ents():
    def longest(entities, spans):
        named = [s for s in spans if is_written_as_name([t.text for t in s])]
        return filter_spans(list(entities) + named)
    return longest


def test_gazetteer_matching_is_that_of_the_rulers():
    gazetteer = load_gazetteer()
    rulers = spacy.blank("en")
    titles = rulers.add_pipe("entity_ruler", name="post_ruler", config={"phrase_matcher_attr": "LOWER"})
    titles.add_patterns(post_patterns(gazetteer))
    names = rulers.add_pipe("span_ruler", config={"spans_key": None, "annotate_ents": True, "overwrite": False,
                                                  "ents_filter": {"@misc": "test_longest_ents.v1"}})
    names.add_patterns(gazetteer_patterns(gazetteer))
    nlp = build_nlp()
    folded = rulers.add_pipe("span_ruler", name="folded_ruler",
                             config={"spans_key": None, "annotate_ents": True, "overwrite": False,
                                     "phrase_matcher_attr": "LOWER",
                                     "ents_filter": {"@misc": "test_longest_named_ents.v1"}})
    folded.add_patterns(foldable_patterns(gazetteer_patterns(gazetteer)))
    texts = [p.read_text(encoding="utf-8") for d in ("corpus", "tests/data/corpus") for p in sorted((ROOT / d).glob("*.txt"))]
    for text in texts + OVERLAPS + [t.lower() for t in OVERLAPS] + [t.upper() for t in OVERLAPS]:
        expected = [(t.ent_type_, t.ent_iob_, t.ent_id_) for t in rulers(text)]
        doc = nlp.get_pipe("kz_gazetteer")(nlp.make_doc(text))
        assert [(t.ent_type_, t.ent_iob_, t.ent_id_) for t in doc] == expected
