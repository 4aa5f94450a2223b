"""Taking a national file through its mapping into the common model: the import run.

Order of work, so that nothing is half-written: the file is kept on disk and the run recorded;
every record is read, mapped and checked in memory; then one transaction stores new records,
replaces changed ones (keeping history), quarantines the rest and writes the counts.
"""

from __future__ import annotations

import gc
import getpass
import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from borderlink.crossings.choices import Quality
from borderlink.ingest.mapping.compiler import CompiledMapping, compile_mapping
from borderlink.ingest.mapping.spec import MappingSpec
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.parallel import CHUNK, Failure, can_fork, run_split, stream_chunks
from borderlink.ingest.readers import CsvReader, FileRefused, Unreadable, clip, open_reader, storable
from borderlink.ingest.rules import COMPANIONS, HASH, POSITION, QUALITY, RAW, UID, CheckpointInfo, RuleContext
from borderlink.ingest.store import changed_content, find_existing, insert_new, update_changed
from borderlink.registry.models import Checkpoint, State

logger = logging.getLogger("borderlink.ingest")
Progress = Callable[[int, int], None]


@dataclass
class Rejection:
    """A record bound for quarantine."""

    position: int
    raw: str
    reason: str
    field: str
    detail: str
    record_id: str = ""


@dataclass
class Outcome:
    """What reading and checking a file produced, before anything is stored."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    duplicates_identical: int = 0
    read: int = 0
    context: str = ""
    checkpoint_codes: dict[int, str] = field(default_factory=dict)
    file_uids: set[str] = field(default_factory=set)


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


def checkpoint_context(spec: MappingSpec) -> dict[str, CheckpointInfo]:
    """The reporting state's checkpoints by national code (registering those the mapping declares)."""
    if spec.checkpoints:
        register_mapping_checkpoints(spec)
    return {
        cp.national_code: CheckpointInfo(cp.pk, cp.code, cp.zone)
        for cp in Checkpoint.objects.filter(state_id=spec.reporting_state, active=True)
    }


def register_mapping_checkpoints(spec: MappingSpec) -> None:
    """Create or update the checkpoints a mapping declares (onboarding a state is a data file)."""
    state = State.objects.filter(code=spec.reporting_state).first()
    if state is None:
        raise FileRefused(f"reporting state {spec.reporting_state} is not in the registry")
    pending_faces = []
    for declared in spec.checkpoints:
        checkpoint, _ = Checkpoint.objects.update_or_create(
            code=f"{spec.reporting_state}-{declared.national_code}",
            defaults={
                "state": state,
                "national_code": declared.national_code,
                "name": declared.name,
                "kind": declared.kind,
                "time_zone": declared.time_zone,
                "latitude": declared.lat,
                "longitude": declared.lon,
            },
        )
        if declared.faces:
            pending_faces.append((checkpoint, declared.faces))
    for checkpoint, faces in pending_faces:
        other = Checkpoint.objects.filter(code=faces).first()
        if other is None:
            raise FileRefused(f"checkpoint {checkpoint.code} faces {faces}, which is not in the registry")
        Checkpoint.objects.filter(pk=checkpoint.pk).update(faces=other)


@dataclass
class Prepared:
    """A file read into memory and a mapping compiled for it: what mapping any part of it needs."""

    records: list[Any]
    raws: list[str]
    positions: list[int]
    unreadable: list[Rejection]
    compiled: CompiledMapping
    context: RuleContext
    checkpoint_codes: dict[int, str]
    header: str
    file_uids: set[str]
    repeated_uids: set[str]


def prepare(spec: MappingSpec, data: bytes) -> Prepared:
    """Read every record of ``data``; raise :class:`FileRefused` for a file of the wrong format."""
    reader = open_reader(data, spec.format)
    header = reader.header if isinstance(reader, CsvReader) else None
    compiled = compile_mapping(spec, header)
    checkpoints = checkpoint_context(spec)
    context = RuleContext(spec.source, spec.reporting_state, checkpoints, connection.vendor == "postgresql")
    positions: list[int] = []
    raws: list[str] = []
    records: list[Any] = []
    unreadable: list[Rejection] = []
    for item in reader:
        if isinstance(item, Unreadable):
            unreadable.append(Rejection(item.position, item.raw, item.reason, "", item.detail, item.record_id))
            continue
        positions.append(item.position)
        raws.append(item.raw)
        records.append(item.record)
    # Every id the file carries, read once up front: which records a companion may point to, and
    # which ids come more than once (their rows wait until all copies are known).
    prefix = spec.source + ":"
    seen: set[str] = set()
    repeated: set[str] = set()
    for value in compiled.id_column(records):
        if isinstance(value, str):
            uid = prefix + value
            if uid in seen:
                repeated.add(uid)
            seen.add(uid)
    return Prepared(
        records=records,
        raws=raws,
        positions=positions,
        unreadable=unreadable,
        compiled=compiled,
        context=context,
        checkpoint_codes={info.id: info.code for info in checkpoints.values()},
        header=reader.header_line if isinstance(reader, CsvReader) else "",
        file_uids=seen,
        repeated_uids=repeated,
    )


def map_part(
    prepared: Prepared, records: Sequence[Any], raws: Sequence[str], positions: Sequence[int], offset: int
) -> tuple[list[tuple[Any, ...]], list[Failure]]:
    """Map and check one slice of the records (``offset`` is its first index in the file)."""
    columns, errors = prepared.compiled.map_columns(records)
    rows, errors = prepared.context.finish(columns, errors, list(raws), list(positions))
    ids = columns.get("id", [])
    failures = [
        (offset + index, error.reason, error.field, error.detail,
         ids[index][:150] if index < len(ids) and isinstance(ids[index], str) else "")
        for index, error in sorted(errors.items())
    ]  # fmt: skip
    return rows, failures


def _rejections(prepared: Prepared, failures: list[Failure]) -> list[Rejection]:
    return [
        Rejection(prepared.positions[index], prepared.raws[index], reason, field_name, detail, record_id)
        for index, reason, field_name, detail, record_id in failures
    ]


def read_file(spec: MappingSpec, data: bytes, progress: Progress | None = None) -> Outcome:
    """Read, map and check every record of ``data``; raise :class:`FileRefused` for a wrong file."""
    return map_prepared(prepare(spec, data), progress)


def map_prepared(prepared: Prepared, progress: Progress | None = None) -> Outcome:
    """Map and check every record of a prepared file (on two processes when it is large)."""
    records, raws, positions = prepared.records, prepared.raws, prepared.positions
    if progress is not None:
        progress(len(records) // 3, len(records))

    def work(
        part: Sequence[Any], part_raws: Sequence[str], part_positions: Sequence[int], offset: int
    ) -> tuple[list[tuple[Any, ...]], list[Failure]]:
        return map_part(prepared, part, part_raws, part_positions, offset)

    if can_fork(len(records)):
        rows, failures = run_split(work, records, raws, positions)
    else:
        rows, failures = work(records, raws, positions, 0)
    outcome = Outcome(
        rows=rows,
        rejections=prepared.unreadable + _rejections(prepared, failures),
        context=prepared.header,
        checkpoint_codes=prepared.checkpoint_codes,
        file_uids=prepared.file_uids,
    )
    outcome.read = len(outcome.rows) + len(outcome.rejections)
    _resolve_duplicates(outcome)
    if progress is not None:
        progress(len(records), len(records))
    return outcome


def _resolve_duplicates(outcome: Outcome) -> None:
    """Same id twice in one file: identical copies count once; differing copies are all quarantined."""
    by_uid: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in outcome.rows:
        by_uid[row[UID]].append(row)
    if len(by_uid) == len(outcome.rows):
        return
    kept: list[tuple[Any, ...]] = []
    for copies in by_uid.values():
        if len(copies) == 1:
            kept.append(copies[0])
        elif len({_content(c) for c in copies}) == 1:
            kept.append(copies[0])
            outcome.duplicates_identical += len(copies) - 1
        else:
            positions = ", ".join(str(c[POSITION]) for c in copies)
            for copy in copies:
                outcome.rejections.append(
                    Rejection(
                        copy[POSITION], copy[RAW], "duplicate_conflict", "id",
                        f"id {copy[2]} appears at {positions} with different content", copy[2],
                    )
                )  # fmt: skip
    kept.sort(key=lambda row: row[POSITION])
    outcome.rows = kept


def _content(row: tuple[Any, ...]) -> str:
    """The mapped content of a row (what a change is judged by), without its raw text and position."""
    return repr(row[:RAW])


def _mark_missing_companions(rows: list[tuple[Any, ...]], in_file: set[str]) -> None:
    """Note companions that are neither in this file nor stored (kept, with a quality code)."""
    wanted = {c for row in rows for c in row[COMPANIONS] if c not in in_file}
    if not wanted:
        return
    known = set(find_existing(sorted(wanted)))
    for row in rows:
        if any(c not in in_file and c not in known for c in row[COMPANIONS]):
            row[QUALITY].append(Quality.COMPANION_NOT_FOUND)


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
            counts = _store(run, spec, outcome)
            for name, value in counts.items():
                setattr(run, name, value)
            run.status = ImportRun.Status.DONE
            run.finished_at = timezone.now()
            run.error = ""
            run.save()
    except Exception as exc:
        logger.exception("import run %s failed", run.pk)
        return _close(run, ImportRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
    logger.debug("import run %s: %s", run.pk, run.counts())
    return run


def _stream_and_store(run: ImportRun, spec: MappingSpec, prepared: Prepared, progress: Progress | None) -> ImportRun:
    """Store a large file while it is mapped: a child maps chunk after chunk, this process stores them.

    Rows whose id comes more than once in the file wait until every copy is mapped, then go
    through the same duplicate rule as a small file. All of it is one transaction.
    """
    records, raws, positions = prepared.records, prepared.raws, prepared.positions

    def work(
        part: Sequence[Any], part_raws: Sequence[str], part_positions: Sequence[int], offset: int
    ) -> tuple[list[tuple[Any, ...]], list[Failure]]:
        return map_part(prepared, part, part_raws, part_positions, offset)

    repeated = prepared.repeated_uids
    try:
        with transaction.atomic():
            storer = Storer(run, prepared.checkpoint_codes, prepared.file_uids)
            waiting: list[tuple[Any, ...]] = []
            rejections = list(prepared.unreadable)
            mapped = 0
            for rows, failures in stream_chunks(work, records, raws, positions, CHUNK):
                rejections.extend(_rejections(prepared, failures))
                mapped += len(rows)
                if repeated:
                    waiting.extend(row for row in rows if row[UID] in repeated)
                    rows = [row for row in rows if row[UID] not in repeated]
                storer.add(rows)
                if progress is not None:
                    progress(mapped + len(rejections), len(records))
            outcome = Outcome(
                rows=waiting, rejections=rejections, context=prepared.header,
                checkpoint_codes=prepared.checkpoint_codes, file_uids=prepared.file_uids,
            )  # fmt: skip
            outcome.read = mapped + len(rejections)
            _resolve_duplicates(outcome)
            storer.add(outcome.rows)
            _quarantine(run, spec, outcome)
            run.read, run.stored, run.updated = outcome.read, storer.stored, storer.updated
            run.unchanged = storer.unchanged + outcome.duplicates_identical
            run.quarantined = len(outcome.rejections)
            run.status = ImportRun.Status.DONE
            run.finished_at = timezone.now()
            run.error = ""
            run.save()
    except Exception as exc:
        logger.exception("import run %s failed", run.pk)
        return _close(run, ImportRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
    return run


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
        _mark_missing_companions(rows, self.file_uids)
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
    for rejection, digest in zip(rejections, hashes, strict=True):
        if digest in waiting:
            continue
        waiting.add(digest)
        raw, truncated = clip(rejection.raw)
        entries.append(
            QuarantinedRecord(
                import_run=run,
                source=spec.source,
                file_name=run.file_name,
                position=rejection.position,
                record_id=storable(rejection.record_id[:200]),
                field=rejection.field,
                reason=rejection.reason,
                detail=storable(rejection.detail[:2000]),
                raw=raw,
                raw_truncated=truncated,
                raw_sha256=digest,
                context=storable(outcome.context),
            )
        )
    QuarantinedRecord.objects.bulk_create(entries, batch_size=500)


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
