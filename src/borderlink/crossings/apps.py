"""Django app configuration for ``borderlink.crossings``."""

from django.apps import AppConfig


class CrossingsConfig(AppConfig):
    """Registers the ``crossings`` app."""

    name = "borderlink.crossings"
    label = "crossings"
    default_auto_field = "django.db.models.BigAutoField"
