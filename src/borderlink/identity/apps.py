"""Django app configuration for ``borderlink.identity``."""

from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Registers the ``identity`` app."""

    name = "borderlink.identity"
    label = "identity"
    default_auto_field = "django.db.models.BigAutoField"
