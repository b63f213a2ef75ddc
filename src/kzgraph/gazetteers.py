"""World knowledge the extractor uses: states, cities, organizations and posts.

The data lives in four JSONL files under ``kzgraph/data/gazetteers/`` (one record
per line); this module reads them, checks them and indexes every surface form.

    >>> gaz = load_gazetteer()
    >>> gaz.lookup("state", "the USA").label
    'United States'
    >>> gaz.state_by_demonym("Norwegian").id
    'NO'
    >>> gaz.city_state("Geneva").label
    'Switzerland'

Lookups try the surface form as written first, then ignoring case ("CHINA",
"Republic Of Kazakhstan", "foreign minister"). Two guards keep ordinary words out:
names written without any lower-case letter (acronyms such as "WHO", "US", "UK")
match only as written, so "us" or "who" never name anything; and a surface form
without any capital letter ("turkey", "china", "chad") matches a state, city or
organization only as written (posts are matched in lower case too: "the foreign
minister"). Typographic apostrophes (’) count as straight ones, and runs of white
space as one space; the names an entry lists hold both apostrophes ("Xi'an",
"Xi’an") for the sake of phrase matchers.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from kzgraph.errors import GazetteerError

__all__ = ["Entry", "Gazetteer", "load_gazetteer", "KINDS", "ORGANIZATION_KINDS", "SERVES"]

KINDS = ("state", "city", "organization", "post")
"""The kinds of entry, in the order their files are read (states first: the others refer to them)."""

FILES = {
    "state": "states.jsonl",
    "city": "cities.jsonl",
    "organization": "organizations.jsonl",
    "post": "posts.jsonl",
}

ORGANIZATION_KINDS = frozenset({
    "intergovernmental", "un-body", "eu-body", "ngo", "financial",
    "company", "university", "government-body", "other",
})
"""Allowed values of an organization's "kind"."""

SERVES = frozenset({"state", "organization", "either"})
"""Allowed values of a post's "serves": whom a holder of the post represents."""

_FIELDS = {
    "state": frozenset({"id", "label", "aliases", "demonyms", "capitals", "same_as", "alpha3"}),
    "city": frozenset({"id", "label", "state", "aliases", "same_as"}),
    "organization": frozenset({"id", "label", "kind", "state", "seat", "aliases", "same_as"}),
    "post": frozenset({"id", "label", "serves", "aliases", "same_as", "cased"}),
}
_REQUIRED = {
    "state": ("id", "label"),
    "city": ("id", "label", "state"),
    "organization": ("id", "label", "kind"),
    "post": ("id", "label", "serves"),
}

_STATE_ID = re.compile(r"[A-Z]{2}")
_ALPHA3 = re.compile(r"[A-Z]{3}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_IRI = re.compile(r"https?://\S+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})
_SPACES = re.compile(r"\s+")


def _user_assigned(code: str) -> bool:
    """True for ISO 3166-1 alpha-2 codes reserved for user assignment (AA, QM-QZ, XA-XZ, ZZ), e.g. XK for Kosovo."""
    return code in ("AA", "ZZ") or code[0] == "X" or (code[0] == "Q" and code[1] >= "M")


def _clean(text: str) -> str:
    """A surface form as compared: NFC, straight apostrophes, single spaces, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_APOSTROPHES)).strip()


def _fold(text: str) -> str:
    """The case-insensitive key of a cleaned surface form."""
    return text.casefold()


def _without_the(text: str) -> str | None:
    """text less a leading "the "/"The ", or None when it has none."""
    return text[4:].lstrip() if text[:4].lower() == "the " and len(text) > 4 else None


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """names cleaned, de-duplicated, first occurrence kept; each name with a straight
    apostrophe is followed by its typographic twin ("Xi'an", "Xi’an"), as news text writes both."""
    cleaned = dict.fromkeys(n for n in map(_clean, names) if n)
    return tuple(form for name in cleaned
                 for form in ((name, name.replace("'", "\u2019")) if "'" in name else (name,)))


@dataclass(frozen=True)
class Entry:
    """One state, city, organization or post.

    kind (str): "state", "city", "organization" or "post".
    id (str): ISO 3166-1 alpha-2 code for states, a slug otherwise; unique within its kind.
    label (str): canonical English name.
    names (tuple[str, ...]): every surface form naming it, label first, then aliases
        (for states also pycountry's name, official name and common name); not
        demonyms or capitals.
    demonyms (tuple[str, ...]): states: adjective or nationality forms ("Norwegian").
    capitals (tuple[str, ...]): states: capital cities, including well-known former names.
    state (str | None): cities: the state they lie in; organizations: the state of a national body.
    seat (str | None): international organizations: the state they have their seat in.
    kind_detail (str | None): organizations: their "kind"; posts: their "serves".
    same_as (tuple[str, ...]): IRIs of the same thing elsewhere (Wikidata).
    alpha3 (str | None): states: ISO 3166-1 alpha-3 code.
    cased (bool): posts: a title only when capitalised as written ("Representative",
        not "representatives of business").
    """

    kind: str
    id: str
    label: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    state: str | None = None
    seat: str | None = None
    kind_detail: str | None = None
    same_as: tuple[str, ...] = ()
    alpha3: str | None = None
    cased: bool = False


class _Index:
    """Surface form -> entry, as written and ignoring case.

    proper (bool): the names are proper names, so a surface without any capital
        letter ("turkey", "china") is matched only as written, never ignoring case.
    """

    def __init__(self, proper: bool = True) -> None:
        self.proper = proper
        self.exact: dict[str, Entry] = {}
        self.folded: dict[str, Entry] = {}

    def add(self, name: str, entry: Entry) -> None:
        self.exact.setdefault(name, entry)
        if any(c.islower() for c in name):  # acronyms match only as written
            self.folded.setdefault(_fold(name), entry)

    def find(self, surface: str) -> Entry | None:
        text = _clean(surface)
        for candidate in (text, _without_the(text)):
            if not candidate:
                continue
            found = self.exact.get(candidate)
            if found is None and (not self.proper or any(c.isupper() for c in candidate)):
                found = self.folded.get(_fold(candidate))
            if found is not None:
                return found
        return None


class Gazetteer:
    """Checked, indexed gazetteer entries; build it with load_gazetteer()."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by_id: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
        self._names = {kind: _Index(proper=kind != "post") for kind in KINDS}
        self._demonyms = _Index()
        self._capitals = _Index()
        for entry in entries:
            self._by_id[entry.kind][entry.id] = entry
            for name in entry.names:
                self._names[entry.kind].add(name, entry)
            for demonym in entry.demonyms:
                self._demonyms.add(demonym, entry)
            for capital in entry.capitals:
                self._capitals.add(capital, entry)
        self._sorted = {kind: sorted(found.values(), key=lambda e: e.id) for kind, found in self._by_id.items()}

    def _kind(self, kind: str) -> str:
        if kind not in self._by_id:
            raise ValueError(f"unknown gazetteer kind {kind!r}; expected one of {', '.join(KINDS)}")
        return kind

    def entries(self, kind: str) -> list[Entry]:
        """Every entry of kind ("state", "city", "organization" or "post"), sorted by id."""
        return list(self._sorted[self._kind(kind)])

    def get(self, kind: str, id: str) -> Entry:
        """The entry of kind with id; KeyError if there is none."""
        try:
            return self._by_id[self._kind(kind)][id]
        except KeyError:
            raise KeyError(f"no {kind} with id {id!r}") from None

    def lookup(self, kind: str, surface: str) -> Entry | None:
        """The entry of kind named surface (a name or alias), or None.

        Tried as written first, then ignoring case, each also without a leading
        "the ". Demonyms and capitals are not names: see state_by_demonym() and
        state_by_capital().
        """
        return self._names[self._kind(kind)].find(surface)

    def state_by_demonym(self, word: str) -> Entry | None:
        """The state whose demonym is word ("Kazakh", "Kazakhstani" -> Kazakhstan), or None."""
        return self._demonyms.find(word)

    def state_by_capital(self, word: str) -> Entry | None:
        """The state whose capital is word ("Astana", "Nur-Sultan" -> Kazakhstan), or None."""
        return self._capitals.find(word)

    def city_state(self, name: str) -> Entry | None:
        """The state a city or capital lies in ("Geneva" -> Switzerland, "Astana" -> Kazakhstan), or None."""
        city = self._names["city"].find(name)
        if city is not None and city.state is not None:
            return self._by_id["state"].get(city.state)
        return self._capitals.find(name)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self._by_id[kind])} {kind}" for kind in KINDS)
        return f"<Gazetteer {counts}>"


# --------------------------------------------------------------------------- loading


class _Source:
    """One data file being read: its name for messages and its lines."""

    def __init__(self, kind: str, directory: Path | None) -> None:
        file = FILES[kind]
        override = directory / file if directory is not None else None
        if override is not None and override.is_file():
            self.where = str(override)
            data = override.read_bytes()
        else:
            self.where = file
            data = resources.files("kzgraph").joinpath("data", "gazetteers", file).read_bytes()
        try:
            self.text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"{self.where}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number, JSON object) for each non-blank line."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GazetteerError(f"{self.where}:{number}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
            if not isinstance(record, dict):
                raise GazetteerError(f"{self.where}:{number}: expected a JSON object, got {type(record).__name__}")
            yield number, record


class _Builder:
    """Turns records into entries, checking each and the ones seen before it."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.ids: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}  # kind -> id -> where
        # folded surface form -> (owner, where), per namespace that must not overlap
        self.state_forms: dict[str, tuple[str, str]] = {}
        self.owned: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in ("city", "organization", "post")}

    # ---- one field

    @staticmethod
    def _text(record: dict[str, Any], key: str, at: str) -> str:
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise GazetteerError(f"{at}: {key!r} must be a non-empty string, got {value!r}")
        return value.strip()

    @staticmethod
    def _texts(record: dict[str, Any], key: str, at: str) -> list[str]:
        value = record.get(key, [])
        if not isinstance(value, list):
            raise GazetteerError(f"{at}: {key!r} must be a list of strings, got {type(value).__name__}")
        for item in value:
            if not isinstance(item, str) or not _clean(item):
                raise GazetteerError(f"{at}: {key!r} holds an empty or non-string item: {item!r}")
        return value

    def _state_ref(self, record: dict[str, Any], at: str, key: str = "state") -> str | None:
        if key not in record:
            return None
        code = self._text(record, key, at)
        if code not in self.ids["state"]:
            raise GazetteerError(f"{at}: unknown state {code!r} (not an id in {FILES['state']})")
        return code

    # ---- overlaps

    def _claim_state_forms(self, entry: Entry, at: str) -> None:
        """Two states must not share a name, demonym or capital."""
        for form in (*entry.names, *entry.demonyms, *entry.capitals):
            key = _fold(form)
            owner, where = self.state_forms.setdefault(key, (entry.id, at))
            if owner != entry.id:
                raise GazetteerError(f"{at}: {form!r} of state {entry.id} is already used by state {owner} ({where})")

    def _claim_names(self, entry: Entry, at: str) -> None:
        """Names are unique within cities, organizations and posts; cities and organizations avoid state forms."""
        for name in entry.names:
            key = _fold(name)
            if entry.kind in ("city", "organization") and key in self.state_forms:
                owner, where = self.state_forms[key]
                raise GazetteerError(f"{at}: name {name!r} of {entry.kind} {entry.id!r} is already used by state {owner} ({where})")
            owner, where = self.owned[entry.kind].setdefault(key, (entry.id, at))
            if owner != entry.id:
                raise GazetteerError(f"{at}: name {name!r} of {entry.kind} {entry.id!r} is already used by {entry.kind} {owner!r} ({where})")

    # ---- one record

    def add(self, kind: str, number: int, record: dict[str, Any], where: str) -> None:
        at = f"{where}:{number}"
        unknown = sorted(set(record) - _FIELDS[kind])
        if unknown:
            raise GazetteerError(f"{at}: unknown field {unknown[0]!r}; allowed: {', '.join(sorted(_FIELDS[kind]))}")
        for key in _REQUIRED[kind]:
            self._text(record, key, at)
        id_, label = record["id"].strip(), record["label"].strip()
        if id_ in self.ids[kind]:
            raise GazetteerError(f"{at}: duplicate {kind} id {id_!r} (first at {self.ids[kind][id_]})")
        aliases = self._texts(record, "aliases", at)
        same_as = self._texts(record, "same_as", at)
        for iri in same_as:
            if not _IRI.fullmatch(iri):
                raise GazetteerError(f"{at}: 'same_as' item {iri!r} is not an http(s) IRI")
        if kind == "state":
            entry = self._state(record, id_, label, aliases, same_as, at)
        else:
            if not _SLUG.fullmatch(id_):
                raise GazetteerError(f"{at}: id {id_!r} must be a lower-case slug (letters, digits, single hyphens)")
            detail = None
            if kind == "organization":
                detail = record["kind"].strip()
                if detail not in ORGANIZATION_KINDS:
                    raise GazetteerError(f"{at}: unknown organization kind {detail!r}; allowed: {', '.join(sorted(ORGANIZATION_KINDS))}")
            elif kind == "post":
                detail = record["serves"].strip()
                if detail not in SERVES:
                    raise GazetteerError(f"{at}: 'serves' must be one of {', '.join(sorted(SERVES))}, got {detail!r}")
                if not isinstance(record.get("cased", False), bool):
                    raise GazetteerError(f"{at}: 'cased' must be true or false")
            entry = Entry(kind=kind, id=id_, label=_clean(label), names=_unique([label, *aliases]),
                          state=self._state_ref(record, at), seat=self._state_ref(record, at, "seat"),
                          kind_detail=detail, same_as=tuple(same_as),
                          cased=record.get("cased", False))
            self._claim_names(entry, at)
        self.ids[kind][id_] = at
        self.entries.append(entry)

    def _state(self, record: dict[str, Any], id_: str, label: str, aliases: list[str],
               same_as: list[str], at: str) -> Entry:
        if not _STATE_ID.fullmatch(id_):
            raise GazetteerError(f"{at}: state id {id_!r} must be an ISO 3166-1 alpha-2 code")
        country = pycountry.countries.get(alpha_2=id_)
        alpha3 = record.get("alpha3")
        if alpha3 is not None and (not isinstance(alpha3, str) or not _ALPHA3.fullmatch(alpha3)):
            raise GazetteerError(f"{at}: 'alpha3' must be three capital letters, got {alpha3!r}")
        if country is None:
            if not _user_assigned(id_) or alpha3 is None:
                raise GazetteerError(f"{at}: unknown ISO 3166-1 code {id_!r} (a user-assigned code such as XK needs 'alpha3')")
            official: list[str] = []
        else:
            if alpha3 is not None and alpha3 != country.alpha_3:
                raise GazetteerError(f"{at}: 'alpha3' {alpha3!r} differs from ISO's {country.alpha_3!r}")
            alpha3 = country.alpha_3
            official = [n for n in (getattr(country, k, None) for k in ("name", "official_name", "common_name"))
                        if n and "," not in n and "(" not in n]  # skip catalogue forms such as "Korea, Republic of"
            official = [_without_the(n) or n for n in official]
        entry = Entry(
            kind="state", id=id_, label=_clean(label), names=_unique([label, *aliases, *official]),
            demonyms=_unique(self._texts(record, "demonyms", at)),
            capitals=_unique(self._texts(record, "capitals", at)),
            same_as=tuple(same_as), alpha3=alpha3,
        )
        self._claim_state_forms(entry, at)
        return entry


@functools.lru_cache(maxsize=8)
def _load(directory: Path | None) -> Gazetteer:
    builder = _Builder()
    for kind in KINDS:
        source = _Source(kind, directory)
        for number, record in source.records():
            builder.add(kind, number, record, source.where)
    return Gazetteer(builder.entries)


def load_gazetteer(directory: Path | str | None = None) -> Gazetteer:
    """Read, check and index the gazetteer files; cached per directory.

    directory (Path | None): a folder whose states.jsonl, cities.jsonl,
        organizations.jsonl or posts.jsonl replace the packaged ones; files it
        lacks come from the package. None reads only the packaged files.
    Raises GazetteerError ("file:line: problem") for invalid JSON, a missing or
    empty id or label, a duplicate id, an unknown ISO code or field, a bad alias,
    a bad "kind" or "serves", or a name claimed by two states (or by a state and
    a city or organization).
    """
    if directory is not None:
        directory = Path(directory).resolve()
        if not directory.is_dir():
            raise GazetteerError(f"{directory}: gazetteer directory not found")
    return _load(directory)
