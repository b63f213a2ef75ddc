"""The cue words of diplomatic English the rule components read (``data/lexicon.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kzgraph.errors import GazetteerError

_LIST_FIELDS = (
    "honorifics", "name_titles", "kin_words", "person_verbs", "name_particles", "capitalized_non_names",
    "org_heads", "meeting_cues", "gathering_cues", "visit_nouns", "visit_verbs",
    "visited_by_cues", "agreement_nouns", "agreement_verbs",
    "title_modifiers", "org_modifier_stop", "non_participant_cues", "envoy_titles",
)
_MAP_FIELDS = ("portfolio_synonyms", "meeting_kinds", "agreement_kinds")


@dataclass(frozen=True)
class Lexicon:
    """Cue words, each list a frozenset (lists of phrases keep their order in ``phrases``)."""

    home_state: str
    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[str, ...]]
    maps: dict[str, dict[str, str]]
    lemmas: dict[str, frozenset[str]]  # event kind or role -> lemmas that name it (``event_lemmas``)

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.words[name]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and check the packaged lexicon."""
    source = resources.files("kzgraph") / "data" / "lexicon.json"
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GazetteerError(f"lexicon.json:{exc.lineno}: {exc.msg}") from exc
    missing = [f for f in (*_LIST_FIELDS, *_MAP_FIELDS, "home_state", "event_lemmas") if f not in data]
    if missing:
        raise GazetteerError(f"lexicon.json: missing fields {', '.join(missing)}")
    for name in _LIST_FIELDS:
        if not all(isinstance(w, str) and w.strip() for w in data[name]):
            raise GazetteerError(f"lexicon.json: {name} holds an empty or non-string entry")
    phrases = {name: tuple(sorted(data[name], key=len, reverse=True)) for name in _LIST_FIELDS}
    return Lexicon(home_state=data["home_state"],
                   words={name: frozenset(data[name]) for name in _LIST_FIELDS},
                   phrases=phrases,
                   maps={name: dict(data[name]) for name in _MAP_FIELDS},
                   lemmas={name: frozenset(words) for name, words in data["event_lemmas"].items()})
