"""Forms of the screening pages: they parse what a user typed; the rules are in ``alerts`` and ``hits``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borderlink.screening.alerts import AlertError, AlertInput
from borderlink.screening.choices import AlertType, HitStatus
from borderlink.screening.models import Alert

__all__ = [
    "ALERT_STATUSES",
    "AlertFilterForm",
    "AlertForm",
    "ExtendForm",
    "HitFilterForm",
    "HitStatusForm",
    "WithdrawForm",
]

ALERT_STATUSES = [
    ("active", _("Active")),
    ("lapsed", _("Lapsed (review date passed)")),
    ("withdrawn", _("Withdrawn")),
]
QUEUES = [("border", _("Hits at our border")), ("focal", _("Hits on our alerts"))]
HIT_FILTERS = [("open", _("Open")), ("overdue", _("Overdue")), *HitStatus.choices]
SEX_CHOICES = [("", "—"), ("F", _("Female")), ("M", _("Male")), ("X", _("Unspecified (X)"))]


def _any(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("any")), *choices]


class AlertFilterForm(forms.Form):
    """The filters of the alert list: type, status, and a name or document to look for."""

    q = forms.CharField(label=_("Name or document"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=_any(AlertType.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(ALERT_STATUSES))

    def values(self) -> dict[str, str]:
        """The filters given, empty ones left out (an invalid filter counts as not given)."""
        if not self.is_valid():
            return {}
        return {name: str(value).strip() for name, value in self.cleaned_data.items() if str(value).strip()}


class AlertForm(forms.Form):
    """An alert's values as the issuing state's focal point types them; ``alert_ref`` only when creating."""

    alert_ref = forms.CharField(
        label=_("Alert reference"), max_length=60, help_text=_("Your state's own reference for this alert.")
    )
    type = forms.ChoiceField(label=_("Type"), choices=AlertType.choices)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=200)
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    native_name = forms.CharField(
        label=_("Name in native script"), required=False, max_length=200, help_text=_("As written in its own script.")
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=SEX_CHOICES)
    birth_date = forms.CharField(
        label=_("Birth date"), required=False, max_length=10, help_text=_("YYYY-MM-DD; YYYY-MM or YYYY if partial.")
    )
    nationality = forms.CharField(label=_("Nationality (alpha-3)"), required=False, max_length=3)
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=40)
    document_issuing_state = forms.CharField(label=_("Document issuing state (alpha-3)"), required=False, max_length=3)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the alert is issued. Border officers do not see it."),
    )
    action = forms.CharField(
        label=_("Action on a hit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the officer must do; empty: the standard action for the type."),
    )
    notify = forms.CharField(
        label=_("Who must be told"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E-mail addresses, one per line, beside your state's focal points."),
    )
    review_date = forms.DateField(label=_("Review date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, creating: bool = True, **kwargs: Any) -> None:
        """Build the form; an edit form has no reference field (a reference never changes)."""
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["alert_ref"]

    @staticmethod
    def initial_of(alert: Alert) -> dict[str, Any]:
        """The form's starting values for an existing alert."""
        return {name: getattr(alert, name) for name in AlertInput.__dataclass_fields__}

    def to_input(self) -> AlertInput:
        """The cleaned values as the alert services take them (may raise :class:`AlertError`)."""
        return AlertInput.from_mapping(self.cleaned_data)

    def add_alert_error(self, error: AlertError) -> Alert | None:
        """Show a refusal of the services next to its field; returns the existing alert of a duplicate."""
        field = error.field if error.field in self.fields else None
        self.add_error(field, str(error))
        return error.existing


class ExtendForm(forms.Form):
    """A new review date for an alert."""

    review_date = forms.DateField(label=_("New review date"), widget=forms.DateInput(attrs={"type": "date"}))


class WithdrawForm(forms.Form):
    """Why an alert is withdrawn (required)."""

    reason = forms.CharField(label=_("Why it is withdrawn"), max_length=2000)


class HitFilterForm(forms.Form):
    """The hit queue's filters: which queue, status (or open, overdue) and alert type."""

    queue = forms.ChoiceField(label=_("Queue"), required=False, choices=QUEUES)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(HIT_FILTERS))
    type = forms.ChoiceField(label=_("Alert type"), required=False, choices=_any(AlertType.choices))

    def values(self) -> dict[str, str]:
        """The filters given, empty ones left out (an invalid filter counts as not given)."""
        if not self.is_valid():
            return {}
        return {name: str(value) for name, value in self.cleaned_data.items() if value}


class HitStatusForm(forms.Form):
    """A hit's next status and a note; which moves are allowed is for ``hits.change_status`` to say."""

    status = forms.ChoiceField(label=_("New status"), choices=HitStatus.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for “not the person”: say what differed."),
    )

    def __init__(self, *args: Any, allowed: frozenset[str] | None = None, **kwargs: Any) -> None:
        """Build the form; ``allowed`` limits the statuses offered (a posted status is checked by the service)."""
        super().__init__(*args, **kwargs)
        if allowed is not None:
            field = self.fields["status"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(value, label) for value, label in HitStatus.choices if value in allowed]
