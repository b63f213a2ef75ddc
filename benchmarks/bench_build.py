"""Build speed: megabytes of text per second through the whole build (read, extract, emit).

Run: python benchmarks/bench_build.py [MEGABYTES]   (default 1; the sample corpus, repeated)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from kzgraph.pipeline import build_graph
from kzgraph.stores import serialize_turtle

ROOT = Path(__file__).resolve().parents[1]


def main(megabytes: float) -> None:
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    size = sum(p.stat().st_size for p in sources)
    copies = max(1, round(megabytes * 1e6 / size))
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(copies):
            for path in sources:
                shutil.copy(path, Path(tmp) / f"{n:04d}_{path.name}")

        started = time.perf_counter()
        result = build_graph([tmp])
        built = time.perf_counter() - started
        text = serialize_turtle(result.graph)
        total = time.perf_counter() - started

    mb = copies * size / 1e6
    print(f"input        {mb:.2f} MB in {result.files} files, {result.articles} articles")
    print(f"extract+emit {built:.2f} s  ({mb / built:.2f} MB/s)")
    print(f"with Turtle  {total:.2f} s  ({mb / total:.2f} MB/s), {len(result.graph)} triples, {len(text) / 1e6:.1f} MB")



if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0)
