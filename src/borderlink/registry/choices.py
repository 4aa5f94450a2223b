"""Code lists of the registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckpointKind(models.TextChoices):
    """How travellers cross at a checkpoint."""

    LAND = "land", _("Land")
    AIR = "air", _("Air")
    SEA = "sea", _("Sea")
    RIVER = "river", _("River")
