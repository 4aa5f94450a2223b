"""``borderlink alerts import``: an alerts CSV, row by row, with the quarantine rules of crossings.

The header is fixed (``HEADER``; ``notify`` may follow as an extra column). A file that cannot be read
as such a CSV is refused whole and nothing is stored. Otherwise every row is either stored (new or
changed), found unchanged, or quarantined with its line, field, reason and raw text; all of it in one
transaction, so a crash leaves nothing half-imported.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from borderlink.screening.alerts import AlertError, AlertInput, create_alert, update_alert, validated
from borderlink.screening.models import Alert, AlertImportRun, QuarantinedEntry

__all__ = ["HEADER", "AlertFileError", "import_alerts"]

HEADER = (
    "alert_ref", "type", "family_name", "given_names", "native_name", "sex", "birth_date", "nationality",
    "document_number", "document_issuing_state", "reason", "action", "review_date",
)  # fmt: skip
OPTIONAL = ("notify",)
MAX_FIELD = 4000


class AlertFileError(ValueError):
    """An alerts file refused whole (unreadable, wrong header): nothing was stored."""


@dataclass(frozen=True)
class _Row:
    line: int
    raw: str
    values: dict[str, str]


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AlertFileError(
            f"{name}: line {line}: not UTF-8 text (byte {error.start}); save the file as UTF-8"
        ) from None


def _rows(text: str, name: str) -> tuple[list[str], list[_Row]]:
    if "\x00" in text:
        raise AlertFileError(f"{name}: holds NUL characters; it is not a CSV text file")
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].strip():
        raise AlertFileError(f"{name}: empty file; expected the header {','.join(HEADER)}")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as error:
        raise AlertFileError(f"{name}: line 1: {error}") from None
    missing = [h for h in HEADER if h not in header]
    unknown = [h for h in header if h not in HEADER and h not in OPTIONAL]
    if missing or unknown or len(set(header)) != len(header):
        problems = []
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s) {', '.join(unknown)}")
        if len(set(header)) != len(header):
            problems.append("a column named twice")
        raise AlertFileError(f"{name}: line 1: {'; '.join(problems)}; expected {','.join(HEADER)}")
    rows: list[_Row] = []
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise AlertFileError(f"{name}: line {start}: {error}") from None
        raw = "".join(lines[start - 1 : reader.line_num])
        if not any(f.strip() for f in fields):
            continue
        values = dict(zip(header, fields, strict=False))
        if len(fields) != len(header):
            values["__width__"] = f"{len(fields)} fields where the header has {len(header)}"
        rows.append(_Row(start, raw, values))
    return header, rows


def _same(alert: Alert, data: AlertInput) -> bool:
    clean = validated(data)
    return all(getattr(alert, f) == getattr(clean, f) for f in ("type", "reason", "review_date", "family_name",
        "given_names", "native_name", "sex", "birth_date", "nationality", "document_number",
        "document_issuing_state", "action", "notify"))  # fmt: skip


def import_alerts(path: Path, *, issuing_state: str, invoked_by: str, user: Any = None) -> AlertImportRun:
    """Import an alerts CSV for ``issuing_state``; raises :class:`AlertFileError` if refused whole."""
    data = path.read_bytes()
    text = _decode(data, path.name)
    _header, rows = _rows(text, path.name)
    with transaction.atomic():
        run = AlertImportRun.objects.create(
            file_name=path.name[:255],
            file_sha256=hashlib.sha256(data).hexdigest(),
            issuing_state=issuing_state,
            invoked_by=invoked_by[:150],
        )
        for row in rows:
            run.read += 1
            outcome, field, reason, detail = _import_row(row, issuing_state, user)
            if outcome == "quarantined":
                QuarantinedEntry.objects.create(
                    kind=QuarantinedEntry.Kind.ALERT, state=issuing_state, alert_run=run, file_name=path.name[:255],
                    position=row.line, field=field, reason=reason, detail=detail, raw=row.raw,
                )  # fmt: skip
            setattr(run, outcome, getattr(run, outcome) + 1)
        run.save()
    return run


def _import_row(row: _Row, issuing_state: str, user: Any) -> tuple[str, str, str, str]:
    """Store one row; returns (outcome, field, reason, detail) where outcome names a count of the run."""
    values = row.values
    if "__width__" in values:
        return "quarantined", "", "wrong_width", values["__width__"]
    for name, value in values.items():
        if len(value) > MAX_FIELD:
            return "quarantined", name, "too_long", f"{name} holds {len(value)} characters (at most {MAX_FIELD})"
    ref = values.get("alert_ref", "").strip()
    try:
        data = AlertInput.from_mapping(values)
        existing = Alert.objects.filter(issuing_state=issuing_state, ref=ref).first() if ref else None
        with transaction.atomic():
            if existing is None:
                create_alert(data, issuing_state=issuing_state, ref=ref, user=user)
                return "stored", "", "", ""
            if _same(existing, data):
                return "unchanged", "", "", ""
            update_alert(existing, data)
            return "updated", "", "", ""
    except AlertError as error:
        reason = "duplicate_alert" if error.existing is not None else "invalid_value"
        return "quarantined", error.field or "", reason, str(error)
