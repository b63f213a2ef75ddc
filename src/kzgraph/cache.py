"""The extraction cache of an incremental build: what each file gave, kept beside the graph.

Extraction (the trained pipeline) is the slow stage of a build, and what one article
gives does not depend on the others, so a build keeps the extractions of each file it
read in a hidden folder beside its output
(``graphs/kzgraph.ttl`` -> ``graphs/.kzgraph.ttl.cache/``) and the next build extracts
again only the files that are new or changed.

An entry holds a file's articles as read and their extractions. It is found by a key
made of the file's sha256, the path it is read under, the name its articles get, what
the folder's listing of sources (``SOURCES.tsv``) says of it, and the *settings*: kzgraph's version, a digest of its code and of its packaged data files
(lexicon, gazetteers, office holders...), spaCy's version, and the name and version of
the trained pipeline. So it never gives a stale result: an entry that is missing,
unreadable, corrupt or of other settings means the file is read and extracted again,
never an error; a file that changes while it is read is not kept. Entries are JSON (see
:func:`encode`); ``manifest.json`` lists the files of the last build with their sha256
and entry. Entries no file of the build uses are removed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import itertools
import json
import operator
import os
import re
import stat
import types
import typing
from collections.abc import Callable, Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from kzgraph import __version__
from kzgraph.corpus import Article, read_source
from kzgraph.errors import OutputError
from kzgraph.extract import model as extraction_model
from kzgraph.extract.model import ArticleExtraction
from kzgraph.inputs import Source, shown
from kzgraph.outputs import Outputs

FORMAT = 1
MANIFEST = "manifest.json"
ENTRY_RE = re.compile(r"[0-9a-f]{64}\.json")
WRITE_BATCH = 64  # entries put in place together


def cache_folder(output: Path | str) -> Path:
    """Where the cache of the graph at output lives: ``.<name>.cache`` beside it (hidden,
    so a folder read as input passes over it)."""
    output = Path(output)
    return output.with_name(f".{output.name}.cache")


# --------------------------------------------------------------------------- settings


def _tree_digest(root: Any, suffixes: tuple[str, ...]) -> str:
    """sha256 over the relative names and contents of the files under root (a package
    resource folder) whose names end with one of suffixes, in a fixed order."""
    digest = hashlib.sha256()

    def walk(folder: Any, prefix: str) -> None:
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            name = f"{prefix}{item.name}"
            if item.is_dir():
                if item.name != "__pycache__":
                    walk(item, f"{name}/")
            elif item.name.endswith(suffixes):
                data = item.read_bytes()
                digest.update(f"{name}\0{len(data)}\0".encode())
                digest.update(data)

    walk(root, "")
    return digest.hexdigest()


def pipeline_identity(model: str) -> dict[str, str] | None:
    """The name, language and version an installed spaCy pipeline (a package or a
    folder) declares in its meta.json, read without loading it (nor spaCy); None when
    unknown."""
    try:
        folder = _package_folder(model) or Path(model)
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return {"lang": str(meta["lang"]), "name": str(meta["name"]), "version": str(meta["version"])}
    except (OSError, ValueError, KeyError, TypeError, ImportError):
        return None


def _package_folder(name: str) -> Path | None:
    """The folder of the installed package name (as spaCy finds it, without importing it), or None."""
    try:
        metadata.distribution(name)
        spec = importlib.util.find_spec(name)
    except (metadata.PackageNotFoundError, ValueError, ImportError):
        return None
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def extraction_settings(model: str) -> dict[str, Any] | None:
    """Everything besides the text that decides what extraction gives; None when the
    pipeline cannot be identified (nothing is then taken from the cache)."""
    pipeline = pipeline_identity(model)
    if pipeline is None:
        return None
    package = resources.files("kzgraph")
    return {
        "format": FORMAT,
        "kzgraph": __version__,
        "code": _tree_digest(package, (".py",)),
        "data": _tree_digest(package / "data", ("",)),
        "spacy": metadata.version("spacy"),
        "model": model,
        "pipeline": pipeline,
    }


# --------------------------------------------------------------------------- JSON


def encode(value: Any) -> Any:
    """value (articles and extractions: dataclasses of ``extract.model``, lists, tuples,
    dicts and plain values) as JSON data that :func:`decode` turns back into an equal value."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if type(value).__name__ in _TYPES and _TYPES[type(value).__name__] is type(value):
        return {"t": type(value).__name__, "v": [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]}
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


def decode(text: str) -> Any:
    """The value of JSON text holding what :func:`encode` gave; ValueError when it is not
    such JSON. Only the dataclasses of ``extract.model`` are ever made."""
    return json.loads(text, object_hook=_decoded)


_DATACLASS_KEYS, _TUPLE_KEYS, _DICT_KEYS = frozenset({"t", "v"}), frozenset({"tuple"}), frozenset({"dict"})


def _decoded(data: dict) -> Any:
    """A JSON object made back into the value it encodes (see :func:`encode`)."""
    keys = data.keys()
    if keys == _DATACLASS_KEYS:
        checks = _FIELD_CHECKS.get(data["t"]) if isinstance(data["t"], str) else None
        values = data["v"]
        if (checks is None or type(values) is not list or len(values) != len(checks)
                or not all(map(operator.call, checks, values))):
            raise ValueError(f"not an extraction: {str(data)[:60]}")
        return _TYPES[data["t"]](*values)
    if keys == _TUPLE_KEYS and isinstance(data["tuple"], list):
        return tuple(data["tuple"])
    if keys == _DICT_KEYS and isinstance(data["dict"], list):
        return {k: v for k, v in data["dict"]}
    return data


_TYPES = {name: cls for name, cls in vars(extraction_model).items()
          if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == extraction_model.__name__}


def _checker(hint: Any) -> Callable[[Any], bool]:
    """A test of whether a value is of the type hint says (a type of ``extract.model``'s
    annotations); a type no entry can hold gives a test that always fails."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_checker(arg) for arg in args]
        return lambda value: any(map(operator.call, options, itertools.repeat(value)))
    if origin is list:
        item = _checker(args[0])
        return lambda value: type(value) is list and all(map(item, value))
    if origin is tuple:
        items = [_checker(arg) for arg in args]
        return lambda value: (type(value) is tuple and len(value) == len(items)
                              and all(map(operator.call, items, value)))
    if origin is dict:
        key, item = _checker(args[0]), _checker(args[1])
        return lambda value: type(value) is dict and all(key(k) and item(v) for k, v in value.items())
    if origin is typing.Literal:
        return lambda value: value in args
    if origin is not None:
        return lambda value: False
    if hint is type(None):
        return lambda value: value is None
    if hint in (int, float, str, bool):
        return lambda value: type(value) is hint
    return lambda value: isinstance(value, hint)


def _field_checks() -> dict[str, list[Callable[[Any], bool]]]:
    """Type name -> a test per field of the extraction dataclasses (none if their types
    cannot be resolved: then no entry is ever taken)."""
    try:
        return {name: [_checker(typing.get_type_hints(cls)[f.name]) for f in dataclasses.fields(cls)]
                for name, cls in _TYPES.items()}
    except (NameError, TypeError, KeyError):
        return {}


_FIELD_CHECKS = _field_checks()


# --------------------------------------------------------------------------- cache


def file_digest(path: Path) -> str | None:
    """sha256 of a regular file's bytes; None when it is not one or cannot be read (a
    pipe is never opened here: what it holds is read once, by the build)."""
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


_ARTICLE_FIELDS = ("position", "title", "date", "date_inferred", "body", "url", "publisher", "language")


class ExtractionCache:
    """The articles and extractions of an earlier build of the same output (see the
    module's description).

    :meth:`read` gives a file's articles, from an entry when one matches, else read from
    the file; :meth:`extractions` then gives the entry's extractions (read and decoded
    only then, so that the build holds few at a time); :meth:`put`
    records those of a file read afresh (written in batches, atomically, as the build
    goes: an interrupted build keeps what it extracted), and :meth:`finish` writes the
    manifest and removes the entries the build did not use. fresh makes it find nothing
    (and renew every entry); settings None (see :func:`extraction_settings`) makes it
    find nothing and keep nothing.
    """

    def __init__(self, folder: Path | str, settings: dict[str, Any] | None, *, inputs: Iterable[Path] = (),
                 fresh: bool = False) -> None:
        self.folder = Path(folder)
        self.settings = settings
        self.inputs = list(inputs)
        self.fresh = fresh
        self._settings_digest = (hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()
                                 if settings is not None else "")
        self._used: dict[str, dict[str, str]] = {}  # shown path -> {"sha256", "entry"}
        self._found: dict[Path, tuple[int, str, str]] = {}  # path -> (articles, entry, sha256)
        self._pending: list[tuple[str, str]] = []   # (entry name, JSON text) to write
        self.hits = 0
        self.warning: str | None = None  # why the cache could not be written, if it could not

    def _entry(self, source: Source, sha256: str) -> str:
        listed = dataclasses.astuple(source.listed) if source.listed else None
        key = json.dumps([self._settings_digest, os.fsencode(source.path).hex(), os.fsencode(source.name).hex(),
                          sha256, listed])
        return f"{hashlib.sha256(key.encode('ascii')).hexdigest()}.json"

    def read(self, source: Source) -> list[Article]:
        """The articles of source: an entry's when one holds the file's content, path and
        settings, else ``corpus.read_source``'s (whose errors it raises)."""
        sha256 = file_digest(source.path) if self.settings is not None else None
        if sha256 is not None and not self.fresh:
            entry = self._entry(source, sha256)
            articles = self._load(source, entry, sha256)
            if articles is not None:
                self._found[source.path] = (len(articles), entry, sha256)
                self._used[shown(source.path)] = {"sha256": sha256, "entry": entry}
                return articles
        articles = read_source(source)
        if sha256 is not None and file_digest(source.path) == sha256:  # not changed while it was read
            self._used[shown(source.path)] = {"sha256": sha256, "entry": self._entry(source, sha256)}
        return articles

    def _load(self, source: Source, entry: str, sha256: str) -> list[Article] | None:
        """The articles an entry holds (its extractions are read again when the build comes
        to them, so that the build never holds them all); None when it is missing or in doubt."""
        data = self._data(entry, sha256)
        try:
            articles = [Article(source=source.path, name=source.name, **dict(zip(_ARTICLE_FIELDS, values, strict=True)))
                        for values in data["articles"]] if data is not None else None
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        if not articles or not isinstance(data["extractions"], str):
            return None
        return articles

    def _data(self, entry: str, sha256: str) -> dict | None:
        """What an entry made with these settings for a file of this content holds; None when
        it is missing or in doubt."""
        try:
            data = json.loads((self.folder / entry).read_text(encoding="utf-8"))
            if data["settings"] != self._settings_digest or data["sha256"] != sha256:
                return None
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None
        return data

    def holds(self, path: Path) -> bool:
        """Did :meth:`read` take the articles of path from an entry?"""
        return path in self._found

    def extractions(self, path: Path) -> list[ArticleExtraction] | None:
        """The extractions of the articles :meth:`read` took from an entry for path (given
        once); None if there are none or they cannot be decoded."""
        if path not in self._found:
            return None
        count, entry, sha256 = self._found.pop(path)
        data = self._data(entry, sha256)
        try:
            extractions = decode(data["extractions"]) if data is not None else None
        except (ValueError, TypeError, KeyError, RecursionError):
            return None
        if type(extractions) is not list or len(extractions) != count \
                or not all(type(e) is ArticleExtraction for e in extractions):
            return None
        self.hits += 1
        return extractions

    def put(self, path: Path, articles: list[Article], extractions: list[ArticleExtraction]) -> None:
        """Record the extractions of the articles :meth:`read` read afresh from path."""
        used = self._used.get(shown(path))
        if self.settings is None or used is None:
            return
        try:
            data = {"settings": self._settings_digest, "sha256": used["sha256"],
                    "articles": [[getattr(a, name) for name in _ARTICLE_FIELDS] for a in articles],
                    "extractions": json.dumps(encode(extractions), ensure_ascii=True, separators=(",", ":"))}
            text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        except (TypeError, ValueError):  # something JSON cannot hold: the file is extracted each time
            return
        self._pending.append((used["entry"], text))
        if len(self._pending) >= WRITE_BATCH:
            self._write()

    def finish(self) -> None:
        """Write what is pending and the manifest; remove entries this build did not use."""
        if self.settings is None:
            return
        self._write()
        manifest = {"format": FORMAT, "settings": self.settings,
                    "files": {path: self._used[path] for path in sorted(self._used)}}
        used = {item["entry"] for item in self._used.values()}
        try:
            with Outputs(self.inputs) as outputs:
                outputs.write(self.folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
                for name in sorted(os.listdir(self.folder)):
                    if ENTRY_RE.fullmatch(name) and name not in used:
                        outputs.remove(self.folder / name)
        except (OutputError, OSError) as exc:
            self._failed(exc)

    def _write(self) -> None:
        if not self._pending or self.warning:
            self._pending.clear()
            return
        try:
            with Outputs(self.inputs) as outputs:
                for name, text in self._pending:
                    outputs.write(self.folder / name, text)
        except OutputError as exc:
            self._failed(exc)
        self._pending.clear()

    def _failed(self, exc: Exception) -> None:
        self.warning = self.warning or f"{exc}; the extraction cache was not saved"
