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


class PersonCandidateSchema(Schema):
    """A person a search found: their best-matching crossing and why it matched."""

    person_id: int | None
    crossing_id: str
    probability: float
    weight: float
    names: list[str]
    birth_date: str | None
    nationality: str | None
    explanation: list[ContributionSchema]


class PersonSearchSchema(Schema):
    """Ranked candidates, best first."""

    items: list[PersonCandidateSchema]
    count: int
    next: str | None
