"""Hits as work: recording them with a deadline, their follow-up, escalation, queues and notices.

A hit is never a verdict. It goes to the officers of the border where it happened and to the issuing
state's focal point, who must answer before the deadline (``BORDERLINK_HIT_DEADLINE_HOURS``, 12 by
default); an unanswered hit escalates to the deputy and the 24/7 desk. "Not the person" stops the
alert from hitting the same traveller again; withdrawing an alert closes its open hits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from borderlink.accounts.roles import Action
from borderlink.identity.compare import normalise_document_number
from borderlink.jobs.queue import enqueue
from borderlink.registry.models import FocalPoint
from borderlink.screening.choices import OPEN_STATUSES, TRANSITIONS, HitStatus
from borderlink.screening.models import Alert, Exclusion, ExpectedArrival, Hit, HitEvent, HitQuerySet, Notification
from borderlink.values.names import latin_key

if TYPE_CHECKING:
    from borderlink.screening.matching import Candidate

__all__ = [
    "HitError",
    "change_status",
    "close_open_hits",
    "escalate_overdue",
    "hit_queue",
    "record_hits",
    "send_notifications",
    "traveller_keys",
]


class HitError(ValueError):
    """A change a hit does not allow (a status it cannot move to, a user who may not decide)."""


def traveller_keys(values: dict[str, Any]) -> set[str]:
    """The keys "not the person" remembers a traveller by: name with birth date, and the document."""
    name = latin_key(f"{values.get('family_name') or ''} {values.get('given_names') or ''}").strip()
    native = " ".join((values.get("native_name") or "").split())
    keys = {f"N:{name or native}|{values.get('birth_date') or ''}"}
    number = normalise_document_number(values.get("document_number"))
    if number:
        keys.add(f"D:{(values.get('document_issuing_state') or '').upper()}:{number}")
    return keys


_SUBJECT_FIELDS = (
    "id", "family_name", "given_names", "sex", "birth_date", "nationality", "document_number", "document_issuing_state",
)  # fmt: skip


def _subject_values(kind: str, subject_id: int) -> dict[str, Any]:
    from borderlink.crossings.models import Crossing

    if kind == "crossing":
        return Crossing.objects.filter(pk=subject_id).values(*_SUBJECT_FIELDS, "native_name").first() or {}
    return ExpectedArrival.objects.filter(pk=subject_id).values(*_SUBJECT_FIELDS).first() or {}


def _person_of_crossing(crossing_id: int) -> int | None:
    from borderlink.identity.models import LinkDecision

    return (
        LinkDecision.objects.filter(crossing_id=crossing_id, current=True).values_list("person_id", flat=True).first()
    )


def _excluded(alert_id: int, kind: str, subject_id: int, exclusions: dict[int, list[Exclusion]]) -> bool:
    rules = exclusions.get(alert_id)
    if not rules:
        return False
    keys = traveller_keys(_subject_values(kind, subject_id))
    person = _person_of_crossing(subject_id) if kind == "crossing" else None
    return any(rule.traveller_key in keys or (person is not None and rule.person_id == person) for rule in rules)


def record_hits(found: Sequence[tuple[str, int, str, Candidate]], *, retrospective: bool = False) -> list[Hit]:
    """Store new hits (kind ``crossing`` or ``expected_arrival``, subject id, state of the border, candidate).

    A pair already hit is not hit again; a traveller an officer said is "not the person" is skipped.
    Each new hit gets its deadline, a ``new`` event and notices to whoever must be told.
    """
    if not found:
        return []
    alert_ids = {candidate.alert_id for _, _, _, candidate in found}
    exclusions: dict[int, list[Exclusion]] = {}
    for rule in Exclusion.objects.filter(alert_id__in=alert_ids):
        exclusions.setdefault(rule.alert_id, []).append(rule)
    now = timezone.now()
    due = now + dt.timedelta(hours=settings.HIT_DEADLINE_HOURS)
    created: list[Hit] = []
    for kind, subject_id, state, candidate in found:
        if _excluded(candidate.alert_id, kind, subject_id, exclusions):
            continue
        subject = {"crossing_id": subject_id} if kind == "crossing" else {"expected_arrival_id": subject_id}
        if Hit.objects.filter(alert_id=candidate.alert_id, **subject).exists():
            continue
        try:
            with transaction.atomic():
                hit = Hit.objects.create(
                    alert_id=candidate.alert_id,
                    reporting_state=state,
                    score=candidate.score,
                    explanation=candidate.explanation,
                    due_at=due,
                    created_at=now,
                    status_at=now,
                    retrospective=retrospective,
                    **subject,
                )
                HitEvent.objects.create(hit=hit, status=HitStatus.NEW, note=f"score {candidate.score:.3f}", at=now)
                _notify_new(hit)
        except IntegrityError:  # another process recorded the same hit a moment ago
            continue
        created.append(hit)
    if created:
        enqueue("screening.notify", {})
    return created


def _focal_points(state: str, duties: Iterable[str]) -> list[FocalPoint]:
    return list(FocalPoint.objects.filter(state_id=state, duty__in=list(duties), active=True).select_related("user"))


def _notice(hit: Hit, subject: str, body: str, points: Iterable[FocalPoint], extra_emails: Iterable[str] = ()) -> None:
    rows = [Notification(user=p.user, email=p.email, hit=hit, subject=subject, body=body) for p in points]
    known = {p.email.lower() for p in points}
    for address in extra_emails:
        if address and address.lower() not in known:
            rows.append(Notification(email=address, hit=hit, subject=subject, body=body))
    Notification.objects.bulk_create(rows)


def _where(hit: Hit) -> str:
    crossing = hit.crossing
    if crossing is not None:
        return f"crossing {crossing.uid} ({crossing.checkpoint.code}, {crossing.crossed_at:%Y-%m-%d %H:%M} UTC)"
    arrival = hit.expected_arrival
    assert arrival is not None
    return f"expected arrival on {arrival.passenger_list}"


def _notify_new(hit: Hit) -> None:
    """Tell the issuing state's focal point and whoever the alert names. No personal data in the subject."""
    alert = hit.alert
    subject = f"[borderlink] {alert.get_type_display()} hit on alert {alert.issuing_state}/{alert.ref}"
    body = (
        f"Alert {alert.issuing_state}/{alert.ref} ({alert.type}) was hit at {_where(hit)}, score {hit.score:.3f}.\n"
        f"Answer by {hit.due_at:%Y-%m-%d %H:%M} UTC. Open hit {hit.pk} on the node to see the traveller."
    )
    addresses = [line.strip() for line in alert.notify.replace(",", "\n").splitlines()]
    _notice(hit, subject, body, _focal_points(alert.issuing_state, [FocalPoint.Duty.PRIMARY]), addresses)


def hit_queue(user: Any, *, queue: str = "border", status: str = "", alert_type: str = "") -> HitQuerySet:
    """The hits a user works on, overdue first, then new, then newest.

    ``border``: hits at the borders of the user's states; ``focal``: hits on the alerts their states issued.
    """
    hits = Hit.objects.restrict(user, Action.VIEW_HIT).select_related("alert", "crossing", "expected_arrival")
    states = user.visible_states()
    if states is not None:
        hits = (
            hits.filter(alert__issuing_state__in=states)
            if queue == "focal"
            else hits.filter(reporting_state__in=states)
        )
    if status == "open":
        hits = hits.filter(status__in=OPEN_STATUSES)
    elif status == "overdue":
        hits = hits.overdue()
    elif status:
        hits = hits.filter(status=status)
    if alert_type:
        hits = hits.filter(alert__type=alert_type)
    now = timezone.now()
    return hits.annotate(
        overdue_first=Case(
            When(Q(status__in=OPEN_STATUSES, answered_at__isnull=True, due_at__lt=now), then=Value(0)),
            When(status=HitStatus.NEW, then=Value(1)),
            When(status__in=OPEN_STATUSES, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    ).order_by("overdue_first", "due_at", "-id")


def queue_counts(hits: HitQuerySet) -> dict[str, int]:
    """How many hits of a queue are in each status, and how many are overdue."""
    counts = {row["status"]: row["n"] for row in hits.order_by().values("status").annotate(n=Count("id"))}
    counts["overdue"] = hits.overdue().count()
    counts["open"] = sum(counts.get(s, 0) for s in OPEN_STATUSES)
    return counts


def _answers_for_issuer(user: Any, alert: Alert) -> bool:
    """Whether the user speaks for the issuing state (its focal point or alert managers)."""
    states = user.visible_states()
    in_state = states is None or alert.issuing_state in states
    return bool(in_state and user.can(Action.MANAGE_ALERT))


def change_status(hit: Hit, status: str, *, user: Any, note: str = "") -> Hit:
    """Move a hit to ``status`` with who, when and why; "not the person" remembers the traveller."""
    if not user.can(Action.HANDLE_HIT):
        raise HitError(_("your role may not change hits"))
    allowed = TRANSITIONS.get(hit.status, frozenset())
    if status != hit.status and status not in allowed:
        raise HitError(_("a hit that is %(now)s cannot become %(then)s") % {"now": hit.status, "then": status})
    if status == HitStatus.NOT_THE_PERSON and not note.strip():
        raise HitError(_("say why this is not the person (what differed)"))
    now = timezone.now()
    with transaction.atomic():
        hit.status = status
        hit.status_by = user
        hit.status_at = now
        fields = ["status", "status_by", "status_at"]
        if hit.answered_at is None and _answers_for_issuer(user, hit.alert) and status != HitStatus.ACKNOWLEDGED:
            hit.answered_at = now
            fields.append("answered_at")
        hit.save(update_fields=fields)
        HitEvent.objects.create(hit=hit, status=status, note=note.strip(), user=user, at=now)
        if status == HitStatus.NOT_THE_PERSON:
            kind = "crossing" if hit.crossing_id else "expected_arrival"
            subject_id = hit.crossing_id or hit.expected_arrival_id
            assert subject_id is not None
            person = _person_of_crossing(subject_id) if kind == "crossing" else None
            keys = sorted(traveller_keys(_subject_values(kind, subject_id)))
            Exclusion.objects.bulk_create(
                Exclusion(alert=hit.alert, traveller_key=key, person_id=person, hit=hit) for key in keys
            )
    return hit


def close_open_hits(alert: Alert, *, user: Any, note: str) -> int:
    """Close every open hit of an alert (it was withdrawn); returns how many."""
    now = timezone.now()
    hits = list(Hit.objects.filter(alert=alert, status__in=OPEN_STATUSES))
    for hit in hits:
        hit.status, hit.status_at = HitStatus.CLOSED, now
        hit.status_by = user if user and user.pk else None
    Hit.objects.bulk_update(hits, ["status", "status_at", "status_by"])
    HitEvent.objects.bulk_create(
        HitEvent(hit=hit, status=HitStatus.CLOSED, note=note, user=hit.status_by, at=now) for hit in hits
    )
    return len(hits)


def escalate_overdue(now: dt.datetime | None = None) -> int:
    """Escalate every overdue, unanswered hit not yet escalated: the deputy and the 24/7 desk are told."""
    moment = now or timezone.now()
    escalated = 0
    for hit in Hit.objects.overdue(moment).filter(escalated_at__isnull=True).select_related("alert", "crossing"):
        with transaction.atomic():
            hit.escalated_at = moment
            hit.save(update_fields=["escalated_at"])
            HitEvent.objects.create(
                hit=hit, note="deadline passed without an answer: escalated to the deputy and the 24/7 desk", at=moment
            )
            alert = hit.alert
            subject = f"[borderlink] OVERDUE hit on alert {alert.issuing_state}/{alert.ref}"
            body = (
                f"Hit {hit.pk} on alert {alert.issuing_state}/{alert.ref} ({alert.type}) at {_where(hit)} was due "
                f"{hit.due_at:%Y-%m-%d %H:%M} UTC and has no answer from the focal point."
            )
            points = _focal_points(alert.issuing_state, [FocalPoint.Duty.DEPUTY, FocalPoint.Duty.DESK])
            _notice(hit, subject, body, points)
        escalated += 1
    if escalated:
        enqueue("screening.notify", {})
    return escalated


def send_notifications(limit: int = 500) -> int:
    """E-mail the notices not yet sent (through ``BORDERLINK_EMAIL_BACKEND``); returns how many were sent."""
    from django.core.mail import send_mail

    sent = 0
    for notice in Notification.objects.filter(emailed_at__isnull=True).exclude(email="")[:limit]:
        send_mail(notice.subject, notice.body, None, [notice.email])
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
        sent += 1
    return sent
