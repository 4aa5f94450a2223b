"""Registry pages: states and their checkpoints."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from borderlink.accounts.decorators import requires
from borderlink.accounts.roles import Action
from borderlink.registry.models import Checkpoint


@requires(Action.VIEW_REGISTRY)
def checkpoint_list(request: HttpRequest) -> HttpResponse:
    """Every checkpoint with its kind, time zone and the checkpoint facing it."""
    checkpoints = Checkpoint.objects.select_related("state", "faces").order_by("state__name", "code")
    return render(request, "registry/checkpoints.html", {"checkpoints": checkpoints})
