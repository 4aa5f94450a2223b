"""The person page: every crossing of one traveller, and why each was linked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from borderlink.accounts.decorators import requires
from borderlink.accounts.roles import Action
from borderlink.identity.services import get_person


@requires(Action.VIEW_CROSSING)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's crossings on a timeline, names, documents and each link's explanation."""
    return render(request, "identity/person.html", {"person": get_person(request.user, person_id)})
