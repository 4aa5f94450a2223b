"""Django app configuration for ``borderlink.synth``."""

from django.apps import AppConfig


class SynthConfig(AppConfig):
    """Registers the ``synth`` app."""

    name = "borderlink.synth"
    label = "synth"
    default_auto_field = "django.db.models.BigAutoField"
