"""Mapping and checking a large file on two processor cores.

Mapping is pure computation on data already in memory, so a forked child can take part of the
records while this process takes the rest; the child sends its rows back through a pipe and exits
without touching the database connection it inherited. Forking is skipped where it is not safe
(other threads running, a single core, or no ``fork``).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import queue
import shutil
import signal
import struct
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

#: Below this many records a second process costs more than it saves.
PARALLEL_MIN = 20_000
#: Records mapped per chunk when a large file is stored while it is mapped.
CHUNK = 20_000

Failure = tuple[int, str, str, str, str]  # index, reason, field, detail, record id
Work = Callable[[Sequence[Any], Sequence[str], Sequence[int], int], tuple[list[tuple[Any, ...]], list[Failure]]]
T = TypeVar("T")
#: Mapping one chunk (records, raw texts, positions, index of the first): any result that pickles.
ChunkWork = Callable[[Sequence[Any], Sequence[str], Sequence[int], int], T]


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


class Chunks:
    """The records left to map, taken in chunks by both processes: the child from the front, this one from the back.

    Two record indexes in memory shared across ``fork``, and a lock: whichever process is free takes the
    next chunk, so neither waits while the other still has work (this process also stores). A chunk is
    at most ``chunk`` records and at most a quarter of what is left, down to an eighth of ``chunk``: the
    last chunks taken are short, so neither process is left mapping a long one while the other has
    finished. The first chunk from the front is short too: nothing can be stored until one is mapped.
    """

    def __init__(self, count: int, chunk: int) -> None:
        import multiprocessing

        self.chunk = chunk
        self.smallest = max(1, chunk // 8)
        self.lock = multiprocessing.Lock()
        self.ends = multiprocessing.RawArray("q", [0, count])  # next from the front, one past the last left

    def _size(self, left: int, first: bool) -> int:
        if first:
            return min(left, self.smallest)
        return min(left, self.chunk, max(self.smallest, left // 4))

    def take_front(self) -> tuple[int, int] | None:
        """(start, stop) of the next chunk from the front, or None when none is left."""
        with self.lock:
            front, back = self.ends[0], self.ends[1]
            if front >= back:
                return None
            stop = front + self._size(back - front, first=front == 0)
            self.ends[0] = stop
            return int(front), int(stop)

    def take_back(self) -> tuple[int, int] | None:
        """(start, stop) of the next chunk from the back, or None when none is left."""
        with self.lock:
            front, back = self.ends[0], self.ends[1]
            if front >= back:
                return None
            start = back - self._size(back - front, first=False)
            self.ends[1] = start
            return int(start), int(back)


_LENGTH = struct.Struct("<Q")


def _read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd`` (``os.read`` releases the GIL), or None at end of file."""
    parts: list[bytes] = []
    left = size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


#: A result larger than this goes through a file rather than the pipe (see :func:`_send`).
_FILE_FROM = 256 * 1024


def _handover_directory() -> str:
    """A private directory for results handed over as files: in memory (/dev/shm) where there is one."""
    shared_memory = "/dev/shm"
    return tempfile.mkdtemp(
        prefix="borderlink-chunks-", dir=shared_memory if os.access(shared_memory, os.W_OK) else None
    )


def _send(pipe: Any, result: Any, directory: str, number: int) -> None:
    """Send one pickled result: small ones through the pipe, large ones as a file named in the pipe.

    A pipe holds 64 KiB; the thread that empties it needs the interpreter lock for every read, which
    the busy main thread hands over only every few milliseconds, so a result of megabytes would keep
    the child waiting for most of a second. Writing a file never waits for the reader.
    """
    payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    if len(payload) >= _FILE_FROM:
        path = os.path.join(directory, f"{number}.pickle")
        with open(path, "wb") as handover:
            handover.write(payload)
        payload = b"F" + path.encode()
    else:
        payload = b"P" + payload
    pipe.write(_LENGTH.pack(len(payload)))
    pipe.write(payload)
    pipe.flush()


def _received(message: bytes) -> Any:
    """The result a message from :func:`_send` carries (a file is read and removed)."""
    if message[:1] == b"F":
        path = message[1:].decode()
        with open(path, "rb") as handover:
            payload = handover.read()
        os.unlink(path)
    else:
        payload = message[1:]
    # Safe to unpickle: the bytes come from our own child process, through our own pipe or private directory.
    return pickle.loads(payload)


def _release(records: Sequence[Any], start: int, stop: int) -> None:
    """Drop this process's references to records ``start:stop`` (already mapped) if it may."""
    if isinstance(records, list):
        records[start:stop] = itertools.repeat(None, stop - start)


def _drain(fd: int, inbox: queue.SimpleQueue[bytes | None]) -> None:
    """Move the child's messages from the pipe into ``inbox`` as they come; None when it is done or gone."""
    try:
        while True:
            header = _read_exactly(fd, _LENGTH.size)
            if header is None:
                break
            (size,) = _LENGTH.unpack(header)
            if size == 0:
                break
            payload = _read_exactly(fd, size)
            if payload is None:
                break
            inbox.put(payload)
    finally:
        inbox.put(None)


def stream_chunks(
    work: ChunkWork[T], records: Sequence[Any], raws: Sequence[str], positions: Sequence[int], chunk: int
) -> Iterator[T]:
    """Map the records chunk by chunk in this process and a forked child, yielding each chunk when done.

    The caller stores each chunk it is given. The child takes chunks from the front of the file and
    sends each through a pipe, which a thread of this process empties as it fills, so the child never
    waits; whenever no mapped chunk is waiting, this process maps one from the back itself instead of
    idling. Chunks come in no particular order (storing does not need one).

    ``records`` is emptied as it goes when it is a list: each chunk's records are released once it is
    mapped, so a file's millions of small objects are freed while the other process is still mapping,
    not all at once after the last chunk (and the import's peak memory falls with them).
    """
    chunks = Chunks(len(records), chunk)
    directory = _handover_directory()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child process; its output is checked in the parent)
        os.close(reading)
        status = 1
        try:
            with os.fdopen(writing, "wb") as pipe:
                while (taken := chunks.take_front()) is not None:
                    start, stop = taken
                    result = work(records[start:stop], raws[start:stop], positions[start:stop], start)
                    _send(pipe, (taken, result), directory, start)
                pipe.write(_LENGTH.pack(0))
            status = 0
        finally:
            os._exit(status)
    os.close(writing)
    inbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    drainer = threading.Thread(target=_drain, args=(reading, inbox), name="borderlink-ingest-pipe", daemon=True)
    drainer.start()
    finished = False
    child_done = False
    try:
        while True:
            if child_done or inbox.empty():
                taken = chunks.take_back()
                if taken is not None:
                    start, stop = taken
                    result = work(records[start:stop], raws[start:stop], positions[start:stop], start)
                    _release(records, start, stop)
                    yield result
                    continue
                if child_done:
                    break
            payload = inbox.get()
            if payload is None:
                child_done = True
                continue
            (start, stop), result = _received(payload)
            _release(records, start, stop)
            yield result
        finished = True
    finally:
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)
        _pid, status = os.waitpid(child, 0)
        drainer.join()
        os.close(reading)
        shutil.rmtree(directory, ignore_errors=True)
    if status != 0:
        raise RuntimeError("the mapping process failed")
