"""Find the files a build reads, name their articles, decode their bytes, tell English from not.

Inputs are files and folders. A folder gives its ``.txt`` and HTML files (``.html``,
``.htm``, ``.xhtml``), recursively, sorted by path; hidden files and folders (name
starting with ".") are passed over quietly, any other file is skipped with a warning,
and a file or folder that cannot be read is a problem. A file given by name is read
whatever its suffix. A ``SOURCES.tsv`` in a folder lists where its files come from (see
``sidecar``): it is read as such, never as an article, and each file it lists carries what
it says of it.

Each file gets a name its articles are known by (their IRIs are minted from it): its
path relative to the folder it was found in, without the suffix (``A/x.txt`` gives
``A/x``), or for a file given by name its name without the suffix. When two files would
get one name, both keep their suffix; if they still clash, both are prefixed with the
name of the folder they were found in (or given from).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kzgraph.errors import CorpusError, NotEnglishError
from kzgraph.sidecar import SIDECAR, Listed, SidecarError, read_sidecar

__all__ = ["HTML_SUFFIXES", "TEXT_SUFFIXES", "Listing", "Source", "decode_html", "decode_text",
           "check_english", "find_sources", "is_html", "language_problem", "shown"]

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def shown(path: Path | str) -> str:
    """A path as printable text: bytes that are not UTF-8 appear as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Source:
    """A file to read and the name its articles are known by."""

    path: Path
    name: str  # POSIX path without the file suffix; may hold undecodable bytes (surrogateescape)
    listed: Listed | None = None  # what the folder's listing of sources says of it


@dataclass
class Listing:
    """What a set of inputs holds: files to read, files skipped (warnings), problems."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[CorpusError] = field(default_factory=list)


@dataclass(frozen=True)
class _Found:
    path: Path
    relative: PurePosixPath  # to the folder it was found in, or the file's name
    folder: str              # name of that folder (for a file given by name, of its parent)
    listed: Listed | None = None


def find_sources(inputs: Iterable[Path | str] | Path | str) -> Listing:
    """The files of inputs (files or folders) in reading order, with their names."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    listing = Listing()
    found: list[_Found] = []
    seen: set[str] = set()
    for given in inputs:
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            problem = "broken link" if path.is_symlink() else "no such file or folder"
            listing.problems.append(CorpusError(f"{shown(path)}: {problem}"))
            continue
        except OSError as e:
            listing.problems.append(CorpusError(f"{shown(path)}: cannot be read ({e.strerror or e})"))
            continue
        if stat.S_ISDIR(mode):
            files: list[tuple[Path, PurePosixPath]] = []
            sidecars: list[tuple[Path, PurePosixPath]] = []
            _walk(path, PurePosixPath(), files, listing, {os.path.realpath(path)}, sidecars)
            folder = Path(os.path.realpath(path)).name
            listed = _listed(sidecars, listing)
            candidates = [_Found(p, rel, folder, listed.get(rel)) for p, rel in sorted(files, key=lambda f: f[1])]
        elif stat.S_ISREG(mode) or stat.S_ISFIFO(mode):  # a pipe: ``kzgraph build <(command)``
            candidates = [_Found(path, PurePosixPath(path.name), Path(os.path.realpath(path)).parent.name)]
        else:
            listing.problems.append(CorpusError(f"{shown(path)}: not a file or folder (a device or socket)"))
            continue
        for candidate in candidates:
            real = os.path.realpath(candidate.path)
            if real not in seen:
                seen.add(real)
                found.append(candidate)
    names = _names(found, listing)
    listing.sources = [Source(f.path, names[f], f.listed) for f in found if f in names]
    return listing


def _listed(sidecars: list[tuple[Path, PurePosixPath]], listing: Listing) -> dict[PurePosixPath, Listed]:
    """What the listings of sources found in a folder say of its files, by their path in it."""
    found: dict[PurePosixPath, Listed] = {}
    for path, folder in sidecars:
        try:
            found.update((folder / rel, listed) for rel, listed in read_sidecar(path, shown(path)).items())
        except SidecarError as e:
            listing.problems.append(e)
    return found


def _walk(folder: Path, relative: PurePosixPath, files: list[tuple[Path, PurePosixPath]],
          listing: Listing, visited: set[str], sidecars: list[tuple[Path, PurePosixPath]]) -> None:
    """Add the readable files under folder to files, its listings of sources (see
    ``sidecar``) to sidecars; skips and problems to listing."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as e:
        listing.problems.append(CorpusError(f"{shown(folder)}: folder cannot be read ({e.strerror or e})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path, rel = Path(entry.path), relative / entry.name
        try:
            if entry.is_dir():
                real = os.path.realpath(path)
                if real not in visited:  # a link back up the tree is not followed again
                    _walk(path, rel, files, listing, visited | {real}, sidecars)
            elif entry.is_file() and entry.name == SIDECAR:
                sidecars.append((path, relative))
            elif entry.is_file():
                suffix = path.suffix.lower()
                if suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES:
                    files.append((path, rel))
                else:
                    listing.skipped.append(f"{shown(path)}: skipped, not a text or HTML file")
            elif entry.is_symlink():
                listing.problems.append(CorpusError(f"{shown(path)}: broken link"))
            else:
                listing.skipped.append(f"{shown(path)}: skipped, not a regular file")
        except OSError as e:
            listing.problems.append(CorpusError(f"{shown(path)}: cannot be read ({e.strerror or e})"))


def _names(found: list[_Found], listing: Listing) -> dict[_Found, str]:
    """The name of each file's articles, unique (see the module docstring)."""

    def name(f: _Found, level: int) -> str:
        if level == 0:
            return f.relative.with_suffix("").as_posix() if f.relative.suffix else f.relative.as_posix()
        full = f.relative.as_posix()
        return full if level == 1 else f"{f.folder}/{full}"

    levels = dict.fromkeys(found, 0)
    while True:
        groups: dict[str, list[_Found]] = defaultdict(list)
        for f in found:
            groups[name(f, levels[f])].append(f)
        lengthen = [f for group in groups.values() if len(group) > 1 for f in group if levels[f] < 2]
        if not lengthen:
            break
        for f in lengthen:
            levels[f] += 1
    names: dict[_Found, str] = {}
    for text, group in groups.items():
        if len(group) == 1:
            names[group[0]] = text
            continue
        for f in group:
            others = ", ".join(shown(g.path) for g in group if g is not f)
            listing.problems.append(CorpusError(
                f"{shown(f.path)}: its articles would be named like those of {others} "
                "(give the folder that holds both)"))
    return names


# --------------------------------------------------------------------------- decoding

_BOMS = (  # UTF-32 before UTF-16: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTML_START_RE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                            re.IGNORECASE | re.DOTALL)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def decode_text(data: bytes, path: Path) -> str:
    """Text of a file's bytes: UTF-8 with or without BOM, or UTF-16/32 with BOM; any line ends
    become "\\n". Raises CorpusError (binary, not UTF-8, empty)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise CorpusError(f"{shown(path)}: not {encoding.upper()} text despite its byte-order mark "
                                  f"(at offset {e.start + len(bom)})") from None
            break
    else:
        if not data.strip():
            raise CorpusError(f"{shown(path)}: empty file")
        if b"\x00" in data:
            raise CorpusError(f"{shown(path)}: binary file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise CorpusError(
                f"{shown(path)}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})"
            ) from None
    if "\x00" in text:
        raise CorpusError(f"{shown(path)}: binary file")
    if not text.strip():
        raise CorpusError(f"{shown(path)}: empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_html(data: bytes, path: Path) -> str:
    """Text of an HTML file: in the charset its ``<meta>`` declares, else as ``decode_text``."""
    declared = _CHARSET_RE.search(data[:4096])
    if declared and not any(data.startswith(bom) for bom, _ in _BOMS):
        charset = declared.group(1).decode("ascii")
        try:
            encoding = codecs.lookup(charset).name
        except LookupError:
            raise CorpusError(f"{shown(path)}: declares an unknown charset ({charset})") from None
        if encoding != "utf-8":
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                raise CorpusError(f"{shown(path)}: not {charset} text as it declares "
                                  f"(at offset {e.start})") from None
            if not text.strip():
                raise CorpusError(f"{shown(path)}: empty file")
            return text.replace("\r\n", "\n").replace("\r", "\n")
    return decode_text(data, path)


def is_html(path: Path, text: str) -> bool:
    """Whether a file is an HTML page: by its suffix, or by how its text starts."""
    return path.suffix.lower() in HTML_SUFFIXES or _HTML_START_RE.match(text[:4096]) is not None


# --------------------------------------------------------------------------- language

# Words every English text is full of, and few texts in other languages using Latin letters.
_ENGLISH_WORDS = frozenset(
    """the of and to in is that for on with as by at from it was were are be been has have had
    this an which or its their will would said says not but also after over than who they he
    she his her two new into about more""".split()
)
_WORD_RE = re.compile(r"[a-z]+")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_OTHER_LETTER_RE = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")
_SAMPLE = 20_000  # characters: enough to tell a language, cheap for any file


def language_problem(text: str) -> str | None:
    """Why text is not English ("written in Cyrillic script"), or None when it may be.

    Mostly letters of another script, or (with 40 words or more) hardly any of the
    commonest English words, is not English.
    """
    sample = text[:_SAMPLE]
    others = _OTHER_LETTER_RE.findall(sample)
    if len(others) > len(_LATIN_LETTER_RE.findall(sample)):
        scripts = Counter(unicodedata.name(c, "UNKNOWN ").split(" ")[0] for c in others)
        script = scripts.most_common(1)[0][0]
        return f"written in {script.title()} script, not English"
    words = _WORD_RE.findall(sample.lower())
    if len(words) >= 40 and sum(w in _ENGLISH_WORDS for w in words) < 0.08 * len(words):
        return "not English (hardly any common English words)"
    return None


def check_english(text: str, path: Path) -> None:
    """Raise NotEnglishError naming path when text is not English."""
    problem = language_problem(text)
    if problem:
        raise NotEnglishError(f"{shown(path)}: {problem}")
