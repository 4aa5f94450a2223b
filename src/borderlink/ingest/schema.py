"""API types of import runs and the quarantine."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


class ImportRunSchema(Schema):
    """One import run with its disjoint counts."""

    id: int
    source: str
    reporting_state: str
    file_name: str
    file_sha256: str
    file_size: int
    channel: str
    invoked_by: str
    status: str
    error: str
    read: int
    stored: int
    updated: int
    unchanged: int
    quarantined: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ImportRunListSchema(Schema):
    """A page of import runs."""

    items: list[ImportRunSchema]
    count: int
    next: str | None


class QuarantinedRecordSchema(Schema):
    """A row that could not be stored, with where it was and why."""

    id: int
    import_run_id: int
    source: str
    file_name: str
    position: int
    record_id: str
    field: str
    reason: str
    detail: str
    raw: str
    raw_truncated: bool
    status: str
    created_at: datetime


class QuarantineListSchema(Schema):
    """A page of quarantined rows."""

    items: list[QuarantinedRecordSchema]
    count: int
    next: str | None
