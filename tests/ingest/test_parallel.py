"""A large file mapped on two processes gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from borderlink.ingest import parallel
from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.services import read_file
from borderlink.synth.generate import write_source

pytestmark = pytest.mark.django_db


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
