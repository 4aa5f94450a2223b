"""Broken national files: a clear error, exit status 2 or 3, and never a partial write (DESIGN.md section 4).

Small broken files live in tests/fixtures/broken/ (README.md there says what is wrong with each);
large inputs are generated in tmp_path.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from django.db import transaction
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from borderlink.crossings.models import Crossing
from borderlink.crossings.serialize import crossing_to_dict
from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.readers import open_reader
from borderlink.ingest.services import import_file
from borderlink.values.countries import is_state_code, state_code
from tests.conftest import FIXTURES, SAMPLES

pytestmark = pytest.mark.django_db

BROKEN = FIXTURES / "broken"
SOURCES = ("khm-gdi", "tha-ib", "vnm-xnc")
MiB = 1024 * 1024
RAW_LIMIT = 64 * 1024
KHM_HEADER = (
    "record_no,checkpoint,movement,movement_time,surname,given_names,name_km,sex,birth_date,nationality,"
    "doc_type,doc_number,doc_issuer,doc_expiry,mrz,purpose,accompanying_record_no,vehicle,sponsor"
)
KHM_COLUMNS = KHM_HEADER.split(",")
BORDERLINK = Path(sys.executable).parent / "borderlink"


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Path) -> None:
    """Keep the copies of imported files out of ./var."""
    settings.DATA_DIR = tmp_path / "data"


def ingest(source: str, data: bytes, file_name: str = "input") -> ImportRun:
    """Import ``data`` through an installed mapping, as ``borderlink ingest`` does."""
    return import_file(get_mapping(source), data, file_name)


def broken(name: str) -> bytes:
    return (BROKEN / name).read_bytes()


def khm_csv(*rows: str, header: str = KHM_HEADER) -> bytes:
    """A khm-gdi file as the export writes it: BOM, CRLF."""
    return ("\ufeff" + "".join(line + "\r\n" for line in (header, *rows))).encode("utf-8")


def khm_row(record_no: str = "KH-T-0001", **values: str) -> str:
    """One valid khm-gdi row (a Myanmar traveller leaving at Poipet); ``values`` override columns."""
    fields = {
        "record_no": record_no,
        "checkpoint": "POI",
        "movement": "OUT",
        "movement_time": "02/11/2026 01:33",
        "surname": "MIN",
        "given_names": "KYAW",
        "sex": "F",
        "birth_date": "07/06/1988",
        "nationality": "MMR",
        "doc_type": "PP",
        "doc_number": "MA6189252",
        "doc_issuer": "MMR",
        "doc_expiry": "21/10/2032",
        "purpose": "TOURISM",
    }
    fields.update(values)
    return csv_line([fields.get(column, "") for column in KHM_COLUMNS])


def csv_line(values: list[str]) -> str:
    """One CSV record, RFC 4180 quoting (a field with a line break is quoted), without its line end."""
    out = io.StringIO()
    # The writer quotes fields holding a character of its line terminator, so it must be CRLF.
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()[:-2]


def tha_line(tm_ref: str = "TH-T-0001", **values: Any) -> str:
    """One valid tha-ib line; ``values`` override keys."""
    record: dict[str, Any] = {
        "tm_ref": tm_ref,
        "checkpoint": "ARY",
        "direction": "ARRIVAL",
        "date": "02/11/2569",
        "time": "01:41:00",
        "first_name": "KYAW",
        "last_name": "MIN",
        "name_th": None,
        "gender": "FEMALE",
        "birth_date": "07/06/2531",
        "nationality": "MMR",
        "document": {"type": "PASSPORT", "number": "MA6189252", "country": "MMR", "expiry": "21/10/2575"},
        "visa": None,
        "vehicle": None,
        "companions": [],
        "employer": None,
        "purpose": "TOURISM",
    }
    record.update(values)
    return json.dumps(record, ensure_ascii=False)


def vnm_record(so_hieu: str = "VN-T-0001", **values: str) -> str:
    """One valid vnm-xnc BanGhi; ``values`` override child elements (text, escaped here)."""
    children = {
        "SoHieu": so_hieu,
        "CuaKhau": "MOCBAI",
        "Loai": "NC",
        "ThoiGian": "2026-11-01T16:03:00+07:00",
        "HoTen": "PROMMA CHANPEN",
        "GioiTinh": "Nữ",
        "NgaySinh": "1990-05-20",
        "QuocTich": "THA",
    }
    children.update(values)
    body = "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in children.items())
    return f'<BanGhi>{body}<GiayTo loai="HC" so="AA5205918" noiCap="THA" hetHan="2031-01-13"/></BanGhi>'


def vnm_xml(*records: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> bytes:
    return (prolog + "<DuLieuXuatNhapCanh>\n" + "\n".join(records) + "\n</DuLieuXuatNhapCanh>\n").encode()


def quarantine(run: ImportRun) -> dict[int, QuarantinedRecord]:
    return {q.position: q for q in QuarantinedRecord.objects.filter(import_run=run)}


def stored_ids(run: ImportRun) -> set[str]:
    return set(Crossing.objects.filter(import_run=run).values_list("source_record_id", flat=True))


def assert_refused(run: ImportRun, *words: str) -> None:
    """Refused whole: exit 2, an error saying why, nothing stored and nothing quarantined."""
    assert (run.status, run.exit_status) == (ImportRun.Status.REFUSED, 2), run.error
    for word in words:
        assert word.lower() in run.error.lower(), run.error
    assert run.counts() == {"read": 0, "stored": 0, "updated": 0, "unchanged": 0, "quarantined": 0}
    assert not Crossing.objects.exists()
    assert not QuarantinedRecord.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.REFUSED and run.error


def assert_partly_stored(run: ImportRun, stored: set[str], quarantined: dict[int, str]) -> None:
    """Exit 3: the rows at the given positions quarantined with those reasons, the others stored."""
    assert (run.status, run.exit_status) == (ImportRun.Status.DONE, 3), run.error
    assert stored_ids(run) == stored
    assert {position: q.reason for position, q in quarantine(run).items()} == quarantined
    assert (run.read, run.stored, run.quarantined) == (len(stored) + len(quarantined), len(stored), len(quarantined))


def assert_consistent(run: ImportRun) -> None:
    """Whatever the input: done with disjoint counts, or refused with nothing stored; never half."""
    assert run.status in (ImportRun.Status.DONE, ImportRun.Status.REFUSED), (run.status, run.error)
    crossings = Crossing.objects.filter(import_run=run).count()
    quarantined = QuarantinedRecord.objects.filter(import_run=run).count()
    if run.status == ImportRun.Status.REFUSED:
        assert run.error and run.exit_status == 2
        assert (run.read, crossings, quarantined) == (0, 0, 0)
        return
    assert run.read == run.stored + run.updated + run.unchanged + run.quarantined
    assert crossings == run.stored + run.updated
    assert quarantined <= run.quarantined
    assert run.exit_status == (3 if run.quarantined else 0)


# --- Files refused whole -------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("content", [b"", b"   \r\n\n\t \n"], ids=["empty", "whitespace"])
def test_it_refuses_an_empty_or_blank_file(source: str, content: bytes) -> None:
    assert_refused(ingest(source, content), "empty")


@pytest.mark.parametrize(
    ("source", "other"), [("khm-gdi", "tha-ib.jsonl"), ("tha-ib", "khm-gdi.csv"), ("vnm-xnc", "tha-ib.jsonl")]
)
def test_it_refuses_a_file_in_another_format(source: str, other: str) -> None:
    assert_refused(ingest(source, (SAMPLES / other).read_bytes()))


def test_it_refuses_a_csv_in_utf16_naming_the_encoding() -> None:
    assert_refused(ingest("khm-gdi", broken("khm-gdi-utf16.csv")), "UTF-16")


def test_it_refuses_a_csv_missing_a_column_naming_the_line_and_column() -> None:
    run = ingest("khm-gdi", broken("khm-gdi-missing-column.csv"))
    assert_refused(run, "line 1", "sponsor")


def test_it_refuses_a_csv_with_an_unexpected_column_naming_it() -> None:
    assert_refused(ingest("khm-gdi", broken("khm-gdi-extra-column.csv")), "line 1", "remarks")


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("vnm-xnc-unclosed-tag.xml", "line 6"),
        ("vnm-xnc-truncated.xml", "line 6"),
        ("vnm-xnc-garbage-after-root.xml", "line 8"),
    ],
)
def test_it_refuses_malformed_xml_whole_though_earlier_records_were_well_formed(name: str, where: str) -> None:
    data = broken(name)
    assert b"<SoHieu>VN-BRK-0001</SoHieu>" in data  # a complete, valid record comes first
    assert_refused(ingest("vnm-xnc", data), "malformed XML", where)


def test_it_refuses_xml_declaring_entities() -> None:
    started = time.monotonic()
    assert_refused(ingest("vnm-xnc", broken("vnm-xnc-billion-laughs.xml")), "DOCTYPE")
    assert time.monotonic() - started < 5


def test_it_refuses_xml_declaring_entities_after_a_long_comment() -> None:
    run = ingest("vnm-xnc", broken("vnm-xnc-late-doctype.xml"))
    assert_refused(run, "DOCTYPE")


def test_it_refuses_xml_with_the_wrong_root_element_naming_both() -> None:
    run = ingest("vnm-xnc", broken("vnm-xnc-wrong-root.xml"))
    assert_refused(run, "XuatNhapCanh", "DuLieuXuatNhapCanh")


# --- Rows quarantined, the rest stored -----------------------------------------------------------


def test_it_quarantines_the_cp1252_row_as_bad_encoding_and_stores_the_others() -> None:
    run = ingest("khm-gdi", broken("khm-gdi-cp1252.csv"), "cp1252.csv")
    assert_partly_stored(run, {"KH-BRK-0001", "KH-BRK-0003", "KH-BRK-0004"}, {3: "bad_encoding"})
    row = quarantine(run)[3]
    assert row.record_id == "KH-BRK-0002"
    assert "line 3" in row.detail and row.file_name == "cp1252.csv"
    assert row.raw.startswith("KH-BRK-0002,CYM,IN")  # kept readable, the bad bytes replaced


def test_it_quarantines_a_json_line_with_invalid_utf8_and_stores_the_others() -> None:
    run = ingest("tha-ib", broken("tha-ib-bad-utf8.jsonl"))
    assert_partly_stored(run, {"TH-BRK-0001", "TH-BRK-0003"}, {2: "bad_encoding"})
    assert "line 2" in quarantine(run)[2].detail


def test_it_quarantines_a_cut_off_json_line_as_truncated() -> None:
    run = ingest("tha-ib", broken("tha-ib-truncated.jsonl"))
    assert_partly_stored(run, {"TH-BRK-0001", "TH-BRK-0003"}, {2: "truncated"})
    row = quarantine(run)[2]
    assert row.record_id == "TH-BRK-0002"
    assert "line 2" in row.detail


def test_it_quarantines_json_lines_that_are_arrays_numbers_or_strings() -> None:
    run = ingest("tha-ib", broken("tha-ib-not-objects.jsonl"))
    assert_partly_stored(run, {"TH-BRK-0001", "TH-BRK-0003"}, {2: "unreadable", 3: "unreadable", 4: "unreadable"})
    assert all("not a JSON object" in q.detail for q in quarantine(run).values())


def test_it_calls_a_garbage_json_line_unreadable_not_truncated() -> None:
    run = ingest("tha-ib", f"{tha_line('TH-1')}\nthis is not json\n{tha_line('TH-2')}\n".encode())
    assert_partly_stored(run, {"TH-1", "TH-2"}, {2: "unreadable"})


def test_it_accepts_reordered_csv_columns() -> None:
    run = ingest("khm-gdi", broken("khm-gdi-reordered.csv"))
    assert (run.status, run.exit_status, run.stored) == ("done", 0, 3)
    # The same rows in the declared column order are the same records.
    lines = broken("khm-gdi-reordered.csv").decode("utf-8-sig").splitlines()
    reader = csv.DictReader(lines)
    rows = [csv_line([record[column] for column in KHM_COLUMNS]) for record in reader]
    again = ingest("khm-gdi", khm_csv(*rows))
    assert (again.stored, again.updated, again.unchanged) == (0, 0, 3)
    crossing = Crossing.objects.get(source_record_id="KH-BRK-0002")
    assert (crossing.sponsor, crossing.native_name, crossing.checkpoint.code) == (
        "ABC MANPOWER",
        "សុខ ដារ៉ា",
        "KHM-CYM",
    )


def test_it_quarantines_csv_rows_with_too_few_or_too_many_fields() -> None:
    run = ingest("khm-gdi", broken("khm-gdi-field-counts.csv"))
    assert_partly_stored(run, {"KH-BRK-0001", "KH-BRK-0004"}, {3: "unreadable", 4: "unreadable"})
    rows = quarantine(run)
    assert "line 3: expected 19 fields, found 18" in rows[3].detail
    assert "line 4: expected 19 fields, found 20" in rows[4].detail
    assert rows[3].record_id == "KH-BRK-0002"
    assert rows[3].context.lstrip("\ufeff").startswith("record_no,checkpoint")


def test_it_quarantines_a_row_whose_quote_never_closes() -> None:
    run = ingest("khm-gdi", broken("khm-gdi-unterminated-quote.csv"))
    assert run.exit_status == 3 and 3 in quarantine(run)
    assert quarantine(run)[3].reason == "unreadable" and "line 3" in quarantine(run)[3].detail
    assert "KH-BRK-0001" in stored_ids(run)


def test_it_stores_the_rows_after_a_row_whose_quote_never_closes() -> None:
    run = ingest("khm-gdi", broken("khm-gdi-unterminated-quote.csv"))
    assert_partly_stored(run, {"KH-BRK-0001", "KH-BRK-0003", "KH-BRK-0004"}, {3: "unreadable"})


def test_it_reads_a_csv_full_of_stray_quotes_in_time_proportional_to_its_size() -> None:
    fmt = get_mapping("khm-gdi").format
    rows = 50_000
    clean = khm_csv(*(khm_row(f"KH-{i}") for i in range(rows)))
    stray = khm_csv(*(khm_row(f"KH-{i}") + ('"stray' if i % 2 else "") for i in range(rows)))

    def seconds_to_read(data: bytes) -> tuple[float, int]:
        started = time.perf_counter()
        records = list(open_reader(data, fmt))
        return time.perf_counter() - started, len(records)

    clean_seconds, clean_count = seconds_to_read(clean)
    stray_seconds, stray_count = seconds_to_read(stray)
    assert clean_count == stray_count == rows
    assert stray_seconds < 4 * clean_seconds + 0.5, (clean_seconds, stray_seconds)


def test_it_keeps_a_csv_field_holding_a_unicode_line_separator() -> None:
    run = ingest("khm-gdi", khm_csv(khm_row("KH-1", sponsor="ACME\u2028TWO"), khm_row("KH-2")))
    assert (run.exit_status, run.read, run.stored) == (0, 2, 2)
    assert Crossing.objects.get(source_record_id="KH-1").sponsor == "ACME\u2028TWO"


def test_it_keeps_a_json_record_whose_text_holds_a_unicode_line_separator() -> None:
    line = tha_line("TH-1", employer="ACME\u2028TWO")
    run = ingest("tha-ib", f"{line}\n{tha_line('TH-2')}\n".encode())
    assert (run.exit_status, run.read, run.stored) == (0, 2, 2)
    assert Crossing.objects.get(source_record_id="TH-1").sponsor == "ACME\u2028TWO"


# --- Inputs that must end in a refusal or a quarantine, never in a "failed" run (a defect of ours) --


def outcome_or_crash(source: str, data: bytes) -> ImportRun:
    """Import; should the import raise, report the exception and the run it left behind."""
    try:
        return ingest(source, data)
    except Exception as exc:  # the assertion message is the point
        left = ImportRun.objects.order_by("-pk").first()
        status = left.status if left else "no run"
        raise AssertionError(f"import raised {type(exc).__name__}: {exc}; run left {status!r}") from None


def test_it_quarantines_a_json_line_with_a_lone_surrogate_escape() -> None:
    escaped = tha_line("TH-2", last_name="MIN").replace('"MIN"', '"MI\\ud800N"')  # valid JSON, a lone surrogate
    run = outcome_or_crash("tha-ib", f"{tha_line('TH-1')}\n{escaped}\n".encode())
    assert run.exit_status == 3 and stored_ids(run) == {"TH-1"}
    assert quarantine(run)[2].reason in ("bad_encoding", "unreadable")


def test_it_quarantines_a_json_line_with_an_overlong_integer() -> None:
    data = f'{tha_line("TH-1")}\n{{"tm_ref": {"7" * 5000}}}\n'.encode()
    assert_partly_stored(outcome_or_crash("tha-ib", data), {"TH-1"}, {2: "unreadable"})


def test_it_refuses_or_quarantines_a_deeply_nested_xml_record() -> None:
    deep = "<a>" * 5000 + "</a>" * 5000
    data = vnm_xml(vnm_record("VN-1"), vnm_record("VN-2").replace("</BanGhi>", deep + "</BanGhi>"))
    run = outcome_or_crash("vnm-xnc", data)
    assert_consistent(run)


@pytest.mark.parametrize(
    ("source", "data"),
    [
        ("khm-gdi", khm_csv(khm_row("KH-1"), khm_row("KH-2", movement_time="01/01/0001 00:30", birth_date=""))),
        ("tha-ib", f"{tha_line('TH-1')}\n{tha_line('TH-2', date='01/01/0544', birth_date=None)}\n".encode()),
        ("vnm-xnc", vnm_xml(vnm_record("VN-1"), vnm_record("VN-2", ThoiGian="0001-01-01T00:00:00+07:00"))),
    ],
    ids=SOURCES,
)
def test_it_quarantines_a_crossing_time_before_utc_year_1(source: str, data: bytes) -> None:
    run = outcome_or_crash(source, data)
    assert run.exit_status == 3 and run.stored == 1
    position = 3 if source == "khm-gdi" else 2  # a CSV file's first line is its header
    assert quarantine(run)[position].reason == "bad_date"


def test_it_quarantines_or_keeps_readable_a_crossing_before_year_1000() -> None:
    row = khm_row("KH-OLD", movement_time="01/01/0999 12:30", birth_date="", doc_expiry="")
    run = outcome_or_crash("khm-gdi", khm_csv(row))
    if run.stored:
        crossing = Crossing.objects.select_related("checkpoint").get(source_record_id="KH-OLD")
        assert crossing_to_dict(crossing)["crossed_at"] == "0999-01-01T05:30:00Z"
    else:
        assert quarantine(run)[2].reason == "bad_date"


@pytest.mark.parametrize(
    "values",
    [{"tm_ref": "T" * 300}, {"last_name": "M" * 300}, {"employer": "E" * 400}, {"vehicle": "V" * 300}],
    ids=["id", "family_name", "sponsor", "vehicle"],
)
def test_it_quarantines_a_value_longer_than_the_common_model_allows(values: dict[str, str]) -> None:
    run = ingest("tha-ib", f"{tha_line('TH-1')}\n{tha_line(**{'tm_ref': 'TH-2', **values})}\n".encode())
    assert run.exit_status == 3 and stored_ids(run) == {"TH-1"}
    assert quarantine(run)[2].field


# --- Huge lines ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a fresh node (own data directory, migrated) for ``borderlink`` commands."""
    data_dir = tmp_path_factory.mktemp("node")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BORDERLINK_", "DJANGO_"))}
    env["BORDERLINK_DATA_DIR"] = str(data_dir)
    subprocess.run([str(BORDERLINK), "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


MEASURED = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "f'\\nmaxrss_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
    "from borderlink.__main__ import main\n"
    "main(sys.argv[1:])\n"
)


def ingest_measured(env: dict[str, str], source: str, path: Path) -> tuple[dict[str, Any], float, int]:
    """Run ``borderlink ingest --json`` on ``path``: its summary, seconds and peak memory (bytes)."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, "ingest", source, str(path), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.monotonic() - started
    peak = int(re.findall(r"maxrss_kib=(\d+)", done.stderr)[-1]) * 1024
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    expected = (3 if summary["quarantined"] else 0) if summary["status"] == "done" else 2
    assert done.returncode == expected, done.stderr[-2000:]
    return summary, seconds, peak


def node_quarantine(env: dict[str, str], run_id: int) -> list[tuple[Any, ...]]:
    database = Path(env["BORDERLINK_DATA_DIR"]) / "borderlink.sqlite3"
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT position, reason, length(raw), raw_truncated, detail FROM ingest_quarantinedrecord "
            "WHERE import_run_id = ?",
            (run_id,),
        ).fetchall()


def test_it_quarantines_a_100_mb_csv_line_keeping_64_kib_of_it(node: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as out:
        out.write(khm_csv(khm_row("KH-1")))
        out.write(khm_row("KH-HUGE", sponsor="").encode() + b"S" * (100 * MiB) + b"\r\n")
        out.write(khm_row("KH-2").encode() + b"\r\n")
    summary, seconds, peak = ingest_measured(node, "khm-gdi", path)
    assert (summary["status"], summary["read"], summary["stored"], summary["quarantined"]) == ("done", 3, 2, 1)
    [(position, reason, length, truncated, detail)] = node_quarantine(node, summary["import_run"])
    assert (position, reason, length, truncated) == (3, "unreadable", RAW_LIMIT, 1)
    assert "line 3" in detail
    assert seconds < 60 and peak < 1024 * MiB, (seconds, peak)


def huge_json_line(kind: str) -> bytes:
    """A line of about 100 MB (built when the test runs, not when it is collected)."""
    if kind == "cut-off":
        return b'{"tm_ref": "TH-HUGE", "employer": "' + "ก".encode() * (35 * MiB)
    if kind == "garbage":
        return b"x" * (100 * MiB)
    return tha_line("TH-HUGE", employer="E" * (100 * MiB)).encode()


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("cut-off", "truncated"),
        ("garbage", "unreadable"),
        ("100-MB-employer", ""),
    ],
)
def test_it_quarantines_a_100_mb_json_line_keeping_64_kib_of_it(
    node: dict[str, str], tmp_path: Path, kind: str, reason: str
) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as out:
        out.write(tha_line(f"TH-{kind}-1").encode() + b"\n")
        out.write(huge_json_line(kind) + b"\n")
        out.write(tha_line(f"TH-{kind}-2").encode() + b"\n")
    summary, seconds, peak = ingest_measured(node, "tha-ib", path)
    assert seconds < 60 and peak < 1024 * MiB, (seconds, peak)
    assert (summary["status"], summary["read"], summary["stored"], summary["quarantined"]) == ("done", 3, 2, 1)
    [(position, got_reason, length, truncated, _detail)] = node_quarantine(node, summary["import_run"])
    assert (position, length, truncated) == (2, RAW_LIMIT, 1)
    assert got_reason == (reason or got_reason)


def test_it_refuses_a_csv_that_is_one_100_mb_line() -> None:
    started = time.monotonic()
    run = outcome_or_crash("khm-gdi", b"G" * (100 * MiB))
    assert_refused(run, "line 1")
    assert time.monotonic() - started < 60


# --- Spreadsheet formulas ------------------------------------------------------------------------

FORMULAS = {
    "sponsor": '=HYPERLINK("http://evil.example/x","click")',
    "vehicle": "+cmd|' /C calc'!A0",
    "family_name": "@SUM(1)",
    "given_names": "-2+3",
}


@pytest.mark.parametrize(("source", "name"), [("khm-gdi", "khm-gdi-formulas.csv"), ("tha-ib", "tha-ib-formulas.jsonl")])
def test_it_stores_formula_text_verbatim_and_flags_it(source: str, name: str) -> None:
    run = ingest(source, broken(name))
    assert (run.exit_status, run.stored) == (0, 5)
    records = {
        c.source_record_id: crossing_to_dict(c)
        for c in Crossing.objects.filter(import_run=run).select_related("checkpoint")
    }
    prefix = "KH-FRM-000" if source == "khm-gdi" else "TH-FRM-000"
    got = {
        "sponsor": records[prefix + "1"]["sponsor"],
        "vehicle": records[prefix + "2"]["vehicle"],
        "family_name": records[prefix + "3"]["traveller"]["family_name"],
        "given_names": records[prefix + "4"]["traveller"]["given_names"],
    }
    assert got == FORMULAS
    for number in "1234":
        assert "formula_text" in records[prefix + number]["quality"]
    plain = next(record for key, record in records.items() if not key.startswith(prefix))
    assert "formula_text" not in plain["quality"]
    # The JSON export carries the text unchanged (a JSON string is never evaluated).
    assert json.loads(json.dumps(records)) == records


def test_it_flags_formula_text_in_the_native_name() -> None:
    run = ingest("khm-gdi", khm_csv(khm_row("KH-1", name_km='=HYPERLINK("http://x")')))
    crossing = Crossing.objects.get(import_run=run)
    assert crossing.native_name == '=HYPERLINK("http://x")'
    assert "formula_text" in crossing.quality


# --- Properties ----------------------------------------------------------------------------------

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Run one Hypothesis example in a transaction rolled back afterwards: each starts clean."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


_THA_KEYS = (
    "tm_ref checkpoint direction date time first_name last_name name_th gender birth_date nationality "
    "document visa vehicle companions employer purpose"
)
THA_KEYS = _THA_KEYS.split()
_VNM_TAGS = "SoHieu CuaKhau Loai ThoiGian HoTen GioiTinh NgaySinh QuocTich MucDich NguoiDiCung"
VNM_TAGS = _VNM_TAGS.split()
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
csv_noise = st.lists(st.lists(st.text(max_size=12), min_size=17, max_size=21), max_size=5).map(
    lambda rows: "".join(csv_line(row) + "\r\n" for row in rows)
)
NOISE = {
    "khm-gdi": st.one_of(csv_noise, st.text(max_size=400)).map(lambda body: khm_csv() + body.encode()),
    "tha-ib": st.lists(
        st.one_of(
            st.dictionaries(st.sampled_from(THA_KEYS), json_values).map(json.dumps),
            st.builds(json.dumps, st.dictionaries(st.sampled_from(THA_KEYS), json_values), ensure_ascii=st.just(False)),
            st.text(max_size=60).map(lambda text: "{" + text),
            st.text(max_size=60),
        ),
        min_size=1,
        max_size=5,
    ).map(lambda lines: "\n".join(lines).encode()),
    "vnm-xnc": st.lists(
        st.dictionaries(st.sampled_from(VNM_TAGS), st.text(max_size=20)).map(
            lambda children: "<BanGhi>" + "".join(f"<{t}>{escape(v)}</{t}>" for t, v in children.items()) + "</BanGhi>"
        ),
        max_size=4,
    ).map(lambda records: vnm_xml(*records)),
}


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("source", SOURCES)
@PROPERTY
@given(data=st.data())
def test_it_never_raises_and_never_half_stores_whatever_the_bytes(source: str, data: st.DataObject) -> None:
    content = data.draw(
        st.one_of(
            st.binary(max_size=400),
            st.text(max_size=400).map(str.encode),
            NOISE[source],
        ),
        label="file",
    )
    with rolled_back():
        assert_consistent(outcome_or_crash(source, content))


# Valid khm-gdi rows built from random values, and what the common model must hold for them.

LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃĂĐÈÉÊÌÍÒÓÔÕƠÙÚƯỄẠỐabcdefghijklmnopqrstuvwxyzđễ"
KHMER = "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអាិីឹឺុូួើឿៀេែៃោៅំះ្"
names = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(LATIN),
    st.text(alphabet=LATIN + " '-", max_size=20),
)
free_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")), st.sampled_from("\r\n\u2028\x85")
    ),
    max_size=40,
)
PURPOSES = ("TOURISM", "WORK", "BUSINESS", "FAMILY", "STUDY", "TRANSIT", "OFFICIAL", "OTHER")
DOCUMENTS = {"PP": "passport", "BP": "border_pass", "NID": "id_card"}
FORMULA_STARTS = ("=", "+", "-", "@")


def some_case(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from([text, text.lower(), text.title()])


@st.composite
def khm_records(draw: st.DrawFn) -> list[dict[str, str]]:
    """One to four valid khm-gdi rows as column -> text (companions point inside the file)."""
    ids = draw(st.lists(st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,20}", fullmatch=True), min_size=1, max_size=4, unique=True))
    rows = []
    for record_no in ids:
        crossed = draw(st.datetimes(datetime(2000, 1, 1), datetime(2035, 12, 31, 23, 59))).replace(
            second=0, microsecond=0
        )
        born = draw(st.dates(date(1900, 1, 1), crossed.date()))
        birth = draw(
            st.sampled_from(["", born.strftime("%d/%m/%Y"), born.strftime("00/%m/%Y"), born.strftime("00/00/%Y")])
        )
        doc_type = draw(st.sampled_from(["PP", "BP", "NID", "NONE", "pp"]))
        has_doc = doc_type != "NONE"
        rows.append(
            {
                "record_no": record_no,
                "checkpoint": draw(st.sampled_from(["POI", "CYM", "BAV", "KOR", "PNH"])),
                "movement": draw(st.sampled_from(["IN", "OUT", "in", "Out"])),
                "movement_time": crossed.strftime("%d/%m/%Y %H:%M"),
                "surname": draw(names),
                "given_names": draw(st.one_of(st.just(""), names)),
                "name_km": draw(st.text(alphabet=KHMER + " ", max_size=12)),
                "sex": draw(st.sampled_from(["M", "F", "X", "m", "x", ""])),
                "birth_date": birth,
                "nationality": draw(st.sampled_from(["KHM", "THA", "VNM", "LAO", "MMR", "CHN", "khm", " tha "])),
                "doc_type": doc_type,
                "doc_number": draw(st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True)) if has_doc else "",
                "doc_issuer": draw(st.sampled_from(["KHM", "THA", "VNM"])) if has_doc else "",
                "doc_expiry": (
                    draw(
                        st.one_of(
                            st.just(""),
                            st.dates(date(2000, 1, 1), date(2040, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
                        )
                    )
                    if has_doc
                    else ""
                ),
                "mrz": "",
                "purpose": draw(st.one_of(st.just(""), st.sampled_from(PURPOSES).flatmap(some_case))),
                "accompanying_record_no": ";".join(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))),
                "vehicle": draw(free_text),
                "sponsor": draw(free_text),
            }
        )
    return rows


def _partial_iso(text: str) -> str | None:
    if not text:
        return None
    day, month, year = text.split("/")
    return "-".join(part for part in (year, month, day) if part != "00")


def expected_crossing(row: dict[str, str]) -> tuple[dict[str, Any], set[str]]:
    """The common-model JSON (without quality) and the quality codes a valid row must get."""
    crossed = datetime.strptime(row["movement_time"], "%d/%m/%Y %H:%M")
    local_date = crossed.date()
    utc = crossed - timedelta(hours=7)  # every KHM checkpoint keeps UTC+07:00
    family, given_names = row["surname"].strip().upper(), row["given_names"].strip().upper()
    vehicle, sponsor = row["vehicle"].strip() or None, row["sponsor"].strip() or None
    document = None
    quality = set()
    if row["doc_type"] != "NONE":
        expiry = datetime.strptime(row["doc_expiry"], "%d/%m/%Y").date() if row["doc_expiry"] else None
        document = {
            "type": DOCUMENTS[row["doc_type"].upper()],
            "number": row["doc_number"].upper(),
            "issuing_state": row["doc_issuer"],
            "expiry_date": expiry.isoformat() if expiry else None,
        }
        if expiry is not None and expiry < local_date:
            quality.add("document_expired")
    if any(text and text.startswith(FORMULA_STARTS) for text in (sponsor, vehicle, family, given_names)):
        quality.add("formula_text")
    record = {
        "id": f"khm-gdi:{row['record_no']}",
        "source": "khm-gdi",
        "source_record_id": row["record_no"],
        "reporting_state": "KHM",
        "checkpoint": f"KHM-{row['checkpoint']}",
        "direction": {"IN": "entry", "OUT": "exit"}[row["movement"].upper()],
        "crossed_at": utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "traveller": {
            "family_name": family or None,
            "given_names": given_names or None,
            "native_name": row["name_km"].strip() or None,
            "sex": row["sex"].upper() or None,
            "birth_date": _partial_iso(row["birth_date"]),
            "nationality": row["nationality"].strip().upper(),
        },
        "document": document,
        "purpose": row["purpose"].lower() or None,
        "companions": [f"khm-gdi:{c}" for c in row["accompanying_record_no"].split(";") if c],
        "vehicle": vehicle,
        "sponsor": sponsor,
        "visa": None,
    }
    return record, quality


def write_khm(rows: list[dict[str, str]]) -> bytes:
    return khm_csv(*(csv_line([row[column] for column in KHM_COLUMNS]) for row in rows))


@pytest.mark.django_db(transaction=False)
@PROPERTY
@given(rows=khm_records())
def test_it_stores_random_valid_rows_with_exactly_their_values(rows: list[dict[str, str]]) -> None:
    with rolled_back():
        run = outcome_or_crash("khm-gdi", write_khm(rows))
        assert (run.status, run.read, run.stored, run.quarantined) == ("done", len(rows), len(rows), 0), run.error
        stored = {
            c.source_record_id: crossing_to_dict(c)
            for c in Crossing.objects.filter(import_run=run).select_related("checkpoint")
        }
        for row in rows:
            record, quality = expected_crossing(row)
            got = dict(stored[row["record_no"]])
            assert set(got.pop("quality")) == quality
            assert got == record


# One field of a valid row replaced by random text: stored as that text means, or quarantined with
# the reason the field implies; the other row of the file is stored either way.

BASE_BIRTH = date(1988, 6, 7)  # khm_row's birth date
BASE_CROSSED = datetime(2026, 11, 2, 1, 33)  # khm_row's local crossing time
DATE_TIME = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}) ([0-9]{1,2}):([0-9]{2})")
DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def codes(upper: bool, table: dict[str, Any], missing: Any) -> Callable[[str], tuple[str, Any]]:
    """An oracle for a coded field: ('stored', value) or ('quarantined', reason)."""

    def oracle(text: str) -> tuple[str, Any]:
        text = text.strip()
        if not text:
            return missing
        key = text.upper() if upper else text
        for candidate in (key, unicodedata.normalize("NFC", key)):
            if candidate in table:
                return "stored", table[candidate]
        return "quarantined", None

    return oracle


def crossing_time_oracle(text: str) -> tuple[str, Any]:
    text = text.strip()
    if not text:
        return "quarantined", "missing_field"
    match = DATE_TIME.fullmatch(text)
    if not match:
        return "quarantined", "bad_date"
    day, month, year, hour, minute = map(int, match.groups())
    assume(year > 1000)  # earlier years: see the tests of implausible crossing times above
    try:
        local = datetime(year, month, day, hour, minute)
    except ValueError:
        return "quarantined", "bad_date"
    if local.date() < BASE_BIRTH:
        return "quarantined", "birth_after_crossing"
    return "stored", (local - timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%SZ")


def birth_date_oracle(text: str) -> tuple[str, Any]:
    text = text.strip()
    if not text:
        return "stored", None
    match = DATE.fullmatch(text)
    if not match:
        return "quarantined", "bad_date"
    day, month, year = (None if part.strip("0") == "" else int(part) for part in match.groups())
    if year is None or (day is not None and month is None):
        return "quarantined", "bad_date"
    try:
        earliest = date(year, month or 1, day or 1)
    except ValueError:
        return "quarantined", "bad_date"
    if earliest > BASE_CROSSED.date():
        return "quarantined", "birth_after_crossing"
    return "stored", "-".join(f"{part:0{width}d}" for part, width in ((year, 4), (month, 2), (day, 2)) if part)


def nationality_oracle(text: str) -> tuple[str, Any]:
    if not text.strip():
        return "stored", None
    return ("stored", state_code(text)) if is_state_code(text) else ("quarantined", "unknown_country")


def digits(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).flatmap(lambda n: st.sampled_from([str(n), f"{n:02d}"]))


date_texts = st.one_of(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.builds(lambda d, m, y: f"{d}/{m}/{y}", digits(0, 35), digits(0, 14), st.integers(1900, 2100).map(str)),
    st.text(alphabet="0123456789/ :-", max_size=16),
)
time_texts = st.one_of(
    st.builds(lambda d, h, m: f"{d} {h}:{m}", date_texts, digits(0, 25), digits(0, 61)),
    st.text(alphabet="0123456789/ :-", max_size=18),
)
code_texts = st.one_of(st.text(max_size=6), st.text(alphabet="INOUTMFXPBDE \r\n\u2028\x85\x0c", max_size=5))

#: column -> (random texts, oracle, how the stored value is read from crossing_to_dict, reason when refused)
MUTATIONS: dict[str, tuple[st.SearchStrategy[str], Callable[[str], tuple[str, Any]], Callable[[dict], Any], str]] = {
    "movement_time": (time_texts, crossing_time_oracle, lambda d: d["crossed_at"], ""),
    "birth_date": (date_texts, birth_date_oracle, lambda d: d["traveller"]["birth_date"], ""),
    "movement": (
        st.one_of(code_texts, some_case("IN"), some_case("OUT")),
        codes(True, {"IN": "entry", "OUT": "exit"}, ("quarantined", "missing_field")),
        lambda d: d["direction"],
        "bad_direction",
    ),
    "checkpoint": (
        st.one_of(code_texts, st.sampled_from(["POI", "CYM", "BAV", "KOR", "PNH", "poi", " PNH "])),
        codes(False, {c: f"KHM-{c}" for c in ("POI", "CYM", "BAV", "KOR", "PNH")}, ("quarantined", "missing_field")),
        lambda d: d["checkpoint"],
        "unknown_checkpoint",
    ),
    "sex": (
        st.one_of(code_texts, st.sampled_from(["M", "F", "X", "m", " f "])),
        codes(True, {"M": "M", "F": "F", "X": "X"}, ("stored", None)),
        lambda d: d["traveller"]["sex"],
        "unknown_code",
    ),
    "nationality": (
        st.one_of(code_texts, st.sampled_from(["KHM", "tha", "D", "XXA", "KHMR", "ZZZ"])),
        nationality_oracle,
        lambda d: d["traveller"]["nationality"],
        "unknown_country",
    ),
    "purpose": (
        st.one_of(code_texts, st.sampled_from(PURPOSES).flatmap(some_case)),
        codes(True, {p: p.lower() for p in PURPOSES}, ("stored", None)),
        lambda d: d["purpose"],
        "unknown_code",
    ),
}


@pytest.mark.django_db(transaction=False)
@settings(PROPERTY, max_examples=120)
@given(data=st.data())
def test_it_stores_or_quarantines_a_mutated_field_for_the_reason_it_implies(data: st.DataObject) -> None:
    column = data.draw(st.sampled_from(sorted(MUTATIONS)), label="column")
    texts, oracle, read, reason = MUTATIONS[column]
    text = data.draw(texts, label="text")
    outcome, expected = oracle(text)
    if "\x00" in text:  # no database column can hold NUL: the reader refuses the row first
        outcome, expected = "quarantined", "unreadable"
    event(f"{column}: {'stored' if outcome == 'stored' else expected or reason}")
    with rolled_back():
        run = outcome_or_crash("khm-gdi", khm_csv(khm_row("KH-OTHER"), khm_row("KH-MUTATED", **{column: text})))
        assert run.status == "done" and run.read == 2, run.error
        assert "KH-OTHER" in stored_ids(run)
        if outcome == "stored":
            assert run.exit_status == 0, quarantine(run)
            crossing = Crossing.objects.select_related("checkpoint").get(source_record_id="KH-MUTATED")
            assert read(crossing_to_dict(crossing)) == expected
        else:
            assert run.exit_status == 3 and stored_ids(run) == {"KH-OTHER"}
            row = quarantine(run)[3]
            assert row.reason == (expected or reason), row.detail
            assert row.record_id == "KH-MUTATED"


@pytest.mark.parametrize("source", ["khm-gdi", "tha-ib"])
def test_it_quarantines_a_row_holding_a_nul_character_on_every_database(source: str) -> None:
    if source == "khm-gdi":
        data = khm_csv(khm_row("KH-1"), khm_row("KH-2", sponsor="ACME\x00LTD"))
        position = 3
    else:
        data = f"{tha_line('TH-1')}\n{tha_line('TH-2', employer='ACME' + chr(0) + 'LTD')}\n".encode()
        position = 2
    run = outcome_or_crash(source, data)
    assert (run.status, run.stored, run.quarantined) == ("done", 1, 1)
    entry = quarantine(run)[position]
    assert entry.reason == "unreadable" and "NUL" in entry.detail
    assert "\x00" not in entry.raw and "ACME" in entry.raw


def test_it_refuses_a_header_holding_a_nul_character_with_a_storable_message() -> None:
    run = outcome_or_crash("khm-gdi", b"record_no\x00,checkpoint\r\n")
    assert run.status == "refused" and "\x00" not in run.error
