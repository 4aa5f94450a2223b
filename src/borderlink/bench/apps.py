"""Django app configuration for ``borderlink.bench``."""

from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Registers the ``bench`` app."""

    name = "borderlink.bench"
    label = "bench"
    default_auto_field = "django.db.models.BigAutoField"
