"""``/api/v1/alerts``, ``/api/v1/screen``, ``/api/v1/hits``, ``/api/v1/passenger-lists``."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest
from ninja import Router, Status

from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Action
from borderlink.crossings.schema import ErrorSchema
from borderlink.identity.compare import Traveller
from borderlink.screening.alerts import AlertError, AlertInput, create_alert, extend_alert, update_alert, withdraw_alert
from borderlink.screening.hits import HitError, change_status, hit_queue, queue_counts
from borderlink.screening.models import Alert
from borderlink.screening.reading import alert_to_dict, get_alert, get_hit, hit_to_dict, list_alerts
from borderlink.screening.runtime import current_index
from borderlink.screening.schema import (
    AlertErrorSchema,
    AlertIn,
    AlertListSchema,
    AlertSchema,
    ExtendIn,
    HitListSchema,
    HitSchema,
    HitStatusIn,
    PassengerListIn,
    PassengerListOut,
    ScreenIn,
    ScreenOut,
    WithdrawIn,
    WithdrawOut,
)
from borderlink.screening.screen import screen_traveller

router = Router(tags=["screening"])
PAGE_SIZE = 50


def _error(error: AlertError) -> Any:
    body: dict[str, Any] = {"detail": str(error), "field": error.field}
    if error.existing is not None:
        body.update(existing_alert_id=error.existing.pk, existing_alert_ref=error.existing.ref)
        return Status(409, body)
    return Status(422, body)


def _page(request: HttpRequest, items: list[Any], count: int, page: int, params: dict[str, Any]) -> str | None:
    if page * PAGE_SIZE >= count:
        return None
    return request.build_absolute_uri(f"{request.path}?{urlencode({**params, 'page': page + 1})}")


def _managed_alert(request: HttpRequest, alert_id: int) -> Alert:
    """An alert the user may change: in scope and with ``alert.manage`` (404 as for any unseen record)."""
    alert = Alert.objects.restrict(request.user, Action.MANAGE_ALERT).filter(pk=alert_id).first()
    if alert is None:
        raise Http404("no such alert")
    return alert


@router.get(
    "/alerts", response={200: AlertListSchema}, operation_id="list_alerts", summary="Alerts you may see, newest first"
)
def list_alerts_endpoint(request: HttpRequest, type: str = "", status: str = "", q: str = "", page: int = 1) -> Any:
    alerts = list_alerts(request.user, alert_type=type, status=status, q=q)
    page = max(page, 1)
    count = alerts.count()
    items = list(alerts[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    AccessLogEntry.record(request.user, "api", Action.VIEW_ALERT, "alert", [f"alert:{a.pk}" for a in items])
    params = {"type": type, "status": status, "q": q}
    return {
        "items": [alert_to_dict(a, request.user) for a in items],
        "count": count,
        "next": _page(request, items, count, page, params),
    }


@router.post(
    "/alerts",
    response={201: AlertSchema, 403: ErrorSchema, 409: AlertErrorSchema, 422: AlertErrorSchema},
    operation_id="create_alert",
    summary="Create an alert for your state; a second alert on the same person is refused (409)",
)
def create_alert_endpoint(request: HttpRequest, body: AlertIn) -> Any:
    user: Any = request.user
    if not user.can(Action.MANAGE_ALERT):
        return Status(403, {"detail": "your role may not create alerts"})
    try:
        alert = create_alert(
            AlertInput.from_mapping(body.dict()), issuing_state=user.country, ref=body.alert_ref, user=user
        )
    except AlertError as error:
        return _error(error)
    return Status(201, alert_to_dict(alert, user))


@router.get(
    "/alerts/{alert_id}",
    response={200: AlertSchema, 404: ErrorSchema},
    operation_id="get_alert",
    summary="One alert (its reason only for roles that may read it)",
)
def get_alert_endpoint(request: HttpRequest, alert_id: int) -> Any:
    return alert_to_dict(get_alert(request.user, alert_id, channel="api"), request.user)


@router.put(
    "/alerts/{alert_id}",
    response={200: AlertSchema, 404: ErrorSchema, 409: AlertErrorSchema, 422: AlertErrorSchema},
    operation_id="update_alert",
    summary="Change an alert's values",
)
def update_alert_endpoint(request: HttpRequest, alert_id: int, body: AlertIn) -> Any:
    alert = _managed_alert(request, alert_id)
    try:
        update_alert(alert, AlertInput.from_mapping(body.dict()))
    except AlertError as error:
        return _error(error)
    return alert_to_dict(alert, request.user)


@router.post(
    "/alerts/{alert_id}/extend",
    response={200: AlertSchema, 404: ErrorSchema, 422: AlertErrorSchema},
    operation_id="extend_alert",
    summary="Move an alert's review date later so that it does not lapse",
)
def extend_alert_endpoint(request: HttpRequest, alert_id: int, body: ExtendIn) -> Any:
    alert = _managed_alert(request, alert_id)
    try:
        extend_alert(alert, body.review_date)
    except AlertError as error:
        return _error(error)
    return alert_to_dict(alert, request.user)


@router.post(
    "/alerts/{alert_id}/withdraw",
    response={200: WithdrawOut, 404: ErrorSchema, 422: AlertErrorSchema},
    operation_id="withdraw_alert",
    summary="Withdraw an alert: it hits no more and its open hits are closed",
)
def withdraw_alert_endpoint(request: HttpRequest, alert_id: int, body: WithdrawIn) -> Any:
    alert = _managed_alert(request, alert_id)
    try:
        closed = withdraw_alert(alert, user=request.user, reason=body.reason)
    except AlertError as error:
        return _error(error)
    return {"alert": alert_to_dict(alert, request.user), "closed_hits": closed}


@router.post(
    "/screen",
    response={200: ScreenOut, 403: ErrorSchema, 422: ErrorSchema},
    operation_id="screen_traveller",
    summary="Screen a traveller and document against every alert in force; answers in milliseconds",
)
def screen_endpoint(request: HttpRequest, body: ScreenIn) -> Any:
    user: Any = request.user
    if not user.can(Action.SCREEN):
        return Status(403, {"detail": "your role may not screen travellers"})
    started = time.perf_counter()
    values = body.traveller.dict()
    document = body.document
    if document is not None:
        values.update(document_number=document.number, document_issuing_state=document.issuing_state.upper())
    if not any((values.get(k) or "").strip() for k in ("family_name", "given_names", "native_name", "document_number")):
        return Status(422, {"detail": "give a name (in any script) or a document number"})
    traveller = Traveller.from_stored(values)
    index = current_index()
    found = screen_traveller(traveller, index=index)
    alerts = Alert.objects.in_bulk([c.alert_id for c in found])
    hits = [
        {
            "alert_id": c.alert_id,
            "alert_ref": alerts[c.alert_id].ref,
            "type": c.type,
            "issuing_state": alerts[c.alert_id].issuing_state,
            "score": c.score,
            "action": alerts[c.alert_id].action_text,
            "matched_on": c.via,
            "explanation": c.explanation,
        }
        for c in found
        if c.alert_id in alerts
    ]
    # The query is a read of personal data by the checkpoint: logged with what it matched, not the name.
    AccessLogEntry.record(user, "api", Action.SCREEN, "alert", [f"alert:{h['alert_id']}" for h in hits])
    return {"hits": hits, "alerts_indexed": len(index), "elapsed_ms": round((time.perf_counter() - started) * 1000, 3)}


@router.get(
    "/hits",
    response={200: HitListSchema},
    operation_id="list_hits",
    summary="A hit queue (border: hits at your state's borders; focal: hits on your state's alerts), overdue first",
)
def list_hits_endpoint(
    request: HttpRequest, queue: str = "border", status: str = "", type: str = "", page: int = 1
) -> Any:
    hits = hit_queue(request.user, queue=queue, status=status, alert_type=type)
    page = max(page, 1)
    count = hits.count()
    items = list(hits[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    AccessLogEntry.record(request.user, "api", Action.VIEW_HIT, "hit", [f"hit:{h.pk}" for h in items])
    return {
        "items": [hit_to_dict(h, request.user) for h in items],
        "count": count,
        "next": _page(request, items, count, page, {"queue": queue, "status": status, "type": type}),
        "counts": queue_counts(hit_queue(request.user, queue=queue)),
    }


@router.get("/hits/{hit_id}", response={200: HitSchema, 404: ErrorSchema}, operation_id="get_hit", summary="One hit")
def get_hit_endpoint(request: HttpRequest, hit_id: int) -> Any:
    return hit_to_dict(get_hit(request.user, hit_id, channel="api"), request.user)


@router.post(
    "/hits/{hit_id}/status",
    response={200: HitSchema, 404: ErrorSchema, 422: ErrorSchema},
    operation_id="change_hit_status",
    summary="Acknowledge, confirm, clear (not the person), record action taken, or close a hit",
)
def change_hit_status_endpoint(request: HttpRequest, hit_id: int, body: HitStatusIn) -> Any:
    hit = get_hit(request.user, hit_id, channel="api")
    try:
        change_status(hit, body.status, user=request.user, note=body.note)
    except HitError as error:
        return Status(422, {"detail": str(error)})
    return hit_to_dict(hit, request.user)


@router.post(
    "/passenger-lists",
    response={201: PassengerListOut, 403: ErrorSchema, 422: ErrorSchema},
    operation_id="receive_passenger_list",
    summary="Receive a PAXLST passenger list: expected arrivals stored and screened before landing",
)
def receive_passenger_list_endpoint(request: HttpRequest, body: PassengerListIn) -> Any:
    from borderlink.screening.arrivals import PaxlstError, receive_passenger_lists

    user: Any = request.user
    if not user.can(Action.IMPORT_PASSENGER_LIST):
        return Status(403, {"detail": "your role may not submit passenger lists"})
    try:
        result = receive_passenger_lists(body.text, file_name=body.file_name, receiving_state=user.country)
    except PaxlstError as error:
        return Status(422, {"detail": str(error)})
    return Status(
        201,
        {
            "lists": len(result.lists),
            "expected_arrivals": result.arrivals,
            "quarantined": result.quarantined,
            "hits": len(result.hits),
        },
    )
