"""API authentication: a signed-in session, or a per-user bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from borderlink.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """``Authorization: Bearer bl_...`` with a token issued to one user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.authenticate(token)
        if found is None:
            return None
        request.user = found.user
        return found.user


class ActiveSessionAuth(SessionAuth):
    """A browser session (CSRF-checked for writes) of an active user."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


API_AUTH = [TokenAuth(), ActiveSessionAuth()]
