"""The common border data model: one row per crossing event, as the reporting state recorded it.

A crossing keeps the traveller and document exactly as declared on that record; linking records
to persons is the identity app's job and never changes a crossing. Columns are flat (not nested
JSON) so that lists, filters and bulk ingest use plain indexed columns.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from borderlink.accounts.scoping import ScopedQuerySet
from borderlink.crossings.choices import Direction, DocumentType, Purpose, Sex


class PlainJSONField(models.JSONField):
    """A JSON column without SQLite's per-row ``JSON_VALID`` check.

    Bulk ingest writes these columns with ``json.dumps`` only, so the check can never fail, and on
    SQLite it costs a sixth of the insert time of a crossing.
    """

    def db_check(self, connection: Any) -> str | None:
        return None


class CrossingQuerySet(ScopedQuerySet["Crossing"]):
    """Crossing queries; a crossing belongs to its reporting state."""


class Crossing(models.Model):
    """One entry or exit of one traveller at one checkpoint, in the common model (DESIGN.md §3)."""

    uid = models.CharField(_("id"), max_length=200, unique=True, help_text=_("<source>:<source record id>"))
    source = models.CharField(_("source"), max_length=40)
    source_record_id = models.CharField(_("source record id"), max_length=150)
    reporting_state = models.CharField(_("reporting state"), max_length=3)
    checkpoint = models.ForeignKey(
        "registry.Checkpoint",
        on_delete=models.PROTECT,
        related_name="crossings",
        verbose_name=_("checkpoint"),
        # crossing_checkpoint_time starts with the checkpoint and serves every lookup by it; a second
        # index on the checkpoint alone would only cost each stored crossing one more write.
        db_index=False,
    )
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)
    crossed_at = models.DateTimeField(_("crossed at"))
    local_date = models.DateField(_("local date"), help_text=_("The date at the checkpoint when crossing."))

    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    native_name = models.CharField(_("native name"), max_length=200, null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, null=True, blank=True)
    birth_date = models.CharField(_("birth date"), max_length=10, null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=3, null=True, blank=True)
    age_at_crossing = models.PositiveSmallIntegerField(
        _("age at crossing"), null=True, blank=True, help_text=_("The youngest age the birth date allows.")
    )
    is_minor = models.BooleanField(_("minor"), null=True, help_text=_("Under 18 at crossing; empty if unknown."))

    document_type = models.CharField(
        _("document type"), max_length=12, choices=DocumentType.choices, null=True, blank=True
    )
    document_number = models.CharField(_("document number"), max_length=40, null=True, blank=True)
    document_issuing_state = models.CharField(_("issuing state"), max_length=3, null=True, blank=True)
    document_expiry = models.DateField(_("document expiry"), null=True, blank=True)

    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices, null=True, blank=True)
    companions = PlainJSONField(_("companions"), default=list, blank=True)
    vehicle = models.CharField(_("vehicle"), max_length=200, null=True, blank=True)
    sponsor = models.CharField(_("sponsor"), max_length=300, null=True, blank=True)
    visa = PlainJSONField(_("visa"), null=True, blank=True)
    quality = PlainJSONField(_("quality findings"), default=list, blank=True)

    search_text = models.TextField(
        _("search text"),
        blank=True,
        help_text=_("Every name form and the document number, folded for search."),
    )
    raw = models.TextField(_("raw source record"))
    raw_position = models.PositiveIntegerField(_("position in file"))
    # Indexed: the worker screens and links each run's crossings right after the import, and without an
    # index each of those jobs read the whole table. A run's rows share one id, the newest run's, so the
    # index grows at its end and costs bulk ingest little (docs/decisions/0002).
    import_run = models.ForeignKey(
        "ingest.ImportRun",
        on_delete=models.PROTECT,
        related_name="crossings",
        null=True,
        blank=True,
    )
    content_hash = models.CharField(max_length=32)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("first stored"))
    updated_at = models.DateTimeField(_("last changed"))

    objects = CrossingQuerySet.as_manager()

    class Meta:
        ordering = ["-crossed_at", "-id"]
        indexes = [
            models.Index(fields=["reporting_state", "crossed_at"], name="crossing_state_time"),
            models.Index(fields=["crossed_at"], name="crossing_time"),
            models.Index(fields=["checkpoint", "crossed_at"], name="crossing_checkpoint_time"),
            models.Index(fields=["document_number"], name="crossing_document"),
        ]

    def __str__(self) -> str:
        return self.uid


class CrossingVersion(models.Model):
    """A previous version of a crossing, kept when the source re-sends it with changed content."""

    crossing = models.ForeignKey(Crossing, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    record = models.JSONField(help_text=_("The common-model JSON of that version."))
    raw = models.TextField()
    import_run = models.ForeignKey("ingest.ImportRun", on_delete=models.PROTECT, null=True, related_name="+")
    stored_at = models.DateTimeField(help_text=_("When that version was first stored."))
    replaced_at = models.DateTimeField()

    class Meta:
        ordering = ["crossing", "-version"]
        constraints = [models.UniqueConstraint(fields=["crossing", "version"], name="crossings_version_unique")]

    def __str__(self) -> str:
        return f"{self.crossing_id} v{self.version}"
