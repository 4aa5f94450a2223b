"""Reading alerts and hits on behalf of a user: through ``restrict``, logged, and the reason role-limited.

A checkpoint sees what an alert looks for and the action to take, never why it was issued: the reason
is left out of every dict built for a user without ``alert.reason``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Action
from borderlink.crossings.serialize import iso_utc
from borderlink.screening.models import Alert, AlertQuerySet, Hit

__all__ = ["alert_to_dict", "get_alert", "get_hit", "hit_to_dict", "list_alerts"]


def list_alerts(user: Any, *, alert_type: str = "", status: str = "", q: str = "") -> AlertQuerySet:
    """The alerts the user may see, filtered by type, status (active, lapsed, withdrawn) and name or document."""
    from django.db.models import Q
    from django.utils import timezone

    alerts = Alert.objects.restrict(user, Action.VIEW_ALERT)
    if alert_type:
        alerts = alerts.filter(type=alert_type)
    today = timezone.localdate()
    if status == "active":
        alerts = alerts.filter(withdrawn_at__isnull=True, review_date__gte=today)
    elif status == "lapsed":
        alerts = alerts.filter(withdrawn_at__isnull=True, review_date__lt=today)
    elif status == "withdrawn":
        alerts = alerts.filter(withdrawn_at__isnull=False)
    for word in q.split():
        alerts = alerts.filter(
            Q(family_name__icontains=word)
            | Q(given_names__icontains=word)
            | Q(native_name__icontains=word)
            | Q(document_number__icontains=word)
            | Q(ref__iexact=word)
        )
    return alerts


def get_alert(user: Any, alert_id: int, channel: str = "web") -> Alert:
    """One alert the user may see (404 otherwise), its reading logged."""
    alert = Alert.objects.restrict(user, Action.VIEW_ALERT).filter(pk=alert_id).first()
    if alert is None:
        raise Http404("no such alert")
    AccessLogEntry.record(user, channel, Action.VIEW_ALERT, "alert", [f"alert:{alert.pk}"])
    return alert


def get_hit(user: Any, hit_id: int, channel: str = "web") -> Hit:
    """One hit the user may see (404 otherwise), its reading logged."""
    hit = (
        Hit.objects.restrict(user, Action.VIEW_HIT)
        .select_related("alert", "crossing", "crossing__checkpoint", "expected_arrival__passenger_list")
        .filter(pk=hit_id)
        .first()
    )
    if hit is None:
        raise Http404("no such hit")
    AccessLogEntry.record(user, channel, Action.VIEW_HIT, "hit", [f"hit:{hit.pk}"])
    return hit


def alert_to_dict(alert: Alert, user: Any) -> dict[str, Any]:
    """An alert as the API shows it to ``user`` (no ``reason`` key for roles without ``alert.reason``)."""
    data: dict[str, Any] = {
        "id": alert.pk,
        "alert_ref": alert.ref,
        "type": alert.type,
        "issuing_state": alert.issuing_state,
        "family_name": alert.family_name,
        "given_names": alert.given_names,
        "native_name": alert.native_name,
        "sex": alert.sex,
        "birth_date": alert.birth_date,
        "nationality": alert.nationality,
        "document_number": alert.document_number,
        "document_issuing_state": alert.document_issuing_state,
        "action": alert.action_text,
        "review_date": alert.review_date.isoformat(),
        "status": alert.status,
        "notify": [line.strip() for line in alert.notify.splitlines() if line.strip()],
        "created_at": iso_utc(alert.created_at),
        "withdrawn_at": iso_utc(alert.withdrawn_at) if alert.withdrawn_at else None,
    }
    if user.can(Action.VIEW_ALERT_REASON):
        data["reason"] = alert.reason
    return data


def hit_to_dict(hit: Hit, user: Any) -> dict[str, Any]:
    """A hit as the API shows it: subject, alert (reason role-limited), score, why, status and deadline."""
    return {
        "id": hit.pk,
        "crossing_id": hit.crossing.uid if hit.crossing else None,
        "expected_arrival_id": hit.expected_arrival_id,
        "alert_ref": hit.alert.ref,
        "alert": alert_to_dict(hit.alert, user),
        "score": hit.score,
        "explanation": hit.explanation,
        "status": hit.status,
        "status_at": iso_utc(hit.status_at),
        "hit_at": iso_utc(hit.created_at),
        "due_at": iso_utc(hit.due_at),
        "overdue": hit.is_overdue,
        "escalated_at": iso_utc(hit.escalated_at) if hit.escalated_at else None,
        "retrospective": hit.retrospective,
    }
