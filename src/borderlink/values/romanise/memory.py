"""Romanisations of single words kept on disk, shared by a node's processes and kept across restarts.

The Khmer transformer runs a finite-state model for every word (0.1 to 0.3 s a word here), Thai and
Lao words go through pythainlp (a few milliseconds each). A screening index of a million alerts with
realistic names romanises thousands of distinct words, so a process that builds it spends minutes
on words that every other process of the node, and the same process before its restart, already
romanised. This keeps each word's forms in a small SQLite file in the node's data directory
(``romanisations.sqlite3``), next to the in-process ``lru_cache``.

Forms are only reused by the same romaniser code and the same versions of the packages it calls:
each row carries a fingerprint of both, and rows of another fingerprint are never read. Nothing
here is needed for correctness: without a data directory (Django not configured), or if the file
cannot be used, words are romanised as before.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)

FILE_NAME = "romanisations.sqlite3"
#: The packages whose output the romanisers pass on: a new version may spell a word otherwise.
_PACKAGES = ("anyascii", "pythainlp", "laonlp", "khmer-latin-name-transformer", "onnxruntime")
#: Words written to disk in one transaction (at exit, what is left is written too).
_FLUSH_EVERY = 200


@functools.cache
def fingerprint() -> str:
    """A digest of the romaniser modules' source and the versions of the packages they call."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in _PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{package}={version};".encode())
    return digest.hexdigest()[:32]


def _default_path() -> Path | None:
    """The node's data directory file, when Django's settings are configured."""
    try:
        from django.conf import settings

        if not settings.configured:
            return None
        return Path(settings.DATA_DIR) / FILE_NAME
    except Exception:  # no Django, or settings that cannot be read: no memory, romanise as before
        return None


class WordMemory:
    """The on-disk store: one connection per process (a connection must not cross ``fork``)."""

    def __init__(self, path: Path | None = None, *, use_default: bool = True) -> None:
        self._path = path
        self._use_default = use_default and path is None
        self._lock = threading.Lock()
        self._pid = -1
        self._connection: sqlite3.Connection | None = None
        self._inherited: list[sqlite3.Connection] = []  # kept open: closing them in a child could disturb the parent
        self._pending: list[tuple[str, str, str, str]] = []
        self._broken = False
        atexit.register(self.flush)
        # A child forked while another thread held the lock would wait on it forever: it gets its own.
        os.register_at_fork(after_in_child=self._after_fork)

    def _after_fork(self) -> None:
        self._lock = threading.Lock()

    def _open(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        if self._connection is not None:
            self._inherited.append(self._connection)
            self._connection = None
            self._pending = []  # the parent writes its own
        path = self._path or (_default_path() if self._use_default else None)
        if path is None:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS word_forms (kind TEXT NOT NULL, fingerprint TEXT NOT NULL, "
                "word TEXT NOT NULL, forms TEXT NOT NULL, PRIMARY KEY (kind, fingerprint, word))"
            )
        except (OSError, sqlite3.Error) as exc:
            logger.warning("romanisation memory unavailable (%s): words are romanised in each process", exc)
            self._broken = True
            return None
        self._connection, self._pid = connection, os.getpid()
        return connection

    def get(self, kind: str, word: str) -> tuple[str, ...] | None:
        """The forms remembered for ``word``, or None."""
        with self._lock:
            connection = self._open()
            if connection is None:
                return None
            try:
                row = connection.execute(
                    "SELECT forms FROM word_forms WHERE kind = ? AND fingerprint = ? AND word = ?",
                    (kind, fingerprint(), word),
                ).fetchone()
            except sqlite3.Error:
                return None
        if row is None:
            return None
        try:
            forms = json.loads(row[0])
        except ValueError:  # a row damaged outside this code: romanise the word again
            return None
        if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
            return None
        return tuple(forms)

    def put(self, kind: str, word: str, forms: tuple[str, ...]) -> None:
        """Remember ``forms`` (written with the next batch, or at exit)."""
        with self._lock:
            if self._open() is None:
                return
            self._pending.append((kind, fingerprint(), word, json.dumps(forms)))
            full = len(self._pending) >= _FLUSH_EVERY
        if full:
            self.flush()

    def flush(self) -> None:
        """Write what is pending, in one transaction (another process's same word is simply kept)."""
        with self._lock:
            if not self._pending or self._connection is None or self._pid != os.getpid():
                return
            pending, self._pending = self._pending, []
            try:
                self._connection.execute("BEGIN IMMEDIATE")
                self._connection.executemany("INSERT OR IGNORE INTO word_forms VALUES (?, ?, ?, ?)", pending)
                self._connection.execute("COMMIT")
            except sqlite3.Error as exc:
                logger.warning("romanisation memory not written (%s)", exc)
                with contextlib.suppress(sqlite3.Error):
                    self._connection.execute("ROLLBACK")


MEMORY = WordMemory()


def remembered(kind: str) -> Callable[[Callable[[str], tuple[str, ...]]], Callable[[str], tuple[str, ...]]]:
    """Keep a word romaniser's results in :data:`MEMORY` under ``kind`` (put it under the ``lru_cache``)."""

    def wrap(romanise: Callable[[str], tuple[str, ...]]) -> Callable[[str], tuple[str, ...]]:
        @functools.wraps(romanise)
        def romanise_remembered(word: str) -> tuple[str, ...]:
            forms = MEMORY.get(kind, word)
            if forms is None:
                forms = romanise(word)
                MEMORY.put(kind, word, forms)
            return forms

        return romanise_remembered

    return wrap
