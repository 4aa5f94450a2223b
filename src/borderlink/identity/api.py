"""``/api/v1/persons``: persons derived from link decisions, with the reasons for every link."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from borderlink.crossings.schema import ErrorSchema
from borderlink.crossings.serialize import iso_utc
from borderlink.identity.schema import PersonSchema
from borderlink.identity.services import get_person

router = Router(tags=["persons"])


@router.get(
    "/persons/{person_id}",
    response={200: PersonSchema, 404: ErrorSchema},
    operation_id="get_person",
    summary="One person: the crossings linked to them that you may see, and why each was linked",
)
def get_person_endpoint(request: HttpRequest, person_id: int) -> Any:
    person = get_person(request.user, person_id, channel="api")
    return {
        "id": person.person_id,
        "names": person.names,
        "documents": [list(d) for d in person.documents],
        "crossings": [
            {
                "crossing_id": crossing.uid,
                "crossed_at": iso_utc(crossing.crossed_at),
                "checkpoint": crossing.checkpoint.code,
                "direction": crossing.direction,
                "decision": decision.kind,
                "probability": decision.probability,
                "matched_crossing_id": decision.matched_crossing.uid if decision.matched_crossing else None,
                "model_version": decision.model_version,
                "needs_review": decision.needs_review,
                "shared_document": decision.shared_document,
                "explanation": decision.explanation,
            }
            for crossing, decision in person.links
        ],
    }
