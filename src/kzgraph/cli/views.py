"""``kzgraph analyze`` (ranked network measures) and ``kzgraph views`` (HTML views)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from kzgraph.cli.common import reported
from kzgraph.cli.graphs import open_source, store_option

DEFAULT_GRAPH = Path("graphs/kzgraph.ttl")
DEFAULT_VIEWS = Path("graphs")
VIEWS_MANIFEST = ".kzgraph-views"
"""The file listing the pages `kzgraph views` wrote in its folder: the only ones it removes."""

METRIC_COLUMNS = ["rank", "label", "kind", "degree", "weighted_degree", "betweenness", "pagerank",
                  "community", "iri"]
COUNTERPART_COLUMNS = ["rank", "label", "kind", "shared_events", "relations", "first_date",
                       "last_date", "iri"]


def format_rows(rows: list[dict], columns: list[str], fmt: str) -> str:
    """Rows as an aligned text table, CSV or JSON (a list of objects)."""
    if fmt == "json":
        return json.dumps([{c: r[c] for c in columns} for r in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    shown = [c for c in columns if c != "iri"]
    cells = [[_cell(r[c]) for c in shown] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(shown)]
    numeric = [bool(rows) and all(isinstance(r[c], (int, float)) for r in rows) for c in shown]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(shown), line(["-" * w for w in widths])] + [line(row) for row in cells]
    return "\n".join(out) + "\n"


def _cell(value) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


@click.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--network", "network", type=click.Choice(["actors", "states", "bipartite"]),
              default="actors", show_default=True,
              help="actors: persons, states and organizations linked by shared events; states: "
                   "people lifted to the states and organizations they represent; bipartite: "
                   "actors against organizations.")
@click.option("--year", type=int, help="Only events dated in this year.")
@click.option("--ego", metavar="NODE",
              help="Rank the counterparts of NODE (IRI, kzd: name, ISO code or label, e.g. KZ) "
                   "by shared events instead of ranking every node.")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many rows to show (0: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of stdout.")
@store_option
def analyze(graph: Path | None, network: str, year: int | None, ego: str | None, top: int,
            fmt: str, output: Path | None, store: str | None) -> None:
    """Rank the actors of GRAPH (default: graphs/kzgraph.ttl) by degree, weighted degree,
    betweenness and PageRank, with their Louvain community."""
    from kzgraph import analytics
    from kzgraph.outputs import check_output
    from kzgraph.stores import write_text_atomic

    sources = [graph] if graph else ([] if store else [DEFAULT_GRAPH])
    if output:
        check_output(output, sources)
    with reported():
        rdf = open_source(sources, store).rdflib_graph()
    G = analytics.project(rdf, network, year=year)
    if ego:
        rows, columns = analytics.counterparts(G, analytics.find_node(G, ego)), COUNTERPART_COLUMNS
    else:
        rows, columns = analytics.metrics(G), METRIC_COLUMNS
    if top:
        rows = rows[:top]
    text = format_rows(rows, columns, fmt)
    if output:
        write_text_atomic(output, text, inputs=sources)
        click.echo(f"wrote {len(rows)} rows to {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_VIEWS, show_default=True, help="Folder to write the HTML views to.")
@store_option
def views(graph: Path | None, out_dir: Path, store: str | None) -> None:
    """Write the interactive HTML views of GRAPH (default: graphs/kzgraph.ttl) and their
    index.html; every file opens offline.

    The pages replace the earlier ones all together or, on an error, not at all. Pages an
    earlier run wrote (listed in DIR/.kzgraph-views) that this graph no longer has are
    removed; no other file in DIR is touched.
    """
    from kzgraph.outputs import write_folder
    from kzgraph.views import write_views

    sources = [graph] if graph else ([] if store else [DEFAULT_GRAPH])
    with reported():
        rdf = open_source(sources, store).rdflib_graph()
    written = write_folder(out_dir, lambda scratch: write_views(rdf, scratch),
                           manifest=VIEWS_MANIFEST, inputs=sources)
    for path in written:
        click.echo(str(path))


COMMANDS = [analyze, views]
