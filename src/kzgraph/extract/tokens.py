"""Plain-Python reading of a spaCy Doc, for rules that look at tokens often."""

from __future__ import annotations

from spacy.strings import StringStore


class Strings(dict):
    """Hash -> string, read from a StringStore once per hash."""

    def __init__(self, store: StringStore) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: int) -> str:
        value = self[key] = self.store[key]
        return value
