"""What every command shares: turning library errors into one-line messages and exit codes."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from kzgraph.errors import KzGraphError

EXIT_OK, EXIT_NONCONFORMANT, EXIT_INPUT, EXIT_INTERNAL, EXIT_SKIPPED = 0, 1, 2, 3, 4


class InputError(click.ClickException):
    """A usage or input problem, reported on one line with exit code 2."""

    exit_code = EXIT_INPUT


STDOUT_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
"""Errors of a write to standard output redirected to a file on a full disk (a broken
pipe ends the command quietly, as click arranges)."""


@contextlib.contextmanager
def reported():
    """Turn the library's errors into one-line messages with exit code 2."""
    try:
        yield
    except KzGraphError as exc:
        raise InputError(str(exc)) from exc


def run_group(group: click.Group) -> None:
    """Run group, mapping KzGraphError (and a full disk under standard output) to exit 2
    and any other exception to exit 3."""
    _buffer_stdout()
    try:
        code = group.main(standalone_mode=False)
        if sys.stdout is not None:  # None when started with standard output closed
            sys.stdout.flush()
    except click.exceptions.Abort:
        click.echo("kzgraph: aborted", err=True)
        sys.exit(EXIT_INPUT)
    except click.ClickException as exc:
        click.echo(f"kzgraph: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except KzGraphError as exc:
        click.echo(f"kzgraph: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except OSError as exc:
        if exc.errno not in STDOUT_FULL or exc.filename is not None:
            _internal_error(exc)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # drop what is left to write
        click.echo(f"kzgraph: error: standard output: cannot write: {exc.strerror}", err=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        _internal_error(exc)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _buffer_stdout() -> None:
    """Write standard output through a buffer even when Python runs unbuffered
    (PYTHONUNBUFFERED): an unbuffered stream drops the rest of a short write (a disk
    filling up) without an error, a buffered one retries it and raises."""
    raw = getattr(sys.stdout, "buffer", None)
    if isinstance(raw, io.RawIOBase):
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(raw), encoding=sys.stdout.encoding,
                                      errors=sys.stdout.errors, line_buffering=True)


def _internal_error(exc: Exception) -> NoReturn:
    click.echo(f"kzgraph: internal error: {type(exc).__name__}: {exc}", err=True)
    sys.exit(EXIT_INTERNAL)


def project_root(start: Path | None = None) -> Path:
    """The checkout holding ontology/ and queries/: walk up from start (default: cwd)
    to a folder with pyproject.toml and ontology/; fall back to the packaged copy's parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "ontology").is_dir():
            return folder
    source_tree = Path(__file__).resolve().parents[3]
    if (source_tree / "ontology").is_dir():
        return source_tree
    raise InputError("cannot find the kzgraph project folder (ontology/, queries/): run from a checkout")
