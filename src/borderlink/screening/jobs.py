"""Background work of screening: imports screened as they land, alerts screened back, notices, escalation."""

from __future__ import annotations

from typing import Any

from borderlink.crossings.models import Crossing
from borderlink.jobs.queue import handler, periodic
from borderlink.screening.arrivals import link_arrivals
from borderlink.screening.hits import escalate_overdue, send_notifications
from borderlink.screening.models import Alert
from borderlink.screening.screen import lookback, screen_crossings


@handler("screening.screen_run")
def screen_imported(payload: dict[str, Any]) -> None:
    """Screen the crossings an import run stored or changed, then tie entries to expected arrivals."""
    ids = list(Crossing.objects.filter(import_run_id=payload["import_run"]).values_list("id", flat=True))
    screen_crossings(ids)
    link_arrivals(ids)


@handler("screening.lookback")
def look_back(payload: dict[str, Any]) -> None:
    """Screen a new or changed alert over the recent crossings, to show where the person went."""
    alert = Alert.objects.filter(pk=payload["alert"]).first()
    if alert is not None:
        lookback(alert)


@handler("screening.notify")
def notify(payload: dict[str, Any]) -> None:
    """Send the e-mail notices waiting."""
    send_notifications()


@periodic("screening.escalate", every_seconds=60)
def escalate() -> None:
    """Escalate overdue hits to the deputy and the 24/7 desk, and send what that produced."""
    escalate_overdue()
    send_notifications()
