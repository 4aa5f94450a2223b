"""Import runs (who imported which file, when, with what result) and the quarantine of rejected rows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from borderlink.accounts.scoping import ScopedQuerySet


class ImportRunQuerySet(ScopedQuerySet["ImportRun"]):
    """Import-run queries; a run belongs to the reporting state of its file."""


class ImportRun(models.Model):
    """One national file taken through a mapping into the common model."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused: nothing stored")
        FAILED = "failed", _("Failed: nothing stored")

    class Channel(models.TextChoices):
        CLI = "cli", _("Command line")
        WEB = "web", _("Upload page")
        API = "api", _("API")

    source = models.CharField(_("source"), max_length=40)
    reporting_state = models.CharField(_("reporting state"), max_length=3)
    mapping_sha256 = models.CharField(_("mapping hash"), max_length=64)
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("file hash (SHA-256)"), max_length=64, db_index=True)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"))
    stored_path = models.CharField(_("kept copy"), max_length=500, blank=True)
    channel = models.CharField(_("channel"), max_length=3, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invoked_by = models.CharField(_("invoked by"), max_length=150)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("error"), blank=True)
    read = models.PositiveIntegerField(default=0)
    stored = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    quarantined = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} {self.file_name} ({self.status})"

    @property
    def exit_status(self) -> int:
        """The ``borderlink ingest`` exit status this run stands for (DESIGN.md section 4)."""
        if self.status in (self.Status.REFUSED, self.Status.FAILED):
            return 2
        return 3 if self.quarantined else 0

    def counts(self) -> dict[str, int]:
        """The disjoint counts of the run."""
        return {
            "read": self.read,
            "stored": self.stored,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "quarantined": self.quarantined,
        }

    def summary_dict(self) -> dict[str, Any]:
        """A JSON-ready summary for ``--json`` and the API."""
        return {
            "import_run": self.pk,
            "source": self.source,
            "file": self.file_name,
            "sha256": self.file_sha256,
            "status": self.status,
            "error": self.error or None,
            **self.counts(),
        }


class QuarantineQuerySet(ScopedQuerySet["QuarantinedRecord"]):
    """Quarantine queries; a row belongs to the reporting state of its import."""

    state_field = "import_run__reporting_state"


class QuarantinedRecord(models.Model):
    """A row that could not be stored, kept with its raw text, position, field and reason."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Stored after retry")
        DISCARDED = "discarded", _("Discarded")

    import_run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="quarantine")
    source = models.CharField(_("source"), max_length=40)
    file_name = models.CharField(_("file"), max_length=255)
    position = models.PositiveIntegerField(_("position"), help_text=_("CSV/JSON Lines: line; XML: record number."))
    record_id = models.CharField(_("record id"), max_length=200, blank=True)
    field = models.CharField(_("field"), max_length=100, blank=True)
    reason = models.CharField(_("reason"), max_length=40, db_index=True)
    detail = models.TextField(_("detail"))
    raw = models.TextField(_("raw text"))
    raw_truncated = models.BooleanField(default=False)
    raw_sha256 = models.CharField(max_length=64, db_index=True, help_text=_("To recognise a row sent again."))
    context = models.TextField(
        _("context"), blank=True, help_text=_("What retrying needs beside the row (a CSV header).")
    )
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.OPEN)
    resolved_crossing = models.ForeignKey(
        "crossings.Crossing", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuarantineQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "position"]

    def __str__(self) -> str:
        return f"{self.file_name}:{self.position} {self.reason}"
