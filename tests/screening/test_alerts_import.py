"""``borderlink alerts import``: an alerts CSV stored row by row, bad rows quarantined, nothing half-imported."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from borderlink.screening.models import Alert, AlertImportRun, QuarantinedEntry
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db
ALERTS = FIXTURES / "alerts"


def _import(path: Path, *extra: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("alerts", "import", str(path), *extra, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = int(exit.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_it_imports_every_alert_type_for_the_nodes_state() -> None:
    code, out, _ = _import(ALERTS / "khm-alerts.csv", "--json")
    assert code == 0
    assert json.loads(out) | {"run": 0} == {
        "file": "khm-alerts.csv", "issuing_state": "KHM", "run": 0,
        "read": 5, "stored": 5, "updated": 0, "unchanged": 0, "quarantined": 0,
    }  # fmt: skip
    assert sorted(Alert.objects.values_list("type", flat=True)) == [
        "at_risk", "discreet_check", "missing_person", "travel_document", "wanted",
    ]  # fmt: skip
    stolen = Alert.objects.get(ref="KHM-TD-0004")
    assert (stolen.document_key, stolen.document_issuing_state) == ("N77017924", "KHM")
    assert Alert.objects.get(ref="KHM-DC-0005").action_text == "Record the vehicle plate"


def test_it_imports_for_another_issuing_state_when_asked() -> None:
    code, _, _ = _import(ALERTS / "khm-alerts.csv", "--issuing-state", "tha")
    assert code == 0
    assert set(Alert.objects.values_list("issuing_state", flat=True)) == {"THA"}


def test_importing_the_same_file_again_changes_nothing() -> None:
    _import(ALERTS / "khm-alerts.csv")
    code, out, _ = _import(ALERTS / "khm-alerts.csv", "--json")
    assert code == 0
    assert json.loads(out)["unchanged"] == 5
    assert Alert.objects.count() == 5


def test_a_bad_file_is_quarantined_row_by_row_naming_line_field_and_reason() -> None:
    code, out, _ = _import(ALERTS / "broken-alerts.csv")
    assert code == 3
    assert sorted(Alert.objects.values_list("ref", flat=True)) == ["KHM-AR-0101", "KHM-AR-0109"]
    quarantined = {q.position: q for q in QuarantinedEntry.objects.all()}
    assert sorted(quarantined) == [3, 4, 5, 6, 7, 8, 9]
    assert (quarantined[3].field, quarantined[3].reason) == ("type", "invalid_value")
    assert quarantined[4].field == "birth_date"
    assert quarantined[5].field == "document_number"
    assert quarantined[6].reason == "duplicate_alert" and "KHM-AR-0101" in quarantined[6].detail
    assert quarantined[7].reason == "wrong_width"
    assert quarantined[8].field == "nationality"
    assert quarantined[9].field == "review_date"
    assert quarantined[6].raw.startswith("KHM-AR-0105,at_risk,CHAN,SREYNICH")
    assert "line 3: type: type 'kidnapped'" in out
    run = AlertImportRun.objects.get()
    assert run.counts() == {"read": 9, "stored": 2, "updated": 0, "unchanged": 0, "quarantined": 7}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"ref,kind\nX,at_risk\n", "missing column(s) alert_ref"),
        ("alert_ref,type\n".encode("utf-16"), "not UTF-8"),
        (b"alert_ref,type,family_name,given_names,native_name,sex,birth_date,nationality,document_number,"
         b"document_issuing_state,reason,action,review_date\nX,at_risk,\"unterminated\n", "line 2"),
    ],
)  # fmt: skip
def test_an_unreadable_file_is_refused_whole_and_nothing_is_stored(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "alerts.csv"
    path.write_bytes(content)
    code, _, err = _import(path)
    assert code == 2
    assert message in err
    assert not Alert.objects.exists() and not AlertImportRun.objects.exists()


def test_an_alert_is_not_half_imported_when_the_import_fails_midway(monkeypatch: Any) -> None:
    from borderlink.screening import importer

    calls = {"n": 0}
    real = importer.create_alert

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "create_alert", failing)
    with pytest.raises(RuntimeError):
        importer.import_alerts(ALERTS / "khm-alerts.csv", issuing_state="KHM", invoked_by="test")
    assert not Alert.objects.exists() and not AlertImportRun.objects.exists()
