"""Bulk writing of crossings: one round trip per batch, never the ORM row by row.

SQLite gets ``executemany`` inside the import's transaction; PostgreSQL gets ``COPY``. A record
whose content changed is updated in place and its previous version copied to the history first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection

from borderlink.crossings.choices import Quality
from borderlink.crossings.models import Crossing, CrossingVersion
from borderlink.crossings.serialize import crossing_to_dict, iso_utc
from borderlink.ingest.models import QuarantinedRecord
from borderlink.ingest.rules import COMPANIONS, MODEL_COLUMNS, QUALITY

#: Crossing columns written by bulk ingest, in this order.
COLUMNS = (*MODEL_COLUMNS, "import_run_id", "version", "created_at", "updated_at")
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


def json_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A rules row with its list values as the JSON text the crossings table holds."""
    companions, quality = row[COMPANIONS], row[QUALITY]
    return (
        *row[:COMPANIONS],
        json.dumps(companions) if companions else "[]",
        *row[COMPANIONS + 1 : QUALITY],
        json.dumps(quality) if quality else "[]",
        *row[QUALITY + 1 :],
    )


def _db_row(row: tuple[Any, ...], run_id: int, version: int, created: Any, now: Any) -> tuple[Any, ...]:
    """A rules row plus the run columns, with list and dict values as JSON text."""
    return (*json_row(row), run_id, version, created, now)


def db_stamp(now: datetime) -> Any:
    if _is_postgres():
        return now
    return now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def insert_new(rows: Sequence[tuple[Any, ...]], run_id: int, now: datetime, batch: int) -> int:
    """Insert crossings not stored before; return how many."""
    if not rows:
        return 0
    stamp = db_stamp(now)
    with connection.cursor() as cursor:
        if _is_postgres():
            raw_cursor = cursor.cursor
            with raw_cursor.copy(f"COPY {_TABLE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(_db_row(row, run_id, 1, stamp, stamp))
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            sql = f"INSERT INTO {_TABLE} ({', '.join(COLUMNS)}) VALUES ({marks})"
            for start in range(0, len(rows), batch):
                cursor.executemany(sql, [_db_row(r, run_id, 1, stamp, stamp) for r in rows[start : start + batch]])
    return len(rows)


#: Quarantine columns written by ingest, in this order.
QUARANTINE_COLUMNS = (
    "import_run_id", "source", "file_name", "position", "record_id", "field", "reason", "detail", "raw",
    "raw_truncated", "raw_sha256", "context", "status", "created_at", "updated_at",
)  # fmt: skip


def insert_quarantined(entries: Sequence[tuple[Any, ...]]) -> None:
    """Insert quarantine rows (in :data:`QUARANTINE_COLUMNS` order) in one statement per batch."""
    if not entries:
        return
    table = QuarantinedRecord._meta.db_table
    marks = ", ".join(["%s"] * len(QUARANTINE_COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(QUARANTINE_COLUMNS)}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for start in range(0, len(entries), 5000):
            cursor.executemany(sql, list(entries[start : start + 5000]))


def row_to_dict(row: tuple[Any, ...], checkpoint_code: str) -> dict[str, Any]:
    """The common-model JSON of a rules row (for comparing with what is stored)."""
    values = dict(zip(MODEL_COLUMNS, row, strict=True))
    crossed = values["crossed_at"]
    crossed_utc = crossed if isinstance(crossed, datetime) else datetime.fromisoformat(crossed).replace(tzinfo=UTC)
    document = None
    if values["document_number"] is not None or values["document_type"] is not None:
        document = {
            "type": values["document_type"],
            "number": values["document_number"],
            "issuing_state": values["document_issuing_state"],
            "expiry_date": values["document_expiry"],
        }
    return {
        "id": values["uid"],
        "source": values["source"],
        "source_record_id": values["source_record_id"],
        "reporting_state": values["reporting_state"],
        "checkpoint": checkpoint_code,
        "direction": values["direction"],
        "crossed_at": iso_utc(crossed_utc),
        "traveller": {
            "family_name": values["family_name"] or None,
            "given_names": values["given_names"] or None,
            "native_name": values["native_name"],
            "sex": values["sex"],
            "birth_date": values["birth_date"],
            "nationality": values["nationality"],
        },
        "document": document,
        "purpose": values["purpose"],
        "companions": list(values["companions"]),
        "vehicle": values["vehicle"],
        "sponsor": values["sponsor"],
        "visa": json.loads(values["visa"]) if values["visa"] else None,
        "quality": list(values["quality"]),
    }


def changed_content(
    candidates: list[tuple[tuple[Any, ...], Existing]], checkpoint_codes: dict[int, str]
) -> list[tuple[tuple[Any, ...], Existing]]:
    """Of re-sent records whose text differs, those whose mapped content differs too."""
    if not candidates:
        return []
    stored = Crossing.objects.select_related("checkpoint").in_bulk([e.id for _, e in candidates])
    changed = []
    for row, existing in candidates:
        old = crossing_to_dict(stored[existing.id])
        new = row_to_dict(row, checkpoint_codes.get(row[4], ""))
        # Whether a companion is stored yet says nothing about this record's own content.
        for record in (old, new):
            record["quality"] = [code for code in record["quality"] if code != Quality.COMPANION_NOT_FOUND]
        if old != new:
            changed.append((row, existing))
    return changed


def update_changed(changes: list[tuple[tuple[Any, ...], Existing]], run_id: int, now: datetime) -> int:
    """Replace changed crossings, first copying each previous version to the history."""
    if not changes:
        return 0
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
    stamp = db_stamp(now)
    kept = [i for i, column in enumerate(COLUMNS) if column not in ("uid", "created_at")]
    assignments = ", ".join(f"{COLUMNS[i]} = %s" for i in kept)
    sql = f"UPDATE {_TABLE} SET {assignments} WHERE id = %s"
    params = []
    for row, existing in changes:
        full = _db_row(row, run_id, existing.version + 1, None, stamp)
        params.append((*(full[i] for i in kept), existing.id))
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(changes)
