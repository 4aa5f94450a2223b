"""Mapping and checking a large file on two processor cores.

Mapping is pure computation on data already in memory, so a forked child can take the first
half of the records while this process takes the second; the child sends its rows back through a
pipe and exits without touching the database connection it inherited. Forking is skipped where
it is not safe (other threads running, a single core, or no ``fork``).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

#: Below this many records a second process costs more than it saves.
PARALLEL_MIN = 20_000
#: Records mapped per chunk when a large file is stored while it is mapped.
CHUNK = 20_000

Failure = tuple[int, str, str, str, str]  # index, reason, field, detail, record id
Work = Callable[[Sequence[Any], Sequence[str], Sequence[int], int], tuple[list[tuple[Any, ...]], list[Failure]]]


def can_fork(count: int) -> bool:
    """Whether to split ``count`` records over two processes."""
    return count >= PARALLEL_MIN and hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def run_split(
    work: Work, records: Sequence[Any], raws: Sequence[str], positions: Sequence[int]
) -> tuple[list[tuple[Any, ...]], list[Failure]]:
    """Run ``work`` on both halves at once; return the rows and failures in file order."""
    middle = len(records) // 2
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child process; its result is checked in the parent)
        os.close(reading)
        status = 1
        try:
            result = work(records[:middle], raws[:middle], positions[:middle], 0)
            with os.fdopen(writing, "wb") as pipe:
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    try:
        rows, failures = work(records[middle:], raws[middle:], positions[middle:], middle)
        with os.fdopen(reading, "rb") as pipe:
            payload = pipe.read()
    finally:
        _pid, status = os.waitpid(child, 0)
    if status != 0 or not payload:
        raise RuntimeError("the mapping process for the first half of the file failed")
    # Safe to unpickle: the bytes come from our own child process through our own pipe.
    first_rows, first_failures = pickle.loads(payload)
    return first_rows + rows, first_failures + failures


def stream_chunks(
    work: Work, records: Sequence[Any], raws: Sequence[str], positions: Sequence[int], chunk: int
) -> Iterator[tuple[list[tuple[Any, ...]], list[Failure]]]:
    """Map the records chunk by chunk in a forked child, yielding each chunk as soon as it is done.

    The caller stores one chunk while the child maps the next, so both cores work: mapping is
    Python on one, the database write is Python and SQLite on the other.
    """
    count = len(records)
    starts = list(range(0, count, chunk))
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child process; its output is checked in the parent)
        os.close(reading)
        status = 1
        try:
            with os.fdopen(writing, "wb") as pipe:
                for start in starts:
                    stop = min(start + chunk, count)
                    result = work(records[start:stop], raws[start:stop], positions[start:stop], start)
                    pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                    pipe.flush()
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    finished = False
    try:
        with os.fdopen(reading, "rb") as pipe:
            for _start in starts:
                try:
                    # Safe to unpickle: the bytes come from our own child process through our own pipe.
                    yield pickle.load(pipe)
                except EOFError:
                    raise RuntimeError("the mapping process stopped before the end of the file") from None
        finished = True
    finally:
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)
        _pid, status = os.waitpid(child, 0)
    if status != 0:
        raise RuntimeError("the mapping process failed")
