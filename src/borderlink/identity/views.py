"""The person page: every crossing of one traveller, and why each was linked."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderlink.accounts.decorators import requires
from borderlink.accounts.roles import Action
from borderlink.identity.decisions import DecisionRefused, confirm, merge, review_queue, split
from borderlink.identity.search import Candidate, SearchError, parse_query, search_persons
from borderlink.identity.services import get_person


@requires(Action.VIEW_CROSSING)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's crossings on a timeline, names, documents and each link's explanation."""
    can_decide = request.user.can(Action.DECIDE_LINK)  # type: ignore[union-attr]
    return render(
        request, "identity/person.html", {"person": get_person(request.user, person_id), "can_decide": can_decide}
    )


@require_POST
@requires(Action.DECIDE_LINK)
def person_decision(request: HttpRequest, person_id: int) -> HttpResponse:
    """Split a crossing off this person, or merge another person into this one."""
    reason = request.POST.get("reason", "")
    try:
        if request.POST.get("action") == "confirm":
            confirm(request.user, request.POST.get("crossing", ""), reason)
            messages.success(request, _("The link was confirmed."))
            return redirect("person-review")
        if request.POST.get("action") == "split":
            new = split(request.user, request.POST.get("crossing", ""), reason)
            messages.success(request, _("The crossing is now person %(id)s.") % {"id": new.pk})
        else:
            other = int(request.POST.get("other", "0") or 0)
            merge(request.user, person_id, other, reason)
            messages.success(request, _("Person %(other)s was merged into this one.") % {"other": other})
    except (DecisionRefused, PermissionError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("person-detail", person_id=person_id)


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


@requires(Action.DECIDE_LINK)
def person_review(request: HttpRequest) -> HttpResponse:
    """The links to look at: near misses made into new persons, and documents shared by two people."""
    return render(request, "identity/review.html", {"decisions": review_queue(request.user)})
