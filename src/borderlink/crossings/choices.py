"""Code lists of the common border data model (DESIGN.md section 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    """Whether the traveller entered or left the reporting state."""

    ENTRY = "entry", _("Entry")
    EXIT = "exit", _("Exit")


class Sex(models.TextChoices):
    """Sex as written on the record; ``X`` is unspecified or other."""

    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNSPECIFIED = "X", _("Unspecified")


class DocumentType(models.TextChoices):
    """The kind of travel document shown at the crossing."""

    PASSPORT = "passport", _("Passport")
    BORDER_PASS = "border_pass", _("Border pass")
    ID_CARD = "id_card", _("Identity card")
    VISA = "visa", _("Visa")
    OTHER = "other", _("Other")


class Purpose(models.TextChoices):
    """The declared purpose of the journey."""

    TOURISM = "tourism", _("Tourism")
    WORK = "work", _("Work")
    BUSINESS = "business", _("Business")
    FAMILY = "family", _("Family visit")
    STUDY = "study", _("Study")
    TRANSIT = "transit", _("Transit")
    OFFICIAL = "official", _("Official")
    OTHER = "other", _("Other")


class Quality(models.TextChoices):
    """Data-quality findings kept with an accepted record (they never block it)."""

    MRZ_CHECK_DIGIT = "mrz_check_digit", _("An MRZ check digit is wrong")
    MRZ_UNREADABLE = "mrz_unreadable", _("The MRZ could not be read")
    MRZ_MISMATCH = "mrz_mismatch", _("The MRZ disagrees with the typed fields")
    DOCUMENT_EXPIRED = "document_expired", _("The document had expired on the day of crossing")
    COMPANION_NOT_FOUND = "companion_not_found", _("A companion record is not (yet) stored")
    FORMULA_TEXT = "formula_text", _("A free-text field starts like a spreadsheet formula")


ADULT_AGE = 18
