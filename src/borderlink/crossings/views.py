"""Pages that list, filter, search and show crossings (thin: the rules are in services)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from borderlink.accounts.decorators import requires
from borderlink.accounts.roles import Action
from borderlink.crossings.choices import Direction
from borderlink.crossings.filters import CrossingFilter, FilterError
from borderlink.crossings.models import CrossingVersion
from borderlink.crossings.services import (
    age_text,
    companions_of,
    get_crossing,
    list_crossings,
    local_time,
)
from borderlink.identity.services import person_of
from borderlink.registry.models import Checkpoint


@requires(Action.VIEW_CROSSING)
def crossing_list(request: HttpRequest) -> HttpResponse:
    """The crossing list with its filter form."""
    error = ""
    try:
        filters = CrossingFilter.parse(request.GET)
    except FilterError as exc:
        error = str(exc)
        filters = CrossingFilter()
    try:
        page_number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page_number = 1
    page = list_crossings(request.user, filters, page_number)
    query = filters.as_query()
    states = request.user.visible_states()  # type: ignore[union-attr]
    checkpoints = Checkpoint.objects.all() if states is None else Checkpoint.objects.filter(state_id__in=states)
    rows = [(c, local_time(c)) for c in page.items]
    return render(
        request,
        "crossings/list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "error": error,
            "checkpoints": checkpoints,
            "directions": Direction.choices,
            "next_query": urlencode({**query, "page": page.page + 1}),
            "previous_query": urlencode({**query, "page": page.page - 1}),
        },
    )


@requires(Action.VIEW_CROSSING)
def crossing_detail(request: HttpRequest, uid: str) -> HttpResponse:
    """One crossing: the common model, the raw source record, age, minor mark, companions, history."""
    crossing = get_crossing(request.user, uid)
    return render(
        request,
        "crossings/detail.html",
        {
            "crossing": crossing,
            "local_time": local_time(crossing),
            "age": age_text(crossing),
            "companions": companions_of(request.user, crossing),
            "versions": CrossingVersion.objects.filter(crossing=crossing),
            "link": person_of(crossing),
        },
    )
