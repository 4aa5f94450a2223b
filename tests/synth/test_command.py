"""``borderlink synth``: writes the files and prints a short summary."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_it_writes_the_files_and_a_summary(tmp_path: Path) -> None:
    out = StringIO()
    call_command("synth", "--persons", "200", "--days", "3", "--seed", "5", "--out", str(tmp_path), stdout=out)
    for name in ("khm-gdi.csv", "tha-ib.jsonl", "vnm-xnc.xml", "truth.csv", "defects.csv", "variations.csv"):
        assert (tmp_path / name).exists(), name
    text = out.getvalue()
    assert "200 persons over 3 days from 2026-11-01 (seed 5)" in text
    assert "khm-gdi.csv" in text and "tha-ib.jsonl" in text and "vnm-xnc.xml" in text


def test_it_takes_the_start_day_and_no_defects(tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "synth",
        "--persons",
        "100",
        "--days",
        "2",
        "--start",
        "2027-03-01",
        "--no-defects",
        "--out",
        str(tmp_path),
        stdout=out,
    )
    assert (tmp_path / "defects.csv").read_text() == "record_id,position,defect\n"
    assert "from 2027-03-01" in out.getvalue()


@pytest.mark.parametrize("args", [["--persons", "0"], ["--days", "x"], ["--start", "01/11/2026"]])
def test_it_refuses_bad_arguments(tmp_path: Path, args: list[str]) -> None:
    with pytest.raises(CommandError):
        call_command("synth", *args, "--out", str(tmp_path), stdout=StringIO())
