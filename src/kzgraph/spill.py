"""Sorting more than a build should hold: items kept in sorted runs on disk, merged back.

A build's graph grows with its texts; what it holds at once should not. ``SortedRuns``
takes items one at a time, sorts each run of ``run_items`` of them in memory and writes it
to a temporary file, and gives them back in order by merging the runs (a run is read a
batch at a time). Triples are kept that way as N-Triples lines (``triplefile.TripleFile``).
"""

from __future__ import annotations

import heapq
import io
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO

from kzgraph.errors import OutputError

RUN_ITEMS = 50_000  # items sorted in memory at once
BATCH = 1_000  # items of a run pickled together
SPOOL_BATCH = 32  # items of a spool pickled together (an article's findings each)
SPOOL_BYTES = 4_000_000  # a spool held in memory up to this size


class SortedRuns:
    """Items added one at a time, given back sorted by key (each once when unique)."""

    def __init__(self, *, key: Callable[[Any], Any] | None = None, unique: bool = False,
                 run_items: int | None = None) -> None:
        self.key = key
        self.unique = unique
        self.run_items = run_items or RUN_ITEMS
        self._buffer: list = []
        self._runs: list[Path] = []
        self._folder: tempfile.TemporaryDirectory | None = None

    def add(self, item: Any) -> None:
        self._buffer.append(item)
        if len(self._buffer) >= self.run_items:
            self._write_run()

    def _sorted_buffer(self) -> list:
        self._buffer.sort(key=self.key)
        items, self._buffer = self._buffer, []
        return [item for item, _ in groupby(items)] if self.unique else items

    def _write_run(self) -> None:
        with scratch_written():
            if self._folder is None:
                self._folder = tempfile.TemporaryDirectory(prefix="kzgraph-")
            path = Path(self._folder.name) / f"{len(self._runs)}.run"
            items = self._sorted_buffer()
            with open(path, "wb") as handle:
                for start in range(0, len(items), BATCH):
                    pickle.dump(items[start:start + BATCH], handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._runs.append(path)

    def __iter__(self) -> Iterator:
        """The items in order (they can be read again, and more added after)."""
        if not self._runs:  # all in memory: kept sorted there
            self._buffer = self._sorted_buffer()
            yield from self._buffer
            return
        if self._buffer:
            self._write_run()
        merged = heapq.merge(*map(_read_run, self._runs), key=self.key)
        yield from (item for item, _ in groupby(merged)) if self.unique else merged

    def close(self) -> None:
        """Remove the runs."""
        self._buffer, self._runs = [], []
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def _read_run(path: Path) -> Iterator:
    with open(path, "rb") as handle:
        while True:
            try:
                batch = pickle.load(handle)
            except EOFError:
                return
            yield from batch


@contextmanager
def scratch_written() -> Iterator[None]:
    """Writes to the temporary folder, whose failure (a full disk, a folder that is gone) is
    an OutputError naming the folder."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"{tempfile.gettempdir()}: cannot write the build's temporary data there "
                          f"({exc.strerror or exc}); set TMPDIR to a folder with room") from exc


def split_line(line: str) -> tuple[str, str, str]:
    """The subject, predicate and object of an N-Triples line (as ``TripleFile`` writes
    it, its subject and predicate IRIs), each as written there."""
    subject_end = line.index("> ") + 1
    predicate_end = line.index("> ", subject_end + 1) + 1
    return line[:subject_end], line[subject_end + 1:predicate_end], line[predicate_end + 1:]


class Spool:
    """Items kept as they come, read back once in the same order: the first ``held`` as
    they are, the others pickled, in memory up to ``SPOOL_BYTES``, then in a temporary file."""

    def __init__(self, held: int = 0) -> None:
        self._file: BinaryIO = io.BytesIO()
        self._batch: list = []
        self._held: list = []
        self._room = held

    def add(self, item: Any) -> None:
        if len(self._held) < self._room:
            self._held.append(item)
            return
        self._batch.append(item)
        if len(self._batch) >= SPOOL_BATCH:
            self._flush()

    def _flush(self) -> None:
        with scratch_written():
            pickle.dump(self._batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._batch = []
            if isinstance(self._file, io.BytesIO) and self._file.tell() > SPOOL_BYTES:
                held, self._file = self._file, tempfile.TemporaryFile()
                self._file.write(held.getbuffer())

    def drain(self) -> Iterator:
        """The items in the order added; they are let go of once read."""
        held, self._held, self._room = self._held, [], 0
        held.reverse()
        while held:
            yield held.pop()
        self._flush()
        self._file.seek(0)
        with self._file:
            while True:
                try:
                    batch = pickle.load(self._file)
                except EOFError:
                    return
                yield from batch
