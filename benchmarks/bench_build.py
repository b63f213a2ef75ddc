"""Build speed: megabytes of text per second through each stage of the build and end to end.

Run: python benchmarks/bench_build.py [MEGABYTES]   (default 1; the sample corpus, repeated)

Prints the time to load the pipeline (imports and ``build_nlp``, apart from throughput);
MB/s of reading, extraction, emitting triples and writing Turtle, each timed alone; MB/s
of a whole build (``build_graph`` and Turtle, with a pipeline loaded beforehand); and the
process's peak resident memory.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes on macOS, KiB elsewhere


def copy_corpus(target: Path, megabytes: float) -> float:
    """Copy the sample corpus into target until it holds about megabytes; the size in MB."""
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    size = sum(p.stat().st_size for p in sources)
    copies = max(1, round(megabytes * 1e6 / size))
    for n in range(copies):
        for path in sources:
            shutil.copy(path, target / f"{n:04d}_{path.name}")
    return copies * size / 1e6


def main(megabytes: float) -> None:
    started = time.perf_counter()
    from kzgraph.extract import build_nlp
    from kzgraph.pipeline import BuildResult, build_graph, collector_paused, emit_triples, extract_articles, read_corpus

    imported = time.perf_counter()
    nlp = build_nlp()
    loaded = time.perf_counter()
    load_rss = peak_rss_mb()

    with tempfile.TemporaryDirectory() as tmp:
        mb = copy_corpus(Path(tmp), megabytes)

        begin = time.perf_counter()
        result = build_graph([tmp], nlp=nlp)
        text = result.turtle()
        total = time.perf_counter() - begin
        build_rss = peak_rss_mb()
        files, articles, triples = result.files, result.articles, len(result.triples)
        del result

        # each stage alone, as build_graph runs it
        stages = {}
        fresh = build_nlp()  # the first build warmed the tokenizer's cache
        with collector_paused():
            begin = time.perf_counter()
            paths, read = read_corpus([tmp])
            stages["read"] = time.perf_counter() - begin
            begin = time.perf_counter()
            extractions = extract_articles(fresh, read)
            stages["extract"] = time.perf_counter() - begin
            begin = time.perf_counter()
            emitted = emit_triples(read, extractions)
            stages["emit"] = time.perf_counter() - begin
        begin = time.perf_counter()
        BuildResult(emitted, len(paths), len(read), 0).turtle()
        stages["turtle"] = time.perf_counter() - begin

    print(f"input        {mb:.2f} MB in {files} files, {articles} articles, "
          f"{triples} triples, {len(text.encode()) / 1e6:.1f} MB of Turtle")
    print(f"model load   {loaded - started:.2f} s  (imports {imported - started:.2f} s, "
          f"build_nlp {loaded - imported:.2f} s)")
    for name, seconds in stages.items():
        print(f"{name:<12} {seconds:.2f} s  ({mb / seconds:.2f} MB/s)")
    print(f"end to end   {total:.2f} s  ({mb / total:.2f} MB/s; read, extract, emit, Turtle; model loaded)")
    print(f"peak memory  {build_rss:.0f} MB resident after the build ({load_rss:.0f} MB after loading)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
