"""Django app configuration for ``borderlink.ingest``."""

from django.apps import AppConfig


class IngestConfig(AppConfig):
    """Registers the ``ingest`` app."""

    name = "borderlink.ingest"
    label = "ingest"
    default_auto_field = "django.db.models.BigAutoField"
