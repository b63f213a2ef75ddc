"""``kzgraph query``, ``validate``, ``reason`` and ``export``: asking the graph, checking it,
reasoning over it and carrying it to other triple stores."""

from __future__ import annotations

import gc
from collections import Counter
from pathlib import Path

import click

from kzgraph.cli.common import EXIT_NONCONFORMANT, InputError, project_root, reported
from kzgraph.query import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

DEFAULT_GRAPH = Path("graphs/kzgraph.ttl")
QUERY_FORMATS = ("table", "csv", "tsv", "json")
EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")

_graph_argument = click.argument("graph", required=False, default=str(DEFAULT_GRAPH),
                                 type=click.Path(dir_okay=False, path_type=Path))
store_option = click.option(
    "--store", "store", metavar="DIR|URL",
    help="Where the graph is: a store folder (with GRAPH, the folder to keep it in instead of "
         "GRAPH's own, e.g. graphs/kzgraph.oxigraph/) or the URL of a SPARQL endpoint.")


def _ontology_file(option: Path | None, name: str) -> Path:
    return option if option is not None else project_root() / "ontology" / name


def _inferred_file(graph: Path) -> Path:
    from kzgraph.stores import inferred_path

    path = inferred_path(graph)
    if not path.is_file():
        raise InputError(f"{path}: no such file (run `kzgraph reason {graph}` first)")
    return path


# ---------------------------------------------------------------- query

@click.command()
@click.argument("query", required=False, metavar="NAME|FILE")
@click.option("-e", "--expression", metavar="TEXT", help="Run this SPARQL text instead of a query file.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set a parameter of the query (repeatable). Names of people, states and "
                   "organizations may be given as a label or as an IRI.")
@click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="table for people; csv, tsv and json are the SPARQL 1.1 results formats.")
@click.option("-g", "--graph", "graphs", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help=f"RDF file to query (repeatable; default {DEFAULT_GRAPH}).")
@click.option("--inferred", is_flag=True,
              help="Also query the inferred triples written by `kzgraph reason` (GRAPH-inferred.ttl).")
@store_option
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Stop the query after this many seconds (0: no limit).")
@click.option("--max-rows", type=click.IntRange(min=0), default=DEFAULT_MAX_ROWS, show_default=True,
              help="Return at most this many rows or triples (0: no cap).")
@click.option("--allow-service", is_flag=True,
              help="Let SERVICE send parts of the query to the servers it names (refused by default).")
@click.option("-l", "--list", "list_queries", is_flag=True, help="List the queries in queries/ and exit.")
def query(query: str | None, expression: str | None, params: tuple[str, ...], fmt: str,
          graphs: tuple[Path, ...], inferred: bool, store: str | None, timeout: float, max_rows: int,
          allow_service: bool, list_queries: bool) -> None:
    """Run a SPARQL query: a name from queries/ (e.g. meetings-of-person), a .rq file, or -e TEXT.

    Queries run in Oxigraph, on the store beside the graph file (loaded again only when
    the file has changed).

    \b
    Examples:
      kzgraph query --list
      kzgraph query meetings-of-person --param person="Yermek Kosherbayev"
      kzgraph query queries/timeline.rq -p from=2026-03-01 -p to=2026-03-31 --format csv
      kzgraph query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from kzgraph import query as q

    directory = project_root() / "queries"
    with reported():
        if list_queries:
            _print_query_list(q.list_queries(directory))
            return
        if (query is None) == (expression is None):
            raise click.UsageError("give a query NAME or FILE, or -e TEXT (one of them)")
        loaded = (q.parse_query(expression, name="-e", source="-e") if expression is not None
                  else q.load_query(query, directory))
        given = {}
        for item in params:
            name, equals, value = item.partition("=")
            if not equals or not name.strip():
                raise InputError(f"--param {item!r}: write NAME=VALUE")
            given[name.strip()] = value
        unknown = sorted(set(given) - set(loaded.params))
        if unknown:
            takes = ", ".join(loaded.params) or "no parameters"
            raise InputError(f"{loaded.name}: unknown parameter {unknown[0]!r} (it takes: {takes})")
        graph = open_source(list(graphs), store, inferred=inferred, timeout=timeout or None)
        bindings = q.bind_params(loaded, given, graph)
        limits = q.Limits(timeout=timeout or None, max_rows=max_rows or None, allow_service=allow_service)
        result = q.run_query(graph, loaded, bindings, limits)
        click.echo(q.format_result(result, fmt), nl=False)
    if result.truncated:
        click.echo(f"kzgraph: warning: only the first {max_rows} results are shown (--max-rows)", err=True)
    if result.form == "SELECT" and not result.rows:
        for name, term in bindings.items():
            if loaded.params[name].kind == "string" or loaded.params[name].kind.startswith("@"):  # a name
                hints = q.label_suggestions(graph, str(term))
                if hints:
                    click.echo(f"kzgraph: nothing is labelled {str(term)!r}; did you mean "
                               f"{' or '.join(repr(h) for h in hints)}?", err=True)


def open_source(files: list[Path], store: str | None = None, *, inferred: bool = False,
                timeout: float | None = None):
    """The graph to work on: the endpoint at a --store URL, a --store folder as it is, the
    store of one graph file (default graphs/kzgraph.ttl; kept in the --store folder when one is
    given), or several files loaded together in memory."""
    from kzgraph.endpoint import SparqlEndpoint, is_endpoint
    from kzgraph.triplestore import load_files, open_graph, open_store

    if is_endpoint(store):
        if files or inferred:
            raise InputError("--store URL: the endpoint is the graph; a graph file or --inferred does not apply")
        return SparqlEndpoint(store, timeout=timeout)
    if store is not None and not files:
        return open_store(Path(store), inferred=inferred)
    files = files or [DEFAULT_GRAPH]
    if len(files) == 1:
        return open_graph(files[0], inferred=inferred, location=Path(store) if store else None)
    if store is not None:
        raise InputError("--store DIR keeps one graph file (give a single graph)")
    return load_files(*files, inferred_file=_inferred_file(files[0]) if inferred else None)


def _rdflib_parts(source, asserted: bool, inferred: bool):
    """The asserted and inferred triples of source as rdflib graphs (None for a part not asked for)."""
    from kzgraph.triplestore import GRAPH_INFERRED

    if not hasattr(source, "store"):  # an endpoint holds one graph
        if inferred:
            raise InputError("--store URL: an endpoint's triples are exported as they are (no --inferred, --all)")
        return source.rdflib_graph(), None
    plain = [g for g in source.graphs if g != GRAPH_INFERRED]
    return (source.rdflib_graph(plain) if asserted else None,
            source.rdflib_graph([GRAPH_INFERRED]) if inferred else None)


def _print_query_list(queries) -> None:
    for item in queries:
        click.echo(f"{item.name}: {item.title}")
        if item.description:
            click.echo(f"    {item.description}")
        for param in item.params.values():
            click.echo(f"    --param {param.name}={param.default}  {param.meaning}")


# ---------------------------------------------------------------- validate

@click.command()
@_graph_argument
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="SHACL shapes (default: ontology/shapes.ttl).")
@click.option("--ontology", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Ontology mixed in for class checks (default: ontology/kzgraph.ttl).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "turtle"]), default="text", show_default=True,
              help="text: a report for people; turtle: the SHACL validation report as RDF.")
def validate(graph: Path, shapes: Path | None, ontology: Path | None, fmt: str) -> None:
    """Check GRAPH (default graphs/kzgraph.ttl) against the SHACL shapes.

    Exits 0 when the graph conforms, 1 with a report naming each failing node when it does not.
    """
    from kzgraph.stores import load_graph, serialize_turtle
    from kzgraph.validate import validate as check

    with reported():
        report = check(graph, load_graph(_ontology_file(shapes, "shapes.ttl")), _ontology_file(ontology, "kzgraph.ttl"))
        if fmt == "turtle":
            click.echo(serialize_turtle(report.results_graph), nl=False)
        else:
            click.echo(report.text(str(graph)), nl=False)
    if not report.conforms:
        raise click.exceptions.Exit(EXIT_NONCONFORMANT)


# ---------------------------------------------------------------- reason

@click.command()
@_graph_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the inferred triples (default: GRAPH-inferred.ttl, "
                   "i.e. graphs/kzgraph-inferred.ttl).")
@click.option("--ontology", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Ontology to reason with (default: ontology/kzgraph.ttl).")
@click.option("--engine", type=click.Choice(["rules", "owlrl"]), default="rules", show_default=True,
              help="rules: the OWL 2 RL rules of the ontology's axioms applied to the graph's triples to a fixpoint; "
                   "owlrl: owlrl's full OWL 2 RL closure (the reference; slow past some 100k triples).")
def reason(graph: Path, output: Path | None, ontology: Path | None, engine: str) -> None:
    """Compute the OWL 2 RL closure of GRAPH with the ontology and write only the inferred triples.

    Both engines give the same triples for the axioms the ontology uses (subclasses,
    subproperties, inverses, symmetric properties, property chains, domains and ranges).
    The asserted graph is left as it is; `kzgraph export --all` or `kzgraph query --inferred`
    bring the two together.
    """
    from kzgraph.outputs import check_output
    from kzgraph.stores import inferred_path, load_graph, write_ntriples_turtle, write_turtle

    with reported():
        target = output or inferred_path(graph)
        ontology_file = _ontology_file(ontology, "kzgraph.ttl")
        check_output(target, [graph, ontology_file])
        if engine == "rules":
            from kzgraph.rules import materialize_ntriples

            gc.disable()  # millions of tuples, none in a cycle: collecting them is wasted time
            try:
                result = materialize_ntriples(graph, ontology_file)
                write_ntriples_turtle(result.inferred, target, inputs=[graph, ontology_file])
            finally:
                gc.enable()
            counts = Counter({p[1:-1]: n for p, n in result.inferred.predicate_counts().items()})
        else:
            from kzgraph.reason import expand

            result = expand(open_source([graph]).rdflib_graph(), load_graph(ontology_file))
            write_turtle(result.inferred, target, inputs=[graph, ontology_file])
            counts = Counter(str(p) for _, p, _ in result.inferred)
    from rdflib import URIRef

    from kzgraph.namespaces import PREFIXES
    from kzgraph.query import short_term

    click.echo(f"inferred {len(result.inferred)} triples from {result.asserted} asserted "
               f"in {result.seconds:.1f} s: {target}")
    for predicate, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:12]:
        click.echo(f"  {short_term(URIRef(predicate), PREFIXES):<24}{count:>7}")
    for message in result.inconsistencies:
        click.echo(f"kzgraph: warning: inconsistency: {' '.join(message.split())}", err=True)


# ---------------------------------------------------------------- export

@click.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True,
              help="Output format; trig and nquads keep asserted and inferred triples in two named graphs.")
@click.option("--asserted", "part", flag_value="asserted", default=True,
              help="Export the asserted triples only (default).")
@click.option("--inferred", "part", flag_value="inferred",
              help="Export the inferred triples only (GRAPH-inferred.ttl, from `kzgraph reason`).")
@click.option("--all", "part", flag_value="all", help="Export asserted and inferred triples.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              default=Path("-"), show_default=True, help="File to write ('-': standard output).")
@store_option
def export(graph: Path | None, fmt: str, part: str, output: Path, store: str | None) -> None:
    """Write GRAPH (default graphs/kzgraph.ttl) in a format other triple stores load, in a stable order.

    \b
    Named graphs (trig, nquads):
      https://kzgraph.org/graph/asserted   what the texts say
      https://kzgraph.org/graph/inferred   what OWL 2 RL reasoning adds
    """
    from kzgraph.export import export_graphs
    from kzgraph.outputs import check_output
    from kzgraph.stores import inferred_path, write_text_atomic

    with reported():
        wants_inferred = part in ("inferred", "all")
        files = [graph] if graph else ([] if store else [DEFAULT_GRAPH])
        sources = list(files) if part in ("asserted", "all") else []
        if wants_inferred and files:
            sources.append(inferred_path(files[0]))
        if str(output) != "-":
            check_output(output, sources)
        source = open_source(files, store, inferred=wants_inferred)
        asserted, inferred = _rdflib_parts(source, part in ("asserted", "all"), wants_inferred)
        text = export_graphs(fmt, asserted, inferred)
        if str(output) == "-":
            click.echo(text, nl=False)
        else:
            write_text_atomic(output, text, inputs=sources)
            click.echo(f"wrote {output} ({fmt}, {part})", err=True)


# ---------------------------------------------------------------- push

@click.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol URL (Virtuoso: http://HOST:8890/sparql-graph-crud).")
@click.option("--graph", "graph_iri", default="https://kzgraph.org/graph/asserted", show_default=True,
              metavar="IRI", help="Named graph to replace with the asserted triples.")
@click.option("--inferred", is_flag=True,
              help="Also replace https://kzgraph.org/graph/inferred with the inferred triples (`kzgraph reason`).")
@click.option("--batch", type=click.IntRange(min=1), default=50_000, show_default=True,
              help="Triples sent in one request.")
@store_option
def push(graph: Path | None, endpoint: str, graph_iri: str, inferred: bool, batch: int, store: str | None) -> None:
    """Replace a named graph of another triple store with GRAPH (default graphs/kzgraph.ttl),
    through the SPARQL 1.1 Graph Store HTTP Protocol, in batches; pushing again gives the same graph."""
    from kzgraph.push import push_graph
    from kzgraph.triplestore import GRAPH_INFERRED

    with reported():
        source = open_source([graph] if graph else [], store, inferred=inferred)
        if not hasattr(source, "store"):
            raise InputError("--store URL: push reads a graph file or a store folder, not an endpoint")
        parts = [([g for g in source.graphs if g != GRAPH_INFERRED], graph_iri)]
        if inferred:
            parts.append(([GRAPH_INFERRED], GRAPH_INFERRED.value))
        for graphs, target in parts:
            quads = (q for g in graphs for q in source.store.quads_for_pattern(None, None, None, g))
            sent = push_graph(quads, endpoint, target, batch=batch)
            click.echo(f"pushed {sent} triples to <{target}> at {endpoint}")


COMMANDS = [query, validate, reason, export, push]
