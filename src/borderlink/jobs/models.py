"""Background jobs: the database is the queue (no broker).

A worker claims a queued row with a conditional ``UPDATE`` so two workers never run the same job.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One unit of background work, with its payload, status and outcome."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=60)
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(_("status"), max_length=7, choices=Status.choices, default=Status.QUEUED)
    run_after = models.DateTimeField(_("run after"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "run_after"], name="job_ready")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
