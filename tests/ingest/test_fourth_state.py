"""A fourth state (Lao PDR) onboarded by a mapping file only: a semicolon CSV the code has never seen.

The files are tests/fixtures/fourth_state/lao-imm.{yaml,csv}; expected.jsonl holds the common-model
JSON of every valid row and quarantined.json the defective rows. docs/mapping.md quotes these
files in its worked example, and the last tests keep the quotes true.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from borderlink.crossings.models import Crossing
from borderlink.crossings.serialize import crossing_to_dict
from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.mapping.spec import load_mapping
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.services import import_file
from borderlink.registry.models import Checkpoint
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

FOURTH = FIXTURES / "fourth_state"
MAPPING = FOURTH / "lao-imm.yaml"
DATA = FOURTH / "lao-imm.csv"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "mapping.md"


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    """Keep imported files and installed mappings in a temporary data directory."""
    settings.DATA_DIR = tmp_path
    return tmp_path


def ingest_lao() -> ImportRun:
    return import_file(load_mapping(MAPPING), DATA.read_bytes(), DATA.name)


def run_command(*args: str) -> tuple[int, str, str]:
    """Run a borderlink command in-process; return its exit status, stdout and stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def stored() -> dict[str, dict[str, Any]]:
    return {c.uid: crossing_to_dict(c) for c in Crossing.objects.select_related("checkpoint")}


def expected() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (FOURTH / "expected.jsonl").read_text(encoding="utf-8").splitlines()]


def test_it_stores_every_valid_lao_row_with_the_exact_common_model_values() -> None:
    ingest_lao()
    got = stored()
    assert sorted(got) == sorted(record["id"] for record in expected())
    for record in expected():
        assert got[record["id"]] == record, record["id"]


def test_it_quarantines_every_defective_lao_row_with_its_reason_field_and_line() -> None:
    ingest_lao()
    wanted = json.loads((FOURTH / "quarantined.json").read_text(encoding="utf-8"))
    got = [
        {"id": f"{q.source}:{q.record_id}", "position": q.position, "defect": q.reason, "field": q.field}
        for q in QuarantinedRecord.objects.order_by("position")
    ]
    assert got == wanted


def test_it_keeps_the_raw_row_and_the_header_of_a_quarantined_lao_row() -> None:
    ingest_lao()
    row = QuarantinedRecord.objects.get(record_id="LA26-000115")
    assert row.raw.startswith("LA26-000115;05.11.2026;13:30;TNL;S;PHONESAVANH LATSAVONG;")
    assert "15.00.1990" in row.detail and "without a month" in row.detail
    assert row.context.startswith("NO_ENREG;DATE_PASSAGE;HEURE;POSTE;SENS;")


def test_it_counts_the_lao_file_disjointly() -> None:
    run = ingest_lao()
    assert run.counts() == {"read": 20, "stored": 12, "updated": 0, "unchanged": 0, "quarantined": 8}
    assert run.exit_status == 3


def test_it_registers_the_checkpoints_the_lao_mapping_declares() -> None:
    assert not Checkpoint.objects.filter(code__in=["LAO-VTE", "LAO-LPQ"]).exists()
    ingest_lao()
    wattay = Checkpoint.objects.get(code="LAO-VTE")
    assert (wattay.state_id, wattay.national_code, wattay.name, wattay.kind, wattay.time_zone) == (
        "LAO",
        "VTE",
        "Wattay International Airport",
        "air",
        "Asia/Vientiane",
    )
    assert Checkpoint.objects.get(code="LAO-LPQ").kind == "air"
    # The checkpoints the registry already had are untouched.
    assert Checkpoint.objects.get(code="LAO-THANALENG").faces.code == "THA-NKI"
    assert set(Checkpoint.objects.filter(state_id="LAO").values_list("national_code", flat=True)) == {
        "THANALENG",
        "NAMPHAO",
        "VTE",
        "LPQ",
    }


def test_it_places_lao_local_times_in_utc_across_midnight() -> None:
    ingest_lao()
    # 02.11.2026 05:30 at Nam Phao (UTC+07:00) is the evening before in UTC.
    crossing = Crossing.objects.select_related("checkpoint").get(uid="lao-imm:LA26-000104")
    assert crossing_to_dict(crossing)["crossed_at"] == "2026-11-01T22:30:00Z"
    assert str(crossing.local_date) == "2026-11-02"


def test_it_marks_the_lao_minor_travelling_with_an_adult() -> None:
    ingest_lao()
    minor = Crossing.objects.get(uid="lao-imm:LA26-000103")
    assert (minor.is_minor, minor.age_at_crossing) == (True, 12)
    assert minor.companions == ["lao-imm:LA26-000102"]
    # Born "00.00.1985": 40 or 41 on the day, an adult either way.
    assert Crossing.objects.get(uid="lao-imm:LA26-000102").is_minor is False


def test_it_exits_3_from_borderlink_ingest_with_the_mapping_file() -> None:
    status, out, err = run_command("ingest", "--mapping", str(MAPPING), str(DATA))
    assert status == 3, err
    assert re.fullmatch(
        r"lao-imm\.csv: read 20, stored 12, updated 0, unchanged 0, quarantined 8 \(import run \d+\)\n", out
    )
    assert sorted(stored()) == sorted(record["id"] for record in expected())


def test_it_stores_nothing_new_when_the_same_lao_file_is_ingested_again() -> None:
    first = ingest_lao()
    before = stored()
    status, out, _ = run_command("ingest", "--mapping", str(MAPPING), str(DATA), "--json")
    assert status == 3
    summary = json.loads(out)
    assert {key: summary[key] for key in ("read", "stored", "updated", "unchanged", "quarantined")} == {
        "read": 20,
        "stored": 0,
        "updated": 0,
        "unchanged": 12,
        "quarantined": 8,
    }
    assert stored() == before
    # The defective rows are still waiting in quarantine once, not twice.
    assert QuarantinedRecord.objects.count() == 8
    assert set(QuarantinedRecord.objects.values_list("import_run", flat=True)) == {first.pk}


def test_it_refuses_a_lao_file_written_with_commas_instead_of_semicolons() -> None:
    commas = DATA.read_bytes().replace(b";", b",")
    run = import_file(load_mapping(MAPPING), commas, "lao-imm-commas.csv")
    assert run.status == ImportRun.Status.REFUSED
    assert "lacks column(s) NO_ENREG" in run.error
    assert run.exit_status == 2
    assert not Crossing.objects.exists()
    assert not QuarantinedRecord.objects.exists()


def test_it_onboards_lao_by_installing_the_mapping_then_ingesting_by_source_name(data_dir: Path) -> None:
    status, out, err = run_command("check-mapping", str(MAPPING), "--install")
    assert status == 0, err
    installed = data_dir / "mappings" / "lao-imm.yaml"
    assert f"installed as {installed}" in out
    assert get_mapping("lao-imm").sha256 == load_mapping(MAPPING).sha256
    status, out, err = run_command("ingest", "lao-imm", str(DATA))
    assert status == 3, err
    assert "stored 12" in out and "quarantined 8" in out


def _doc_block(name: str) -> str:
    found = re.search(
        rf"<!-- example: {re.escape(name)} -->\s*```[a-z]*\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S
    )
    assert found is not None, f"docs/mapping.md lacks the example {name}"
    return found.group(1)


def test_it_quotes_the_real_lao_mapping_in_the_docs() -> None:
    assert _doc_block("lao-imm.yaml") == MAPPING.read_text(encoding="utf-8")


def test_it_quotes_real_lao_rows_in_the_docs() -> None:
    lines = DATA.read_text(encoding="utf-8-sig").splitlines()
    quoted = _doc_block("lao-imm.csv").splitlines()
    assert quoted[0] == lines[0]
    assert all(line in lines for line in quoted if not line.startswith("..."))


def test_it_shows_the_real_check_mapping_output_in_the_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FOURTH)
    status, out, _ = run_command("check-mapping", "lao-imm.yaml")
    assert status == 0
    assert _doc_block("check-mapping") == "$ borderlink check-mapping lao-imm.yaml\n" + out


def test_it_shows_a_real_check_mapping_problem_in_the_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = MAPPING.read_text(encoding="utf-8")
    assert text.splitlines()[51] == '    unknown_code: "null"'
    (tmp_path / "lao-imm.yaml").write_text(text.replace('unknown_code: "null"', "unknown_code: nul"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, err = run_command("check-mapping", "lao-imm.yaml")
    assert (status, out) == (2, "")
    assert _doc_block("check-mapping problem") == "$ borderlink check-mapping lao-imm.yaml\n" + err


def test_it_shows_a_real_stored_lao_record_in_the_docs() -> None:
    ingest_lao()
    crossing = Crossing.objects.select_related("checkpoint").get(uid="lao-imm:LA26-000103")
    assert json.loads(_doc_block("LA26-000103")) == crossing_to_dict(crossing)


def test_it_shows_the_real_quarantine_reasons_in_the_docs() -> None:
    ingest_lao()
    table = _doc_block("lao-imm quarantine")
    for row in QuarantinedRecord.objects.order_by("position"):
        assert f"{row.position:>4}  {row.record_id}  {row.reason:<20} {row.detail}" in table
