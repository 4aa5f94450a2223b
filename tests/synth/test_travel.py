"""Travel: each exit has its entry in the facing state's file, minors travel with an adult, documents vary."""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from borderlink.synth.generate import generate

from . import AIRPORTS, FACING, SOURCES, Dataset, Row, read_dataset


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("clean")
    generate(1500, 10, 21, out, defects=False)
    return read_dataset(out)


@pytest.fixture(scope="module")
def defective(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("defective")
    generate(1500, 10, 21, out)
    return read_dataset(out)


def _entries(data: Dataset) -> dict[tuple[str, str, str], list[datetime]]:
    """(source, checkpoint, person) -> entry times, sorted."""
    person = data.person
    found: dict[tuple[str, str, str], list[datetime]] = defaultdict(list)
    for source in SOURCES:
        for row in data.rows[source]:
            if row.entry and row.at is not None and not row.problems:
                found[(source, row.checkpoint, person[row.id])].append(row.at)
    for times in found.values():
        times.sort()
    return found


def _has_entry(times: list[datetime], after: datetime, within: timedelta) -> bool:
    i = bisect.bisect_right(times, after)
    return i < len(times) and times[i] - after <= within


def _unmatched(data: Dataset) -> tuple[int, list[Row]]:
    entries = _entries(data)
    person = data.person
    checked, missing = 0, []
    for source in SOURCES:
        for row in data.rows[source]:
            if row.entry is not False or row.at is None or row.problems:
                continue
            key = (source, row.checkpoint)
            if key in FACING:
                other, checkpoint = FACING[key]
                found = _has_entry(entries[(other, checkpoint, person[row.id])], row.at, timedelta(hours=3))
            elif key in AIRPORTS:
                found = any(
                    _has_entry(entries[(other, checkpoint, person[row.id])], row.at, timedelta(hours=6))
                    for other, checkpoint in AIRPORTS
                    if other != source
                )
            else:
                continue  # NKI and CAUTREO face Lao PDR, which writes no file
            checked += 1
            if not found:
                missing.append(row)
    return checked, missing


def test_it_writes_the_facing_entry_for_every_exit(clean: Dataset) -> None:
    checked, missing = _unmatched(clean)
    assert checked > 500
    assert missing == []


def test_it_writes_entries_minutes_to_hours_after_the_exit(clean: Dataset) -> None:
    entries = _entries(clean)
    person = clean.person
    gaps = []
    for row in clean.rows["khm-gdi"]:
        if row.entry is False and row.checkpoint == "POI" and row.at is not None:
            times = entries[("tha-ib", "ARY", person[row.id])]
            i = bisect.bisect_right(times, row.at)
            gaps.append(times[i] - row.at)
    assert gaps
    assert min(gaps) >= timedelta(minutes=5)
    assert max(gaps) <= timedelta(hours=2)


def test_it_keeps_most_crossings_whole_when_rows_are_defective(defective: Dataset) -> None:
    checked, missing = _unmatched(defective)
    # an exit loses its entry only when the entry row was made defective (a few percent)
    assert len(missing) < 0.05 * checked


def test_it_names_the_adult_a_minor_travels_with(clean: Dataset) -> None:
    seen = 0
    for source in SOURCES:
        rows = {row.record_id: row for row in clean.rows[source]}
        for row in clean.rows[source]:
            for companion in row.companions:
                adult = rows[companion]
                assert row.at == adult.at and row.checkpoint == adult.checkpoint and row.entry == adult.entry
                assert row.at is not None
                assert row.age_on(row.at.date()) < 18
                assert adult.age_on(row.at.date()) >= 18
                assert not adult.companions
                seen += 1
    assert seen > 20


def test_it_has_minors_travel_on_no_document_of_their_own(clean: Dataset) -> None:
    minors = [row for row in clean.rows["khm-gdi"] if row.companions]
    assert any(row.raw["doc_type"] == "NONE" and row.doc_number == "" for row in minors)
    assert any(row.raw["document"] is None for row in clean.rows["tha-ib"] if row.companions)
    assert any(row.raw.find("GiayTo") is None for row in clean.rows["vnm-xnc"] if row.companions)


def test_it_shows_people_on_several_documents(clean: Dataset) -> None:
    documents: dict[str, set[tuple[str, str]]] = defaultdict(set)
    person = clean.person
    for row in clean.rows["khm-gdi"]:
        if row.doc_number:
            documents[person[row.id]].add((row.doc_type or "", row.doc_number))
    kinds = [{kind for kind, _ in docs} for docs in documents.values()]
    assert any({"PP", "BP"} <= k for k in kinds), "a border resident on a passport and a border pass"
    renewed = [docs for docs in documents.values() if sum(1 for kind, _ in docs if kind == "PP") > 1]
    assert renewed, "a passport renewed during the period"


def test_it_writes_sponsors_vehicles_and_visas(clean: Dataset) -> None:
    khm = [row.raw for row in clean.rows["khm-gdi"]]
    assert any(r["sponsor"] and r["purpose"] == "WORK" for r in khm)
    assert any(r["vehicle"] for r in khm)
    tha = [row.raw for row in clean.rows["tha-ib"]]
    assert any(r["employer"] and r["purpose"] == "EMPLOYMENT" for r in tha)
    visas = [r["visa"] for r in tha if r["visa"]]
    assert visas and all(set(v) == {"category", "number"} for v in visas)
    assert all(r["direction"] == "ARRIVAL" and r["nationality"] != "THA" for r in tha if r["visa"])


def test_it_uses_every_checkpoint(clean: Dataset) -> None:
    used = {(source, row.checkpoint) for source in SOURCES for row in clean.rows[source]}
    assert used == {("khm-gdi", cp) for cp in ("POI", "CYM", "BAV", "KOR", "PNH")} | {
        ("tha-ib", cp) for cp in ("ARY", "HLK", "NKI", "BKK")
    } | {("vnm-xnc", cp) for cp in ("MOCBAI", "VINHXUONG", "CAUTREO", "NOIBAI")}


def test_it_starts_on_the_given_day(tmp_path: Path) -> None:
    from datetime import date

    generate(200, 3, 1, tmp_path, start=date(2027, 1, 30))
    data = read_dataset(tmp_path)
    times = [row.at for source in SOURCES for row in data.rows[source] if row.at is not None]
    assert min(times) >= datetime(2027, 1, 30)
    assert max(times) < datetime(2027, 2, 2)
