"""Peak memory of a clean build against the size of its texts.

Run: python benchmarks/bench_memory.py [MEGABYTES ...] [-j JOBS]
     (default 2.5 5 10: folders of about that many MB of text, made as bench_incremental
     makes them; JOBS default: every core)

Each size is one clean ``kzgraph build`` process (the extraction cache empty). Prints its
wall and CPU seconds and the peak resident memory of its largest process (the build or one
of its workers), in MB and per MB of text: memory that does not grow with the corpus shows
as a figure per MB that falls as the size grows.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench_incremental import ROOT, add_file, build



def main(sizes: list[float], jobs: int | None) -> None:
    options = ["-j", str(jobs)] if jobs else []
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    for megabytes in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "texts"
            folder.mkdir()
            size, n = 0, 0
            while size < megabytes * 1e6:
                size += add_file(folder, sources[n % len(sources)], n)
                n += 1
            run = build(str(folder), "-o", str(Path(tmp) / "graph.ttl"), *options)
        print(f"{size / 1e6:6.2f} MB ({n} files)  {run.times()}  peak {run.peak:5.0f} MB  "
              f"({run.peak / (size / 1e6):.1f} MB per MB of text)", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[2.5, 5, 10], metavar="MEGABYTES")
    parser.add_argument("-j", "--jobs", type=int, default=None)
    args = parser.parse_args()
    main(args.sizes, args.jobs)
