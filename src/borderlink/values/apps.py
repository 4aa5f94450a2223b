"""Django app configuration for ``borderlink.values``."""

from django.apps import AppConfig


class ValuesConfig(AppConfig):
    """Registers the ``values`` app."""

    name = "borderlink.values"
    label = "values"
    default_auto_field = "django.db.models.BigAutoField"
