"""Member states, the checkpoints where crossings are recorded, agencies and nodes."""

from __future__ import annotations

from functools import cached_property
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from borderlink.registry.choices import CheckpointKind


def validate_time_zone(value: str) -> None:
    """Refuse a time-zone name that the IANA database does not know."""
    try:
        ZoneInfo(value)
    except Exception:
        raise ValidationError(_("%(value)s is not an IANA time zone"), params={"value": value}) from None


class State(models.Model):
    """A state that takes part in the exchange, identified by its ISO 3166 alpha-3 code."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    bali_process_member = models.BooleanField(_("Bali Process member"), default=True)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Checkpoint(models.Model):
    """A border crossing point where a state records entries and exits.

    ``code`` is ``<state alpha-3>-<national code>`` (for example ``KHM-POI``), the form the common
    model uses; ``national_code`` is what the state's own export writes.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="checkpoints")
    national_code = models.CharField(_("national code"), max_length=32)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=5, choices=CheckpointKind.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    faces = models.ForeignKey(
        "self",
        verbose_name=_("facing checkpoint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The checkpoint across the border where the same journey is recorded."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["state", "national_code"], name="registry_checkpoint_unique_national")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @cached_property
    def zone(self) -> ZoneInfo:
        """The checkpoint's local time zone."""
        return ZoneInfo(self.time_zone)


class Agency(models.Model):
    """A national authority that runs checkpoints or uses the node (immigration, police...)."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)

    class Meta:
        ordering = ["state", "name"]
        verbose_name_plural = "agencies"
        constraints = [models.UniqueConstraint(fields=["state", "name"], name="registry_agency_unique_name")]

    def __str__(self) -> str:
        return self.short_name or self.name


class Node(models.Model):
    """A borderlink node run by a state; exchange (a later issue) signs with ``public_key``."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="nodes")
    name = models.CharField(_("name"), max_length=100, unique=True)
    base_url = models.URLField(_("base URL"), blank=True)
    public_key = models.TextField(_("Ed25519 public key"), blank=True)
    is_self = models.BooleanField(_("this node"), default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FocalPoint(models.Model):
    """Who answers for a state: its focal point, the deputy, and the 24/7 desk that overdue work escalates to."""

    class Duty(models.TextChoices):
        PRIMARY = "primary", _("Focal point")
        DEPUTY = "deputy", _("Deputy")
        DESK = "desk", _("24/7 desk")

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="focal_points")
    duty = models.CharField(_("duty"), max_length=7, choices=Duty.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="focal_duties",
        help_text=_("The node account of this person, for in-app notifications."),
    )  # fmt: skip
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["state", "duty", "name"]

    def __str__(self) -> str:
        return f"{self.state_id} {self.get_duty_display()}: {self.name}"
