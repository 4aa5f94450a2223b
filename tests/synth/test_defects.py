"""Defects and variations: defects.csv points at rows that really have the defect, the others are valid."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from borderlink.synth import rates
from borderlink.synth.generate import generate
from borderlink.values.mrz import parse_mrz

from . import SOURCES, Dataset, read_dataset


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("defects")
    generate(3000, 10, 5, out)
    return read_dataset(out)


def _source(record_id: str) -> str:
    return record_id.split(":", 1)[0]


def test_it_plants_every_kind_of_defect(data: Dataset) -> None:
    kinds = defaultdict(set)
    for d in data.defects:
        kinds[d["defect"]].add(_source(d["record_id"]))
    assert set(kinds) == set(rates.DEFECT_CODES)
    assert kinds["truncated"] == {"tha-ib"}
    assert kinds["bad_date"] == set(SOURCES)


def test_it_lists_rows_that_really_have_their_defect(data: Dataset) -> None:
    for d in data.defects:
        source = _source(d["record_id"])
        row = data.by_position(source)[int(d["position"])]
        if d["defect"] == "truncated":
            assert row.problems == {"truncated"}
            head = '{"tm_ref": "' + d["record_id"].split(":", 1)[1] + '", '
            assert head.startswith(row.content) or row.content.startswith(head), row.content
        elif d["defect"] == "duplicate_conflict":
            assert row.id == d["record_id"]
            assert row.problems == set()
        else:
            assert row.id == d["record_id"]
            assert row.problems == {d["defect"]}, (d, row.content)


def test_it_lists_both_rows_of_a_conflicting_duplicate(data: Dataset) -> None:
    duplicates: dict[str, list[int]] = defaultdict(list)
    for d in data.defects:
        if d["defect"] == "duplicate_conflict":
            duplicates[d["record_id"]].append(int(d["position"]))
    assert duplicates
    for record_id, positions in duplicates.items():
        rows = [data.by_position(_source(record_id))[p] for p in positions]
        assert len(rows) == 2
        assert rows[0].id == rows[1].id == record_id
        assert rows[0].content != rows[1].content
        assert 0 < rows[1].position - rows[0].position <= 6


def test_it_leaves_every_other_row_valid_and_its_id_unique(data: Dataset) -> None:
    listed = {(_source(d["record_id"]), int(d["position"])) for d in data.defects}
    for source in SOURCES:
        ids = Counter(row.record_id for row in data.rows[source])
        for row in data.rows[source]:
            if (source, row.position) not in listed:
                assert row.problems == set(), (row.id, row.problems, row.content)
                assert ids[row.record_id] == 1, row.id


def test_it_keeps_defects_at_a_few_percent(data: Dataset) -> None:
    rows = sum(len(rows) for rows in data.rows.values())
    assert 0.01 * rows < len(data.defects) < 0.05 * rows


def test_it_keeps_defective_rows_in_truth(data: Dataset) -> None:
    truth = {t["record_id"] for t in data.truth}
    assert {d["record_id"] for d in data.defects} <= truth


def test_it_keeps_mrz_check_digits_valid_unless_a_bad_one_was_planted(data: Dataset) -> None:
    planted = {v["record_id"] for v in data.variations if v["variation"] == "mrz_check_digit"}
    assert planted
    seen = 0
    for row in data.rows["khm-gdi"]:
        mrz = row.raw["mrz"]
        if not mrz:
            continue
        seen += 1
        parsed = parse_mrz(mrz)
        assert parsed.lines[0][5:].split("<<")[0] or row.raw["nationality"] == "MMR"
        assert parsed.valid == (row.id not in planted), (row.id, mrz, parsed.failed_checks)
    assert seen > 200


def test_it_plants_mrz_disagreeing_with_the_typed_document_number(data: Dataset) -> None:
    planted = {v["record_id"] for v in data.variations if v["variation"] == "mrz_mismatch"}
    assert planted
    for row in data.rows["khm-gdi"]:
        mrz = row.raw["mrz"]
        if mrz:
            number = parse_mrz(mrz).document_number
            assert (number != row.doc_number) == (row.id in planted), row.id


def test_it_leaves_some_passport_records_without_their_mrz(data: Dataset) -> None:
    passports = [row for row in data.rows["khm-gdi"] if row.doc_type == "PP"]
    without = [row for row in passports if not row.raw["mrz"]]
    assert 0.1 * len(passports) < len(without) < 0.5 * len(passports)
    others = [row for row in data.rows["khm-gdi"] if row.doc_type != "PP" and not row.problems]
    assert others and all(not row.raw["mrz"] for row in others)


def test_it_writes_spreadsheet_formulas_in_free_text(data: Dataset) -> None:
    planted = {v["record_id"] for v in data.variations if v["variation"] == "formula"}
    assert planted
    for source, fields in (("khm-gdi", ("vehicle", "sponsor")), ("tha-ib", ("vehicle", "employer"))):
        for row in data.rows[source]:
            if row.problems:
                continue
            values = [row.raw[f] or "" for f in fields]
            has_formula = any(v[:1] in ("=", "+", "-", "@") for v in values)
            assert has_formula == (row.id in planted), row.id


def test_it_swaps_day_and_month_of_birth_now_and_then(data: Dataset) -> None:
    planted = [v["record_id"] for v in data.variations if v["variation"] == "day_month_swap"]
    assert planted
    person = data.person
    births: dict[str, Counter[tuple[int, int, int]]] = defaultdict(Counter)
    for source in SOURCES:
        for row in data.rows[source]:
            if row.birth and not row.problems:
                births[person[row.id]][row.birth] += 1
    checked = 0
    for record_id in planted:
        seen = births[person[record_id]]
        if len(seen) > 1 or sum(seen.values()) > 1:  # the person has other records to compare with
            assert any((y, d, m) in seen for (y, m, d) in seen if d), record_id
            checked += 1
    assert checked


def test_it_uses_only_the_documented_variation_codes(data: Dataset) -> None:
    assert {v["variation"] for v in data.variations} == set(rates.VARIATION_CODES)


def test_it_plants_typing_slips_in_names(data: Dataset) -> None:
    planted = {v["record_id"] for v in data.variations if v["variation"] == "name_typo"}
    rows = sum(len(rows) for rows in data.rows.values())
    assert 0.5 * rates.NAME_TYPO_RATE * rows < len(planted) < 2 * rates.NAME_TYPO_RATE * rows
