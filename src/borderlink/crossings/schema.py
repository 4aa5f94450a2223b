"""API types of the common border data model (DESIGN.md section 3)."""

from __future__ import annotations

from ninja import Schema


class TravellerSchema(Schema):
    """The traveller as declared on the record."""

    family_name: str | None
    given_names: str | None
    native_name: str | None
    sex: str | None
    birth_date: str | None
    nationality: str | None


class DocumentSchema(Schema):
    """The travel document shown at the crossing."""

    type: str | None
    number: str | None
    issuing_state: str | None
    expiry_date: str | None


class VisaSchema(Schema):
    """A visa as the source gives it."""

    category: str | None
    number: str | None


class CrossingSchema(Schema):
    """One crossing, exactly as `borderlink export crossings` writes it."""

    id: str
    source: str
    source_record_id: str
    reporting_state: str
    checkpoint: str
    direction: str
    crossed_at: str
    traveller: TravellerSchema
    document: DocumentSchema | None
    purpose: str | None
    companions: list[str]
    vehicle: str | None
    sponsor: str | None
    visa: VisaSchema | None
    quality: list[str]


class CrossingListSchema(Schema):
    """A page of crossings."""

    items: list[CrossingSchema]
    count: int
    next: str | None


class ErrorSchema(Schema):
    """An error answer: what was wrong."""

    detail: str
