"""Users with a role and a country scope, API tokens, and the access log of personal-data reads."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderlink.accounts.roles import Role, Scope, role_allows


class User(AbstractUser):
    """A person who signs in to the node; what they may do comes from their role and scope."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.BORDER_OFFICER)
    country = models.CharField(
        _("country"), max_length=3, help_text=_("The state whose records this user works with (alpha-3).")
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.COUNTRY)

    def can(self, action: str) -> bool:
        """Whether this user's role allows ``action`` (an active account is required)."""
        return bool(self.is_active) and role_allows(self.role, action)

    def visible_states(self) -> list[str] | None:
        """The reporting states whose records this user may read; ``None`` means every state."""
        if self.scope == Scope.REGIONAL:
            return None
        return [self.country]


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("ascii")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    """Token lookups."""

    def authenticate(self, raw: str) -> ApiToken | None:
        """Return the live token matching ``raw``, or ``None``."""
        if not raw or len(raw) > 200 or not raw.isascii():
            return None
        token = (
            self.select_related("user")
            .filter(key_hash=_hash_token(raw), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is not None:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token


class ApiToken(models.Model):
    """A per-user bearer token for the API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, help_text=_("First characters, to recognise the token."))
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        """Create a token for ``user`` and return it with the raw key (shown once, never stored)."""
        raw = "bl_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], key_hash=_hash_token(raw))
        return token, raw


class AccessLogEntry(models.Model):
    """One read of personal data: who read what, when and through which channel.

    Holds record identifiers only, never the personal data itself.
    """

    class Channel(models.TextChoices):
        WEB = "web", _("Web page")
        API = "api", _("API")
        CLI = "cli", _("Command line")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(max_length=150, help_text=_("Kept when the account is renamed."))
    channel = models.CharField(max_length=3, choices=Channel.choices)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_ids = models.JSONField(default=list, help_text=_("Identifiers of the records read."))
    count = models.PositiveIntegerField(default=0)
    query = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("The filters and search terms used (kept in the database only, never in log files)."),
    )

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "access log"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.count}"

    @classmethod
    def record(
        cls,
        user: Any,
        channel: str,
        action: str,
        object_type: str,
        object_ids: list[str],
        query: dict[str, Any] | None = None,
    ) -> AccessLogEntry:
        """Write one entry; ``user`` may be ``None`` for a command run without an account."""
        real_user = user if isinstance(user, User) else None
        return cls.objects.create(
            user=real_user,
            username=real_user.get_username() if real_user else "(system)",
            channel=channel,
            action=action,
            object_type=object_type,
            object_ids=object_ids[:500],
            count=len(object_ids),
            query=query or {},
        )
