"""Reading a national file through its mapping: records, mapped rows and the rows to quarantine.

Nothing here writes crossings: :mod:`borderlink.ingest.services` stores what this module reads, so
that a file is read whole (or refused whole) before anything of it is stored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from borderlink.crossings.choices import Quality
from borderlink.ingest.mapping.compiler import CompiledMapping, compile_mapping
from borderlink.ingest.mapping.spec import MappingSpec
from borderlink.ingest.parallel import Failure, can_fork, run_split
from borderlink.ingest.readers import CsvReader, FileRefused, Records, column_of_lines, open_reader, split_records
from borderlink.ingest.rules import COMPANIONS, POSITION, QUALITY, RAW, UID, CheckpointInfo, RuleContext
from borderlink.ingest.store import find_existing
from borderlink.registry.models import Checkpoint, State

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
    ids: list[Any]  # the mapped id of each record (a FieldError where it failed), read once
    split_on: str | None = None  # see ``Records.split_on``: records still lines are split when mapped


def prepare(spec: MappingSpec, data: bytes) -> Prepared:
    """Read every record of ``data``; raise :class:`FileRefused` for a file of the wrong format."""
    reader = open_reader(data, spec.format)
    header = reader.header if isinstance(reader, CsvReader) else None
    compiled = compile_mapping(spec, header)
    checkpoints = checkpoint_context(spec)
    context = RuleContext(spec.source, spec.reporting_state, checkpoints, connection.vendor == "postgresql")
    read = reader.read_all() if isinstance(reader, CsvReader) else Records.collect(reader)
    records, raws, positions = read.records, read.raws, read.positions
    unreadable = [
        Rejection(item.position, item.raw, item.reason, "", item.detail, item.record_id) for item in read.unreadable
    ]
    # Every id the file carries, read once up front: which records a companion may point to, and
    # which ids come more than once (their rows wait until all copies are known).
    ids, not_all_text = _ids(compiled, read, len(header or ()))
    records = read.records
    prefix = spec.source + ":"
    if not_all_text:
        uids = [prefix + value for value in ids if isinstance(value, str)]
    else:
        uids = list(map(prefix.__add__, ids))
    seen = set(uids)
    repeated = set() if len(seen) == len(uids) else {uid for uid, n in Counter(uids).items() if n > 1}
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
        ids=ids,
        split_on=read.split_on,
    )


def _ids(compiled: CompiledMapping, read: Records, width: int) -> tuple[list[Any], bool]:
    """The mapped id of every record, and whether some is not a text (failed or missing).

    Lines kept unsplit are split only as far as the id's column; an id made of several columns needs
    every record split now (``read`` is then split in place).
    """
    id_field = next((field for field in compiled.fields if field.target == "id"), None)
    if id_field is None:
        return [], False
    if read.split_on is None:
        ids, failed = id_field.column(read.records)
    elif id_field.csv_index is None:
        read.records, read.split_on = read.parsed(), None
        ids, failed = id_field.column(read.records)
    else:
        raw = column_of_lines(read.records, read.split_on, id_field.csv_index, width)
        ids, failed = id_field.column(read.records, raw)
    return ids, failed or None in ids


def map_part(
    prepared: Prepared, records: Sequence[Any], raws: Sequence[str], positions: Sequence[int], offset: int
) -> tuple[list[tuple[Any, ...]], list[Failure]]:
    """Map and check one slice of the records (``offset`` is its first index in the file)."""
    ids = prepared.ids[offset : offset + len(records)]
    if prepared.split_on is not None:
        records = split_records(records, prepared.split_on)
    columns, errors = prepared.compiled.map_columns(records, known={"id": ids})
    rows, errors = prepared.context.finish(columns, errors, list(raws), list(positions))
    ids = columns.get("id", [])
    failures = [
        (offset + index, error.reason, error.field, error.detail,
         ids[index][:150] if index < len(ids) and isinstance(ids[index], str) else "")
        for index, error in sorted(errors.items())
    ]  # fmt: skip
    return rows, failures


def rejections_of(prepared: Prepared, failures: list[Failure]) -> list[Rejection]:
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
        rejections=prepared.unreadable + rejections_of(prepared, failures),
        context=prepared.header,
        checkpoint_codes=prepared.checkpoint_codes,
        file_uids=prepared.file_uids,
    )
    outcome.read = len(outcome.rows) + len(outcome.rejections)
    resolve_duplicates(outcome)
    if progress is not None:
        progress(len(records), len(records))
    return outcome


def resolve_duplicates(outcome: Outcome) -> None:
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


def mark_missing_companions(rows: list[tuple[Any, ...]], in_file: set[str]) -> None:
    """Note companions that are neither in this file nor stored (kept, with a quality code)."""
    wanted = {c for row in rows for c in row[COMPANIONS] if c not in in_file}
    if not wanted:
        return
    known = set(find_existing(sorted(wanted)))
    for row in rows:
        if any(c not in in_file and c not in known for c in row[COMPANIONS]):
            row[QUALITY].append(Quality.COMPANION_NOT_FOUND)
