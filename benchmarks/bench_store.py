"""Oxigraph against rdflib on graphs of kzgraph's shape: load, every shipped query, reasoning,
validation, analysis, the commands end to end, and peak memory, side by side.

Run: python benchmarks/bench_store.py [TRIPLES ...] [--engines oxigraph,rdflib] [--query-timeout S]
     [--owlrl-max TRIPLES] [--command-timeout S] [--skip NAME,...]
     (default sizes 10000 100000; e.g. `python benchmarks/bench_store.py 1000000 --engines oxigraph`)

Each size is generated once (kzgraph.synthetic) and each engine measured in a process of its
own, so that its peak resident memory is its own. Every step gives wall and CPU seconds (CPU of
all threads; the commands' CPU is that of their processes): on a shared machine wall time
waits for other work, CPU time much less.

Oxigraph, what kzgraph does: a persistent store filled from the Turtle (`kzgraph build`), then
opened again unchanged (every later command: a content hash, no parsing); the shipped queries
with their defaults; the rules of `kzgraph reason`, run as it runs them (on the Turtle file,
parsed by a process of its own); then, each as a process of its own
on the built store, `kzgraph reason`, `kzgraph validate` (the shapes as SPARQL), `kzgraph analyze` and
`kzgraph query NAME` for every shipped query (the slowest is shown). rdflib: parsing the
Turtle; the same queries; owlrl (up to --owlrl-max triples: it takes minutes beyond); pySHACL
on the parsed graph. A query past --query-timeout ends that engine's run; a command past
--command-timeout is shown as such.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KZGRAPH = [sys.executable, "-m", "kzgraph"]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


class Clock:
    """Wall and CPU seconds of a step: ``with Clock() as c: ...`` then ``c.figures``."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.figures = [time.perf_counter() - self.wall, time.process_time() - self.cpu]


def command(args: list[str], timeout: float) -> list[float] | str:
    """Wall and CPU seconds of a kzgraph command run as a process of its own (exit 0 or 1)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(KZGRAPH + args, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return f"> {timeout:g} s"
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        return f"failed: {done.stderr.strip().splitlines()[-1:]}"
    return [wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime]


def measure(engine: str, graph: Path, query_timeout: float, owlrl_max: int, command_timeout: float,
            skip: tuple[str, ...] = ()) -> dict:
    """Run one engine on graph; [wall, CPU] seconds per step and peak memory (in a child process)."""
    from kzgraph.query import Limits, QueryLimitError, list_queries, run_query
    from kzgraph.stores import load_graph

    figures: dict = {}
    queries = [q for q in list_queries(ROOT / "queries") if q.name not in skip]
    ontology = ROOT / "ontology" / "kzgraph.ttl"
    if engine == "oxigraph":
        from kzgraph.rules import materialize_ntriples
        from kzgraph.triplestore import open_graph

        folder = graph.with_name(graph.stem + ".oxigraph")  # where `kzgraph build` keeps it
        shutil.rmtree(folder, ignore_errors=True)
        with Clock() as clock:
            source = open_graph(graph)
        figures["load"] = clock.figures
        del source
        with Clock() as clock:
            source = open_graph(graph)
        figures["reopen unchanged"] = clock.figures
        size = source.size()
    else:
        with Clock() as clock:
            source = load_graph(graph)
        figures["load"] = clock.figures
        size = len(source)
        # before the queries: a query past its time limit goes on running in its thread
        if size <= owlrl_max:
            from kzgraph.reason import expand

            with Clock() as clock:
                inferred = expand(source, load_graph(ontology)).inferred
            figures["reasoning (owlrl)"] = clock.figures
            figures["inferred"] = len(inferred)
        from kzgraph.validate import validate_pyshacl

        with Clock() as clock:
            validate_pyshacl(source, load_graph(ROOT / "ontology" / "shapes.ttl"), load_graph(ontology))
        figures["validation (pySHACL)"] = clock.figures
    figures["triples"] = size
    limits = Limits(timeout=query_timeout, max_rows=None)
    for query in queries:
        try:
            with Clock() as clock:
                result = run_query(source, query, limits=limits)
        except QueryLimitError:
            figures[query.name] = f"> {query_timeout:g} s"
            figures["peak MB"] = peak_rss_mb()
            return figures  # the abandoned query still runs: stop measuring this engine
        figures[query.name] = clock.figures
        figures[f"{query.name} rows"] = len(result.rows)
    if engine == "oxigraph":
        gc.disable()  # as `kzgraph reason` does
        with Clock() as clock:
            inferred = materialize_ntriples(graph, ontology).inferred
        gc.enable()
        figures["reasoning (rules)"] = clock.figures
        figures["inferred"] = len(inferred)
        del inferred, source
        gc.collect()  # closes the store, which the commands open
        output = graph.with_name(graph.stem + "-inferred.ttl")
        figures["kzgraph reason"] = command(["reason", str(graph), "-o", str(output)], command_timeout)
        figures["kzgraph validate"] = command(["validate", str(graph)], command_timeout)
        figures["kzgraph analyze"] = command(["analyze", str(graph)], command_timeout)
        slowest = None
        for query in queries:
            took = command(["query", query.name, "-g", str(graph)], command_timeout)
            if isinstance(took, str) or slowest is None or (not isinstance(slowest[1], str)
                                                            and took[1] > slowest[1][1]):
                slowest = (query.name, took)
            if isinstance(took, str):
                break
        figures[f"kzgraph query (slowest: {slowest[0]})"] = slowest[1]
    figures["peak MB"] = peak_rss_mb()
    return figures


def cell(step: str, value) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if step == "peak MB":
        return f"{value:,.0f} MB"
    if isinstance(value, int):
        return f"{value:,}"
    return " / ".join(f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s" for s in value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--engines", default="oxigraph,rdflib")
    parser.add_argument("--query-timeout", type=float, default=120.0)
    parser.add_argument("--owlrl-max", type=int, default=20_000)
    parser.add_argument("--command-timeout", type=float, default=900.0)
    parser.add_argument("--skip", default="", help="shipped queries to leave out, comma separated")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "GRAPH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], Path(args.child[1]), args.query_timeout, args.owlrl_max,
                                 args.command_timeout, tuple(args.skip.split(",")))))
        return

    from kzgraph.synthetic import generate

    engines = args.engines.split(",")
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp())
        graph = folder / f"generated-{size}.ttl"
        graph.write_text(generate(size), encoding="utf-8")
        results = {}
        for engine in engines:
            child = subprocess.run([sys.executable, __file__, "--child", engine, str(graph),
                                    "--query-timeout", str(args.query_timeout), "--owlrl-max", str(args.owlrl_max),
                                    "--command-timeout", str(args.command_timeout), "--skip", args.skip],
                                   capture_output=True, text=True)
            if child.returncode != 0:
                print(f"{engine} failed at {size}: {child.stderr.strip().splitlines()[-1:]}")
                results[engine] = {}
            else:
                results[engine] = json.loads(child.stdout.strip().splitlines()[-1])
        first = results[engines[0]]
        print(f"\n## {first.get('triples', size):,} triples ({graph.stat().st_size / 1e6:.1f} MB of Turtle)\n")
        print("wall / CPU seconds per step\n")
        print("| step | " + " | ".join(engines) + (" | rdflib / oxigraph (CPU) |" if len(engines) == 2 else " |"))
        print("|---" * (len(engines) + 1 + (len(engines) == 2)) + "|")
        steps = [k for k in {**first, **results.get("rdflib", {})}
                 if k not in ("triples", "peak MB") and not k.endswith(" rows")] + ["peak MB"]
        for step in steps:
            values = [results[e].get(step) for e in engines]
            line = f"| {step} | " + " | ".join(cell(step, v) for v in values)
            if len(engines) == 2:
                a, b = results.get("rdflib", {}).get(step), results.get("oxigraph", {}).get(step)
                ratio = (f"{a[1] / b[1]:.1f}×" if isinstance(a, list) and isinstance(b, list) and b[1] > 0 else "-")
                line += f" | {ratio}"
            print(line + " |")
        rows = [k for k in first if k.endswith(" rows")]
        mismatched = [k[:-5] for k in rows if all(k in results[e] for e in engines)
                      and len({results[e][k] for e in engines}) > 1]
        if len(engines) == 2:
            print(f"\nrows per query: {'identical counts in both engines' if not mismatched else mismatched}")
        sys.stdout.flush()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
