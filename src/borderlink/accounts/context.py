"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def node(request: HttpRequest) -> dict[str, Any]:
    """Expose the node's own state code to templates."""
    return {"NODE_STATE": settings.NODE_STATE}
