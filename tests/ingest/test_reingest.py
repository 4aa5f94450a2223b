"""Sending records again (DESIGN.md section 4): unchanged, updated with history, duplicates in one file."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from borderlink.crossings.models import Crossing, CrossingVersion
from borderlink.crossings.serialize import crossing_to_dict
from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.services import import_file
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db

FILES = {"khm-gdi": "khm-gdi.csv", "tha-ib": "tha-ib.jsonl", "vnm-xnc": "vnm-xnc.xml"}
#: read, stored and quarantined for each sample file (tests/ingest/test_samples.py)
SAMPLE_COUNTS = {"khm-gdi": (20, 17, 3), "tha-ib": (9, 6, 3), "vnm-xnc": (17, 15, 2)}
BANGHI = re.compile(r"<BanGhi>.*?</BanGhi>", re.DOTALL)


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Path) -> None:
    """Keep the copies of imported files out of ./var."""
    settings.DATA_DIR = tmp_path / "data"


def ingest(source: str, data: bytes, file_name: str = "input") -> ImportRun:
    return import_file(get_mapping(source), data, file_name)


def counts(run: ImportRun) -> tuple[int, int, int, int, int]:
    return run.read, run.stored, run.updated, run.unchanged, run.quarantined


def sample(source: str) -> bytes:
    return (SAMPLES / FILES[source]).read_bytes()


def clean_sample(source: str) -> bytes:
    """The sample file without the rows it has to quarantine (samples/quarantined.json)."""
    defects = {
        entry["position"]
        for entry in json.loads((SAMPLES / "quarantined.json").read_text())
        if entry["id"].startswith(source + ":")
    }
    text = sample(source).decode("utf-8")
    if source == "khm-gdi":
        lines = text.split("\r\n")
        return "\r\n".join(line for number, line in enumerate(lines, 1) if number not in defects).encode()
    if source == "tha-ib":
        lines = text.split("\n")
        return "\n".join(line for number, line in enumerate(lines, 1) if number not in defects).encode()
    records = BANGHI.findall(text)
    kept = [record for number, record in enumerate(records, 1) if number not in defects]
    return vnm_xml(kept)


def vnm_xml(records: list[str]) -> bytes:
    body = "\n".join(records)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<DuLieuXuatNhapCanh>\n{body}\n</DuLieuXuatNhapCanh>\n'.encode()


def khm_rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a khm-gdi file."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return rows[0], [row for row in rows[1:] if row]


def khm_write(header: list[str], rows: list[list[str]], **options: Any) -> bytes:
    """A khm-gdi file; ``options`` go to csv.writer (quoting...), ``bom`` and ``newline`` are ours."""
    bom, newline = options.pop("bom", True), options.pop("newline", "\r\n")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline, **options)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def only(source: str, record_id: str, data: bytes | None = None) -> bytes:
    """A file with one record of the (clean) sample, as the source writes it."""
    data = clean_sample(source) if data is None else data
    text = data.decode("utf-8")
    if source == "khm-gdi":
        header, rows = khm_rows(data)
        return khm_write(header, [row for row in rows if row[0] == record_id])
    if source == "tha-ib":
        return next(line for line in text.split("\n") if f'"tm_ref": "{record_id}"' in line).encode() + b"\n"
    return vnm_xml([record for record in BANGHI.findall(text) if f"<SoHieu>{record_id}</SoHieu>" in record])


def crossing(source: str, record_id: str) -> Crossing:
    return Crossing.objects.select_related("checkpoint").get(uid=f"{source}:{record_id}")


# --- The same file again ---------------------------------------------------------------------------


@pytest.mark.parametrize("source", sorted(FILES))
def test_it_stores_nothing_new_when_a_clean_file_is_ingested_again(source: str) -> None:
    data = clean_sample(source)
    first = ingest(source, data)
    stored = first.stored
    assert stored >= 6 and first.exit_status == 0 and first.read == stored
    before = {
        c.uid: (crossing_to_dict(c), c.raw, c.import_run_id) for c in Crossing.objects.select_related("checkpoint")
    }

    again = ingest(source, data)

    assert counts(again) == (stored, 0, 0, stored, 0)
    assert again.exit_status == 0
    after = {
        c.uid: (crossing_to_dict(c), c.raw, c.import_run_id) for c in Crossing.objects.select_related("checkpoint")
    }
    assert after == before
    assert set(Crossing.objects.values_list("version", flat=True)) == {1}
    assert not CrossingVersion.objects.exists()


@pytest.mark.parametrize("source", sorted(FILES))
def test_it_quarantines_a_defective_file_sent_again_without_doubling_the_quarantine(source: str) -> None:
    read, stored, quarantined = SAMPLE_COUNTS[source]
    first = ingest(source, sample(source))
    assert counts(first) == (read, stored, 0, 0, quarantined)
    waiting = list(QuarantinedRecord.objects.order_by("position").values_list("position", "reason", "raw"))

    again = ingest(source, sample(source), "sent-again")

    assert counts(again) == (read, 0, 0, stored, quarantined)
    assert again.exit_status == 3  # still counted quarantined...
    # ...but each waiting row is in the quarantine once, from the first run.
    assert list(QuarantinedRecord.objects.order_by("position").values_list("position", "reason", "raw")) == waiting
    assert not QuarantinedRecord.objects.filter(import_run=again).exists()


def test_it_does_not_double_a_quarantined_row_sent_again_in_another_file() -> None:
    header, rows = khm_rows(sample("khm-gdi"))
    bad = next(row for row in rows if row[0] == "KH-KOR-2026-000006")  # 31/02/2026: bad_date
    good = [row for row in rows if row[0] in ("KH-CYM-2026-000001", "KH-POI-2026-000002")]
    first = ingest("khm-gdi", khm_write(header, [bad, good[0]]), "monday.csv")
    second = ingest("khm-gdi", khm_write(header, [good[1], bad]), "tuesday.csv")
    assert (first.quarantined, second.quarantined) == (1, 1)
    assert (first.exit_status, second.exit_status) == (3, 3)
    [row] = QuarantinedRecord.objects.all()
    assert (row.reason, row.file_name, row.position) == ("bad_date", "monday.csv", 2)


# --- Changed content -------------------------------------------------------------------------------

#: source -> (record id, text in the sample, corrected text, how to read the value, old and new values)
CHANGES: dict[str, tuple[str, bytes, bytes, Callable[[dict[str, Any]], Any], Any, Any]] = {
    "khm-gdi": (
        "KH-KOR-2026-000005",
        b"ASIA PACIFIC RECRUITMENT",
        b'"ASIA PACIFIC RECRUITMENT CO., LTD."',
        lambda record: record["sponsor"],
        "ASIA PACIFIC RECRUITMENT",
        "ASIA PACIFIC RECRUITMENT CO., LTD.",
    ),
    "tha-ib": (
        "TM6-2569-0000003",
        b'"employer": "ASIA PACIFIC RECRUITMENT"',
        b'"employer": "ASIA PACIFIC RECRUITMENT CO., LTD."',
        lambda record: record["sponsor"],
        "ASIA PACIFIC RECRUITMENT",
        "ASIA PACIFIC RECRUITMENT CO., LTD.",
    ),
    "vnm-xnc": (
        "VN-CAUTREO-0000002",
        "<MucDich>LAO ĐỘNG</MucDich>".encode(),
        "<MucDich>CÔNG TÁC</MucDich>".encode(),
        lambda record: record["purpose"],
        "work",
        "business",
    ),
}


@pytest.mark.parametrize("source", sorted(CHANGES))
def test_it_updates_a_record_sent_again_with_changed_content_keeping_the_old_version(source: str) -> None:
    record_id, old_text, new_text, value, old_value, new_value = CHANGES[source]
    first = ingest(source, clean_sample(source))
    stored = crossing(source, record_id)
    old_record, old_raw = crossing_to_dict(stored), stored.raw
    assert value(old_record) == old_value and old_text.decode() in old_raw
    corrected = only(source, record_id).replace(old_text, new_text)
    assert corrected != only(source, record_id)

    run = ingest(source, corrected, "corrected")

    assert counts(run) == (1, 0, 1, 0, 0) and run.exit_status == 0
    updated = crossing(source, record_id)
    assert (updated.version, updated.import_run_id) == (2, run.pk)
    assert value(crossing_to_dict(updated)) == new_value
    assert new_text.decode() in updated.raw
    unchanged = ("sponsor", "purpose")
    assert {k: v for k, v in crossing_to_dict(updated).items() if k not in unchanged} == {
        k: v for k, v in old_record.items() if k not in unchanged
    }  # nothing else moved
    [previous] = CrossingVersion.objects.filter(crossing=updated)
    assert (previous.version, previous.record, previous.raw) == (1, old_record, old_raw)
    assert previous.import_run_id == first.pk
    assert previous.stored_at <= previous.replaced_at


def test_it_keeps_every_previous_version_of_a_record_changed_twice() -> None:
    header, rows = khm_rows(clean_sample("khm-gdi"))
    [row] = [row for row in rows if row[0] == "KH-KOR-2026-000005"]
    for sponsor in ("ASIA PACIFIC RECRUITMENT", "APR CO., LTD.", "ASIA PACIFIC RECRUITMENT"):
        ingest("khm-gdi", khm_write(header, [[*row[:-1], sponsor]]))
    current = crossing("khm-gdi", "KH-KOR-2026-000005")
    assert (current.version, current.sponsor) == (3, "ASIA PACIFIC RECRUITMENT")
    history = CrossingVersion.objects.filter(crossing=current).order_by("version")
    assert [(v.version, v.record["sponsor"]) for v in history] == [
        (1, "ASIA PACIFIC RECRUITMENT"),
        (2, "APR CO., LTD."),
    ]
    assert '"APR CO., LTD."' in history[1].raw


def test_it_leaves_the_stored_record_alone_when_a_defective_copy_is_sent() -> None:
    ingest("khm-gdi", clean_sample("khm-gdi"))
    before = crossing_to_dict(crossing("khm-gdi", "KH-KOR-2026-000005"))
    header, rows = khm_rows(clean_sample("khm-gdi"))
    [row] = [row for row in rows if row[0] == "KH-KOR-2026-000005"]
    broken = [*row[:3], "31/02/2026 10:03", *row[4:-1], "SOMEONE ELSE"]
    run = ingest("khm-gdi", khm_write(header, [broken]))
    assert counts(run) == (1, 0, 0, 0, 1) and run.exit_status == 3
    after = crossing("khm-gdi", "KH-KOR-2026-000005")
    assert (crossing_to_dict(after), after.version) == (before, 1)


# --- Insignificant differences -----------------------------------------------------------------


def _khm_variant(name: str) -> bytes:
    header, rows = khm_rows(clean_sample("khm-gdi"))
    if name == "every field quoted":
        return khm_write(header, rows, quoting=csv.QUOTE_ALL)
    if name == "LF line ends, no BOM":
        return khm_write(header, rows, bom=False, newline="\n")
    if name == "columns reordered":
        order = list(reversed(range(len(header))))
        return khm_write([header[i] for i in order], [[row[i] for i in order] for row in rows])
    # Codes in lower case and spaces around values: the mapping reads them the same.
    columns = {name: index for index, name in enumerate(header)}
    lowered = [columns[c] for c in ("movement", "sex", "doc_type", "purpose", "surname", "doc_number")]
    changed = [[(v.lower() if i in lowered else v) for i, v in enumerate(row)] for row in rows]
    padded = [[(f"  {v} " if v and i != columns["record_no"] else v) for i, v in enumerate(row)] for row in changed]
    return khm_write(header, padded)


def _tha_variant() -> bytes:
    lines = [json.loads(line) for line in clean_sample("tha-ib").decode().splitlines() if line.strip()]
    for record in lines:
        if record.get("employer"):
            record["employer"] = f" {record['employer']}  "
    return "\r\n".join(json.dumps(r, sort_keys=True, ensure_ascii=True, separators=(",", ":")) for r in lines).encode()


def _vnm_variant() -> bytes:
    text = clean_sample("vnm-xnc").decode()
    text = text.replace("><", ">\n    <").replace("<HoTen>", "<HoTen>  ").replace("</HoTen>", " </HoTen>")
    # Attributes in another order, single-quoted.
    return re.sub(
        r'<GiayTo loai="([^"]*)" so="([^"]*)" noiCap="([^"]*)" hetHan="([^"]*)"/>',
        r"<GiayTo hetHan='\4' noiCap='\3' so='\2' loai='\1'></GiayTo>",
        text,
    ).encode()


VARIANTS = [
    ("khm-gdi", "every field quoted"),
    ("khm-gdi", "LF line ends, no BOM"),
    ("khm-gdi", "columns reordered"),
    ("khm-gdi", "lower case and padding"),
    ("tha-ib", "keys sorted, compact, escaped, padded"),
    ("vnm-xnc", "indented, attributes reordered"),
]


@pytest.mark.parametrize(("source", "variant"), VARIANTS)
def test_it_counts_a_record_sent_again_with_only_formatting_differences_as_unchanged(source: str, variant: str) -> None:
    first = ingest(source, clean_sample(source))
    before = {c.uid: crossing_to_dict(c) for c in Crossing.objects.select_related("checkpoint")}
    data = {"khm-gdi": lambda: _khm_variant(variant), "tha-ib": _tha_variant, "vnm-xnc": _vnm_variant}[source]()
    assert data != clean_sample(source)

    run = ingest(source, data, "reformatted")

    assert counts(run) == (first.stored, 0, 0, first.stored, 0), list(run.quarantine.values_list("detail"))
    assert run.exit_status == 0
    assert {c.uid: crossing_to_dict(c) for c in Crossing.objects.select_related("checkpoint")} == before
    assert not CrossingVersion.objects.exists()


def test_it_counts_a_reformatted_record_as_unchanged_after_its_companion_arrives() -> None:
    header, rows = khm_rows(clean_sample("khm-gdi"))
    minor = next(row for row in rows if row[16])  # accompanying_record_no: travels with an adult
    adult = next(row for row in rows if row[0] == minor[16])
    ingest("khm-gdi", khm_write(header, [minor]))
    assert "companion_not_found" in crossing("khm-gdi", minor[0]).quality
    ingest("khm-gdi", khm_write(header, [adult]))

    run = ingest("khm-gdi", khm_write(header, [minor], newline="\n"))

    assert counts(run) == (1, 0, 0, 1, 0)
    assert crossing("khm-gdi", minor[0]).version == 1


# --- Duplicates within one file ------------------------------------------------------------------


def test_it_quarantines_both_rows_of_a_conflicting_duplicate_and_stores_neither() -> None:
    header, rows = khm_rows(clean_sample("khm-gdi"))
    [row] = [row for row in rows if row[0] == "KH-KOR-2026-000005"]
    other = rows[0]
    run = ingest("khm-gdi", khm_write(header, [row, other, [*row[:-1], "ANOTHER AGENCY"]]), "dup.csv")

    assert counts(run) == (3, 1, 0, 0, 2) and run.exit_status == 3
    assert not Crossing.objects.filter(source_record_id="KH-KOR-2026-000005").exists()
    assert Crossing.objects.filter(source_record_id=other[0]).exists()
    quarantined = {q.position: q for q in QuarantinedRecord.objects.all()}
    assert sorted(quarantined) == [2, 4]
    for q in quarantined.values():
        assert (q.reason, q.field, q.record_id, q.file_name) == (
            "duplicate_conflict",
            "id",
            "KH-KOR-2026-000005",
            "dup.csv",
        )
        assert "2, 4" in q.detail
    assert "ANOTHER AGENCY" in quarantined[4].raw and "ASIA PACIFIC" in quarantined[2].raw


def test_it_quarantines_conflicting_json_duplicates() -> None:
    line = only("tha-ib", "TM6-2569-0000003").decode().strip()
    changed = line.replace("ASIA PACIFIC RECRUITMENT", "ANOTHER AGENCY")
    run = ingest("tha-ib", f"{line}\n{changed}\n".encode())
    assert counts(run) == (2, 0, 0, 0, 2) and run.exit_status == 3
    assert set(QuarantinedRecord.objects.values_list("position", "reason")) == {
        (1, "duplicate_conflict"),
        (2, "duplicate_conflict"),
    }
    assert not Crossing.objects.exists()


def test_it_leaves_the_stored_record_alone_when_a_file_holds_conflicting_copies() -> None:
    ingest("khm-gdi", clean_sample("khm-gdi"))
    before = crossing_to_dict(crossing("khm-gdi", "KH-KOR-2026-000005"))
    header, rows = khm_rows(clean_sample("khm-gdi"))
    [row] = [row for row in rows if row[0] == "KH-KOR-2026-000005"]
    run = ingest("khm-gdi", khm_write(header, [[*row[:-1], "ONE"], [*row[:-1], "TWO"]]))
    assert counts(run) == (2, 0, 0, 0, 2)
    after = crossing("khm-gdi", "KH-KOR-2026-000005")
    assert (crossing_to_dict(after), after.version) == (before, 1)


@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL], ids=["same text", "other quoting"])
def test_it_stores_two_identical_rows_once(quoting: int) -> None:
    header, rows = khm_rows(clean_sample("khm-gdi"))
    row = rows[0]
    again = khm_write(header, [row], bom=False, quoting=quoting).split(b"\r\n", 1)[1]
    twice = khm_write(header, [row]) + again
    run = ingest("khm-gdi", twice)
    assert run.exit_status == 0 and run.quarantined == 0
    assert Crossing.objects.filter(source_record_id=row[0]).count() == 1
    assert run.stored == 1
    assert run.read == run.stored + run.updated + run.unchanged + run.quarantined
    assert not QuarantinedRecord.objects.exists()
