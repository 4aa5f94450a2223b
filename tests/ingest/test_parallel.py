"""A large file mapped on two processes gives exactly what one process gives."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from borderlink.ingest import parallel
from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.services import read_file
from borderlink.synth.generate import write_source

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[Any, ...]:
    """Every stored crossing as the API shows it, and every quarantined row: what an import left."""
    from borderlink.crossings.models import Crossing
    from borderlink.crossings.serialize import crossing_to_dict
    from borderlink.ingest.models import QuarantinedRecord

    crossings = {c.uid: crossing_to_dict(c) for c in Crossing.objects.select_related("checkpoint").order_by("uid")}
    quarantined = sorted((q.position, q.reason, q.record_id) for q in QuarantinedRecord.objects.all())
    return crossings, quarantined


def _forget_imports() -> None:
    from borderlink.crossings.models import Crossing
    from borderlink.ingest.models import QuarantinedRecord

    Crossing.objects.all().delete()
    QuarantinedRecord.objects.all().delete()


@pytest.mark.parametrize("source", ["khm-gdi", "tha-ib"])
def test_it_maps_the_same_rows_and_rejections_on_two_processes(
    source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_source(source, 3000, tmp_path, seed=7)
    data = path.read_bytes()
    spec = get_mapping(source)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1_000_000)
    serial = read_file(spec, data)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1000)
    assert parallel.can_fork(3000)
    split = read_file(spec, data)

    def rejections(outcome: Any) -> list[tuple[Any, ...]]:
        return [(r.position, r.reason, r.field, r.record_id) for r in outcome.rejections]

    assert split.rows == serial.rows
    assert rejections(split) == rejections(serial)
    assert split.read == serial.read == 3000
    assert rejections(serial)  # the synthetic file has defects, so both halves' rejections are compared


def test_it_stores_a_large_file_while_mapping_it_exactly_as_a_small_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, django_db_blocker: Any
) -> None:
    from borderlink.ingest.services import import_file

    path = write_source("khm-gdi", 3000, tmp_path, seed=11)
    data = path.read_bytes()
    spec = get_mapping("khm-gdi")

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1_000_000)
    one = import_file(spec, data, "khm.csv")
    serial = _snapshot()
    _forget_imports()
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1000)
    monkeypatch.setattr("borderlink.ingest.services.CHUNK", 700)
    two = import_file(spec, data, "khm.csv")
    assert _snapshot() == serial
    assert one.counts() == two.counts()
    assert two.quarantined > 0 and two.stored > 2500
    again = import_file(spec, data, "khm.csv")
    assert (again.stored, again.unchanged, again.quarantined) == (0, two.stored, two.quarantined)


def _tagged(part: Any, raws: Any, positions: Any, offset: int) -> tuple[list[tuple[Any, ...]], list[Any]]:
    """A stand-in for mapping: each record's index and the process that mapped it, a little slowly."""
    import os
    import time

    time.sleep(0.02)
    return [(offset + i, os.getpid()) for i in range(len(part))], []


def test_both_processes_map_and_every_chunk_comes_exactly_once() -> None:
    records = list(range(8000))
    positions = list(range(8000))
    rows = [
        row
        for chunk_rows, _failures in parallel.stream_chunks(_tagged, records, ["raw"] * 8000, positions, 200)
        for row in chunk_rows
    ]
    assert sorted(index for index, _pid in rows) == positions
    assert len({pid for _index, pid in rows}) == 2  # the child and this process both took chunks
    assert records == [None] * 8000  # each chunk's records were let go once it was mapped


def test_a_mapping_process_that_dies_fails_the_file_instead_of_losing_its_chunks() -> None:
    import os

    parent = os.getpid()

    def work(part: Any, raws: Any, positions: Any, offset: int) -> tuple[list[tuple[Any, ...]], list[Any]]:
        if os.getpid() != parent:
            raise ValueError("the child breaks")
        return _tagged(part, raws, positions, offset)

    records = list(range(4000))
    with pytest.raises(RuntimeError, match="mapping process failed"):
        list(parallel.stream_chunks(work, records, ["raw"] * 4000, records, 200))


def _rewrite_surnames(data: bytes, rows: int) -> bytes:
    """The same CSV with the surname of its first ``rows`` records changed (their text and content differ)."""
    import csv
    import io

    text = data.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline="")))
    column = table[0].index("surname")
    for row in table[1 : rows + 1]:
        if len(row) > column and row[column]:
            row[column] += "X"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(table)
    return out.getvalue().encode("utf-8-sig")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_chunks_staged_by_the_mapping_process_are_stored_as_the_rows_themselves_would_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borderlink.crossings.models import Crossing, CrossingVersion
    from borderlink.ingest import services, staging
    from borderlink.ingest.services import import_file

    path = write_source("khm-gdi", 3000, tmp_path, seed=11)
    data = path.read_bytes()
    spec = get_mapping("khm-gdi")

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 1_000_000)
    one = import_file(spec, data, "khm.csv")
    serial = _snapshot()
    _forget_imports()

    loaded: list[int] = []
    load = staging.StagedStore.load

    def counting_load(self: staging.StagedStore, chunk: staging.StagedChunk) -> str:
        loaded.append(chunk.count)
        return load(self, chunk)

    monkeypatch.setattr(staging.StagedStore, "load", counting_load)
    # Fork even if an earlier test left a live server's thread running (the child never touches it).
    monkeypatch.setattr(services, "can_fork", lambda count: count >= 1000)
    monkeypatch.setattr(services, "CHUNK", 200)
    two = import_file(spec, data, "khm.csv")
    from django.db import connection

    # Staging is SQLite's; on PostgreSQL the same file takes COPY and must give the same result.
    assert bool(loaded) == (connection.vendor == "sqlite")
    assert sum(loaded) <= two.stored
    assert _snapshot() == serial
    assert one.counts() == two.counts()

    again = import_file(spec, data, "khm.csv")
    assert (again.stored, again.updated, again.unchanged) == (0, 0, two.stored)

    changed = import_file(spec, _rewrite_surnames(data, 400), "khm-corrected.csv")
    assert changed.updated > 300 and changed.stored == 0
    assert changed.unchanged == two.stored - changed.updated
    assert CrossingVersion.objects.count() == changed.updated
    renamed = Crossing.objects.filter(version=2).first()
    assert renamed is not None and renamed.family_name.endswith("X")


@pytest.mark.parametrize("count", [1, 7, 2_500, 60_000, 200_000, 1_000_003])
@pytest.mark.parametrize("front_share", [1, 2, 3])
def test_chunks_cover_the_file_once_and_the_last_ones_taken_are_short(count: int, front_share: int) -> None:
    """Whatever the pace of the two processes (the front one taking 1 to 3 chunks per back one)."""
    chunks = parallel.Chunks(count, 20_000)
    taken: list[tuple[int, int]] = []
    turn = 0
    while True:
        turn += 1
        part = chunks.take_back() if turn % (front_share + 1) == 0 else chunks.take_front()
        if part is None:
            break
        taken.append(part)
    assert chunks.take_front() is None and chunks.take_back() is None
    ordered = sorted(taken)
    assert ordered[0][0] == 0 and ordered[-1][1] == count
    assert all(stop == next_start for (_, stop), (next_start, _) in itertools.pairwise(ordered))
    sizes = [stop - start for start, stop in taken]
    assert max(sizes) <= 20_000 and min(sizes) >= 1
    assert taken[0] == (0, min(count, 2_500))  # the first chunk to store comes quickly
    if count >= 60_000:
        assert max(sizes[-4:]) <= 2_500 < max(sizes)  # the last chunks taken are short
