"""Django app configuration for ``borderlink.screening``."""

from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    """Registers the ``screening`` app: alerts, screening, hits, expected arrivals."""

    name = "borderlink.screening"
    label = "screening"
    default_auto_field = "django.db.models.BigAutoField"
