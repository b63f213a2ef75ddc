"""Where articles come from: the ``SOURCES.tsv`` listing a folder of inputs may hold.

A listing is UTF-8 text, tab-separated; each line describes one file of the folder (its
path relative to the folder, with ``/`` between folders): the address it was published
at (http or https), its publisher's name, its publication date (YYYY, YYYY-MM or
YYYY-MM-DD) and its language (a BCP 47 tag such as ``en`` or ``en-GB``). A first line
starting with ``file`` is a header naming the columns, ``file`` first, then any of
``url publisher date language`` in any order; without one, a line holds either all five
columns in that order or the short form ``file url date``. Every field but ``file`` may
be empty; blank lines and lines starting with ``#`` are passed over. The listing is not
an article itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from kzgraph.errors import CorpusError

SIDECAR = "SOURCES.tsv"
COLUMNS = ("file", "url", "publisher", "date", "language")
SHORT_COLUMNS = ("file", "url", "date")

_URL_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class SidecarError(CorpusError):
    """A listing of sources is malformed or names a file that is not there (the message
    names the listing and its line). A build stops on it, even when told to keep going."""


@dataclass(frozen=True)
class Listed:
    """What a listing says of one file: each field None when it is left empty."""

    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    language: str | None = None


def read_sidecar(path: Path, shown_path: str) -> dict[PurePosixPath, Listed]:
    """The files a listing describes (relative to its folder) and what it says of each.

    Raises:
        SidecarError: the listing cannot be read, or a line is malformed, repeats a file,
            or names a file that is not in the folder.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise SidecarError(f"{shown_path}: cannot be read as UTF-8 text ({e})") from None
    lines = text.replace("\r\n", "\n").split("\n")
    header = tuple(field.strip().lower() for field in lines[0].split("\t"))
    if header[0] == "file":
        if len(set(header)) != len(header) or not set(header) <= set(COLUMNS):
            raise SidecarError(f"{shown_path}:1: the header must name the tab-separated columns file, then any of "
                               f"{' '.join(COLUMNS[1:])}, each once")
        lines[0] = ""
    listed: dict[PurePosixPath, Listed] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        columns = header if header[0] == "file" else {len(COLUMNS): COLUMNS, 3: SHORT_COLUMNS}.get(len(fields))
        if columns is None or len(fields) != len(columns):
            expected = " ".join(columns) if columns else f"{' '.join(COLUMNS)} or {' '.join(SHORT_COLUMNS)}"
            raise SidecarError(f"{shown_path}:{number}: {len(fields)} fields, not {len(columns or COLUMNS)} "
                               f"({expected}, separated by tabs)")
        row = dict(zip(columns, fields))
        name, url, publisher, day, language = (row.get(column, "") for column in COLUMNS)
        relative = PurePosixPath(name)
        if not name or relative.is_absolute() or ".." in relative.parts:
            raise SidecarError(f"{shown_path}:{number}: {name!r} is not a path inside the listing's folder")
        if relative in listed:
            raise SidecarError(f"{shown_path}:{number}: {name} is listed twice")
        if not (path.parent / relative).is_file():
            raise SidecarError(f"{shown_path}:{number}: {name}: no such file beside the listing")
        if url and not _URL_RE.match(url):
            raise SidecarError(f"{shown_path}:{number}: {url!r} is not an http or https address")
        if day and not _valid_date(day):
            raise SidecarError(f"{shown_path}:{number}: {day!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if language and not _LANGUAGE_RE.match(language):
            raise SidecarError(f"{shown_path}:{number}: {language!r} is not a language tag (such as en or en-GB)")
        listed[relative] = Listed(url or None, " ".join(publisher.split()) or None, day or None, language or None)
    return listed


def _valid_date(text: str) -> bool:
    if not _DATE_RE.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True
