"""``/api/v1/crossings``: list, filter and read crossings in the common model."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from borderlink.crossings.filters import CrossingFilter, FilterError
from borderlink.crossings.schema import CrossingListSchema, CrossingSchema, ErrorSchema
from borderlink.crossings.serialize import crossing_to_dict
from borderlink.crossings.services import PAGE_SIZE, get_crossing, list_crossings

router = Router(tags=["crossings"])


class CrossingQuery(Schema):
    """Filters of the crossing list (dates are local days, YYYY-MM-DD)."""

    date_from: str | None = None
    date_to: str | None = None
    checkpoint: str | None = None
    direction: str | None = None
    nationality: str | None = None
    document: str | None = None
    q: str | None = None
    minor: str | None = None
    source: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE


@router.get(
    "/crossings",
    response={200: CrossingListSchema, 422: ErrorSchema},
    operation_id="list_crossings",
    summary="List crossings, newest first, filtered and paginated",
)
def list_crossings_endpoint(request: HttpRequest, query: Query[CrossingQuery]) -> Any:
    params = query.dict()
    try:
        filters = CrossingFilter.parse({k: v for k, v in params.items() if v is not None})
    except FilterError as exc:
        return Status(422, {"detail": str(exc)})
    if query.page < 1 or not 1 <= query.page_size <= 500:
        return Status(422, {"detail": "page must be 1 or more and page_size between 1 and 500"})
    page = list_crossings(request.user, filters, query.page, query.page_size, channel="api")
    next_url = None
    if page.has_next:
        next_query = {**filters.as_query(), "page": page.page + 1, "page_size": page.page_size}
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(next_query)}")
    return {"items": [crossing_to_dict(c) for c in page.items], "count": page.count, "next": next_url}


@router.get(
    "/crossings/{crossing_id}",
    response={200: CrossingSchema, 404: ErrorSchema},
    operation_id="get_crossing",
    summary="One crossing by its id (<source>:<source record id>)",
)
def get_crossing_endpoint(request: HttpRequest, crossing_id: str) -> Any:
    return crossing_to_dict(get_crossing(request.user, crossing_id, channel="api"))
