"""Travel documents of synthetic persons: numbers in each issuer's shape, expiry dates and TD3 MRZs."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from borderlink.synth.names import strip_diacritics
from borderlink.values.mrz import check_digit

PASSPORT = "passport"
BORDER_PASS = "border_pass"
ID_CARD = "id_card"

_NOT_MRZ = re.compile(r"[^A-Z<]")
_FILLERS = "<" * 44
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(slots=True, eq=False)
class Document:
    """A document a person carries: kind, number, issuing state, expiry and when it is in use.

    ``used_from`` and ``used_until`` are minutes from the start of the period: a renewed passport is
    used until the renewal, its successor from then on. :meth:`mrz` gives a passport's two TD3 lines.
    """

    kind: str
    number: str
    issuer: str
    expiry: date
    used_from: int = -(10**9)
    used_until: int = 10**9
    # what td3() needs, for a passport: the MRZ is worked out the first time a record shows it
    mrz_args: tuple[str, str, str, str, str, tuple[int, int, int], str, date] | None = None
    _mrz: tuple[str, str] | None = None
    # expiry as each national format writes it, filled in once by :func:`format_expiry`
    expiry_khm: str = ""
    expiry_tha: str = ""
    expiry_vnm: str = ""

    def mrz(self) -> tuple[str, str] | None:
        """The passport's two MRZ lines (None for other documents)."""
        if self._mrz is None and self.mrz_args is not None:
            issuer, surname, given, number, nationality, birth, sex, expiry = self.mrz_args
            self._mrz = td3(issuer, surname, given, number, nationality, mrz_birth(*birth), sex, expiry)
        return self._mrz


def _digits(rng: random.Random, count: int) -> str:
    return str(rng.randrange(10 ** (count - 1), 10**count))


def passport_number(rng: random.Random, issuer: str) -> str:
    """A passport number in the issuing state's usual shape (9 characters at most)."""
    if issuer == "KHM":
        return "N" + _digits(rng, 8)
    if issuer == "THA":
        return "A" + "ABCDE"[rng.randrange(5)] + _digits(rng, 7)
    if issuer == "VNM":
        return "C" + _digits(rng, 8)
    if issuer == "LAO":
        return "P" + _digits(rng, 7)
    if issuer == "MMR":
        return "MA" + _digits(rng, 7)
    if issuer == "CHN":
        return "E" + _digits(rng, 8)
    if issuer == "IDN":
        return "B" + _digits(rng, 7)
    return "P" + _digits(rng, 7) + _LETTERS[rng.randrange(26)]


def border_pass_number(rng: random.Random, issuer: str) -> str:
    """A border pass number in the issuing state's shape."""
    prefix = {"KHM": "KBP", "THA": "BP", "VNM": "GT", "LAO": "LBP"}.get(issuer, "BP")
    return prefix + _digits(rng, 9 - len(prefix))


def id_card_number(rng: random.Random, issuer: str) -> str:
    """A national identity card number (Thai cards: 13 digits)."""
    return _digits(rng, 13 if issuer == "THA" else 12)


def format_expiry(doc: Document) -> None:
    """Write the document's expiry in the three national date formats."""
    e = doc.expiry
    doc.expiry_khm = f"{e.day:02d}/{e.month:02d}/{e.year}"
    doc.expiry_tha = f"{e.day:02d}/{e.month:02d}/{e.year + 543}"
    doc.expiry_vnm = e.isoformat()


def mrz_name(surname: str, given: str) -> str:
    """The TD3 name field (39 characters): ``SURNAME<<GIVEN<NAMES`` in ``A-Z<``, cut or filled."""

    def clean(text: str) -> str:
        text = strip_diacritics(text).upper().replace(" ", "<").replace("-", "<")
        return _NOT_MRZ.sub("", text)

    field_ = clean(surname) + "<<" + clean(given) if surname else clean(given)
    return (field_ + _FILLERS)[:39]


def mrz_birth(year: int, month: int, day: int) -> str:
    """YYMMDD with ``<`` for an unknown month or day, as ICAO 9303 writes a partial birth date."""
    yy = f"{year % 100:02d}"
    mm = f"{month:02d}" if month else "<<"
    dd = f"{day:02d}" if day and month else "<<"
    return yy + mm + dd


def td3(
    issuer: str, surname: str, given: str, number: str, nationality: str, birth: str, sex: str, expiry: date
) -> tuple[str, str]:
    """The two 44-character lines of a passport MRZ, every check digit right."""
    line1 = "P<" + issuer + mrz_name(surname, given)
    number_field = (number + "<<<<<<<<<")[:9]
    expiry_field = f"{expiry.year % 100:02d}{expiry.month:02d}{expiry.day:02d}"
    sex_field = sex if sex in ("M", "F") else "<"
    personal = "<" * 14
    head = f"{number_field}{check_digit(number_field)}{nationality}"
    birth_part = f"{birth}{check_digit(birth)}"
    expiry_part = f"{expiry_field}{check_digit(expiry_field)}"
    personal_part = personal + "0"
    composite = check_digit(head[:10] + birth_part + expiry_part + personal_part)
    line2 = f"{head}{birth_part}{sex_field}{expiry_part}{personal_part}{composite}"
    return line1, line2


# Positions of the five check digits in TD3 line 2: document number, birth, expiry, personal, composite.
TD3_CHECK_POSITIONS = (9, 19, 27, 42, 43)


def break_check_digit(line2: str, rng: random.Random) -> str:
    """Line 2 with one check digit replaced by another digit, so that check fails."""
    position = TD3_CHECK_POSITIONS[rng.randrange(len(TD3_CHECK_POSITIONS))]
    old = line2[position]
    new = str((int(old) + 1 + rng.randrange(9)) % 10) if old.isdigit() else str(rng.randrange(10))
    return line2[:position] + new + line2[position + 1 :]


def mistype_number(number: str, rng: random.Random) -> str:
    """The document number with one digit typed wrong (for an MRZ that disagrees with the typed field)."""
    positions = [i for i, c in enumerate(number) if c.isdigit()]
    i = positions[rng.randrange(len(positions))]
    return number[:i] + str((int(number[i]) + 1 + rng.randrange(9)) % 10) + number[i + 1 :]
