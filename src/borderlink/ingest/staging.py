"""Staging a mapped chunk as a small SQLite database, so that storing it costs this process one statement.

On SQLite, handing rows to ``executemany`` costs as much as mapping them: each value is converted
and bound from Python, and the import's transaction has a single writer. The process that maps a
chunk can do that conversion itself, into an in-memory database of its own (one bare table, no
index), and hand it over as bytes (``Connection.serialize``); the storing process loads the bytes
into a schema attached to its connection (``Connection.deserialize``) and stores the whole chunk
with one ``INSERT ... SELECT``, which SQLite runs without returning to Python. The crossings table,
its indexes and the import's single transaction are the same as for rows inserted one batch at a
time; a chunk that fails leaves nothing, like any other failure inside the transaction.

Rows that need a look at the database before they can be stored (an id that comes more than once
in the file, a companion not in the file) are not staged; they take the ordinary path.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from borderlink.crossings.models import Crossing
from borderlink.ingest.rules import COMPANIONS, MODEL_COLUMNS, QUALITY, UID
from borderlink.ingest.store import json_row

_TABLE = Crossing._meta.db_table
_COLUMNS = ", ".join(MODEL_COLUMNS)
#: The schema staged chunks are loaded into, attached to the storing connection.
ALIAS = "borderlink_staged"


@dataclass(frozen=True, slots=True)
class StagedChunk:
    """A chunk of mapped rows as the bytes of a one-table SQLite database."""

    data: bytes
    count: int


def can_stage() -> bool:
    """Whether to stage: on SQLite, when the import's transaction is the outermost one.

    The staging schema can only be detached once the outermost transaction has ended, so an import
    called inside someone else's transaction stores its rows the ordinary way.
    """
    # serialize() and deserialize() exist only where the SQLite library was built with them (3.36 on).
    has_api = hasattr(sqlite3.Connection, "serialize") and hasattr(sqlite3.Connection, "deserialize")
    return connection.vendor == "sqlite" and has_api and not connection.in_atomic_block


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


def stage(
    rows: list[tuple[Any, ...]], repeated_uids: set[str], file_uids: set[str]
) -> tuple[list[tuple[Any, ...]], StagedChunk | None]:
    """Stage what can be staged of ``rows``; return the rows left for the ordinary path and the chunk."""
    kept, staged = _stageable(rows, repeated_uids, file_uids)
    if not staged:
        return rows, None
    scratch = sqlite3.connect(":memory:", isolation_level=None)
    try:
        scratch.execute(f"CREATE TABLE staged ({_COLUMNS})")
        scratch.execute("BEGIN")
        scratch.executemany(f"INSERT INTO staged VALUES ({', '.join('?' * len(MODEL_COLUMNS))})", staged)
        scratch.execute("COMMIT")
        return kept, StagedChunk(scratch.serialize(), len(staged))
    finally:
        scratch.close()


class StagedStore:
    """The storing side: loads staged chunks into a schema attached inside the import's transaction.

    Use it as a context manager around the transaction: the schema is detached after it, whether it
    committed or not (SQLite refuses to detach while the transaction is open).
    """

    def __init__(self) -> None:
        self.attached = False

    def __enter__(self) -> StagedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.attached:
            self.attached = False
            with connection.cursor() as cursor:
                cursor.execute(f"DETACH DATABASE {ALIAS}")

    def load(self, chunk: StagedChunk) -> str:
        """Load a staged chunk (replacing the one before); return the schema name to read it from."""
        if not self.attached:
            with connection.cursor() as cursor:
                cursor.execute(f"ATTACH DATABASE ':memory:' AS {ALIAS}")
            self.attached = True
        connection.connection.deserialize(chunk.data, name=ALIAS)
        return ALIAS

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
