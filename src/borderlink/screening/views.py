"""Pages of screening: alerts, the hit queues and a hit's follow-up, notifications, expected arrivals.

Thin: each view parses, authorises (``restrict``: out of scope is 404), calls ``alerts`` or ``hits`` and
renders. Every page that shows personal data writes the access log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderlink.accounts.decorators import requires
from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Action, Role
from borderlink.crossings.models import Crossing
from borderlink.crossings.services import companions_of
from borderlink.screening.alerts import AlertError, create_alert, extend_alert, update_alert, withdraw_alert
from borderlink.screening.choices import COMPANION_TYPES, TRANSITIONS, HitStatus
from borderlink.screening.forms import (
    ALERT_STATUSES,
    AlertFilterForm,
    AlertForm,
    ExtendForm,
    HitFilterForm,
    HitStatusForm,
    WithdrawForm,
)
from borderlink.screening.hits import HitError, change_status, hit_queue, queue_counts
from borderlink.screening.models import Alert, AlertQuerySet, ExpectedArrival, Hit, Notification, PassengerList

PAGE_SIZE = 50
LISTS_PER_PAGE = 20
WEB = AccessLogEntry.Channel.WEB


# --- read-only helpers ---------------------------------------------------------------------------------


def _log(request: HttpRequest, action: str, object_type: str, ids: Iterable[Any], query: Any = None) -> None:
    """Write one access-log entry for the records a page shows (nothing shown, nothing written)."""
    shown = [str(i) for i in ids]
    if shown:
        AccessLogEntry.record(request.user, WEB, action, object_type, shown, query or None)


def filter_alerts(alerts: AlertQuerySet, values: dict[str, str], today: dt.date | None = None) -> AlertQuerySet:
    """Alerts narrowed by the list's filters: ``type``, ``status`` (active, lapsed, withdrawn) and ``q``."""
    day = today or timezone.localdate()
    if values.get("type"):
        alerts = alerts.filter(type=values["type"])
    status = values.get("status")
    if status == "active":
        alerts = alerts.in_force(day)
    elif status == "lapsed":
        alerts = alerts.filter(withdrawn_at__isnull=True, review_date__lt=day)
    elif status == "withdrawn":
        alerts = alerts.filter(withdrawn_at__isnull=False)
    words = values.get("q", "").split()
    for word in words:
        compact = "".join(ch for ch in word if ch.isalnum()).upper()
        match = (
            Q(family_name__icontains=word)
            | Q(given_names__icontains=word)
            | Q(native_name__icontains=word)
            | Q(document_number__icontains=word)
            | Q(ref__icontains=word)
        )
        if compact:
            match |= Q(document_key__contains=compact)
        alerts = alerts.filter(match)
    return alerts


def _alert_or_404(request: HttpRequest, pk: int, action: str) -> Alert:
    alert = Alert.objects.restrict(request.user, action).filter(pk=pk).first()
    if alert is None:
        raise Http404("no such alert")
    return alert


def _hit_or_404(request: HttpRequest, pk: int, action: str) -> Hit:
    hit = (
        Hit.objects.restrict(request.user, action)
        .select_related(
            "alert",
            "status_by",
            "crossing",
            "crossing__checkpoint",
            "expected_arrival",
            "expected_arrival__passenger_list",
        )
        .filter(pk=pk)
        .first()
    )
    if hit is None:
        raise Http404("no such hit")
    return hit


def default_queue(user: Any) -> str:
    """The queue a user opens first: focal points answer for their alerts, everyone else works the border."""
    return "focal" if getattr(user, "role", "") == Role.FOCAL_POINT else "border"


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """Template context: how many of the signed-in user's notifications are unread (for the navigation).

    A context processor: ``borderlink.screening.views.unread_notifications`` in ``TEMPLATES``.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()}


# --- alerts --------------------------------------------------------------------------------------------


@requires(Action.VIEW_ALERT)
def alert_list(request: HttpRequest) -> HttpResponse:
    """The alerts of the user's state, filtered by type, status and a name or document, one page at a time."""
    form = AlertFilterForm(request.GET)
    values = form.values()
    alerts = filter_alerts(Alert.objects.restrict(request.user, Action.VIEW_ALERT), values)
    page = Paginator(alerts.annotate(hit_count=Count("hits")).order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _log(request, Action.VIEW_ALERT, "alert", (a.pk for a in page), values)
    query = urlencode(values)
    return render(
        request,
        "screening/alert_list.html",
        {"form": form, "page": page, "query": query, "statuses": ALERT_STATUSES},
    )


@requires(Action.VIEW_ALERT)
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One alert: what it looks for, the action on a hit, review and status, who is told, and its hits."""
    alert = _alert_or_404(request, pk, Action.VIEW_ALERT)
    user: Any = request.user
    hits = list(
        Hit.objects.restrict(user, Action.VIEW_HIT)
        .filter(alert=alert)
        .select_related("crossing", "crossing__checkpoint", "expected_arrival", "expected_arrival__passenger_list")
        .order_by("-created_at", "-id")[:200]
    )
    _log(request, Action.VIEW_ALERT, "alert", [alert.pk])
    _log(request, Action.VIEW_HIT, "hit", (h.pk for h in hits))
    can_manage = alert.withdrawn_at is None and Alert.objects.restrict(user, Action.MANAGE_ALERT).filter(pk=pk).exists()
    return render(
        request,
        "screening/alert_detail.html",
        {
            "alert": alert,
            "hits": hits,
            "can_read_reason": user.can(Action.VIEW_ALERT_REASON),
            "can_manage": can_manage,
            "extend_form": ExtendForm(),
            "withdraw_form": WithdrawForm(),
        },
    )


@requires(Action.MANAGE_ALERT)
def alert_create(request: HttpRequest) -> HttpResponse:
    """A new alert of the user's state; a refusal is shown at its field, a duplicate names the existing alert."""
    user: Any = request.user
    form = AlertForm(request.POST or None)
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            alert = create_alert(
                form.to_input(), issuing_state=user.country, ref=form.cleaned_data["alert_ref"], user=user
            )
        except AlertError as error:
            existing = form.add_alert_error(error)
        else:
            messages.success(request, _("Alert %(ref)s was created.") % {"ref": alert.ref})
            return redirect("alert-detail", pk=alert.pk)
    return render(
        request,
        "screening/alert_form.html",
        {"form": form, "existing": existing, "alert": None, "issuing_state": user.country},
    )


@requires(Action.MANAGE_ALERT)
def alert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an alert of the user's state under the same rules as creating one."""
    alert = _alert_or_404(request, pk, Action.MANAGE_ALERT)
    form = AlertForm(request.POST or None, initial=AlertForm.initial_of(alert), creating=False)
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            update_alert(alert, form.to_input())
        except AlertError as error:
            existing = form.add_alert_error(error)
        else:
            messages.success(request, _("Alert %(ref)s was changed.") % {"ref": alert.ref})
            return redirect("alert-detail", pk=alert.pk)
    _log(request, Action.VIEW_ALERT, "alert", [alert.pk])
    return render(
        request,
        "screening/alert_form.html",
        {"form": form, "existing": existing, "alert": alert, "issuing_state": alert.issuing_state},
    )


@require_POST
@requires(Action.MANAGE_ALERT)
def alert_extend(request: HttpRequest, pk: int) -> HttpResponse:
    """Give an alert a later review date, so that it stays (or comes back) in force."""
    alert = _alert_or_404(request, pk, Action.MANAGE_ALERT)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new review date as a date."))
        return redirect("alert-detail", pk=alert.pk)
    try:
        extend_alert(alert, form.cleaned_data["review_date"])
    except AlertError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The alert is now reviewed on %(date)s.") % {"date": alert.review_date.isoformat()})
    return redirect("alert-detail", pk=alert.pk)


@require_POST
@requires(Action.MANAGE_ALERT)
def alert_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an alert (a reason is required): it hits no more and its open hits are closed."""
    alert = _alert_or_404(request, pk, Action.MANAGE_ALERT)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the alert is withdrawn."))
        return redirect("alert-detail", pk=alert.pk)
    try:
        closed = withdraw_alert(alert, user=request.user, reason=form.cleaned_data["reason"])
    except AlertError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The alert was withdrawn; %(count)d open hit(s) were closed.") % {"count": closed})
    return redirect("alert-detail", pk=alert.pk)


# --- hits ----------------------------------------------------------------------------------------------


@requires(Action.VIEW_HIT)
def hit_list(request: HttpRequest) -> HttpResponse:
    """A hit queue (at our border, or on our alerts) with counts per status, overdue hits first."""
    user: Any = request.user
    form = HitFilterForm(request.GET)
    values = form.values()
    queue = values.get("queue") or default_queue(user)
    alert_type = values.get("type", "")
    hits = hit_queue(user, queue=queue, status=values.get("status", ""), alert_type=alert_type)
    counts = queue_counts(hit_queue(user, queue=queue, alert_type=alert_type))
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    _log(request, Action.VIEW_HIT, "hit", (h.pk for h in rows), {**values, "queue": queue})
    return render(
        request,
        "screening/hit_list.html",
        {
            "form": form,
            "queue": queue,
            "page": page,
            "rows": rows,
            "counts": [(value, label, counts.get(value, 0)) for value, label in HitStatus.choices],
            "open_count": counts.get("open", 0),
            "overdue_count": counts.get("overdue", 0),
            "query": urlencode({**values, "queue": queue}),
            "status": values.get("status", ""),
        },
    )


@requires(Action.VIEW_HIT)
def hit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One hit: the action to take, the traveller, score and why, the deadline, its history and companions."""
    user: Any = request.user
    hit = _hit_or_404(request, pk, Action.VIEW_HIT)
    crossing = hit.crossing
    companions: list[tuple[str, Crossing | None]] = []
    crossing_visible = False
    if crossing is not None:
        crossing_visible = Crossing.objects.restrict(user, Action.VIEW_CROSSING).filter(pk=crossing.pk).exists()
        if hit.alert.type in COMPANION_TYPES:
            companions = companions_of(user, crossing)
    allowed = TRANSITIONS.get(hit.status, frozenset())
    labels = dict(HitStatus.choices)
    can_handle = user.can(Action.HANDLE_HIT) and bool(allowed)
    _log(request, Action.VIEW_HIT, "hit", [hit.pk])
    _log(
        request,
        Action.VIEW_CROSSING,
        "crossing" if crossing is not None else "expected_arrival",
        [crossing.uid] if crossing is not None else [hit.expected_arrival_id],
    )
    _log(request, Action.VIEW_CROSSING, "crossing", (other.uid for _uid, other in companions if other is not None))
    return render(
        request,
        "screening/hit_detail.html",
        {
            "hit": hit,
            "alert": hit.alert,
            "crossing": crossing,
            "crossing_visible": crossing_visible,
            "arrival": hit.expected_arrival,
            "shows_companions": crossing is not None and hit.alert.type in COMPANION_TYPES,
            "companions": companions,
            "events": [(event, labels.get(event.status, event.status)) for event in hit.events.select_related("user")],
            "can_read_reason": user.can(Action.VIEW_ALERT_REASON),
            "can_handle": can_handle,
            "status_form": HitStatusForm(allowed=allowed) if can_handle else None,
        },
    )


@require_POST
@requires(Action.HANDLE_HIT)
def hit_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a hit to a new status with a note; a refusal is shown as a message on the hit's page."""
    hit = _hit_or_404(request, pk, Action.HANDLE_HIT)
    form = HitStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered."))
        return redirect("hit-detail", pk=hit.pk)
    try:
        change_status(hit, form.cleaned_data["status"], user=request.user, note=form.cleaned_data["note"])
    except HitError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The hit is now: %(status)s.") % {"status": hit.get_status_display()})
    return redirect("hit-detail", pk=hit.pk)


# --- notifications and expected arrivals ---------------------------------------------------------------


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first; those shown are marked read."""
    user: Any = request.user
    notices_of_user = Notification.objects.filter(user=user).select_related("hit")
    page = Paginator(notices_of_user, PAGE_SIZE).get_page(request.GET.get("page"))
    notices = list(page)
    unread = {n.pk for n in notices if n.read_at is None}
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return render(
        request,
        "screening/notification_list.html",
        {"page": page, "notices": notices, "unread": unread, "unread_notifications": 0},
    )


@requires(Action.VIEW_CROSSING)
def arrival_list(request: HttpRequest) -> HttpResponse:
    """Passenger lists received, each with its expected arrivals, their hits and, once made, their entry."""
    user: Any = request.user
    arrivals = ExpectedArrival.objects.restrict(user, Action.VIEW_CROSSING)
    lists = PassengerList.objects.filter(pk__in=arrivals.values("passenger_list_id")).defer("raw")
    page = Paginator(lists, LISTS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page)
    rows = list(
        arrivals.filter(passenger_list__in=shown)
        .defer("raw")
        .select_related("crossing", "crossing__checkpoint")
        .prefetch_related(
            Prefetch("hits", queryset=Hit.objects.restrict(user, Action.VIEW_HIT).select_related("alert"))
        )
    )
    by_list: dict[int, list[ExpectedArrival]] = {}
    for arrival in rows:
        by_list.setdefault(arrival.passenger_list_id, []).append(arrival)
    _log(request, Action.VIEW_CROSSING, "expected_arrival", (a.pk for a in rows))
    return render(
        request,
        "screening/arrival_list.html",
        {"page": page, "lists": [(pl, by_list.get(pl.pk, [])) for pl in shown]},
    )
