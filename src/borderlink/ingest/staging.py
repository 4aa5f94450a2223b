"""Staging a mapped chunk in its own SQLite file, so that storing it costs this process one statement.

On SQLite, handing rows to ``executemany`` costs as much as mapping them: each value is converted
and bound from Python, and the import's transaction has a single writer. The mapping process can
do that conversion itself, into a scratch database file of its own (no index, no journal), while
this process goes on; this process then stores the whole chunk with one ``INSERT ... SELECT``,
which SQLite runs without returning to Python. The crossings table, its indexes and the import's
single transaction are the same as for rows inserted one batch at a time.

Rows that need a look at the database before they can be stored (an id that comes more than once
in the file, a companion not in the file) are not staged; they take the ordinary path.

SQLite allows at most ten attached databases per connection, and an attached file stays attached
until the transaction ends, so the mapping process stages at most :data:`STAGED_FILES` chunks (later
ones go through the pipe as rows) and this process one file more, for the chunks it maps itself.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection

from borderlink.crossings.models import Crossing
from borderlink.ingest.rules import COMPANIONS, MODEL_COLUMNS, QUALITY, UID
from borderlink.ingest.store import json_row

#: Chunks one import may stage (SQLite attaches at most ten databases to a connection).
STAGED_FILES = 8
_TABLE = Crossing._meta.db_table
_COLUMNS = ", ".join(MODEL_COLUMNS)


@dataclass(frozen=True, slots=True)
class StagedChunk:
    """A chunk of mapped rows written to a scratch file by the mapping process."""

    path: str
    count: int


def can_stage() -> bool:
    """Whether to stage: on SQLite, when the import's transaction is the outermost one.

    An attached file can only be detached once the outermost transaction has ended, so an import
    called inside someone else's transaction stores its rows the ordinary way.
    """
    return connection.vendor == "sqlite" and not connection.in_atomic_block


def rules_row(stored: Sequence[Any]) -> tuple[Any, ...]:
    """The rules row a staged row came from (for the rare record that must be compared with what is stored)."""
    return (
        *stored[:COMPANIONS],
        json.loads(stored[COMPANIONS]),
        *stored[COMPANIONS + 1 : QUALITY],
        json.loads(stored[QUALITY]),
        *stored[QUALITY + 1 :],
    )


def _stageable(
    rows: list[tuple[Any, ...]], repeated: set[str], in_file: set[str]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Split rows into those that need the ordinary path and those that can be staged (as table rows)."""
    kept: list[tuple[Any, ...]] = []
    staged: list[tuple[Any, ...]] = []
    for row in rows:
        companions = row[COMPANIONS]
        if row[UID] in repeated or (companions and not all(c in in_file for c in companions)):
            kept.append(row)
        else:
            staged.append(json_row(row))
    return kept, staged


def _open_scratch(path: Path) -> sqlite3.Connection:
    scratch = sqlite3.connect(path, isolation_level=None)
    scratch.execute("PRAGMA journal_mode=OFF")
    scratch.execute("PRAGMA synchronous=OFF")
    scratch.execute(f"CREATE TABLE staged ({_COLUMNS})")
    return scratch


def _write(scratch: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    scratch.execute("BEGIN")
    scratch.executemany(f"INSERT INTO staged VALUES ({', '.join('?' * len(MODEL_COLUMNS))})", rows)
    scratch.execute("COMMIT")


@dataclass
class Stager:
    """The mapping process's side: writes each chunk into a scratch file of its own under ``directory``."""

    directory: Path
    repeated_uids: set[str]
    file_uids: set[str]
    used: int = 0

    def stage(self, rows: list[tuple[Any, ...]], name: str) -> tuple[list[tuple[Any, ...]], StagedChunk | None]:
        """Stage what can be staged of ``rows``; return the rows left for the ordinary path and the chunk."""
        if self.used >= STAGED_FILES:
            return rows, None
        kept, staged = _stageable(rows, self.repeated_uids, self.file_uids)
        if not staged:
            return rows, None
        path = self.directory / f"{name}.sqlite3"
        scratch = _open_scratch(path)
        try:
            _write(scratch, staged)
        finally:
            scratch.close()
        self.used += 1
        return kept, StagedChunk(str(path), len(staged))


@dataclass
class OwnStager:
    """This process's side of staging: the chunks it maps itself go into one more scratch file.

    Inserting rows straight into the indexed crossings table costs this process more than writing
    them to a bare table and copying them over with one statement at the end; the file is attached
    and read only then, once every chunk is written (an attached file keeps the snapshot it was first
    read at until the transaction ends).
    """

    path: Path
    repeated_uids: set[str]
    file_uids: set[str]
    count: int = 0
    scratch: sqlite3.Connection | None = None

    def stage(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """Stage what can be staged of ``rows``; return the rows left for the ordinary path."""
        kept, staged = _stageable(rows, self.repeated_uids, self.file_uids)
        if staged:
            if self.scratch is None:
                self.scratch = _open_scratch(self.path)
            _write(self.scratch, staged)
            self.count += len(staged)
        return kept

    def close(self) -> StagedChunk | None:
        """Close the file; return it as a chunk to store (None if nothing was staged)."""
        if self.scratch is None:
            return None
        self.scratch.close()
        self.scratch = None
        return StagedChunk(str(self.path), self.count)


@dataclass
class StagedStore:
    """This process's side: attaches staged chunks inside the import's transaction and stores them.

    Use it as a context manager around the transaction: the files are detached and removed after
    it, whether it committed or not.
    """

    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="borderlink-staging-")))
    aliases: list[str] = field(default_factory=list)

    def __enter__(self) -> StagedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            with connection.cursor() as cursor:
                for alias in self.aliases:
                    cursor.execute(f"DETACH DATABASE {alias}")
        finally:
            self.aliases.clear()
            shutil.rmtree(self.directory, ignore_errors=True)

    def attach(self, chunk: StagedChunk) -> str:
        """Attach a staged chunk; return its schema name."""
        alias = f"borderlink_staged_{len(self.aliases)}"
        with connection.cursor() as cursor:
            cursor.execute(f"ATTACH DATABASE %s AS {alias}", [chunk.path])
        self.aliases.append(alias)
        return alias

    @staticmethod
    def stored_already(alias: str) -> list[tuple[str, int, str, int, str]]:
        """(uid, id, stored hash, version, staged hash) of the staged records already stored."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.uid, c.id, c.content_hash, c.version, s.content_hash FROM {alias}.staged s "
                f"JOIN {_TABLE} c ON c.uid = s.uid"
            )
            return [tuple(row) for row in cursor.fetchall()]

    @staticmethod
    def staged_rows(alias: str, uids: Iterable[str]) -> list[tuple[Any, ...]]:
        """Rules rows of the given staged records."""
        wanted = list(uids)
        rows: list[tuple[Any, ...]] = []
        with connection.cursor() as cursor:
            for start in range(0, len(wanted), 900):
                part = wanted[start : start + 900]
                cursor.execute(
                    f"SELECT {_COLUMNS} FROM {alias}.staged WHERE uid IN ({', '.join(['%s'] * len(part))})", part
                )
                rows.extend(rules_row(row) for row in cursor.fetchall())
        return rows

    @staticmethod
    def insert_new(alias: str, run_id: int, stamp: Any, skip_stored: bool) -> int:
        """Insert the staged records not stored yet; return how many."""
        where = f" WHERE NOT EXISTS (SELECT 1 FROM {_TABLE} c WHERE c.uid = s.uid)" if skip_stored else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {_TABLE} ({_COLUMNS}, import_run_id, version, created_at, updated_at) "
                f"SELECT {', '.join('s.' + c for c in MODEL_COLUMNS)}, %s, 1, %s, %s FROM {alias}.staged s{where}",
                [run_id, stamp, stamp],
            )
            return int(cursor.rowcount)
