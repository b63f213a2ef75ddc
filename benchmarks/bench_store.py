"""Oxigraph against rdflib on graphs of kzgraph's shape: load, every shipped query, reasoning,
and peak memory, side by side.

Run: python benchmarks/bench_store.py [TRIPLES ...] [--engines oxigraph,rdflib] [--query-timeout S]
     [--owlrl-max TRIPLES]
     (default sizes 10000 100000; e.g. `python benchmarks/bench_store.py 1000000 --engines oxigraph`)

Each size is generated once (kzgraph.synthetic) and each engine measured in a process of its
own, so that its peak resident memory is its own. Oxigraph: a persistent store filled from the
Turtle (what `kzgraph build` does), then opened again unchanged (what every later command
does: a content hash, no parsing); the shipped queries with their defaults; the SPARQL rules of
`kzgraph reason`. rdflib: parsing the Turtle; the same queries; owlrl (up to --owlrl-max
triples: it takes minutes beyond). A query past --query-timeout ends that engine's run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


def measure(engine: str, graph: Path, query_timeout: float, owlrl_max: int) -> dict:
    """Run one engine on graph; seconds per step and peak memory (called in a child process)."""
    from kzgraph.query import Limits, QueryLimitError, list_queries, run_query

    figures: dict = {}
    started = time.perf_counter()
    if engine == "oxigraph":
        from kzgraph.rules import materialize
        from kzgraph.triplestore import open_graph

        folder = Path(tempfile.mkdtemp()) / "store"
        source = open_graph(graph, location=folder)
        figures["load"] = time.perf_counter() - started
        del source
        started = time.perf_counter()
        source = open_graph(graph, location=folder)
        figures["reopen unchanged"] = time.perf_counter() - started
        size = source.size()
    else:
        from kzgraph.stores import load_graph

        source = load_graph(graph)
        figures["load"] = time.perf_counter() - started
        size = len(source)
    figures["triples"] = size
    limits = Limits(timeout=query_timeout, max_rows=None)
    for query in list_queries(ROOT / "queries"):
        started = time.perf_counter()
        try:
            result = run_query(source, query, limits=limits)
        except QueryLimitError:
            figures[query.name] = f"> {query_timeout:g} s"
            figures["peak MB"] = peak_rss_mb()
            return figures  # the abandoned query still runs: stop measuring this engine
        figures[query.name] = time.perf_counter() - started
        figures[f"{query.name} rows"] = len(result.rows)
    ontology = ROOT / "ontology" / "kzgraph.ttl"
    started = time.perf_counter()
    if engine == "oxigraph":
        inferred = materialize(source, ontology).inferred
        figures["reasoning"] = time.perf_counter() - started
        figures["inferred"] = len(inferred)
    elif size <= owlrl_max:
        from kzgraph.reason import expand
        from kzgraph.stores import load_graph

        inferred = expand(source, load_graph(ontology)).inferred
        figures["reasoning"] = time.perf_counter() - started
        figures["inferred"] = len(inferred)
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
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--engines", default="oxigraph,rdflib")
    parser.add_argument("--query-timeout", type=float, default=120.0)
    parser.add_argument("--owlrl-max", type=int, default=20_000)
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "GRAPH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], Path(args.child[1]), args.query_timeout, args.owlrl_max)))
        return

    from kzgraph.synthetic import generate

    engines = args.engines.split(",")
    for size in args.sizes:
        graph = Path(tempfile.mkdtemp()) / f"generated-{size}.ttl"
        graph.write_text(generate(size), encoding="utf-8")
        results = {}
        for engine in engines:
            child = subprocess.run([sys.executable, __file__, "--child", engine, str(graph),
                                    "--query-timeout", str(args.query_timeout), "--owlrl-max", str(args.owlrl_max)],
                                   capture_output=True, text=True)
            if child.returncode != 0:
                print(f"{engine} failed at {size}: {child.stderr.strip().splitlines()[-1:]}")
                results[engine] = {}
            else:
                results[engine] = json.loads(child.stdout.strip().splitlines()[-1])
        first = results[engines[0]]
        print(f"\n## {first.get('triples', size):,} triples ({graph.stat().st_size / 1e6:.1f} MB of Turtle)\n")
        print("| step | " + " | ".join(engines) + (" | rdflib / oxigraph |" if len(engines) == 2 else " |"))
        print("|---" * (len(engines) + 1 + (len(engines) == 2)) + "|")
        steps = [k for k in {**results.get("rdflib", {}), **first} if k not in ("triples",) and not k.endswith(" rows")]
        for step in steps:
            values = [results[e].get(step) for e in engines]
            line = f"| {step} | " + " | ".join(cell(step, v) for v in values)
            if len(engines) == 2:
                a, b = results.get("rdflib", {}).get(step), results.get("oxigraph", {}).get(step)
                ratio = (f"{a / b:.1f}×" if step != "peak MB" and isinstance(a, float) and isinstance(b, float)
                         and b > 0 else "-")
                line += f" | {ratio}"
            print(line + " |")
        rows = [k for k in first if k.endswith(" rows")]
        mismatched = [k[:-5] for k in rows if all(k in results[e] for e in engines)
                      and len({results[e][k] for e in engines}) > 1]
        if len(engines) == 2:
            print(f"\nrows per query: {'identical counts in both engines' if not mismatched else mismatched}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
