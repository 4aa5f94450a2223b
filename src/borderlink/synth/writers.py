"""The three national writers by source name, and the ground-truth files written beside them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from borderlink.synth.writer_khm import KhmWriter
from borderlink.synth.writer_tha import ThaWriter
from borderlink.synth.writer_vnm import VnmWriter
from borderlink.synth.writing import SourceWriter, Written

WRITERS: dict[str, type[SourceWriter]] = {"khm-gdi": KhmWriter, "tha-ib": ThaWriter, "vnm-xnc": VnmWriter}
FILE_NAMES: dict[str, str] = {"khm-gdi": "khm-gdi.csv", "tha-ib": "tha-ib.jsonl", "vnm-xnc": "vnm-xnc.xml"}
TRUTH_FILE = "truth.csv"
DEFECTS_FILE = "defects.csv"
VARIATIONS_FILE = "variations.csv"


def _write_lines(path: Path, header: str, lines: Iterable[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(header + "\n")
        f.writelines(line + "\n" for line in lines)
    return path


def write_truth(written: Iterable[Written], path: Path) -> Path:
    """truth.csv: ``record_id,person_id`` for every row written, defective ones included, in file order."""
    return _write_lines(
        path,
        "record_id,person_id",
        (f"{w.source}:{row.record_id},{row.person_id}" for w in written for row in w.rows),
    )


def write_defects(written: Iterable[Written], path: Path) -> Path:
    """defects.csv: ``record_id,position,defect`` for every row made defective (both rows of a duplicate)."""
    return _write_lines(
        path,
        "record_id,position,defect",
        (f"{w.source}:{row.record_id},{row.position},{row.defect}" for w in written for row in w.rows if row.defect),
    )


def write_variations(written: Iterable[Written], path: Path) -> Path:
    """variations.csv: ``record_id,position,variation`` for every variation planted in a valid row."""
    return _write_lines(
        path,
        "record_id,position,variation",
        (
            f"{w.source}:{row.record_id},{row.position},{variation}"
            for w in written
            for row in w.rows
            for variation in row.variations
        ),
    )
