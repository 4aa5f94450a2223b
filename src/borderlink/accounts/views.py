"""Sign-in, API tokens and the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderlink.accounts.decorators import requires
from borderlink.accounts.models import AccessLogEntry, ApiToken, User
from borderlink.accounts.roles import ROLE_ACTIONS, Action, Role


def _user(request: HttpRequest) -> User:
    """The signed-in user (views here are behind login_required)."""
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's own API tokens; a new token's key is shown once."""
    new_key = None
    if request.method == "POST":
        name = (request.POST.get("name") or "").strip()[:100] or _("API token")
        _token, new_key = ApiToken.issue(_user(request), name)
    own = ApiToken.objects.filter(user_id=_user(request).pk).order_by("-created_at")
    return render(request, "accounts/tokens.html", {"tokens": own, "new_key": new_key})


@require_POST
@login_required
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens."""
    ApiToken.objects.filter(user_id=_user(request).pk, pk=pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    messages.success(request, _("The token was revoked."))
    return redirect("tokens")


@requires(Action.VIEW_ACCESS_LOG)
def access_log(request: HttpRequest) -> HttpResponse:
    """Who read which personal data, when (for the user's own country, or all for regional users)."""
    entries = AccessLogEntry.objects.select_related("user")
    states = request.user.visible_states()  # type: ignore[union-attr]
    if states is not None:
        entries = entries.filter(user__country__in=states)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "accounts/access_log.html", {"page": page})


@login_required
def role_table(request: HttpRequest) -> HttpResponse:
    """The role-by-action table (the same as docs/access.md)."""
    roles = list(Role)
    table = [(action, [action.value in ROLE_ACTIONS[role] for role in roles]) for action in Action]
    user: User = request.user  # type: ignore[assignment]
    return render(request, "accounts/roles.html", {"roles": roles, "table": table, "me": user})
