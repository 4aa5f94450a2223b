"""The process's screening index: built from the alerts table at start or on first use, then kept current.

Each process that screens (the worker screening imports, the web server answering ``POST /screen``)
holds one index. Changes made in the process reach it at once (``note_alert_changed``); changes made
elsewhere are read at most ``BORDERLINK_SCREENING_REFRESH_SECONDS`` later, from the alerts' change time.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from array import array
from collections.abc import Iterator
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection
from django.utils import timezone

from borderlink.screening.choices import PERSON_TYPES
from borderlink.screening.index import AlertEntry, ScreeningIndex
from borderlink.screening.models import Alert
from borderlink.values.dates import PartialDate

__all__ = [
    "build_index",
    "current_index",
    "forget_index",
    "install_index",
    "note_alert_changed",
    "warm_in_background",
]

logger = logging.getLogger(__name__)

_COLUMNS = (
    "id", "type", "issuing_state", "review_date", "family_name", "given_names", "native_name", "sex", "birth_date",
    "nationality", "document_number", "document_issuing_state", "document_key",
)  # fmt: skip


class _Runtime:
    def __init__(self) -> None:
        self.index: ScreeningIndex | None = None
        self.loaded_through: dt.datetime | None = None
        self.checked_at = 0.0
        self.pending: set[int] = set()
        self.lock = threading.RLock()


_RUNTIME = _Runtime()


def forget_index() -> None:
    """Drop the index (tests; or to rebuild it from scratch on next use)."""
    global _RUNTIME
    _RUNTIME = _Runtime()


# A process forked while another thread builds the index (a server that loads the application, then
# forks its workers) would inherit the runtime's lock held by a thread it does not have, and wait on
# it forever: a forked child starts with no index and a free lock, and builds its own on first use.
os.register_at_fork(after_in_child=forget_index)


def install_index(index: ScreeningIndex, built_from: dt.datetime) -> None:
    """Make ``index`` the process's index, as if built from the table as it stood at ``built_from``."""
    runtime = _RUNTIME
    with runtime.lock:
        runtime.index = index
        runtime.loaded_through = built_from
        runtime.checked_at = time.monotonic()
        runtime.pending.clear()


def note_alert_changed(alert_id: int) -> None:
    """Tell this process's index that an alert changed: it is re-read before the next screening."""
    _RUNTIME.pending.add(alert_id)


def _entry(row: tuple[Any, ...]) -> tuple[AlertEntry | None, str]:
    """The in-memory entry of a person alert (None for a document alert) and the alert's document key."""
    (alert_id, kind, state, review, family, given, native, sex, birth, nationality, number, issuer, key) = row
    from borderlink.identity.compare import Traveller

    if isinstance(review, str):
        review = dt.date.fromisoformat(review)
    doc = f"{(issuer or '').upper()}:{key}" if key else ""
    if kind not in PERSON_TYPES:
        return None, doc
    try:
        parsed = PartialDate.parse(birth) if birth else None
    except ValueError:
        parsed = None
    traveller = Traveller(
        family=family or "",
        given=given or "",
        native=native or "",
        sex=sex or None,
        birth_date=parsed,
        nationality=nationality or None,
        document_number=number or None,
        document_issuer=issuer or None,
    )
    return AlertEntry(alert_id, kind, state, review.toordinal(), traveller), doc


def _rows(where: str = "", params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Alert rows in force, read with a plain cursor: a million alerts through the ORM would take minutes."""
    table = Alert._meta.db_table
    sql = f"SELECT {', '.join(_COLUMNS)} FROM {table} WHERE withdrawn_at IS NULL AND review_date >= %s {where}"
    with connection.cursor() as cursor:
        cursor.execute(sql, (timezone.localdate(), *params))
        while batch := cursor.fetchmany(20000):
            yield from batch


def build_index() -> ScreeningIndex:
    """A new index of every alert in force, read from the database in one pass."""
    index = ScreeningIndex()
    # Document keys are kept as two flat arrays of 64-bit integers while reading: ten million alerts as
    # Python tuples would take gigabytes for a moment.
    hashes = array("q")
    ids = array("q")

    def persons() -> Iterator[AlertEntry]:
        for row in _rows():
            entry, doc = _entry(row)
            if doc:
                hashes.append(hash(doc))
                ids.append(row[0])
            if entry is not None:
                yield entry

    index.build(persons(), ())
    index.documents.build_arrays(np.frombuffer(hashes, dtype=np.int64), np.frombuffer(ids, dtype=np.int64))
    index.document_alerts = len(ids)
    return index


def _refresh(index: ScreeningIndex, ids: set[int], since: dt.datetime | None) -> None:
    """Re-read alerts changed since ``since`` (or named in ``ids``): remove, then add back those in force."""
    query = Alert.objects.all()
    changed = set(ids)
    if since is not None:
        # A margin: an alert saved in a transaction that began before ``since`` commits after it.
        margin = since - dt.timedelta(seconds=5)
        changed.update(query.filter(updated_at__gte=margin).values_list("id", flat=True))
    if not changed:
        return
    for alert_id in changed:
        index.remove(alert_id)
    ordered = sorted(changed)
    for start in range(0, len(ordered), 5000):  # SQLite takes at most 32,766 parameters a statement
        chunk = tuple(ordered[start : start + 5000])
        for row in _rows(f"AND id IN ({', '.join(['%s'] * len(chunk))})", chunk):
            entry, doc = _entry(row)
            if entry is not None:
                index.add_person(entry)
            if doc:
                index.add_document(row[0], doc)


def current_index(force_check: bool = False) -> ScreeningIndex:
    """The process's index, built on first use and brought up to date when due."""
    runtime = _RUNTIME
    with runtime.lock:
        now = time.monotonic()
        if runtime.index is None:
            started = timezone.now()
            runtime.index = build_index()
            runtime.loaded_through = started
            runtime.checked_at = now
            runtime.pending.clear()
            return runtime.index
        due = force_check or now - runtime.checked_at >= settings.SCREENING_REFRESH_SECONDS
        if runtime.pending or due:
            started = timezone.now()
            pending, runtime.pending = runtime.pending, set()
            _refresh(runtime.index, pending, runtime.loaded_through if due else None)
            if due:
                runtime.loaded_through = started
                runtime.checked_at = now
        return runtime.index


def warm_in_background() -> threading.Thread:
    """Start building this process's index now, in a thread, instead of on the first screening.

    With a million alerts the build takes minutes (every name is romanised): without this, a
    checkpoint's first query after a restart would wait for all of it. The web server starts it when
    it loads the application (``borderlink.wsgi``), the worker when it starts. A screening that comes
    while the build runs waits for it (the runtime's lock): nothing is ever screened against part of
    the alerts. If the build fails (a database not yet migrated), the first screening builds again.
    """

    def build() -> None:
        try:
            current_index()
        except Exception:
            logger.exception("the screening index could not be built at start; it will be built on first use")
        finally:
            connection.close()

    thread = threading.Thread(target=build, name="borderlink-screening-warm", daemon=True)
    thread.start()
    return thread
