"""``kzgraph query``, ``validate``, ``reason`` and ``export``: asking the graph, checking it,
reasoning over it and carrying it to other triple stores."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

import click

from kzgraph.cli.common import EXIT_NONCONFORMANT, InputError, project_root
from kzgraph.errors import KzGraphError

DEFAULT_GRAPH = Path("graphs/kzgraph.ttl")
QUERY_FORMATS = ("table", "csv", "tsv", "json")
EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")

_graph_argument = click.argument("graph", required=False, default=str(DEFAULT_GRAPH),
                                 type=click.Path(dir_okay=False, path_type=Path))


@contextlib.contextmanager
def _reported():
    """Turn the library's errors into one-line messages with exit code 2."""
    try:
        yield
    except KzGraphError as exc:
        raise InputError(str(exc)) from exc


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
              help="Also load the inferred triples written by `kzgraph reason` (GRAPH-inferred.ttl).")
@click.option("-l", "--list", "list_queries", is_flag=True, help="List the queries in queries/ and exit.")
def query(query: str | None, expression: str | None, params: tuple[str, ...], fmt: str,
          graphs: tuple[Path, ...], inferred: bool, list_queries: bool) -> None:
    """Run a SPARQL query: a name from queries/ (e.g. meetings-of-person), a .rq file, or -e TEXT.

    \b
    Examples:
      kzgraph query --list
      kzgraph query meetings-of-person --param person="Yermek Kosherbayev"
      kzgraph query queries/timeline.rq -p from=2026-03-01 -p to=2026-03-31 --format csv
      kzgraph query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from kzgraph import query as q

    directory = project_root() / "queries"
    with _reported():
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
        from kzgraph.stores import load_graph

        files = list(graphs) or [DEFAULT_GRAPH]
        if inferred:
            files.append(_inferred_file(files[0]))
        graph = load_graph(*files)
        bindings = q.bind_params(loaded, given, graph)
        result = q.run_query(graph, loaded, bindings)
        click.echo(q.format_result(result, fmt), nl=False)
    if result.form == "SELECT" and not result.rows:
        for name, term in bindings.items():
            if loaded.params[name].kind == "string":
                hints = q.label_suggestions(graph, str(term))
                if hints:
                    click.echo(f"kzgraph: nothing is labelled {str(term)!r}; did you mean "
                               f"{' or '.join(repr(h) for h in hints)}?", err=True)


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

    with _reported():
        data = load_graph(graph)
        report = check(data, load_graph(_ontology_file(shapes, "shapes.ttl")),
                       load_graph(_ontology_file(ontology, "kzgraph.ttl")))
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
def reason(graph: Path, output: Path | None, ontology: Path | None) -> None:
    """Compute the OWL 2 RL closure of GRAPH with the ontology and write only the inferred triples.

    The asserted graph is left as it is; `kzgraph export --all` or `kzgraph query --inferred`
    bring the two together.
    """
    from kzgraph.outputs import check_output
    from kzgraph.reason import expand
    from kzgraph.stores import inferred_path, load_graph, write_turtle

    with _reported():
        target = output or inferred_path(graph)
        ontology_file = _ontology_file(ontology, "kzgraph.ttl")
        check_output(target, [graph, ontology_file])
        asserted = load_graph(graph)
        result = expand(asserted, load_graph(ontology_file))
        write_turtle(result.inferred, target, inputs=[graph, ontology_file])
    from kzgraph.query import short_term
    from kzgraph.namespaces import PREFIXES

    click.echo(f"inferred {len(result.inferred)} triples from {len(asserted)} asserted "
               f"in {result.seconds:.1f} s: {target}")
    counts = Counter(p for _, p, _ in result.inferred)
    for predicate, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:12]:
        click.echo(f"  {short_term(predicate, PREFIXES):<24}{count:>7}")
    for message in result.inconsistencies:
        click.echo(f"kzgraph: warning: inconsistency: {' '.join(message.split())}", err=True)


# ---------------------------------------------------------------- export

@click.command()
@_graph_argument
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="turtle", show_default=True,
              help="Output format; trig and nquads keep asserted and inferred triples in two named graphs.")
@click.option("--asserted", "part", flag_value="asserted", default=True,
              help="Export the asserted triples only (default).")
@click.option("--inferred", "part", flag_value="inferred",
              help="Export the inferred triples only (GRAPH-inferred.ttl, from `kzgraph reason`).")
@click.option("--all", "part", flag_value="all", help="Export asserted and inferred triples.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              default=Path("-"), show_default=True, help="File to write ('-': standard output).")
def export(graph: Path, fmt: str, part: str, output: Path) -> None:
    """Write GRAPH (default graphs/kzgraph.ttl) in a format other triple stores load, in a stable order.

    \b
    Named graphs (trig, nquads):
      https://kzgraph.org/graph/asserted   what the texts say
      https://kzgraph.org/graph/inferred   what OWL 2 RL reasoning adds
    """
    from kzgraph.export import export_graphs
    from kzgraph.outputs import check_output
    from kzgraph.stores import load_graph, write_text_atomic

    with _reported():
        sources = [graph] if part in ("asserted", "all") else []
        if part in ("inferred", "all"):
            sources.append(_inferred_file(graph))
        if str(output) != "-":
            check_output(output, sources)
        asserted = load_graph(graph) if part in ("asserted", "all") else None
        inferred = load_graph(sources[-1]) if part in ("inferred", "all") else None
        text = export_graphs(fmt, asserted, inferred)
        if str(output) == "-":
            click.echo(text, nl=False)
        else:
            write_text_atomic(output, text, inputs=sources)
            click.echo(f"wrote {output} ({fmt}, {part})", err=True)


COMMANDS = [query, validate, reason, export]
