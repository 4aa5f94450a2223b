"""The node's one typed API: every app's router mounted under ``/api/v1/``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from borderlink.accounts.auth import API_AUTH
from borderlink.crossings.api import router as crossings_router
from borderlink.identity.api import router as identity_router
from borderlink.ingest.api import router as ingest_router
from borderlink.screening.api import router as screening_router

api = NinjaAPI(
    title="borderlink node API",
    version="1",
    description="Border-crossing records in the common border data model. Authenticate with a session "
    "or with `Authorization: Bearer <token>` (tokens are issued per user on the Tokens page).",
    auth=API_AUTH,
    urls_namespace="api",
)
api.add_router("/", crossings_router)
api.add_router("/", ingest_router)
api.add_router("/", identity_router)
api.add_router("/", screening_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Answer 404 with a JSON body (also for records out of the user's scope)."""
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Answer 401 with a JSON body."""
    return api.create_response(request, {"detail": "Authentication required"}, status=401)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Answer 422 naming the fields that were wrong."""
    problems: list[dict[str, Any]] = [
        {"field": ".".join(str(p) for p in error.get("loc", [])), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    detail = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
    return api.create_response(request, {"detail": detail, "errors": problems}, status=422)
