"""The three national sample files (written from DESIGN.md by someone else) ingest as the model says."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest

from borderlink.crossings.models import Crossing
from borderlink.crossings.serialize import crossing_to_dict
from borderlink.ingest.models import QuarantinedRecord
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


def _fold(text: str | None) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(" ", "")


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    """Latin names compare without diacritics and whatever the split of given names (samples/README.md)."""
    result = json.loads(json.dumps(record))
    traveller = result["traveller"]
    traveller["name"] = _fold(traveller.pop("family_name")) + "|" + _fold(traveller.pop("given_names"))
    result.pop("quality")
    return result


def test_it_stores_every_valid_sample_row_exactly_as_the_common_model_says(ingest_samples: Any) -> None:
    ingest_samples()
    expected = [json.loads(line) for line in (SAMPLES / "expected.jsonl").read_text().splitlines()]
    stored = {c.uid: crossing_to_dict(c) for c in Crossing.objects.select_related("checkpoint")}
    assert sorted(stored) == sorted(e["id"] for e in expected)
    for record in expected:
        got = stored[record["id"]]
        assert _comparable(got) == _comparable(record), record["id"]
        assert set(record["quality"]) <= set(got["quality"]), record["id"]


def test_it_quarantines_every_defective_sample_row_with_its_reason_and_position(ingest_samples: Any) -> None:
    ingest_samples()
    expected = json.loads((SAMPLES / "quarantined.json").read_text())
    got = {(f"{q.source}:{q.record_id}", q.position): q.reason for q in QuarantinedRecord.objects.all()}
    assert len(got) == len(expected)
    for entry in expected:
        assert got[(entry["id"], entry["position"])] == entry["defect"]


def test_it_keeps_the_raw_text_of_each_quarantined_row(ingest_samples: Any) -> None:
    ingest_samples()
    row = QuarantinedRecord.objects.get(source="khm-gdi", position=7)
    assert row.raw.startswith("KH-KOR-2026-000006,KOR,OUT,31/02/2026 10:00")
    assert row.field == "crossed_at"
    assert "31/02/2026" in row.detail
    assert row.context.startswith("record_no,checkpoint")


def test_it_counts_read_stored_and_quarantined_disjointly(ingest_samples: Any) -> None:
    runs = ingest_samples()
    assert [(r.read, r.stored, r.updated, r.unchanged, r.quarantined) for r in runs] == [
        (20, 17, 0, 0, 3),
        (9, 6, 0, 0, 3),
        (17, 15, 0, 0, 2),
    ]
    assert [r.exit_status for r in runs] == [3, 3, 3]


def test_it_converts_buddhist_era_and_local_time_to_utc(ingest_samples: Any) -> None:
    ingest_samples()
    crossing = Crossing.objects.select_related("checkpoint").get(uid="tha-ib:TM6-2569-0000004")
    data = crossing_to_dict(crossing)
    assert data["crossed_at"] == "2026-11-03T09:08:00Z"
    assert data["traveller"]["birth_date"] == "1963-08-17"
    assert data["document"]["expiry_date"] == "2031-03-30"


def test_it_marks_minors_with_their_age_at_crossing(ingest_samples: Any) -> None:
    ingest_samples()
    minor = Crossing.objects.get(uid="khm-gdi:KH-PNH-2026-000003")
    assert minor.is_minor is True
    assert minor.age_at_crossing == 15
    assert minor.companions == ["khm-gdi:KH-PNH-2026-000004"]
    adult = Crossing.objects.get(uid="khm-gdi:KH-PNH-2026-000004")
    assert adult.is_minor is False
