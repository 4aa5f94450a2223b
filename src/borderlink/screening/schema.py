"""API types of screening: alerts, screening requests and answers, hits, passenger lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field


class AlertIn(Schema):
    """A new alert, or new values for one (``alert_ref`` is ignored on change)."""

    alert_ref: str = ""
    type: str
    family_name: str = ""
    given_names: str = ""
    native_name: str = ""
    sex: str = ""
    birth_date: str = ""
    nationality: str = ""
    document_number: str = ""
    document_issuing_state: str = ""
    reason: str
    action: str = ""
    notify: str = ""
    review_date: dt.date


class AlertSchema(Schema):
    """An alert as a user may read it; ``reason`` is present only for roles that may read it."""

    id: int
    alert_ref: str
    type: str
    issuing_state: str
    family_name: str
    given_names: str
    native_name: str
    sex: str
    birth_date: str
    nationality: str
    document_number: str
    document_issuing_state: str
    action: str
    review_date: str
    status: str
    notify: list[str]
    created_at: str
    withdrawn_at: str | None
    reason: str | None = None


class AlertListSchema(Schema):
    """A page of alerts."""

    items: list[AlertSchema]
    count: int
    next: str | None


class AlertErrorSchema(Schema):
    """Why an alert was refused: the message, the field at fault, and the existing alert of a duplicate."""

    detail: str
    field: str | None = None
    existing_alert_id: int | None = None
    existing_alert_ref: str | None = None


class ExtendIn(Schema):
    """A later review date."""

    review_date: dt.date


class WithdrawIn(Schema):
    """Why an alert is withdrawn."""

    reason: str


class WithdrawOut(Schema):
    """The withdrawn alert and how many open hits were closed."""

    alert: AlertSchema
    closed_hits: int


class TravellerIn(Schema):
    """The traveller as the checkpoint reads them (any script; birth date YYYY, YYYY-MM or YYYY-MM-DD)."""

    family_name: str = Field("", max_length=200)
    given_names: str = Field("", max_length=200)
    native_name: str = Field("", max_length=200)
    sex: str = Field("", max_length=1)
    birth_date: str = Field("", max_length=10)
    nationality: str = Field("", max_length=3)


class DocumentIn(Schema):
    """The travel document shown."""

    number: str = Field("", max_length=40)
    issuing_state: str = Field("", max_length=3)
    type: str = Field("", max_length=3)


class ScreenIn(Schema):
    """A screening request from a checkpoint's own software."""

    traveller: TravellerIn
    document: DocumentIn | None = None


class ScreenHitSchema(Schema):
    """One alert the traveller hits: what to do, how sure, and why."""

    alert_id: int
    alert_ref: str
    type: str
    issuing_state: str
    score: float
    action: str
    matched_on: str
    explanation: list[dict[str, Any]]


class ScreenOut(Schema):
    """The answer to a screening request."""

    hits: list[ScreenHitSchema]
    alerts_indexed: int
    elapsed_ms: float


class HitSchema(Schema):
    """A hit with its alert, score, explanation, status and deadline."""

    id: int
    crossing_id: str | None
    expected_arrival_id: int | None
    alert_ref: str
    alert: AlertSchema
    score: float
    explanation: list[dict[str, Any]]
    status: str
    status_at: str
    hit_at: str
    due_at: str
    overdue: bool
    escalated_at: str | None
    retrospective: bool


class HitListSchema(Schema):
    """A page of a hit queue, with the counts per status of the whole queue."""

    items: list[HitSchema]
    count: int
    next: str | None
    counts: dict[str, int]


class HitStatusIn(Schema):
    """A new status for a hit, and the note that goes with it."""

    status: str
    note: str = ""


class PassengerListIn(Schema):
    """A PAXLST interchange as text."""

    text: str
    file_name: str = "api.edi"


class PassengerListOut(Schema):
    """What receiving a passenger list did."""

    lists: int
    expected_arrivals: int
    quarantined: int
    hits: int
