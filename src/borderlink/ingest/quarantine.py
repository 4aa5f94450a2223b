"""Retrying and discarding quarantined rows once the cause is fixed (registry, mapping or data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from borderlink.crossings.models import Crossing
from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.mapping.spec import MappingSpec
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.readers import FileRefused
from borderlink.ingest.services import execute_run, read_file, start_run


@dataclass(frozen=True)
class RetryResult:
    """What retrying one row did."""

    entry: QuarantinedRecord
    stored: bool
    reason: str
    detail: str


def rebuild_file(entry: QuarantinedRecord, spec: MappingSpec, raw: str | None = None) -> bytes:
    """A one-record file in the source's format holding the row (or a corrected text of it)."""
    text = entry.raw if raw is None else raw
    if spec.format.type == "csv":
        header = entry.context or spec.format.delimiter.join(spec.format.columns) + "\r\n"
        if not header.endswith(("\n", "\r")):
            header += "\r\n"
        return (header + text).encode(spec.format.encoding, errors="surrogateescape")
    if spec.format.type == "xml":
        root = escape(spec.format.root or "records")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}>{text}</{root}>'.encode()
    return text.encode(spec.format.encoding, errors="surrogateescape")


def retry(entry: QuarantinedRecord, user: Any = None, channel: str = "cli", raw: str | None = None) -> RetryResult:
    """Run the row through the current mapping and rules; store it if it passes now."""
    if entry.status != QuarantinedRecord.Status.OPEN:
        return RetryResult(entry, False, "not_open", f"this row is already {entry.status}")
    spec = get_mapping(entry.source)
    data = rebuild_file(entry, spec, raw)
    try:
        outcome = read_file(spec, data)
    except FileRefused as exc:
        return RetryResult(entry, False, "unreadable", str(exc))
    if outcome.rejections:
        rejection = outcome.rejections[0]
        if raw is None:
            QuarantinedRecord.objects.filter(pk=entry.pk).update(reason=rejection.reason, detail=rejection.detail)
        return RetryResult(entry, False, rejection.reason, rejection.detail)
    run = start_run(spec, data, f"retry of quarantine {entry.pk} ({entry.file_name})", channel, user)
    run = execute_run(run, spec, data)
    if run.status != ImportRun.Status.DONE:
        return RetryResult(entry, False, "failed", run.error)
    uid = f"{spec.source}:{outcome.rows[0][2]}" if outcome.rows else ""
    crossing = Crossing.objects.filter(uid=uid).first()
    entry.status = QuarantinedRecord.Status.RESOLVED
    entry.resolved_crossing = crossing
    entry.save(update_fields=["status", "resolved_crossing", "updated_at"])
    return RetryResult(entry, True, "", f"stored as {uid} (import run {run.pk})")


def discard(entry: QuarantinedRecord) -> None:
    """Mark a row as not to be stored (its raw text stays for the record)."""
    entry.status = QuarantinedRecord.Status.DISCARDED
    entry.save(update_fields=["status", "updated_at"])
