"""Hits as work: deadline, escalation, "not the person", withdrawal, notices and the export."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import borderlink.jobs.handlers  # noqa: F401
from borderlink.jobs.queue import drain, run_periodic
from borderlink.screening.alerts import withdraw_alert
from borderlink.screening.hits import HitError, change_status, escalate_overdue, hit_queue
from borderlink.screening.models import Hit, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def hits(make_alert: Any, ingest_samples: Any, focal_points: dict[str, Any]) -> list[Hit]:
    """An at-risk alert on MIN KYAW, issued by Cambodia, and her four sample crossings screened."""
    make_alert(
        ref="KHM-AR-7", family_name="MIN", given_names="KYAW", sex="F", birth_date="1988-06-07",
        notify="child-protection@khm.example",
    )  # fmt: skip
    drain()
    ingest_samples()
    drain()
    return list(Hit.objects.order_by("id"))


def test_a_hit_is_due_twelve_hours_after_it_happened(hits: list[Hit]) -> None:
    assert len(hits) == 4
    for hit in hits:
        assert hit.due_at - hit.created_at == dt.timedelta(hours=12)
        assert hit.status == "new" and not hit.is_overdue


def test_the_focal_point_is_told_in_the_app_and_by_email_without_personal_data_in_the_subject(
    hits: list[Hit], focal_points: dict[str, Any]
) -> None:
    primary = focal_points["primary"]
    assert Notification.objects.filter(user=primary).count() == 4
    assert not Notification.objects.filter(user=focal_points["deputy"]).exists()
    assert {m.to[0] for m in mail.outbox} == {"primary@khm.example", "child-protection@khm.example"}
    assert all("MIN" not in m.subject and "KYAW" not in m.subject for m in mail.outbox)


def test_an_unanswered_hit_escalates_to_the_deputy_and_the_desk_once(
    hits: list[Hit], focal_points: dict[str, Any]
) -> None:
    later = timezone.now() + dt.timedelta(hours=13)
    assert escalate_overdue(later) == 4
    assert escalate_overdue(later) == 0
    assert Notification.objects.filter(user=focal_points["deputy"], subject__contains="OVERDUE").count() == 4
    assert Notification.objects.filter(user=focal_points["desk"]).count() == 4
    assert all(h.escalated_at is not None for h in Hit.objects.all())


def test_an_answer_from_the_issuing_state_stops_the_clock(hits: list[Hit], focal_points: dict[str, Any]) -> None:
    change_status(hits[0], "confirmed", user=focal_points["primary"], note="Same girl; mother confirms")
    assert Hit.objects.get(pk=hits[0].pk).answered_at is not None
    assert escalate_overdue(timezone.now() + dt.timedelta(hours=13)) == 3


def test_the_overdue_come_first_in_the_focal_points_queue(hits: list[Hit], focal_points: dict[str, Any]) -> None:
    Hit.objects.filter(pk=hits[2].pk).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    queue = list(hit_queue(focal_points["primary"], queue="focal"))
    assert queue[0].pk == hits[2].pk and queue[0].is_overdue


def test_not_the_person_stops_repeat_hits_on_that_traveller(
    hits: list[Hit], colleague: Any, ingest_samples: Any
) -> None:
    with pytest.raises(HitError):
        change_status(hits[0], "not_the_person", user=colleague)  # a note is required
    for hit in hits:
        change_status(hit, "not_the_person", user=colleague, note="Different mother's name; born in Mandalay")
    Hit.objects.all().delete()  # as if the crossings came again
    from borderlink.crossings.models import Crossing
    from borderlink.screening.screen import screen_crossings

    assert screen_crossings(list(Crossing.objects.values_list("id", flat=True))) == []


def test_withdrawing_an_alert_closes_its_open_hits(hits: list[Hit], focal_points: dict[str, Any]) -> None:
    change_status(hits[0], "action_taken", user=focal_points["primary"], note="Referred to shelter")
    closed = withdraw_alert(hits[0].alert, user=focal_points["primary"], reason="Found safe")
    assert closed == 3
    statuses = sorted(Hit.objects.values_list("status", flat=True))
    assert statuses == ["action_taken", "closed", "closed", "closed"]


def test_the_worker_runs_the_escalation_on_its_own(hits: list[Hit], focal_points: dict[str, Any]) -> None:
    Hit.objects.update(due_at=timezone.now() - dt.timedelta(minutes=5))
    run_periodic(force=True)
    assert Hit.objects.filter(escalated_at__isnull=False).count() == 4


def test_export_hits_writes_one_json_object_a_line(hits: list[Hit]) -> None:
    out = StringIO()
    call_command("export", "hits", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 4
    assert {k: lines[0][k] for k in ("crossing_id", "alert_ref", "status")} == {
        "crossing_id": hits[0].crossing.uid,
        "alert_ref": "KHM-AR-7",
        "status": "new",
    }
    assert 0.5 <= lines[0]["score"] <= 1
