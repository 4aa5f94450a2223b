"""Alerts, hits and their follow-up, expected arrivals from passenger lists, and notifications.

An alert is kept by the node of its issuing state; a hit joins one alert to one crossing (or one expected
arrival) with the score and its explanation. Nothing here changes a crossing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderlink.accounts.scoping import ScopedQuerySet
from borderlink.screening.choices import DEFAULT_ACTIONS, PERSON_TYPES, AlertType, HitStatus


class AlertQuerySet(ScopedQuerySet["Alert"]):
    """Alerts; a country-scoped user sees the alerts of their own state."""

    state_field = "issuing_state"

    def in_force(self, on: dt.date | None = None) -> AlertQuerySet:
        """Alerts not withdrawn whose review date has not passed (an alert lapses at its review date)."""
        day = on or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True, review_date__gte=day)


class Alert(models.Model):
    """A request to find a person or a document, with what to do on a hit and who must be told."""

    ref = models.CharField(_("alert reference"), max_length=60)
    type = models.CharField(_("type"), max_length=16, choices=AlertType.choices)
    issuing_state = models.CharField(_("issuing state"), max_length=3)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    native_name = models.CharField(_("native name"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    birth_date = models.CharField(_("birth date"), max_length=10, blank=True)
    nationality = models.CharField(_("nationality"), max_length=3, blank=True)
    document_number = models.CharField(_("document number"), max_length=40, blank=True)
    document_key = models.CharField(
        _("normalised document number"), max_length=40, blank=True, db_index=True,
        help_text=_("Upper case, letters and digits only: what document screening compares."),
    )  # fmt: skip
    document_issuing_state = models.CharField(_("document issuing state"), max_length=3, blank=True)
    reason = models.TextField(_("reason"))
    action = models.TextField(_("action on a hit"), blank=True)
    notify = models.TextField(
        _("who must be told"), blank=True,
        help_text=_("E-mail addresses, one per line, told of every hit beside the issuing state's focal points."),
    )  # fmt: skip
    review_date = models.DateField(_("review date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField(_("why withdrawn"), blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["issuing_state", "ref"], name="screening_alert_ref")]
        indexes = [models.Index(fields=["document_key", "document_issuing_state"], name="alert_document")]

    def __str__(self) -> str:
        return f"{self.issuing_state}/{self.ref}"

    @property
    def is_person_alert(self) -> bool:
        """Whether the alert looks for a person (by name and birth) rather than a document."""
        return self.type in PERSON_TYPES

    @property
    def action_text(self) -> str:
        """What the officer does on a hit: the alert's own words, or the default for its type."""
        return self.action or str(DEFAULT_ACTIONS[self.type])

    def status_on(self, day: dt.date | None = None) -> str:
        """``active``, ``lapsed`` (review date passed) or ``withdrawn``."""
        if self.withdrawn_at is not None:
            return "withdrawn"
        return "lapsed" if self.review_date < (day or timezone.localdate()) else "active"

    @property
    def status(self) -> str:
        """The alert's status today."""
        return self.status_on()

    @property
    def display_name(self) -> str:
        """The name as an officer reads it, or the document for a document alert."""
        name = " ".join(p for p in (self.family_name, self.given_names) if p)
        if self.native_name:
            name = f"{name} ({self.native_name})" if name else self.native_name
        if not name and self.document_number:
            name = f"{self.document_issuing_state} {self.document_number}"
        return name or "-"


class AlertImportRun(models.Model):
    """One alerts file read by ``borderlink alerts import``: who, when, the file's hash and the counts."""

    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("file hash (SHA-256)"), max_length=64)
    issuing_state = models.CharField(_("issuing state"), max_length=3)
    invoked_by = models.CharField(_("invoked by"), max_length=150)
    read = models.PositiveIntegerField(default=0)
    stored = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    quarantined = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"alerts import {self.pk} ({self.file_name})"

    def counts(self) -> dict[str, int]:
        """The disjoint counts, as the command prints them."""
        return {
            "read": self.read,
            "stored": self.stored,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "quarantined": self.quarantined,
        }


class QuarantineQuerySet(ScopedQuerySet["QuarantinedEntry"]):
    """Quarantined alerts and passenger-list entries, by the state they belong to."""

    state_field = "state"


class QuarantinedEntry(models.Model):
    """A row of an alerts file or a traveller of a passenger list that could not be stored, kept raw."""

    class Kind(models.TextChoices):
        ALERT = "alert", _("Alerts file row")
        PAXLST = "paxlst", _("Passenger list entry")

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=3)
    alert_run = models.ForeignKey(
        AlertImportRun, null=True, blank=True, on_delete=models.CASCADE, related_name="quarantine"
    )
    passenger_list = models.ForeignKey(
        "screening.PassengerList", null=True, blank=True, on_delete=models.CASCADE, related_name="quarantine"
    )
    file_name = models.CharField(_("file"), max_length=255)
    position = models.PositiveIntegerField(_("position"), help_text=_("CSV: line; passenger list: traveller."))
    field = models.CharField(_("field"), max_length=60, blank=True)
    reason = models.CharField(_("reason"), max_length=40)
    detail = models.TextField(_("detail"))
    raw = models.TextField(_("raw text"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuarantineQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "position"]

    def __str__(self) -> str:
        return f"{self.file_name}:{self.position} {self.reason}"


class PassengerList(models.Model):
    """One PAXLST message received: the flight and where the file is kept."""

    message_ref = models.CharField(_("message reference"), max_length=40)
    sender = models.CharField(_("sender"), max_length=60, blank=True)
    is_crew_list = models.BooleanField(_("crew list"), default=False)
    carrier = models.CharField(_("carrier"), max_length=10, blank=True)
    flight_number = models.CharField(_("flight"), max_length=20, blank=True)
    departure_airport = models.CharField(_("from"), max_length=5, blank=True)
    departure_time = models.DateTimeField(_("departure (local)"), null=True, blank=True)
    arrival_airport = models.CharField(_("to"), max_length=5, blank=True)
    arrival_time = models.DateTimeField(_("arrival (local)"), null=True, blank=True)
    reporting_state = models.CharField(_("receiving state"), max_length=3)
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("file hash (SHA-256)"), max_length=64)
    raw = models.TextField(_("message text"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.carrier}{self.flight_number} {self.departure_airport}-{self.arrival_airport}"


class ExpectedArrivalQuerySet(ScopedQuerySet["ExpectedArrival"]):
    """Expected arrivals, by the state receiving the flight."""

    state_field = "reporting_state"


class ExpectedArrival(models.Model):
    """A traveller announced on a passenger list, screened before landing and later tied to their entry."""

    passenger_list = models.ForeignKey(PassengerList, on_delete=models.CASCADE, related_name="arrivals")
    reporting_state = models.CharField(_("receiving state"), max_length=3)
    position = models.PositiveIntegerField(_("position on the list"))
    role = models.CharField(_("role"), max_length=24)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    birth_date = models.CharField(_("birth date"), max_length=10, blank=True)
    nationality = models.CharField(_("nationality"), max_length=3, blank=True)
    document_type = models.CharField(_("document type"), max_length=3, blank=True)
    document_number = models.CharField(_("document number"), max_length=40, blank=True)
    document_key = models.CharField(max_length=40, blank=True, db_index=True)
    document_issuing_state = models.CharField(_("issuing state"), max_length=3, blank=True)
    expected_at = models.DateTimeField(_("expected at"), null=True, blank=True)
    raw = models.TextField(_("raw segments"))
    crossing = models.OneToOneField(
        "crossings.Crossing", null=True, blank=True, on_delete=models.SET_NULL, related_name="expected_arrival",
        help_text=_("The entry the traveller made when the flight landed."),
    )  # fmt: skip

    objects = ExpectedArrivalQuerySet.as_manager()

    class Meta:
        ordering = ["passenger_list", "position"]

    def __str__(self) -> str:
        return f"{self.family_name} {self.given_names} on {self.passenger_list}"


class HitQuerySet(ScopedQuerySet["Hit"]):
    """Hits: a country-scoped user sees the hits at their state's border and the hits on their alerts."""

    state_field = "reporting_state"

    def restrict(self, user: Any, action: str) -> Self:
        """As ``ScopedQuerySet.restrict``, and the issuing state's users see hits on their alerts too."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.can(action):
            return self.none()
        states = user.visible_states()
        if states is None:
            return self
        return self.filter(models.Q(reporting_state__in=states) | models.Q(alert__issuing_state__in=states))

    def open(self) -> HitQuerySet:
        """Hits still waiting for work."""
        return self.filter(status__in=["new", "acknowledged", "confirmed"])

    def overdue(self, now: dt.datetime | None = None) -> HitQuerySet:
        """Open hits the issuing state's focal point has not answered by the deadline."""
        return self.open().filter(answered_at__isnull=True, due_at__lt=now or timezone.now())


class Hit(models.Model):
    """An alert met at the border: the crossing or expected arrival, the score and why, and its follow-up."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="hits")
    crossing = models.ForeignKey(
        "crossings.Crossing", null=True, blank=True, on_delete=models.CASCADE, related_name="hits"
    )
    expected_arrival = models.ForeignKey(
        ExpectedArrival, null=True, blank=True, on_delete=models.CASCADE, related_name="hits"
    )
    reporting_state = models.CharField(_("state of the border"), max_length=3)
    score = models.FloatField(_("match probability"))
    explanation = models.JSONField(_("explanation"), default=list)
    status = models.CharField(_("status"), max_length=14, choices=HitStatus.choices, default=HitStatus.NEW)
    status_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status_at = models.DateTimeField(_("status since"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due"), db_index=True)
    answered_at = models.DateTimeField(_("answered by the issuing state at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    retrospective = models.BooleanField(
        _("found looking back"), default=False, help_text=_("Found when a new alert was screened over past crossings.")
    )
    created_at = models.DateTimeField(_("hit at"), default=timezone.now, db_index=True)

    objects = HitQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "crossing"], name="screening_hit_crossing"),
            models.UniqueConstraint(fields=["alert", "expected_arrival"], name="screening_hit_arrival"),
            models.CheckConstraint(
                condition=models.Q(crossing__isnull=False, expected_arrival__isnull=True)
                | models.Q(crossing__isnull=True, expected_arrival__isnull=False),
                name="screening_hit_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="hit_status_due")]

    def __str__(self) -> str:
        return f"hit {self.pk}: {self.alert} ({self.status})"

    @property
    def is_overdue(self) -> bool:
        """Whether the deadline passed without an answer while the hit is open."""
        return (
            self.status in ("new", "acknowledged", "confirmed")
            and self.answered_at is None
            and (self.due_at < timezone.now())
        )


class HitEvent(models.Model):
    """One step of a hit's follow-up: a status change, a note, an escalation; who and when."""

    hit = models.ForeignKey(Hit, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=14, blank=True)
    note = models.TextField(_("note"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"hit {self.hit_id}: {self.status or 'note'}"


class Exclusion(models.Model):
    """ "Not the person": the alert must not hit this traveller again (by person, document or identity)."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="exclusions")
    traveller_key = models.CharField(
        max_length=300, help_text=_("Name, birth date and document of the traveller, normalised.")
    )
    person = models.ForeignKey("identity.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hit = models.ForeignKey(Hit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["alert", "traveller_key"], name="exclusion_alert_key")]

    def __str__(self) -> str:
        return f"{self.alert} is not {self.traveller_key}"


class Notification(models.Model):
    """A message to a user about a hit, shown in the app and sent by e-mail by the worker."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Where the worker sends it; empty: in the app only.")
    )
    hit = models.ForeignKey(Hit, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject
