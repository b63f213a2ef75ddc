"""The ``kzgraph`` command line: one click group, one module per family of commands.

Exit codes: 0 ok or conformant; 1 not conformant (validate); 2 usage or input error;
3 internal error; 4 built, but some inputs could not be read and were skipped (build --keep-going).
"""

from __future__ import annotations

import logging
import sys

import click

from kzgraph import __version__
from kzgraph.cli.common import run_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kzgraph")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and diagnostics on stderr.")
def cli(verbose: bool) -> None:
    """Build, query, check and draw a knowledge graph of Kazakhstan's foreign relations."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="kzgraph: %(message)s", stream=sys.stderr)


def _register() -> None:
    from kzgraph.cli import build, graphs, serve, views

    for module in (build, graphs, views, serve):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    run_group(cli)
