"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from borderlink.accounts.roles import Action


def node(request: HttpRequest) -> dict[str, Any]:
    """The node's state code, and what the signed-in user may do (for the menu)."""
    user = getattr(request, "user", None)
    can: dict[str, bool] = {}
    if user is not None and user.is_authenticated:
        can = {action.name.lower(): user.can(action) for action in Action}
    return {"NODE_STATE": settings.NODE_STATE, "can": can}
