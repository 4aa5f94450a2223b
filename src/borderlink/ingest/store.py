"""Bulk writing of crossings: one round trip per batch, never the ORM row by row.

SQLite gets ``executemany`` inside the import's transaction; PostgreSQL gets ``COPY``. A record
whose content changed is updated in place and its previous version copied to the history first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection

from borderlink.crossings.models import Crossing, CrossingVersion
from borderlink.ingest.rules import Record

#: Crossing columns written by bulk ingest, in this order.
COLUMNS = (
    "uid",
    "source",
    "source_record_id",
    "reporting_state",
    "checkpoint_id",
    "direction",
    "crossed_at",
    "local_date",
    "family_name",
    "given_names",
    "native_name",
    "sex",
    "birth_date",
    "nationality",
    "age_at_crossing",
    "is_minor",
    "document_type",
    "document_number",
    "document_issuing_state",
    "document_expiry",
    "purpose",
    "companions",
    "vehicle",
    "sponsor",
    "visa",
    "quality",
    "search_text",
    "raw",
    "raw_position",
    "import_run_id",
    "content_hash",
    "version",
    "created_at",
    "updated_at",
)
_TABLE = Crossing._meta.db_table
_LOOKUP_CHUNK = 900


@dataclass(frozen=True, slots=True)
class Existing:
    """What is stored for a uid: enough to decide new, unchanged or updated."""

    id: int
    content_hash: str
    version: int


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def find_existing(uids: Sequence[str]) -> dict[str, Existing]:
    """Return the stored crossings among ``uids``."""
    found: dict[str, Existing] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(uids), _LOOKUP_CHUNK):
            chunk = uids[start : start + _LOOKUP_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT uid, id, content_hash, version FROM {_TABLE} WHERE uid IN ({marks})",
                list(chunk),
            )
            for uid, pk, content_hash, version in cursor.fetchall():
                found[uid] = Existing(pk, content_hash, version)
    return found


def _db_time(value: datetime, postgres: bool) -> Any:
    if postgres:
        return value
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _row(
    record: Record, run_id: int, version: int, now: Any, created: Any, postgres: bool
) -> tuple[Any, ...]:
    dumps = json.dumps
    return (
        record.uid,
        record.source,
        record.source_record_id,
        record.reporting_state,
        record.checkpoint_id,
        record.direction,
        _db_time(record.crossed_at, postgres),
        record.local_date.isoformat(),
        record.family_name,
        record.given_names,
        record.native_name,
        record.sex,
        record.birth_date,
        record.nationality,
        record.age_at_crossing,
        record.is_minor if postgres or record.is_minor is None else int(record.is_minor),
        record.document_type,
        record.document_number,
        record.document_issuing_state,
        record.document_expiry.isoformat() if record.document_expiry else None,
        record.purpose,
        dumps(record.companions),
        record.vehicle,
        record.sponsor,
        None if record.visa is None else dumps(record.visa),
        dumps(record.quality),
        record.search_text,
        record.raw,
        record.raw_position,
        run_id,
        record.content_hash,
        version,
        created,
        now,
    )


def insert_new(records: Iterable[Record], run_id: int, now: datetime, batch: int) -> int:
    """Insert crossings not stored before; return how many."""
    postgres = _is_postgres()
    stamp = _db_time(now, postgres)
    rows = [_row(r, run_id, 1, stamp, stamp, postgres) for r in records]
    if not rows:
        return 0
    with connection.cursor() as cursor:
        if postgres:
            raw_cursor = cursor.cursor
            with raw_cursor.copy(f"COPY {_TABLE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            sql = f"INSERT INTO {_TABLE} ({', '.join(COLUMNS)}) VALUES ({marks})"
            for start in range(0, len(rows), batch):
                cursor.executemany(sql, rows[start : start + batch])
    return len(rows)


def update_changed(changes: list[tuple[Record, Existing]], run_id: int, now: datetime) -> int:
    """Replace changed crossings, first copying each previous version to the history."""
    if not changes:
        return 0
    from borderlink.crossings.serialize import crossing_to_dict

    previous = Crossing.objects.select_related("checkpoint").in_bulk([e.id for _, e in changes])
    CrossingVersion.objects.bulk_create(
        [
            CrossingVersion(
                crossing_id=old.pk,
                version=old.version,
                record=crossing_to_dict(old),
                raw=old.raw,
                import_run_id=old.import_run_id,
                stored_at=old.updated_at,
                replaced_at=now,
            )
            for old in previous.values()
        ]
    )
    postgres = _is_postgres()
    stamp = _db_time(now, postgres)
    assignments = ", ".join(f"{column} = %s" for column in COLUMNS if column not in ("uid", "created_at"))
    sql = f"UPDATE {_TABLE} SET {assignments} WHERE id = %s"
    params = []
    for record, existing in changes:
        row = _row(record, run_id, existing.version + 1, stamp, None, postgres)
        values = [v for column, v in zip(COLUMNS, row, strict=True) if column not in ("uid", "created_at")]
        params.append((*values, existing.id))
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(changes)
