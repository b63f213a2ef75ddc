"""``kzgraph serve``: the graph as a read-only SPARQL 1.1 Protocol endpoint."""

from __future__ import annotations

import gc
import signal
import sys
from pathlib import Path

import click
import pyoxigraph as ox

from kzgraph.cli.common import InputError, project_root, reported
from kzgraph.query import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT


@click.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Store folder: with GRAPH, the one to keep it in; alone, a store served as it is.")
@click.option("--inferred", is_flag=True, help="Also serve the inferred triples written by `kzgraph reason`.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=1), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Stop a query after this many seconds.")
@click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_MAX_ROWS, show_default=True,
              help="Refuse results of more rows or triples than this.")
def serve(graph: Path | None, store: Path | None, inferred: bool, host: str, port: int, timeout: float,
          max_rows: int) -> None:
    """Serve GRAPH (default graphs/kzgraph.ttl) read-only as a SPARQL 1.1 Protocol endpoint
    at /sparql, with a query page at /; Ctrl-C stops it.

    Results come in SPARQL JSON, XML, CSV or TSV as the Accept header asks; updates and
    SERVICE are refused.
    """
    from kzgraph.cli.graphs import open_source
    from kzgraph.query import list_queries
    from kzgraph.serve import Backend, Settings, make_server

    with reported():
        source = open_source([graph] if graph else [], str(store) if store else None, inferred=inferred)
        if source.location is None:
            raise InputError(f"{graph}: its store folder cannot be used (read-only, or held by another "
                             f"process while out of date); name another with --store")
        location = source.location
        union = any(isinstance(g, ox.DefaultGraph) for g in source.graphs)  # a store served as it is
        graphs = [] if union else [g.value for g in source.graphs]
        del source
        gc.collect()  # close the store: the server opens it read-only
        backend = Backend(location, timeout, union=union)
    try:
        examples = list_queries(project_root() / "queries")
        try:
            server = make_server(Settings(backend, graphs, timeout, max_rows, examples), host, port)
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        address = f"http://{host}:{server.server_address[1]}"
        click.echo(f"serving {location} at {address}/sparql (query page: {address}/); Ctrl-C stops")
        sys.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        backend.stop()


COMMANDS = [serve]
