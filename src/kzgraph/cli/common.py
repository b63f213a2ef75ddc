"""What every command shares: turning library errors into one-line messages and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kzgraph.errors import KzGraphError

EXIT_OK, EXIT_NONCONFORMANT, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class InputError(click.ClickException):
    """A usage or input problem, reported on one line with exit code 2."""

    exit_code = EXIT_INPUT


def run_group(group: click.Group) -> None:
    """Run group, mapping KzGraphError to exit 2 and any other exception to exit 3."""
    try:
        code = group.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("kzgraph: aborted", err=True)
        sys.exit(EXIT_INPUT)
    except click.ClickException as exc:
        click.echo(f"kzgraph: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except KzGraphError as exc:
        click.echo(f"kzgraph: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        click.echo(f"kzgraph: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


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
