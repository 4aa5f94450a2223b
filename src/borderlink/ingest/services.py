"""Storing a national file in the common model: the import run.

Order of work, so that nothing is half-written: the file is kept on disk and the run recorded;
every record is read, mapped and checked in memory; then one transaction stores new records,
replaces changed ones (keeping history), quarantines the rest and writes the counts.
"""

from __future__ import annotations

import gc
import getpass
import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from borderlink.ingest.mapping.spec import MappingSpec
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.parallel import CHUNK, Failure, can_fork, stream_chunks
from borderlink.ingest.readers import FileRefused, clip, storable
from borderlink.ingest.reading import (
    Outcome,
    Prepared,
    Progress,
    map_part,
    map_prepared,
    mark_missing_companions,
    prepare,
    read_file,
    rejections_of,
    resolve_duplicates,
)
from borderlink.ingest.rules import HASH, UID
from borderlink.ingest.staging import StagedChunk, StagedStore, can_stage, stage
from borderlink.ingest.store import (
    Existing,
    changed_content,
    db_stamp,
    find_existing,
    insert_new,
    insert_quarantined,
    update_changed,
)
from borderlink.jobs.queue import enqueue

logger = logging.getLogger("borderlink.ingest")
#: What mapping one chunk gives: the rows not staged, the rejections, and the staged rest (on SQLite).
Chunk = tuple[list[tuple[Any, ...]], list[Failure], StagedChunk | None]
__all__ = ["execute_run", "import_file", "read_file", "start_run"]


def keep_file(data: bytes, digest: str) -> Path:
    """Keep the imported file under the data directory, named by its SHA-256 (once per content)."""
    folder = Path(settings.DATA_DIR) / "imports" / digest[:2]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / digest
    if not path.exists():
        temporary = path.with_suffix(".part")
        temporary.write_bytes(data)
        temporary.replace(path)
    return path


def start_run(
    spec: MappingSpec, data: bytes, file_name: str, channel: str, user: Any = None, invoked_by: str = ""
) -> ImportRun:
    """Record an import run (queued) and keep the file; :func:`execute_run` does the work."""
    digest = hashlib.sha256(data).hexdigest()
    path = keep_file(data, digest)
    real_user = user if getattr(user, "is_authenticated", False) else None
    return ImportRun.objects.create(
        source=spec.source,
        reporting_state=spec.reporting_state,
        mapping_sha256=spec.sha256,
        file_name=storable(Path(file_name).name[:255]),
        file_sha256=digest,
        file_size=len(data),
        stored_path=str(path),
        channel=channel,
        user=real_user,
        invoked_by=(real_user.get_username() if real_user else invoked_by or _os_user())[:150],
    )


def _os_user() -> str:
    try:
        return f"{getpass.getuser()} (command line)"
    except Exception:
        return "(command line)"


def execute_run(run: ImportRun, spec: MappingSpec, data: bytes, progress: Progress | None = None) -> ImportRun:
    """Read, check and store one file for ``run``; a refused or failed file stores nothing."""
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING, started_at=timezone.now())
    # A large file makes millions of small objects that all stay alive until the end: cyclic
    # garbage collection would rescan them again and again for nothing, so it waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read_and_store(run, spec, data, progress)
    finally:
        if collecting:
            gc.enable()


def _read_and_store(run: ImportRun, spec: MappingSpec, data: bytes, progress: Progress | None) -> ImportRun:
    try:
        prepared = prepare(spec, data)
        if can_fork(len(prepared.records)):
            return _stream_and_store(run, spec, prepared, progress)
        outcome = map_prepared(prepared, progress)
    except FileRefused as refusal:
        return _close(run, ImportRun.Status.REFUSED, error=str(refusal))
    except Exception as exc:  # a defect of ours or of the mapping: record it, store nothing
        logger.exception("import run %s could not read its file", run.pk)
        return _close(run, ImportRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
    try:
        with transaction.atomic():
            _finish(run, _store(run, spec, outcome))
    except Exception as exc:
        logger.exception("import run %s failed", run.pk)
        return _close(run, ImportRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
    logger.debug("import run %s: %s", run.pk, run.counts())
    return run


def _stream_and_store(run: ImportRun, spec: MappingSpec, prepared: Prepared, progress: Progress | None) -> ImportRun:
    """Store a large file while it is mapped: a child maps chunk after chunk, this process stores them.

    On SQLite each chunk is staged as a small database (:mod:`borderlink.ingest.staging`).
    Rows whose id comes more than once in the file wait until every copy is mapped, then go
    through the same duplicate rule as a small file. All of it is one transaction.
    """
    records, raws, positions = prepared.records, prepared.raws, prepared.positions
    repeated = prepared.repeated_uids
    with StagedStore() as staged_store:
        staging = can_stage()

        def work(part: Sequence[Any], part_raws: Sequence[str], part_positions: Sequence[int], offset: int) -> Chunk:
            rows, failures = map_part(prepared, part, part_raws, part_positions, offset)
            if not staging:
                return rows, failures, None
            kept, staged = stage(rows, repeated, prepared.file_uids)
            return kept, failures, staged

        try:
            with transaction.atomic():
                storer = Storer(run, prepared.checkpoint_codes, prepared.file_uids)
                waiting: list[tuple[Any, ...]] = []
                rejections = list(prepared.unreadable)
                mapped = 0
                for rows, failures, staged in stream_chunks(work, records, raws, positions, CHUNK):
                    rejections.extend(rejections_of(prepared, failures))
                    mapped += len(rows) + (staged.count if staged else 0)
                    if repeated:
                        waiting.extend(row for row in rows if row[UID] in repeated)
                        rows = [row for row in rows if row[UID] not in repeated]
                    storer.add(rows)
                    if staged is not None:
                        storer.add_staged(staged_store, staged)
                    if progress is not None:
                        progress(mapped + len(rejections), len(records))
                outcome = Outcome(
                    rows=waiting, rejections=rejections, context=prepared.header,
                    checkpoint_codes=prepared.checkpoint_codes, file_uids=prepared.file_uids,
                )  # fmt: skip
                outcome.read = mapped + len(rejections)
                resolve_duplicates(outcome)
                storer.add(outcome.rows)
                _quarantine(run, spec, outcome)
                _finish(
                    run,
                    {
                        "read": outcome.read,
                        "stored": storer.stored,
                        "updated": storer.updated,
                        "unchanged": storer.unchanged + outcome.duplicates_identical,
                        "quarantined": len(outcome.rejections),
                    },
                )
        except Exception as exc:
            logger.exception("import run %s failed", run.pk)
            return _close(run, ImportRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
    return run


def _finish(run: ImportRun, counts: dict[str, int]) -> None:
    """Record a run's counts as done (inside its transaction) and queue the linking of what it stored."""
    for name, value in counts.items():
        setattr(run, name, value)
    run.status = ImportRun.Status.DONE
    run.finished_at = timezone.now()
    run.error = ""
    run.save()
    if run.stored or run.updated:
        # Screening and linking stored crossings are the worker's jobs: ingest itself stays fast. Screening
        # is queued first: an officer waits for a hit, nobody waits for a link.
        enqueue("screening.screen_run", {"import_run": run.pk})
        enqueue("identity.link_run", {"import_run": run.pk})


def _close(run: ImportRun, status: str, error: str) -> ImportRun:
    run.status = status
    run.error = storable(error)
    run.finished_at = timezone.now()
    run.read = run.stored = run.updated = run.unchanged = run.quarantined = 0
    run.save()
    return run


class Storer:
    """Stores mapped rows batch by batch inside the import's transaction, counting as it goes."""

    def __init__(self, run: ImportRun, checkpoint_codes: dict[int, str], file_uids: set[str]) -> None:
        self.run = run
        self.checkpoint_codes = checkpoint_codes
        self.file_uids = file_uids
        self.now = timezone.now()
        self.stored = self.updated = self.unchanged = 0

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert the new rows, replace the changed ones (keeping history), count the unchanged."""
        if not rows:
            return
        mark_missing_companions(rows, self.file_uids)
        existing = find_existing([row[UID] for row in rows])
        new: list[tuple[Any, ...]] = []
        candidates = []
        for row in rows:
            stored = existing.get(row[UID])
            if stored is None:
                new.append(row)
            elif stored.content_hash == row[HASH]:
                self.unchanged += 1
            else:
                candidates.append((row, stored))
        changed = changed_content(candidates, self.checkpoint_codes)
        self.unchanged += len(candidates) - len(changed)
        self.stored += insert_new(new, self.run.pk, self.now, settings.INGEST_BATCH)
        self.updated += update_changed(changed, self.run.pk, self.now)

    def add_staged(self, store: StagedStore, chunk: StagedChunk) -> None:
        """As :meth:`add`, for a chunk the mapping process staged (its rows never come into Python)."""
        alias = store.load(chunk)
        already = store.stored_already(alias)
        if already:
            differing = {
                uid: Existing(pk, stored_hash, version)
                for uid, pk, stored_hash, version, staged_hash in already
                if stored_hash != staged_hash
            }
            self.unchanged += len(already) - len(differing)
            candidates = [(row, differing[row[UID]]) for row in store.staged_rows(alias, differing)]
            changed = changed_content(candidates, self.checkpoint_codes)
            self.unchanged += len(candidates) - len(changed)
            self.updated += update_changed(changed, self.run.pk, self.now)
        self.stored += store.insert_new(alias, self.run.pk, db_stamp(self.now), skip_stored=bool(already))


def _store(run: ImportRun, spec: MappingSpec, outcome: Outcome) -> dict[str, int]:
    storer = Storer(run, outcome.checkpoint_codes, outcome.file_uids or {row[UID] for row in outcome.rows})
    storer.add(outcome.rows)
    _quarantine(run, spec, outcome)
    return {
        "read": outcome.read,
        "stored": storer.stored,
        "updated": storer.updated,
        "unchanged": storer.unchanged + outcome.duplicates_identical,
        "quarantined": len(outcome.rejections),
    }


def _quarantine(run: ImportRun, spec: MappingSpec, outcome: Outcome) -> None:
    """Store the rejected rows; a row already waiting in quarantine (same raw text) is not doubled."""
    rejections = sorted(outcome.rejections, key=lambda r: r.position)
    hashes = [hashlib.sha256(r.raw.encode("utf-8", errors="replace")).hexdigest() for r in rejections]
    waiting: set[str] = set()
    for start in range(0, len(hashes), 900):
        waiting.update(
            QuarantinedRecord.objects.filter(
                source=spec.source,
                status=QuarantinedRecord.Status.OPEN,
                raw_sha256__in=hashes[start : start + 900],
            ).values_list("raw_sha256", flat=True)
        )
    entries = []
    context = storable(outcome.context)
    open_status = QuarantinedRecord.Status.OPEN.value
    stamp = db_stamp(timezone.now())
    for rejection, digest in zip(rejections, hashes, strict=True):
        if digest in waiting:
            continue
        waiting.add(digest)
        raw, truncated = clip(rejection.raw)
        entries.append(
            (
                run.pk, spec.source, run.file_name, rejection.position, storable(rejection.record_id[:200]),
                rejection.field, rejection.reason, storable(rejection.detail[:2000]), raw, truncated, digest,
                context, open_status, stamp, stamp,
            )
        )  # fmt: skip
    insert_quarantined(entries)


def import_file(
    spec: MappingSpec,
    data: bytes,
    file_name: str,
    channel: str = ImportRun.Channel.CLI,
    user: Any = None,
    invoked_by: str = "",
    progress: Progress | None = None,
) -> ImportRun:
    """Record and run one import now (the command line path; uploads go through the worker)."""
    run = start_run(spec, data, file_name, channel, user, invoked_by)
    return execute_run(run, spec, data, progress)
