"""Tying the names of one person together across a corpus.

"Tokayev", "K. Tokayev" and "Kassym-Jomart Tokayev" are one person: a short form (a
surname, an initial with a surname) goes to the full name that shares its surname, in
the same article first, else the one most often written in the corpus. Words are compared
folded over the usual variants of transliteration ("Tokaev" and "Tokayev", "Zhomart" and
"Jomart", "Erlan" and "Yerlan"), and full names with the same words in another order
("Xi Jinping", "Jinping Xi") are one name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache
from importlib import resources

_INITIALS = re.compile(r"^(?:[A-Z]\.\s?|[A-Z]\s(?=[A-Z]))+")  # "R.Zhumabek", "S. Jaishankar", "S Jaishankar"
_PATRONYMIC = re.compile(r"(?:vich|vna|ichna|uli|kizi)$")  # folded: -ovich, -evna, -uly, -kyzy
_PARTICLES = {"al", "bin", "ibn", "de", "van", "von", "der", "le", "la", "el", "di", "da", "du"}


# spellings of one sound in the romanisations of Russian, Kazakh, Arabic and Turkic names
_FOLDS = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("yeh", "e"), ("iy", "i"), ("yi", "i"), ("ye", "e"),
          ("ya", "a"), ("yu", "u"), ("ay", "a"), ("ey", "e"), ("oy", "o"), ("ou", "u"), ("ck", "k"),
          ("ph", "f"), ("q", "k"), ("w", "v"), ("y", "i"))


@cache
def fold(word: str) -> str:
    """A word in lower case without accents, its spelling variants made one, doubled letters single."""
    text = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^a-z]", "", text)
    for variant, common in _FOLDS:
        text = text.replace(variant, common)
    return re.sub(r"(.)\1+", r"\1", text)


def identity_words(name: str) -> list[str]:
    """The folded words that identify a person: a patronymic between given name and surname
    ("Zairullayevich", "Nurlanuly") left out, a family name written last ("Jinping Xi")
    put first. The same for every spelling of one name, whatever else a corpus holds."""
    words = name_words(name)
    if len(words) >= 3:
        words = [words[0], *(w for w in words[1:-1] if not _PATRONYMIC.search(fold(w))), words[-1]]
    families = family_names_first()
    if len(words) > 1 and words[-1] in families and words[0] not in families:
        words = [words[-1], *words[:-1]]
    return [fold(w) for w in words]


def identity(name: str) -> str:
    """A person's identity as an IRI segment ("kasim-jomart-tokaev"): see ``identity_words``."""
    return "-".join(w for w in identity_words(name) if w) or fold(name) or "x"


def name_key(name: str) -> tuple[str, ...]:
    """The identifying words of a name in any order (so any name order meets)."""
    return tuple(sorted(identity_words(name)))


def name_words(name: str) -> list[str]:
    """The words of a name, initials dropped ("R.Zhumabek" -> ["Zhumabek"])."""
    return _INITIALS.sub("", name).replace("-", " ").split()


@cache
def family_names_first() -> frozenset[str]:
    """Family names of persons who write theirs first ("Xi Jinping"): data/family-names-first.json."""
    source = resources.files("kzgraph") / "data" / "family-names-first.json"
    return frozenset(json.loads(source.read_text(encoding="utf-8"))["names"])


def _surname_of(words: list[str]) -> str:
    """Of a name's words, the one news use alone: the last, or the first of a name that
    starts with a family name written first ("Chung" of "Chung Sye-kyun")."""
    return words[0] if len(words) > 1 and words[0] in family_names_first() else words[-1]


def written_surname(name: str) -> str:
    """The surname of a name as written (see ``_surname_of``)."""
    words = name.split()
    return _surname_of(words) if words else name


def surname(name: str) -> str:
    """The surname of a name, folded (see ``fold``), initials dropped."""
    words = name_words(name)
    return fold(_surname_of(words)) if words else fold(name)


def is_full_name(name: str) -> bool:
    """Two or more words that are not all particles, with no leading initial."""
    if _INITIALS.match(name):
        return False
    words = name.split()
    return len(words) >= 2 and words[0].casefold() not in _PARTICLES


def initial(name: str) -> str | None:
    match = _INITIALS.match(name)
    return match.group(0)[0] if match else None


class PersonLinker:
    """Maps every name a person is written with to one canonical name."""

    def __init__(self, holder: Callable[[str], str | None] = lambda name: None) -> None:
        """holder: the full name of the one holder of a top office a short name can be."""
        self._seen: list[tuple[str, str]] = []  # (article key, name)
        self.holder = holder

    def add(self, article: str, name: str) -> None:
        self._seen.append((article, name))

    def resolve(self) -> dict[tuple[str, str], str]:
        """(article, name) -> canonical name for every name added."""
        counts = Counter(name for _, name in self._seen)
        spelled: dict[tuple[str, ...], list[str]] = defaultdict(list)  # one name in several spellings
        for n in counts:
            if is_full_name(n):
                spelled[name_key(n)].append(n)
        usual = {key: max(names, key=lambda n: (counts[n], len(n), n)) for key, names in spelled.items()}
        full = sorted(usual.values(), key=lambda n: (-len(n), n))
        merged: dict[str, str] = {}
        for name in sorted(full, key=lambda n: (len(n), n)):
            words = name_words(name)
            longer = [f for f in full if f != name and len(f) > len(name) and _contains(name_words(f), words)]
            merged[name] = longer[0] if longer else name
        for names in spelled.values():
            for n in names:
                merged[n] = merged[usual[name_key(n)]]
        by_surname: dict[str, list[str]] = defaultdict(list)
        for name in full:
            if merged[name] == name:
                by_surname[surname(name)].append(name)
        in_article: dict[str, set[str]] = defaultdict(set)
        for article, name in self._seen:
            if name in merged:
                in_article[article].add(merged[name])
        result: dict[tuple[str, str], str] = {}
        for article, name in self._seen:
            if name in merged:
                result[(article, name)] = merged[name]
                continue
            candidates = [f for f in by_surname.get(surname(name), []) if _compatible(name, f)]
            local = [f for f in candidates if f in in_article[article]]
            held = self.holder(name) if not local else None
            held = held if held and _compatible(name, held) else None
            if held is not None:  # the holder of a top office the table knows, whatever else the corpus holds
                result[(article, name)] = merged.get(usual.get(name_key(held), held), held)
            elif local or candidates:
                result[(article, name)] = max(local or candidates, key=lambda f: (counts[f], f))
            else:
                result[(article, name)] = name
        return result


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """shorter's words appear in longer, in order."""
    it = iter(fold(w) for w in longer)
    return all(any(fold(w) == x for x in it) for w in shorter)


def _compatible(short: str, full: str) -> bool:
    """An initial, when given, must be the full name's first letter."""
    letter = initial(short)
    return letter is None or full[:1].upper() == letter.upper()
