"""The person page: every crossing of one traveller, and why each was linked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from borderlink.accounts.decorators import requires
from borderlink.accounts.roles import Action
from borderlink.identity.search import Candidate, SearchError, parse_query, search_persons
from borderlink.identity.services import get_person


@requires(Action.VIEW_CROSSING)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's crossings on a timeline, names, documents and each link's explanation."""
    return render(request, "identity/person.html", {"person": get_person(request.user, person_id)})


@requires(Action.VIEW_CROSSING)
def person_search(request: HttpRequest) -> HttpResponse:
    """Find a person by a name in any script, with optional birth date, sex, nationality and document."""
    error = ""
    found: list[Candidate] = []
    if request.GET.get("q"):
        try:
            found = search_persons(request.user, parse_query(request.GET))
        except SearchError as exc:
            error = str(exc)
    return render(request, "identity/search.html", {"found": found, "error": error, "params": request.GET})
