"""Looking at quarantined rows and storing them once the cause is fixed."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from borderlink.crossings.models import Crossing
from borderlink.ingest.models import QuarantinedRecord
from borderlink.registry.models import Checkpoint

pytestmark = pytest.mark.django_db


def _command(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("quarantine", *args, stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_it_lists_and_shows_quarantined_rows(ingest_samples: Any) -> None:
    ingest_samples()
    status, listing = _command("list", "--source", "khm-gdi")
    assert status == 0
    assert listing.count("\n") == 3 and "unknown_checkpoint" in listing and "bad_date" in listing
    entry = QuarantinedRecord.objects.get(source="khm-gdi", position=7)
    status, shown = _command("show", str(entry.pk))
    assert "reason:   bad_date (field crossed_at)" in shown
    assert "KH-KOR-2026-000006,KOR,OUT,31/02/2026 10:00" in shown


def test_it_stores_a_row_after_its_checkpoint_is_registered(ingest_samples: Any) -> None:
    ingest_samples()
    entries = list(QuarantinedRecord.objects.filter(source="khm-gdi", reason="unknown_checkpoint"))
    status, out = _command("retry", *(str(e.pk) for e in entries))
    assert status == 3 and "still quarantined: unknown_checkpoint" in out
    Checkpoint.objects.create(
        code="KHM-ZZZ", state_id="KHM", national_code="ZZZ", name="Test post", kind="land", time_zone="Asia/Phnom_Penh"
    )
    status, out = _command("retry", "--all", "--source", "khm-gdi")
    assert status == 3  # the bad date is still bad
    assert Crossing.objects.filter(uid="khm-gdi:KH-PNH-2026-000009", checkpoint__code="KHM-ZZZ").exists()
    resolved = QuarantinedRecord.objects.filter(status="resolved", source="khm-gdi")
    assert {e.record_id for e in resolved} == {"KH-PNH-2026-000009", "KH-KOR-2026-000015"}


def test_it_stores_a_row_with_corrected_raw_text(ingest_samples: Any, tmp_path: Any) -> None:
    ingest_samples()
    entry = QuarantinedRecord.objects.get(source="khm-gdi", position=7)
    fixed = tmp_path / "row.csv"
    fixed.write_text(entry.raw.replace("31/02/2026", "28/02/2026"), encoding="utf-8")
    status, out = _command("retry", str(entry.pk), "--raw-file", str(fixed))
    assert status == 0, out
    crossing = Crossing.objects.get(uid="khm-gdi:KH-KOR-2026-000006")
    assert crossing.crossed_at.isoformat() == "2026-02-28T03:00:00+00:00"


def test_it_retries_xml_and_json_lines_rows(ingest_samples: Any) -> None:
    ingest_samples()
    xml = QuarantinedRecord.objects.get(source="vnm-xnc", position=5)
    status, out = _command("retry", str(xml.pk))
    assert status == 3 and "bad_date" in out  # still wrong, reason kept
    assert QuarantinedRecord.objects.get(pk=xml.pk).status == "open"


def test_it_discards_a_row(ingest_samples: Any) -> None:
    ingest_samples()
    entry = QuarantinedRecord.objects.get(source="tha-ib", position=1)
    assert _command("discard", str(entry.pk))[0] == 0
    assert QuarantinedRecord.objects.get(pk=entry.pk).status == "discarded"
    assert _command("list", "--source", "tha-ib")[1].count("\n") == 2


def test_it_names_unknown_rows(ingest_samples: Any) -> None:
    assert _command("show", "999999")[0] == 2


def test_it_retries_from_the_page_for_administrators_only(ingest_samples: Any, admin_user: Any, owner: Any) -> None:
    ingest_samples()
    entry = QuarantinedRecord.objects.get(source="khm-gdi", position=7)
    analyst = Client()
    analyst.force_login(owner)
    assert analyst.get(f"/quarantine/{entry.pk}/").status_code == 200
    assert analyst.post(f"/quarantine/{entry.pk}/action/", {"action": "retry"}).status_code == 403
    admin = Client()
    admin.force_login(admin_user)
    corrected = entry.raw.replace("31/02/2026", "28/02/2026")
    response = admin.post(f"/quarantine/{entry.pk}/action/", {"action": "retry", "raw": corrected}, follow=True)
    assert "Stored: stored as khm-gdi:KH-KOR-2026-000006" in response.content.decode()
