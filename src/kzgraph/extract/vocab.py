"""Which capitalised words are ordinary words rather than parts of names.

A word that the texts also write in lower case ("Cooperation", "Economy") is an ordinary
word; a word only ever seen capitalised ("Issetov", "Liège") is likely part of a name.
The lexicon's list of capitalised non-names covers what a small input may not show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]+")


# endings that English names almost never have
_ORDINARY_SUFFIXES = ("ments", "ment", "tion", "tions", "sion", "ness", "ship", "ships", "ities", "ity",
                      "ance", "ence", "ism", "ists", "ing", "ings", "ical", "ative", "ives")


class Vocabulary:
    """The ordinary words of a set of texts."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self._lower: set[str] = {w.lower() for w in known}

    def add_text(self, text: str) -> None:
        """Learn the lower-case words of text."""
        self._lower.update(_LOWER_WORD.findall(text))

    def is_ordinary(self, word: str) -> bool:
        """True when word (capitalised or not) is an ordinary word of the language."""
        lower = word.lower()
        return lower in self._lower or len(lower) > 6 and lower.endswith(_ORDINARY_SUFFIXES)
