"""Django app configuration for ``borderlink.registry``."""

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """Registers the ``registry`` app."""

    name = "borderlink.registry"
    label = "registry"
    default_auto_field = "django.db.models.BigAutoField"
