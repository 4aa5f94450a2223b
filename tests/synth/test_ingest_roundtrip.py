"""The generated files read through the project's own mappings: exactly the listed rows are quarantined."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.rules import POSITION, QUALITY
from borderlink.ingest.services import read_file
from borderlink.synth.generate import generate

from . import FILES, SOURCES, read_table


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("roundtrip")
    generate(1000, 5, 13, path)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("source", SOURCES)
def test_it_writes_files_the_mappings_quarantine_as_listed(out: Path, source: str) -> None:
    outcome = read_file(get_mapping(source), (out / FILES[source]).read_bytes())
    rejected = sorted((r.position, r.reason) for r in outcome.rejections)
    listed = sorted(
        (int(d["position"]), d["defect"])
        for d in read_table(out / "defects.csv")
        if d["record_id"].startswith(f"{source}:")
    )
    assert listed
    assert rejected == listed


def _quality(out: Path, source: str) -> dict[str, set[int]]:
    outcome = read_file(get_mapping(source), (out / FILES[source]).read_bytes())
    found: dict[str, set[int]] = {}
    for row in outcome.rows:
        for code in row[QUALITY]:
            found.setdefault(code, set()).add(row[POSITION])
    return found


def _planted(out: Path, source: str, variation: str) -> set[int]:
    return {
        int(v["position"])
        for v in read_table(out / "variations.csv")
        if v["variation"] == variation and v["record_id"].startswith(f"{source}:")
    }


@pytest.mark.django_db
def test_it_plants_the_quality_findings_the_rules_report(out: Path) -> None:
    khm = _quality(out, "khm-gdi")
    assert khm.get("mrz_check_digit", set()) == _planted(out, "khm-gdi", "mrz_check_digit")
    assert _planted(out, "khm-gdi", "mrz_mismatch") <= khm.get("mrz_mismatch", set())
    assert khm.get("formula_text", set()) == _planted(out, "khm-gdi", "formula")
    tha = _quality(out, "tha-ib")
    assert tha.get("formula_text", set()) == _planted(out, "tha-ib", "formula")
    for found in (khm, tha, _quality(out, "vnm-xnc")):
        assert "document_expired" not in found
        assert "mrz_unreadable" not in found
