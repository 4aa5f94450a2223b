"""The fixed vocabularies of screening: alert types, hit statuses, and what an officer does on a hit."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertType(models.TextChoices):
    """The five alert types of DESIGN.md section 6 (after SIS and INTERPOL notices)."""

    MISSING_PERSON = "missing_person", _("Missing person")
    AT_RISK = "at_risk", _("Person at risk")
    WANTED = "wanted", _("Wanted person")
    DISCREET_CHECK = "discreet_check", _("Discreet check")
    TRAVEL_DOCUMENT = "travel_document", _("Lost, stolen or invalid travel document")


PERSON_TYPES = frozenset(t.value for t in AlertType if t != AlertType.TRAVEL_DOCUMENT)

#: What the officer at the checkpoint is told to do, when the alert names no action of its own.
DEFAULT_ACTIONS: dict[str, Any] = {
    AlertType.MISSING_PERSON: _(
        "Stop and protect: keep the person safe, record who travels with them, and refer to child or victim "
        "protection services. Inform the issuing state's focal point."
    ),
    AlertType.AT_RISK: _(
        "Stop, protect and refer: separate the person from any escort, do not release them to companions, "
        "and refer to victim protection services. Inform the issuing state's focal point."
    ),
    AlertType.WANTED: _(
        "Detain under national law and inform the issuing state's focal point at once for surrender or extradition."
    ),
    AlertType.DISCREET_CHECK: _(
        "Do not alert the person. Record place, time, route, vehicle and companions, let them continue, and "
        "report to the issuing state's focal point."
    ),
    AlertType.TRAVEL_DOCUMENT: _(
        "Seize the document under national law, establish the holder's identity, and inform the issuing "
        "state's focal point."
    ),
}

#: Match probability a person alert needs before it becomes a hit, per type. Protecting a child
#: tolerates more false hits than detaining an adult, so missing and at-risk alerts reach further.
DEFAULT_THRESHOLDS: dict[str, float] = {
    AlertType.MISSING_PERSON: 0.5,
    AlertType.AT_RISK: 0.5,
    AlertType.WANTED: 0.6,
    AlertType.DISCREET_CHECK: 0.6,
    AlertType.TRAVEL_DOCUMENT: 1.0,
}

#: Types whose hits show the traveller's companions: the escort may be the trafficker.
COMPANION_TYPES = frozenset({AlertType.AT_RISK.value, AlertType.MISSING_PERSON.value})


class HitStatus(models.TextChoices):
    """Where a hit is in its follow-up; a hit is work, never a verdict."""

    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CONFIRMED = "confirmed", _("Confirmed: the person of the alert")
    NOT_THE_PERSON = "not_the_person", _("Not the person")
    ACTION_TAKEN = "action_taken", _("Action taken")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = frozenset({HitStatus.NEW.value, HitStatus.ACKNOWLEDGED.value, HitStatus.CONFIRMED.value})

#: Statuses a hit may move to from each status.
TRANSITIONS: dict[str, frozenset[str]] = {
    HitStatus.NEW: frozenset({"acknowledged", "confirmed", "not_the_person", "action_taken", "closed"}),
    HitStatus.ACKNOWLEDGED: frozenset({"confirmed", "not_the_person", "action_taken", "closed"}),
    HitStatus.CONFIRMED: frozenset({"action_taken", "closed"}),
    HitStatus.NOT_THE_PERSON: frozenset({"closed"}),
    HitStatus.ACTION_TAKEN: frozenset({"closed"}),
    HitStatus.CLOSED: frozenset(),
}
