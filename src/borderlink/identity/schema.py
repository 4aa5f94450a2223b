"""API types of persons."""

from __future__ import annotations

from ninja import Schema


class ContributionSchema(Schema):
    """One field's part in a match: its comparison level, why, and its weight in bits."""

    comparison: str
    level: str
    detail: str
    weight: float


class PersonCrossingSchema(Schema):
    """One crossing of a person and the decision that linked it."""

    crossing_id: str
    crossed_at: str
    checkpoint: str
    direction: str
    decision: str
    probability: float | None
    matched_crossing_id: str | None
    model_version: str
    needs_review: bool
    shared_document: bool
    explanation: list[ContributionSchema]


class PersonSchema(Schema):
    """A person: the crossings linked to them that the caller may see."""

    id: int
    names: list[str]
    documents: list[list[str]]
    crossings: list[PersonCrossingSchema]
