"""Persons and the link decisions that make them: kept apart from the crossing records.

A crossing is never changed by linking. Each decision says which person a crossing belongs to, why
(model version, probability, the weight of each field) and who decided; the current decision of a
crossing is the one not yet superseded. A person is nothing but the crossings currently linked to it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    """One traveller as the node believes: a cluster of crossings."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"person {self.pk}"


class LinkDecision(models.Model):
    """Why a crossing belongs to a person: the automatic score and its explanation, or a person's decision."""

    class Kind(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatic")
        CONFIRM = "confirm", _("Confirmed by an analyst")
        SPLIT = "split", _("Split by an analyst")
        MERGE = "merge", _("Merged by an analyst")

    crossing = models.ForeignKey("crossings.Crossing", on_delete=models.CASCADE, related_name="link_decisions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=9, choices=Kind.choices, default=Kind.AUTOMATIC)
    current = models.BooleanField(_("current"), default=True)
    probability = models.FloatField(_("match probability"), null=True, blank=True)
    weight = models.FloatField(_("match weight (bits)"), null=True, blank=True)
    matched_crossing = models.ForeignKey(
        "crossings.Crossing", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("The already linked crossing this one was scored against."),
    )  # fmt: skip
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    model_version = models.CharField(_("model version"), max_length=60, blank=True)
    needs_review = models.BooleanField(_("needs review"), default=False)
    shared_document = models.BooleanField(
        _("shared document"), default=False, help_text=_("A document also used by a different person.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "current"], name="link_person_current")]
        constraints = [
            models.UniqueConstraint(
                fields=["crossing"], condition=models.Q(current=True), name="identity_one_current_link"
            )
        ]

    def __str__(self) -> str:
        return f"crossing {self.crossing_id} -> person {self.person_id} ({self.kind})"


class DistinctPair(models.Model):
    """An analyst's "not the same person": these two crossings must never be linked to one person."""

    first = models.ForeignKey("crossings.Crossing", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("crossings.Crossing", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="identity_distinct_pair")]

    def __str__(self) -> str:
        return f"{self.first_id} is not {self.second_id}"
