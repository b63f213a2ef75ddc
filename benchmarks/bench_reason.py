"""Reasoning speed: seconds of the OWL 2 RL closure (``reason.expand``) on graphs of a given size.

Run: python benchmarks/bench_reason.py [TRIPLES ...]   (default 5000)

Each graph is made of renamed copies of the test fixture (tests/data/fixture.ttl) until
it holds at least TRIPLES asserted triples. Prints, per graph, the asserted and inferred
triples, the seconds of the closure and asserted triples per second; then the same for
the committed sample graph (graphs/kzgraph.ttl) and the process's peak resident memory.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from rdflib import Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes on macOS, KiB elsewhere


def copies_of(base: Graph, triples: int, prefix: str) -> Graph:
    """Copies of base, its data IRIs (those under prefix) renamed per copy, until the
    graph holds at least triples triples."""
    graph = Graph()
    copy = 0
    while len(graph) < triples:
        def rename(term):
            if isinstance(term, URIRef) and term.startswith(prefix):
                return URIRef(f"{prefix}c{copy}/{term[len(prefix):]}")
            return term
        for s, p, o in base:
            graph.add((rename(s), p, rename(o)))
        copy += 1
    return graph


def report(name: str, graph: Graph, ontology: Graph) -> None:
    from kzgraph.reason import expand

    started = time.perf_counter()
    result = expand(graph, ontology)
    seconds = time.perf_counter() - started
    print(f"{name:<22} {len(graph):>8} asserted {len(result.inferred):>8} inferred "
          f"{seconds:>7.2f} s  ({len(graph) / seconds:,.0f} asserted triples/s)")


def main(sizes: list[int]) -> None:
    from kzgraph.namespaces import KZD
    from kzgraph.stores import load_graph

    ontology = load_graph(ROOT / "ontology" / "kzgraph.ttl")
    fixture = load_graph(ROOT / "tests" / "data" / "fixture.ttl")
    for size in sizes:
        report(f"fixture copies, {size}", copies_of(fixture, size, str(KZD)), ontology)
    sample = ROOT / "graphs" / "kzgraph.ttl"
    if sample.is_file():
        report("graphs/kzgraph.ttl", load_graph(sample), ontology)
    print(f"peak memory  {peak_rss_mb():.0f} MB resident")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [5000])
