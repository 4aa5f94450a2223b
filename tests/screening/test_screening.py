"""Screening crossings as they are ingested: documents exactly, persons by every form of their name."""

from __future__ import annotations

from typing import Any

import pytest

from borderlink.identity.compare import Traveller
from borderlink.screening.models import Hit
from borderlink.screening.screen import screen_traveller
from borderlink.values.dates import PartialDate

pytestmark = pytest.mark.django_db


def _traveller(**values: Any) -> Traveller:
    birth = values.pop("birth_date", None)
    return Traveller(birth_date=PartialDate.parse(birth) if birth else None, **values)


def test_it_finds_a_stolen_passport_by_its_number_and_issuing_state(make_alert: Any) -> None:
    make_alert(type="travel_document", document_number="N7701 7924", document_issuing_state="KHM")
    hits = screen_traveller(_traveller(family="SUN", given="BOPHA", document_number="n77017924", document_issuer="KHM"))
    assert [(h.type, h.score, h.via) for h in hits] == [("travel_document", 1.0, "document")]
    other_state = screen_traveller(_traveller(family="SUN", document_number="N77017924", document_issuer="THA"))
    assert other_state == []


@pytest.mark.parametrize(
    ("family", "given", "native", "birth"),
    [
        ("SOK", "DARA", "", "1990-03-15"),  # as written
        ("DARA", "SOK", "", "1990-03-15"),  # swapped order
        ("SOKH", "DARA", "", "1990-03-15"),  # another romanisation
        ("", "", "សុខ ដារ៉ា", "1990-03-15"),  # native script only
        ("SOK", "DARRA", "", "1990-03-15"),  # one typing slip
    ],
)
def test_it_finds_an_at_risk_person_under_the_variations_met_at_borders(
    make_alert: Any, family: str, given: str, native: str, birth: str
) -> None:
    alert = make_alert(family_name="SOK", given_names="DARA", native_name="សុខ ដារ៉ា", sex="F", birth_date="1990-03-15")
    hits = screen_traveller(_traveller(family=family, given=given, native=native, sex="F", birth_date=birth))
    assert [h.alert_id for h in hits] == [alert.pk]
    assert {line["comparison"] for line in hits[0].explanation} >= {"name", "birth_date"}


def test_it_finds_a_person_whose_day_and_month_of_birth_were_swapped(make_alert: Any) -> None:
    alert = make_alert(family_name="NGUYEN", given_names="THI LAN", sex="F", birth_date="1995-04-07")
    hits = screen_traveller(_traveller(family="NGUYEN", given="THI LAN", sex="F", birth_date="1995-07-04"))
    assert [h.alert_id for h in hits] == [alert.pk]


def test_it_does_not_hit_a_different_person_with_a_common_family_name(make_alert: Any) -> None:
    make_alert(family_name="NGUYEN", given_names="THI LAN", sex="F", birth_date="1995-04-07")
    assert screen_traveller(_traveller(family="NGUYEN", given="VAN HUNG", sex="M", birth_date="1971-11-30")) == []


def test_it_screens_every_crossing_as_it_is_ingested(make_alert: Any, ingest_samples: Any) -> None:
    import borderlink.jobs.handlers  # noqa: F401
    from borderlink.jobs.queue import drain

    alert = make_alert(family_name="MIN", given_names="KYAW", sex="F", birth_date="1988-06-07", nationality="MMR")
    drain()  # the alert's look back over past crossings finds nothing yet
    ingest_samples()
    drain()
    hits = Hit.objects.filter(alert=alert)
    # Her exit from Cambodia at Poipet, her arrival in Thailand, her departure, her return at Cham Yeam.
    assert sorted(h.crossing.uid for h in hits) == [
        "khm-gdi:KH-CYM-2026-000007",
        "khm-gdi:KH-POI-2026-000002",
        "tha-ib:TM6-2569-0000002",
        "tha-ib:TM6-2569-0000003",
    ]
    assert all(h.status == "new" and not h.retrospective for h in hits)


def test_an_alert_created_after_a_crossing_finds_that_crossing(
    make_alert: Any, ingest_samples: Any, settings: Any
) -> None:
    import borderlink.jobs.handlers  # noqa: F401
    from borderlink.jobs.queue import drain

    settings.ALERT_LOOKBACK_DAYS = 100_000  # the sample crossings are of November 2026
    ingest_samples()
    drain()
    alert = make_alert(type="wanted", family_name="MIN", given_names="KYAW", sex="F", birth_date="1988-06-07")
    drain()
    hits = Hit.objects.filter(alert=alert)
    assert len(hits) == 4
    assert all(h.retrospective for h in hits)


def test_a_withdrawn_alert_stops_hitting(make_alert: Any, admin_user: Any) -> None:
    from borderlink.screening.alerts import withdraw_alert

    alert = make_alert(family_name="SOK", given_names="DARA", sex="F", birth_date="1990-03-15")
    traveller = _traveller(family="SOK", given="DARA", sex="F", birth_date="1990-03-15")
    assert screen_traveller(traveller)
    withdraw_alert(alert, user=admin_user, reason="found safe in Battambang")
    assert screen_traveller(traveller) == []


def test_an_alert_withdrawn_by_another_process_stops_hitting_after_the_refresh(make_alert: Any, settings: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from borderlink.screening.models import Alert

    settings.SCREENING_REFRESH_SECONDS = 0
    alert = make_alert(family_name="SOK", given_names="DARA", sex="F", birth_date="1990-03-15")
    traveller = _traveller(family="SOK", given="DARA", sex="F", birth_date="1990-03-15")
    assert screen_traveller(traveller)
    now = timezone.now() + dt.timedelta(seconds=1)
    Alert.objects.filter(pk=alert.pk).update(withdrawn_at=now, updated_at=now)  # not through this process
    assert screen_traveller(traveller) == []


def test_a_lapsed_alert_does_not_hit(make_alert: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from borderlink.screening.models import Alert

    alert = make_alert(family_name="SOK", given_names="DARA", sex="F", birth_date="1990-03-15")
    traveller = _traveller(family="SOK", given="DARA", sex="F", birth_date="1990-03-15")
    assert screen_traveller(traveller)
    Alert.objects.filter(pk=alert.pk).update(review_date=timezone.localdate() - dt.timedelta(days=1))
    from borderlink.screening.runtime import forget_index

    forget_index()
    assert screen_traveller(traveller) == []
    assert Alert.objects.get(pk=alert.pk).status == "lapsed"
