"""Passenger lists: expected arrivals stored, screened before landing, tied to the entry when it happens."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

import borderlink.jobs.handlers  # noqa: F401
from borderlink.jobs.queue import drain
from borderlink.screening.arrivals import PaxlstError, receive_passenger_lists
from borderlink.screening.models import ExpectedArrival, Hit, PassengerList, QuarantinedEntry
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

# A flight from Bangkok landing at Phnom Penh just before YOS SOTHEA's entry in the Cambodian sample file.
FLIGHT = """UNA:+.? '
UNB+UNOA:4+ZZAIRLINE+KHMGDI+261103:2200+000000007'
UNH+PAX007+PAXLST:D:05B:UN:IATA'
BGM+745'
NAD+MS+++OPS:DESK'
TDT+20+PG931+++PG'
LOC+125+BKK'
DTM+189:2611032330:201'
LOC+87+PNH'
DTM+232:2611040045:201'
NAD+FL+++YOS:SOTHEA'
ATT+2++F'
DTM+329:831027'
NAT+2+KHM'
DOC+P+N71158334'
DTM+36:300101'
LOC+91+KHM'
NAD+FL+++SMITH:ANNA'
ATT+2++F'
DTM+329:901399'
NAT+2+AUS'
DOC+P+PA1234567'
DTM+36:300101'
LOC+91+AUS'
CNT+42:2'
UNT+24+PAX007'
UNZ+1+000000007'
"""


def test_a_passenger_list_is_kept_and_screened_before_the_flight_lands(make_alert: Any) -> None:
    alert = make_alert(family_name="YOS", given_names="SOTHEA", native_name="យស សុធា", sex="F", birth_date="1983-10-27")
    result = receive_passenger_lists(FLIGHT, file_name="pg931.edi", receiving_state="KHM")
    flight = PassengerList.objects.get()
    assert (flight.carrier, flight.flight_number, flight.departure_airport, flight.arrival_airport) == (
        "PG", "PG931", "BKK", "PNH",
    )  # fmt: skip
    assert flight.arrival_time == dt.datetime(2026, 11, 3, 17, 45, tzinfo=dt.UTC)  # 00:45 at Phnom Penh (UTC+7)
    assert result.arrivals == 1 and result.quarantined == 1  # SMITH ANNA: born on the 99th of month 13
    quarantined = QuarantinedEntry.objects.get()
    assert "DTM" in quarantined.detail and "SMITH" in quarantined.raw
    arrival = ExpectedArrival.objects.get()
    assert (arrival.family_name, arrival.birth_date, arrival.document_key) == ("YOS", "1983-10-27", "N71158334")
    hit = Hit.objects.get()
    assert (hit.alert_id, hit.expected_arrival_id, hit.crossing_id) == (alert.pk, arrival.pk, None)


def test_the_expected_arrival_is_tied_to_the_entry_when_it_happens(ingest_samples: Any) -> None:
    receive_passenger_lists(FLIGHT, file_name="pg931.edi", receiving_state="KHM")
    ingest_samples()
    drain()
    arrival = ExpectedArrival.objects.get()
    assert arrival.crossing is not None
    assert arrival.crossing.uid == "khm-gdi:KH-PNH-2026-000010"


def test_a_broken_passenger_list_is_refused_whole(make_alert: Any) -> None:
    with pytest.raises(PaxlstError) as error:
        receive_passenger_lists(FLIGHT.replace("UNT+24", "UNT+23"), file_name="bad.edi", receiving_state="KHM")
    assert "UNT" in str(error.value)
    assert not PassengerList.objects.exists() and not ExpectedArrival.objects.exists()


def test_the_command_receives_files_and_says_what_it_kept(tmp_path: Path) -> None:
    good = tmp_path / "pg931.edi"
    good.write_text(FLIGHT, encoding="utf-8")
    sample = FIXTURES / "paxlst" / "wco_mig_5_1_single_sector.edi"
    out = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("paxlst", "import", str(good), str(sample), stdout=out)
    assert exit.value.code == 3  # SMITH ANNA quarantined
    lines = out.getvalue().splitlines()
    assert lines[0] == "file pg931.edi, lists 1, expected_arrivals 1, quarantined 1, hits 0"
    assert lines[1].startswith("file wco_mig_5_1_single_sector.edi, lists 1, expected_arrivals 1")
