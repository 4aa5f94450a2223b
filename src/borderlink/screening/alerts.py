"""The rules of alerts: what a valid alert holds, one alert per person per state and type, and its life.

Pages, the API and the importer all create and change alerts through this module, so the rules hold
whichever way an alert arrives. Every change is screened back over recent crossings by the worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from borderlink.identity.compare import Traveller, normalise_document_number
from borderlink.identity.score import Scorer
from borderlink.jobs.queue import enqueue
from borderlink.screening.choices import PERSON_TYPES, AlertType
from borderlink.screening.models import Alert
from borderlink.values.countries import is_state_code
from borderlink.values.dates import PartialDate

__all__ = ["AlertError", "AlertInput", "create_alert", "extend_alert", "update_alert", "withdraw_alert"]

#: Two alerts of one state and type whose persons score at least this are the same person: refused.
SAME_PERSON = 0.99
FIELDS = (
    "type", "family_name", "given_names", "native_name", "sex", "birth_date", "nationality", "document_number",
    "document_issuing_state", "reason", "action", "notify", "review_date",
)  # fmt: skip


class AlertError(ValueError):
    """An alert that cannot be stored, with the field at fault (``None`` for the whole alert)."""

    def __init__(self, message: str, field: str | None = None, existing: Alert | None = None) -> None:
        """Keep the message, the field and, for a duplicate, the alert that already exists."""
        super().__init__(message)
        self.field = field
        self.existing = existing


@dataclass(frozen=True)
class AlertInput:
    """An alert's values as given (a form, an API body, a CSV row), checked by :func:`validated`."""

    type: str
    reason: str
    review_date: dt.date
    family_name: str = ""
    given_names: str = ""
    native_name: str = ""
    sex: str = ""
    birth_date: str = ""
    nationality: str = ""
    document_number: str = ""
    document_issuing_state: str = ""
    action: str = ""
    notify: str = ""

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> AlertInput:
        """Build from a mapping of field names; missing fields are empty, ``review_date`` may be ISO text."""
        review = values.get("review_date")
        if isinstance(review, str):
            try:
                review = dt.date.fromisoformat(review.strip())
            except ValueError as error:
                raise AlertError(
                    _("review date %(value)r is not an ISO 8601 date (YYYY-MM-DD)") % {"value": review}, "review_date"
                ) from error
        if not isinstance(review, dt.date):
            raise AlertError(_("an alert needs a review date"), "review_date")
        text = {name: str(values.get(name) or "").strip() for name in FIELDS if name != "review_date"}
        return cls(review_date=review, **text)


def validated(data: AlertInput, *, today: dt.date | None = None) -> AlertInput:
    """The input normalised (codes upper case), or an :class:`AlertError` naming the first bad field."""
    kind = data.type.strip().lower()
    if kind not in AlertType.values:
        raise AlertError(
            _("type %(value)r is not one of %(types)s") % {"value": data.type, "types": ", ".join(AlertType.values)},
            "type",
        )
    if not data.reason.strip():
        raise AlertError(_("an alert needs a reason"), "reason")
    if data.review_date < (today or timezone.localdate()):
        raise AlertError(
            _("review date %(date)s is in the past") % {"date": data.review_date.isoformat()}, "review_date"
        )
    sex = data.sex.strip().upper()
    if sex not in ("", "M", "F", "X"):
        raise AlertError(_("sex %(value)r is not M, F or X") % {"value": data.sex}, "sex")
    birth = data.birth_date.strip()
    if birth:
        try:
            parsed = PartialDate.parse(birth)
        except ValueError as error:
            raise AlertError(
                _("birth date %(value)r: %(error)s") % {"value": birth, "error": error}, "birth_date"
            ) from error
        if parsed.year > (today or timezone.localdate()).year:
            raise AlertError(_("birth date %(value)r is in the future") % {"value": birth}, "birth_date")
    codes: dict[str, str] = {}
    for name in ("nationality", "document_issuing_state"):
        code = getattr(data, name).strip().upper()
        if code and not is_state_code(code):
            raise AlertError(
                _("%(field)s %(value)r is not an ISO 3166 or ICAO state code")
                % {"field": name.replace("_", " "), "value": code},
                name,
            )
        codes[name] = code
    number = data.document_number.strip()
    if kind == AlertType.TRAVEL_DOCUMENT:
        if not normalise_document_number(number):
            raise AlertError(_("a travel_document alert needs a document number"), "document_number")
        if not codes["document_issuing_state"]:
            raise AlertError(_("a travel_document alert needs the document's issuing state"), "document_issuing_state")
    elif not (data.family_name.strip() or data.given_names.strip() or data.native_name.strip()):
        raise AlertError(
            _("a %(type)s alert needs a name (family_name, given_names or native_name)") % {"type": kind},
            "family_name",
        )
    for name in ("family_name", "given_names", "native_name", "reason", "action", "notify"):
        value = getattr(data, name)
        if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
            raise AlertError(_("%(field)s holds control characters") % {"field": name}, name)
    return AlertInput(
        type=kind,
        reason=data.reason.strip(),
        review_date=data.review_date,
        family_name=" ".join(data.family_name.upper().split()),
        given_names=" ".join(data.given_names.upper().split()),
        native_name=" ".join(data.native_name.split()),
        sex=sex,
        birth_date=birth,
        nationality=codes["nationality"],
        document_number=number.upper(),
        document_issuing_state=codes["document_issuing_state"],
        action=data.action.strip(),
        notify=data.notify.strip(),
    )


def traveller_of(alert: Alert | AlertInput) -> Traveller:
    """The alert's person as identity resolution compares travellers."""
    birth = PartialDate.parse(alert.birth_date) if alert.birth_date else None
    return Traveller(
        family=alert.family_name,
        given=alert.given_names,
        native=alert.native_name,
        sex=alert.sex or None,
        birth_date=birth,
        nationality=alert.nationality or None,
        document_number=alert.document_number or None,
        document_issuer=alert.document_issuing_state or None,
    )


def existing_alert_for(data: AlertInput, issuing_state: str, exclude: int | None = None) -> Alert | None:
    """The alert of the same state and type already on this person (by document or identity), if any."""
    others = Alert.objects.filter(issuing_state=issuing_state, type=data.type, withdrawn_at__isnull=True)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    key = normalise_document_number(data.document_number)
    if key:
        same_document = others.filter(document_key=key, document_issuing_state=data.document_issuing_state).first()
        if same_document is not None:
            return same_document
    if data.type not in PERSON_TYPES:
        return None
    mine = traveller_of(data)
    query = Q(birth_date=data.birth_date) if data.birth_date else Q(birth_date="")
    if data.family_name:
        query &= Q(family_name=data.family_name) | Q(given_names=data.family_name) | Q(native_name=data.native_name)
    scorer = Scorer()
    for other in others.filter(query)[:200]:
        theirs = traveller_of(other)
        if scorer.score(mine, theirs).probability >= SAME_PERSON:
            return other
    return None


def _refuse_duplicate(data: AlertInput, issuing_state: str, exclude: int | None = None) -> None:
    existing = existing_alert_for(data, issuing_state, exclude)
    if existing is not None:
        raise AlertError(
            _(
                "%(state)s already has an alert of type %(type)s on this person: %(ref)s (%(name)s); "
                "edit or extend that one instead"
            )
            % {"state": issuing_state, "type": data.type, "ref": existing.ref, "name": existing.display_name},
            "document_number" if normalise_document_number(data.document_number) else "family_name",
            existing,
        )


def _apply(alert: Alert, data: AlertInput) -> None:
    for name in FIELDS:
        setattr(alert, name, getattr(data, name))
    alert.document_key = normalise_document_number(data.document_number)


def _changed(alert: Alert) -> None:
    """After any change: the in-process index learns at once, the worker screens the alert back in time."""
    from borderlink.screening.runtime import note_alert_changed

    # Marked at once, not on commit: the index re-reads the alert from the table, as it then stands.
    note_alert_changed(alert.pk)
    enqueue("screening.lookback", {"alert": alert.pk})


def create_alert(data: AlertInput, *, issuing_state: str, ref: str, user: Any = None) -> Alert:
    """Store a new alert after the rules, or raise :class:`AlertError` (a duplicate names the existing one)."""
    clean = validated(data)
    ref = ref.strip()
    if not ref or len(ref) > 60:
        raise AlertError(_("an alert needs a reference of 1 to 60 characters"), "alert_ref")
    if Alert.objects.filter(issuing_state=issuing_state, ref=ref).exists():
        raise AlertError(
            _("alert reference %(ref)s is already used by %(state)s") % {"ref": ref, "state": issuing_state},
            "alert_ref",
        )
    with transaction.atomic():
        _refuse_duplicate(clean, issuing_state)
        alert = Alert(ref=ref, issuing_state=issuing_state, created_by=user if user and user.pk else None)
        _apply(alert, clean)
        alert.save()
        _changed(alert)
    return alert


def update_alert(alert: Alert, data: AlertInput) -> Alert:
    """Change an alert's values under the same rules; a withdrawn alert cannot be changed."""
    if alert.withdrawn_at is not None:
        raise AlertError(_("alert %(ref)s was withdrawn and cannot be changed") % {"ref": alert.ref})
    clean = validated(data)
    with transaction.atomic():
        _refuse_duplicate(clean, alert.issuing_state, exclude=alert.pk)
        _apply(alert, clean)
        alert.save()
        _changed(alert)
    return alert


def extend_alert(alert: Alert, review_date: dt.date) -> Alert:
    """Move the review date later, so that the alert stays in force (a lapsed alert comes back)."""
    if alert.withdrawn_at is not None:
        raise AlertError(_("alert %(ref)s was withdrawn and cannot be extended") % {"ref": alert.ref})
    if review_date <= alert.review_date or review_date < timezone.localdate():
        raise AlertError(
            _("the new review date must be after %(date)s and not in the past")
            % {"date": alert.review_date.isoformat()},
            "review_date",
        )
    with transaction.atomic():
        alert.review_date = review_date
        alert.save(update_fields=["review_date", "updated_at"])
        _changed(alert)
    return alert


def withdraw_alert(alert: Alert, *, user: Any, reason: str) -> int:
    """Withdraw an alert: it hits no more and its open hits are closed. Returns how many hits closed."""
    from borderlink.screening.hits import close_open_hits

    if alert.withdrawn_at is not None:
        raise AlertError(_("alert %(ref)s is already withdrawn") % {"ref": alert.ref})
    if not reason.strip():
        raise AlertError(_("say why the alert is withdrawn"), "reason")
    with transaction.atomic():
        alert.withdrawn_at = timezone.now()
        alert.withdrawn_by = user if user and user.pk else None
        alert.withdrawal_reason = reason.strip()
        alert.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
        # The hit history is read at checkpoints: the withdrawal reason, like the alert's, stays on the alert.
        closed = close_open_hits(alert, user=user, note="alert withdrawn by the issuing state")
        from borderlink.screening.runtime import note_alert_changed

        note_alert_changed(alert.pk)
    return closed
