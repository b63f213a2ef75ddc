"""Incremental build against a clean build: adding one file to a built folder.

Run: python benchmarks/bench_incremental.py [FILES] [JOBS]
     (default 100 files: copies of the sample corpus, each with a distinct sentence added;
     JOBS default: every core)

Each build is a ``kzgraph build`` process, timed from start to end (loading the pipeline
included), in wall and CPU seconds (its worker processes included). Prints the time of a
clean build of FILES files, of a rebuild after one file is added (the cache holding the
others), of a rebuild with nothing changed, their ratio to the clean build, whether the rebuilt graph has the same bytes as a clean build of the
same folder, and the peak resident memory of each build (its largest process) per MB of
text. Each rebuild is timed three times (the file added is taken away and the folder built
again in between), and the run of the median wall time is printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 3  # each rebuild is timed this many times, the median kept (a shared machine's speed varies)


def make_folder(folder: Path, files: int) -> float:
    """files distinct articles in folder (sample texts with a numbered sentence added); MB."""
    folder.mkdir(exist_ok=True)
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    size = 0
    for n in range(files):
        size += add_file(folder, sources[n % len(sources)], n)
    return size / 1e6


def add_file(folder: Path, source: Path, n: int) -> int:
    text = source.read_text(encoding="utf-8").rstrip("\n")
    text += f"\nThe delegation of the round number {n} returned to Astana on the same day.\n"
    path = folder / f"{n:05d}_{source.name}"
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size


@dataclass
class Run:
    """One ``kzgraph build``: wall seconds, CPU seconds (its workers included) and the peak
    resident memory (MB) of its largest process."""

    wall: float
    cpu: float
    peak: float

    def times(self) -> str:
        return f"{self.wall:7.2f} s wall {self.cpu:7.2f} s CPU"


def build(*args: str) -> Run:
    """Run ``kzgraph build`` with args and measure it."""
    begin = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "kzgraph", "build", "--no-progress", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)  # the usage of the build and of the workers it waited for
    seconds = time.perf_counter() - begin
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build failed: {process.stderr.read().decode()}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1e3)  # KiB on Linux


def median(runs: list[Run]) -> Run:
    """The run of the median wall time."""
    return sorted(runs, key=lambda run: run.wall)[len(runs) // 2]


def main(files: int, jobs: int | None) -> None:
    options = ["-j", str(jobs)] if jobs else []
    with tempfile.TemporaryDirectory() as tmp:
        folder, graph, reference = Path(tmp) / "texts", Path(tmp) / "graph.ttl", Path(tmp) / "clean.ttl"
        mb = make_folder(folder, files)
        clean = build(str(folder), "-o", str(graph), *options)
        unchanged = median([build(str(folder), "-o", str(graph), *options) for _ in range(REPEATS)])
        source = sorted((ROOT / "corpus").glob("*.txt"))[0]
        added_runs = []
        for n in range(REPEATS):
            if n:  # back to the folder as built before the file was added
                (folder / f"{files:05d}_{source.name}").unlink()
                build(str(folder), "-o", str(graph), *options)
            size = add_file(folder, source, files)
            added_runs.append(build(str(folder), "-o", str(graph), *options))
        added = median(added_runs)
        mb += size / 1e6
        build(str(folder), "-o", str(reference), "--no-cache", *options)
        same = graph.read_bytes() == reference.read_bytes()
    print(f"input             {files} files, {mb:.2f} MB of text (+1 file added)")
    print(f"clean build       {clean.times()}  peak {clean.peak:5.0f} MB ({clean.peak / mb:.0f} MB per MB of text)")
    for label, run in (("one file added", added), ("nothing changed", unchanged)):
        print(f"{label:<17} {run.times()}  peak {run.peak:5.0f} MB  {100 * run.wall / clean.wall:.1f} % of the "
              f"clean build's wall time, {100 * run.cpu / clean.cpu:.1f} % of its CPU time")
    print(f"bytes identical   {'yes' if same else 'NO'} (the rebuilt graph against a clean build of the same folder)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100, int(sys.argv[2]) if len(sys.argv) > 2 else None)
