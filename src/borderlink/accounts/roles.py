"""Roles and the actions each may perform: the one role-by-action table of the node.

docs/access.md prints this table; a test checks that the two agree.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user does at the node; a role is a set of actions."""

    BORDER_OFFICER = "border_officer", _("Border officer")
    ANALYST = "analyst", _("Analyst")
    INVESTIGATOR = "investigator", _("Investigator")
    FOCAL_POINT = "focal_point", _("Focal point")
    ADMINISTRATOR = "administrator", _("Administrator")


class Scope(models.TextChoices):
    """How far a user's reading reaches: their own state's records, or every state's (a regional hub)."""

    COUNTRY = "country", _("Own country")
    REGIONAL = "regional", _("Regional (all states)")


class Action(models.TextChoices):
    """Every action that permissions are checked for."""

    VIEW_CROSSING = "crossing.view", _("View crossings and travellers")
    EXPORT_CROSSING = "crossing.export", _("Export crossings")
    VIEW_IMPORT = "import.view", _("View import runs")
    CREATE_IMPORT = "import.create", _("Upload national files for import")
    VIEW_QUARANTINE = "quarantine.view", _("View quarantined records (raw text)")
    RETRY_QUARANTINE = "quarantine.retry", _("Retry or discard quarantined records")
    VIEW_REGISTRY = "registry.view", _("View states, checkpoints, agencies and nodes")
    MANAGE_REGISTRY = "registry.manage", _("Edit the registry")
    DECIDE_LINK = "person.decide", _("Split or merge persons (link decisions)")
    VIEW_ALERT = "alert.view", _("See alerts and the action to take on a hit")
    VIEW_ALERT_REASON = "alert.reason", _("Read why an alert was issued")
    MANAGE_ALERT = "alert.manage", _("Create, edit, extend and withdraw alerts; import alerts files")
    SCREEN = "screen.query", _("Screen a traveller against alerts (checkpoint software)")
    VIEW_HIT = "hit.view", _("See hits and their follow-up")
    HANDLE_HIT = "hit.handle", _("Acknowledge, confirm, clear or close hits")
    IMPORT_PASSENGER_LIST = "paxlst.import", _("Receive airline passenger lists (PAXLST)")
    VIEW_ACCESS_LOG = "accesslog.view", _("Read the access log")
    MANAGE_USERS = "user.manage", _("Create users and assign roles")


A = Action
_SCREENING_DESK = {A.VIEW_ALERT, A.SCREEN, A.VIEW_HIT, A.HANDLE_HIT}
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    # A checkpoint sees the action to take on a hit, not why the alert was issued.
    Role.BORDER_OFFICER: frozenset({A.VIEW_CROSSING, A.VIEW_REGISTRY, *_SCREENING_DESK}),
    Role.ANALYST: frozenset(
        {
            A.VIEW_CROSSING,
            A.EXPORT_CROSSING,
            A.VIEW_IMPORT,
            A.VIEW_QUARANTINE,
            A.VIEW_REGISTRY,
            A.DECIDE_LINK,
            A.VIEW_ALERT,
            A.VIEW_ALERT_REASON,
            A.VIEW_HIT,
        }
    ),
    Role.INVESTIGATOR: frozenset(
        {A.VIEW_CROSSING, A.EXPORT_CROSSING, A.VIEW_REGISTRY, A.VIEW_ALERT, A.VIEW_ALERT_REASON, A.MANAGE_ALERT}
        | {A.VIEW_HIT, A.HANDLE_HIT}
    ),
    Role.FOCAL_POINT: frozenset(
        {A.VIEW_CROSSING, A.VIEW_IMPORT, A.VIEW_REGISTRY, A.VIEW_ACCESS_LOG, A.VIEW_ALERT_REASON, A.MANAGE_ALERT}
        | _SCREENING_DESK
    ),
    Role.ADMINISTRATOR: frozenset(
        {
            A.VIEW_CROSSING,
            A.EXPORT_CROSSING,
            A.VIEW_IMPORT,
            A.CREATE_IMPORT,
            A.VIEW_QUARANTINE,
            A.RETRY_QUARANTINE,
            A.VIEW_REGISTRY,
            A.MANAGE_REGISTRY,
            A.DECIDE_LINK,
            A.VIEW_ACCESS_LOG,
            A.MANAGE_USERS,
            A.VIEW_ALERT_REASON,
            A.MANAGE_ALERT,
            A.IMPORT_PASSENGER_LIST,
            *_SCREENING_DESK,
        }
    ),
}


def role_allows(role: str, action: str) -> bool:
    """Whether ``role`` includes ``action``."""
    return action in ROLE_ACTIONS.get(role, frozenset())
