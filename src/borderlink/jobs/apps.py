"""Django app configuration for ``borderlink.jobs``."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Registers the ``jobs`` app."""

    name = "borderlink.jobs"
    label = "jobs"
    default_auto_field = "django.db.models.BigAutoField"
