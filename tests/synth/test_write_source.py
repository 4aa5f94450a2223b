"""write_source(): one national file of an exact size, fast, for benchmarks."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.synth.generate import write_source

from . import READERS, read_table


@pytest.mark.parametrize("source", ["khm-gdi", "tha-ib", "vnm-xnc"])
def test_it_writes_exactly_the_rows_asked_for(tmp_path: Path, source: str) -> None:
    path = write_source(source, 1234, tmp_path, seed=3)
    rows = READERS[source](path)
    assert len(rows) == 1234
    assert any(row.problems for row in rows)


@pytest.mark.parametrize("source", ["khm-gdi", "tha-ib", "vnm-xnc"])
def test_it_writes_no_defect_when_asked(tmp_path: Path, source: str) -> None:
    rows = READERS[source](write_source(source, 800, tmp_path, defects=False))
    assert len(rows) == 800
    assert all(not row.problems for row in rows)


def test_it_writes_the_same_file_for_the_same_seed(tmp_path: Path) -> None:
    a = write_source("tha-ib", 500, tmp_path / "a", seed=9)
    b = write_source("tha-ib", 500, tmp_path / "b", seed=9)
    c = write_source("tha-ib", 500, tmp_path / "c", seed=10)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()


def test_it_writes_the_ground_truth_when_asked(tmp_path: Path) -> None:
    path = write_source("khm-gdi", 2000, tmp_path, seed=4, truth=True)
    rows = READERS["khm-gdi"](path)
    truth = read_table(tmp_path / "truth.csv")
    assert [t["record_id"] for t in truth] == [row.id for row in rows]
    by_position = {row.position: row for row in rows}
    for d in read_table(tmp_path / "defects.csv"):
        row = by_position[int(d["position"])]
        assert row.id == d["record_id"]
        if d["defect"] != "duplicate_conflict":
            assert row.problems == {d["defect"]}


def test_it_refuses_an_unknown_source(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown source"):
        write_source("lao-xyz", 10, tmp_path)
