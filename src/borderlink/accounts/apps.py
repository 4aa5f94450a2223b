"""Django app configuration for ``borderlink.accounts``."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Registers the ``accounts`` app."""

    name = "borderlink.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
