"""generate(): determinism, the shapes of the three national files and the ground truth."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from borderlink.synth.generate import SynthSummary, generate

from . import FILES, KHM_HEADER, SOURCES, Dataset, read_dataset

ALL_FILES = (*FILES.values(), "truth.csv", "defects.csv", "variations.csv")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("synth")
    generate(1500, 10, 7, out)
    return read_dataset(out)


def test_it_writes_the_same_bytes_for_the_same_seed(tmp_path: Path) -> None:
    generate(300, 5, 11, tmp_path / "a")
    generate(300, 5, 11, tmp_path / "b")
    for name in ALL_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_it_writes_other_data_for_another_seed(tmp_path: Path) -> None:
    generate(300, 5, 11, tmp_path / "a")
    generate(300, 5, 12, tmp_path / "b")
    for name in FILES.values():
        assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "b" / name).read_bytes(), name


def test_it_returns_a_summary_of_what_it_wrote(tmp_path: Path) -> None:
    summary = generate(300, 5, 3, tmp_path)
    assert isinstance(summary, SynthSummary)
    assert summary.persons == 300
    assert set(summary.files) == set(SOURCES)
    for source, path in summary.files.items():
        assert path == tmp_path / FILES[source] and path.exists()
        assert summary.rows[source] > 0
    assert summary.total_rows == sum(summary.rows.values())
    assert summary.total_defects == sum(summary.defects.values())
    assert summary.truth.exists() and summary.defects_file.exists() and summary.variations_file.exists()


def test_it_writes_khm_as_utf8_with_bom_crlf_and_the_header(data: Dataset) -> None:
    raw = (data.out / "khm-gdi.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(KHM_HEADER).encode() + b"\r\n")
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == len(data.rows["khm-gdi"]) + 1


def test_it_writes_khm_times_as_day_month_year_hours_minutes(data: Dataset) -> None:
    shape = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")
    for row in data.rows["khm-gdi"]:
        if row.at is not None:
            assert shape.fullmatch(row.raw["movement_time"])
            assert row.at.year in (2026, 2027)


def test_it_quotes_khm_fields_as_rfc_4180(data: Dataset) -> None:
    lines = (data.out / "khm-gdi.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    with_comma = [line for line in lines if '"ABC Manpower Co., Ltd."' in line or 'CO., LTD."' in line]
    assert with_comma  # a comma in a field: the field is quoted
    formula = [line for line in lines if line.endswith(',"=HYPERLINK(""http://x"",""click"")"')]
    assert formula  # quotes in a field: doubled, and the field quoted
    plain = [line for line in lines if '"' not in line]
    assert len(plain) > 0.9 * len(lines)  # nothing else is quoted


def test_it_writes_tha_years_in_the_buddhist_era(data: Dataset) -> None:
    for row in data.rows["tha-ib"]:
        if row.at is None:
            continue
        be_year = int(row.raw["date"].split("/")[2])
        assert be_year == row.at.year + 543
        assert row.record_id.startswith(f"TM6-{be_year}-")
    # the same document's expiry is the same day in every file: Buddhist Era = Gregorian + 543
    expiries: dict[str, set[object]] = defaultdict(set)
    for source in SOURCES:
        for row in data.rows[source]:
            if row.doc_number and row.doc_expiry and "unknown_code" not in row.problems:
                expiries[row.doc_number].add(row.doc_expiry)
    assert expiries
    mismatched = [number for number, days in expiries.items() if len(days) > 1]
    # a typed doc number may be one digit off (mrz_mismatch) and collide with another: never more
    assert len(mismatched) <= 2, mismatched


def test_it_writes_tha_as_json_lines_with_the_keys_in_order(data: Dataset) -> None:
    raw = (data.out / "tha-ib.jsonl").read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw
    rows = data.rows["tha-ib"]
    assert len(rows) == raw.count(b"\n")
    parsed = [row for row in rows if "truncated" not in row.problems]
    assert len(parsed) > 0.9 * len(rows)  # the reader checked each object's keys and their order


def test_it_writes_vnm_times_with_the_seven_hour_offset(data: Dataset) -> None:
    text = (data.out / "vnm-xnc.xml").read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<DuLieuXuatNhapCanh>\n')
    assert text.endswith("</DuLieuXuatNhapCanh>\n")
    times = re.findall(r"<ThoiGian>([^<]*)</ThoiGian>", text)
    assert len(times) == len(data.rows["vnm-xnc"])
    good = [t for t in times if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00", t)]
    assert len(good) > 0.97 * len(times)
    assert all(row.at is not None for row in data.rows["vnm-xnc"] if "bad_date" not in row.problems)


def test_it_lists_every_written_row_in_truth_in_file_order(data: Dataset) -> None:
    assert sum(len(rows) for rows in data.rows.values()) == len(data.truth)
    ids = [t["record_id"] for t in data.truth]
    written = [row.id for source in SOURCES for row in data.rows[source]]
    for truth_id, row_id in zip(ids, written, strict=True):
        if not row_id.endswith(":"):  # a truncated JSON line has lost its id
            assert truth_id == row_id
    assert all(re.fullmatch(r"P\d{7}", t["person_id"]) for t in data.truth)


def test_it_writes_names_in_their_native_scripts(data: Dataset) -> None:
    khmer = [row for row in data.rows["khm-gdi"] if row.raw["nationality"] == "KHM"]
    assert khmer and all(
        re.fullmatch(r"[\u1780-\u17FF]+ [\u1780-\u17FF]+", row.raw["name_km"])
        for row in khmer
        if "no_name" not in row.problems
    )
    assert all(row.raw["name_km"] == "" for row in data.rows["khm-gdi"] if row.raw["nationality"] != "KHM")
    thai = [row for row in data.rows["tha-ib"] if row.raw and "truncated" not in row.problems]
    assert any(row.raw["name_th"] for row in thai)
    for row in thai:
        name_th = row.raw["name_th"]
        if row.raw["nationality"] == "THA" and "no_name" not in row.problems:
            assert re.fullmatch(r"[\u0E00-\u0E7F]+ [\u0E00-\u0E7F]+", name_th)
        elif row.raw["nationality"] != "THA":
            assert name_th is None
    vietnamese = [row.raw.findtext("HoTen") for row in data.rows["vnm-xnc"] if row.raw.findtext("QuocTich") == "VNM"]
    assert sum(1 for name in vietnamese if not name.isascii()) > 0.8 * len(vietnamese)


def test_it_writes_native_script_only_records(data: Dataset) -> None:
    khm = [
        row
        for row in data.rows["khm-gdi"]
        if row.raw["surname"] == row.raw["given_names"] == "" and row.raw["name_km"] and not row.problems
    ]
    assert khm and all(row.raw["doc_type"] == "BP" for row in khm)
    tha = [
        row
        for row in data.rows["tha-ib"]
        if not row.problems and row.raw["first_name"] == "" and row.raw["last_name"] == "" and row.raw["name_th"]
    ]
    assert tha and all(row.doc_type in ("BORDER_PASS", "ID_CARD") for row in tha)
    listed = {v["record_id"] for v in data.variations if v["variation"] == "native_only"}
    assert {row.id for row in khm + tha} == listed


def test_it_writes_partial_birth_dates(data: Dataset) -> None:
    births = [row.birth for source in SOURCES for row in data.rows[source] if row.birth]
    assert any(m == 0 and d == 0 for _, m, d in births)
    assert any(m != 0 and d == 0 for _, m, d in births)
    assert any(row.raw["birth_date"].startswith("00/00/") for row in data.rows["khm-gdi"])
    assert any(row.birth and row.birth[1] == 0 for row in data.rows["vnm-xnc"])


def test_it_spells_one_name_several_ways(data: Dataset) -> None:
    spellings: dict[str, set[str]] = defaultdict(set)
    person = data.person
    for row in data.rows["khm-gdi"]:
        if not row.problems and row.raw["surname"]:
            spellings[person[row.id]].add(row.raw["surname"])
    for row in data.rows["tha-ib"]:
        if not row.problems and row.raw["last_name"]:
            spellings[person[row.id]].add(row.raw["last_name"])
    assert sum(1 for names in spellings.values() if len(names) > 1) >= 5
    assert sum(1 for v in data.variations if v["variation"] == "alt_romanisation") >= 5
