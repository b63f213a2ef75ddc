"""Build speed against the bare trained pipeline, on one core and on several.

Run: python benchmarks/bench_build.py [MEGABYTES] [JOBS]
     (default 0.5 MB: the sample corpus, repeated; JOBS default: every core)

Prints the time to load the extraction pipeline; MB/s of the bare trained pipeline's
``nlp.pipe`` with every component over the same article texts (the reference: what
parsing everything would cost); MB/s of a whole build (read, extract, emit, Turtle, the
pipeline loaded beforehand) with one process and with JOBS, each as a ratio to the bare
pipeline's time; and peak resident memory of this process and of its workers.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_mb(who: int) -> float:
    """Peak resident memory of this process (RUSAGE_SELF) or of its largest finished
    child (RUSAGE_CHILDREN), in MB."""
    peak = resource.getrusage(who).ru_maxrss
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


def timed(work) -> float:
    begin = time.perf_counter()
    work()
    return time.perf_counter() - begin


def main(megabytes: float, jobs: int | None) -> None:
    import spacy

    from kzgraph.extract import DEFAULT_MODEL, article_text, build_nlp
    from kzgraph.pipeline import build_graph, default_jobs, read_corpus

    jobs = jobs or default_jobs()
    started = time.perf_counter()
    nlp = build_nlp()
    loaded = time.perf_counter() - started
    bare = spacy.load(DEFAULT_MODEL)

    with tempfile.TemporaryDirectory() as tmp:
        mb = copy_corpus(Path(tmp), megabytes)
        articles = [a for _, found in read_corpus([tmp]).by_file() for a in found]
        texts = [article_text(a) for a in articles]
        reference = timed(lambda: list(bare.pipe(texts, batch_size=16)))
        one = timed(lambda: build_graph([tmp], nlp=nlp, jobs=1).turtle())
        many = timed(lambda: build_graph([tmp], nlp=nlp, jobs=jobs).turtle())

    print(f"input          {mb:.2f} MB in {len(articles)} articles (the sample corpus, repeated)")
    print(f"pipeline load  {loaded:.2f} s (build_nlp, digests checked)")
    print(f"bare nlp.pipe  {reference:.2f} s  ({mb / reference:.3f} MB/s; {DEFAULT_MODEL}, every component, one core)")
    print(f"build, 1 job   {one:.2f} s  ({mb / one:.3f} MB/s; {one / reference:.2f} x the bare pipeline's time)")
    print(f"build, {jobs} jobs  {many:.2f} s  ({mb / many:.3f} MB/s; {one / many:.2f} x faster than 1 job)")
    print(f"peak memory    {peak_mb(resource.RUSAGE_SELF):.0f} MB resident in the main process, "
          f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB in the largest worker")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 0.5, int(sys.argv[2]) if len(sys.argv) > 2 else None)
