"""``/api/v1/persons``: persons derived from link decisions, with the reasons for every link."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from borderlink.crossings.schema import ErrorSchema
from borderlink.crossings.serialize import iso_utc
from borderlink.identity.schema import PersonSchema, PersonSearchSchema
from borderlink.identity.search import SearchError, parse_query, search_persons
from borderlink.identity.services import get_person

router = Router(tags=["persons"])


@router.get(
    "/persons/search",
    response={200: PersonSearchSchema, 422: ErrorSchema},
    operation_id="search_persons",
    summary="Persons matching a name in any script, with optional birth date, sex, nationality and document",
)
def search_persons_endpoint(
    request: HttpRequest,
    q: str = "",
    birth_date: str = "",
    sex: str = "",
    nationality: str = "",
    document: str = "",
) -> Any:
    params = {"q": q, "birth_date": birth_date, "sex": sex, "nationality": nationality, "document": document}
    try:
        query = parse_query(params)
    except SearchError as exc:
        return Status(422, {"detail": str(exc)})
    found = search_persons(request.user, query, channel="api")
    items = [
        {
            "person_id": c.person_id,
            "crossing_id": c.crossing.uid,
            "probability": round(c.match.probability, 6),
            "weight": round(c.match.weight, 3),
            "names": [
                n for n in (f"{c.crossing.family_name} {c.crossing.given_names}".strip(), c.crossing.native_name) if n
            ],
            "birth_date": c.crossing.birth_date,
            "nationality": c.crossing.nationality,
            "explanation": [
                {"comparison": x.comparison, "level": x.level, "detail": x.detail, "weight": round(x.weight, 2)}
                for x in c.match.explanation
            ],
        }
        for c in found
    ]
    return {"items": items, "count": len(items), "next": None}


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
