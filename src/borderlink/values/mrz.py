"""ICAO Doc 9303 machine-readable zones: parsing and check digits.

Formats: TD1 (ID cards, 3 lines of 30), TD2 (2 of 36), TD3 (passports, 2 of 44), MRV-A (visas, 2 of 44)
and MRV-B (visas, 2 of 36). :func:`parse_mrz` separates two kinds of trouble:

* an MRZ that cannot be read at all (wrong number of lines or lengths, a character outside
  ``A-Z0-9<``, an unknown document code) raises :class:`MrzFormatError` naming the line and position;
* a readable MRZ with failing check digits or impossible values comes back as a :class:`Mrz` whose
  ``checks`` say which digit failed and whose ``problems`` name the bad values (``birth_date: month 13``).
  One bad field never stops the others from being read.

``parse_mrz`` runs once per row in bulk ingest: character values come from translation tables built
at import (one per weight), so a check-digit sum is a few C-level passes over bytes, and the possible
check results are built once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import cycle
from operator import mul
from typing import Any, Literal

from borderlink.values.countries import is_state_code
from borderlink.values.dates import PartialDate, mrz_year

__all__ = ["Check", "Mrz", "MrzFormat", "MrzFormatError", "check_digit", "mrz_to_dict", "parse_mrz"]

MrzFormat = Literal["TD1", "TD2", "TD3", "MRVA", "MRVB"]

_FILLER = "<"
_INVALID = 255

# Character values for check digits: 0-9 -> 0-9, A-Z -> 10-35, < -> 0; anything else is marked invalid.
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _translation(weight: int, other: int) -> bytes:
    table = bytearray([other]) * 256
    for value, char in enumerate(_ALPHABET):
        table[ord(char)] = value * weight
    table[ord(_FILLER)] = 0
    return bytes(table)


_VALUES = _translation(1, _INVALID)
# The same values already multiplied by each weight (35 * 7 still fits in a byte): parse_mrz translates
# a line once per weight and adds up every third byte, instead of multiplying character by character.
_TIMES_7, _TIMES_3, _TIMES_1 = (_translation(weight, 0) for weight in (7, 3, 1))

_DIGITS = tuple("0123456789")
_CHECKED_FIELDS = ("document_number", "birth_date", "expiry_date", "optional_data", "composite")

_MRZ_CHARACTERS = re.compile(r"[A-Z0-9<]*")

_SEX = {"M": "M", "F": "F", "X": "X", _FILLER: "X"}


def check_digit(text: str) -> int:
    """Return the ICAO 9303 check digit of a string: weights 7-3-1, ``A``-``Z`` = 10-35, ``<`` = 0.

    Raises ``ValueError`` for a character outside ``0-9``, ``A-Z`` and ``<`` (lower case included).
    """
    try:
        values = text.encode("ascii").translate(_VALUES)
    except UnicodeEncodeError:
        values = bytes([_INVALID])
    if _INVALID in values:
        bad = next(char for char in text if not char.isascii() or _VALUES[ord(char)] == _INVALID)
        raise ValueError(f"{bad!r} is not an MRZ character (expected 0-9, A-Z or <)")
    return sum(map(mul, values, cycle((7, 3, 1)))) % 10


class MrzFormatError(ValueError):
    """An MRZ that cannot be read: wrong lines or lengths, a bad character, an unknown document code.

    ``line`` and ``position`` (both counted from 1) say where, when one place is to blame.
    """

    def __init__(self, message: str, *, line: int | None = None, position: int | None = None) -> None:
        """Keep the message and where the trouble is."""
        super().__init__(message)
        self.line = line
        self.position = position


@dataclass(frozen=True, slots=True)
class Check:
    """One check digit: the field it covers, the digit printed, the digit computed and whether they agree."""

    field: str
    printed: str
    computed: str
    ok: bool


@dataclass(frozen=True)
class Mrz:
    """The fields of a machine-readable zone, its check-digit results and the problems found in its values.

    Codes are as printed with fillers stripped (``D<<`` gives ``D``); use
    :func:`borderlink.values.countries.state_code` for the code to store.
    """

    format: MrzFormat
    document_code: str
    issuing_state: str
    primary_identifier: str
    secondary_identifier: str
    document_number: str
    nationality: str
    birth_date: PartialDate | None
    sex: str | None
    expiry_date: date | None
    optional_data: str
    checks: tuple[Check, ...]
    problems: tuple[str, ...]
    #: The name fills its whole field, so the issuing state may have cut it short.
    name_may_be_truncated: bool
    lines: tuple[str, ...]

    @property
    def valid(self) -> bool:
        """Tell whether every check digit agrees."""
        return all(check.ok for check in self.checks)

    @property
    def failed_checks(self) -> tuple[str, ...]:
        """Return the fields whose check digit failed, in MRZ order."""
        return tuple(check.field for check in self.checks if not check.ok)


# --- reading the lines -------------------------------------------------------------------------------

_SINGLE_STRING_SPLITS = {90: 30, 88: 44, 72: 36}
_DESCRIPTIONS = {30: "a TD1 MRZ", 36: "a TD2 or MRV-B MRZ", 44: "a TD3 or MRV-A MRZ"}
_LINE_COUNTS = {30: 3, 36: 2, 44: 2}


def _split(data: str | Sequence[str]) -> list[str]:
    if isinstance(data, str):
        # Exports join lines with "|"; a stray separator at either end is not a line.
        text = data.strip().strip("|").strip()
        if "|" in text or "\n" in text or "\r" in text:
            return [part.strip() for part in text.replace("|", "\n").splitlines()]
        width = _SINGLE_STRING_SPLITS.get(len(text))
        if width is not None:
            return [text[start : start + width] for start in range(0, len(text), width)]
        return [text]
    lines = list(data)
    for number, line in enumerate(lines, 1):
        if not isinstance(line, str):
            raise MrzFormatError(f"line {number}: expected text, got {type(line).__name__}", line=number)
    if len(lines) == 1:
        return _split(lines[0])
    return [line.strip() for line in lines]


def _bad_character(line: str, number: int) -> MrzFormatError:
    position, char = next(
        (position, char) for position, char in enumerate(line, 1) if not _MRZ_CHARACTERS.fullmatch(char)
    )
    if "a" <= char <= "z":
        reason = f"lower-case {char!r} (an MRZ is upper case)"
    else:
        reason = f"{char!r} is not an MRZ character (A-Z, 0-9 or <)"
    return MrzFormatError(f"line {number}, position {position}: {reason}", line=number, position=position)


def _shape(lines: list[str]) -> MrzFormat:
    """Check the number, lengths and characters of the lines, and tell the format from the document code."""
    if not lines or lines == [""]:
        raise MrzFormatError("empty MRZ: no lines", line=1)
    width = len(lines[0])
    if width not in _LINE_COUNTS:
        if len(lines) == 1:
            message = (
                f"line 1: expected 30, 36 or 44 characters (or 72, 88 or 90 for a whole MRZ on one line), got {width}"
            )
        else:
            others = [len(line) for line in lines[1:] if len(line) in _LINE_COUNTS]
            expected = str(others[0]) if others else "30, 36 or 44"
            message = f"line 1: expected {expected} characters, got {width}"
        raise MrzFormatError(message, line=1)
    count = _LINE_COUNTS[width]
    if len(lines) < count:
        missing = len(lines) + 1
        raise MrzFormatError(
            f"line {missing} is missing: {_DESCRIPTIONS[width]} has {count} lines of {width} characters",
            line=missing,
        )
    # Lines are checked before their number, so that an empty line in the middle is named as such.
    for number, line in enumerate(lines[:count], 1):
        if len(line) != width:
            raise MrzFormatError(f"line {number}: expected {width} characters, got {len(line)}", line=number)
        if not _MRZ_CHARACTERS.fullmatch(line):
            raise _bad_character(line, number)
    if len(lines) > count:
        raise MrzFormatError(
            f"line {count + 1} is one too many: {_DESCRIPTIONS[width]} has {count} lines of {width} characters",
            line=count + 1,
        )
    first, second = lines[0][0], lines[0][1]
    if second.isdigit():
        raise MrzFormatError(
            f"line 1, position 2: document code {lines[0][:2]!r} has a digit (expected A-Z or <)",
            line=1,
            position=2,
        )
    if width == 44:
        if first == "P":
            return "TD3"
        if first == "V":
            return "MRVA"
        expected_codes = "P (passport) or V (visa)"
    elif width == 36:
        if first in "IAC":
            return "TD2"
        if first == "V":
            return "MRVB"
        expected_codes = "I, A or C (official travel document) or V (visa)"
    else:
        if first in "IAC":
            return "TD1"
        expected_codes = "I, A or C"
    raise MrzFormatError(
        f"line 1, position 1: unknown document code {lines[0][:2]!r} for {_DESCRIPTIONS[width]} "
        f"(expected {expected_codes})",
        line=1,
        position=1,
    )


# --- fields ------------------------------------------------------------------------------------------

# Every Check a digit position can produce, built once: a parse picks them instead of building five objects.
_CHECKS: dict[str, dict[str, tuple[Check, ...]]] = {
    field: {
        printed: tuple(Check(field, printed, computed, printed == computed) for computed in _DIGITS)
        for printed in (*_DIGITS, _FILLER)
    }
    for field in _CHECKED_FIELDS
}


_EMPTY_OPTIONAL_DATA = Check("optional_data", _FILLER, "0", True)


def _check(field: str, printed: str, total: int) -> Check:
    known = _CHECKS[field].get(printed)
    if known is not None:
        return known[total % 10]
    # A letter where a digit belongs (an OCR slip such as O for 0) never matches.
    return Check(field, printed, _DIGITS[total % 10], False)


def _weighted(line: str) -> tuple[bytes, bytes, bytes, bytes, bytes]:
    """Return the line's character values times 7, 3 and 1, then 7 and 3 again for rotating by phase."""
    encoded = line.encode("ascii")
    by_7, by_3, by_1 = encoded.translate(_TIMES_7), encoded.translate(_TIMES_3), encoded.translate(_TIMES_1)
    return by_7, by_3, by_1, by_7, by_3


def _sum(weighted: tuple[bytes, ...], start: int, stop: int, phase: int = 0) -> int:
    """Return the 7-3-1 weighted sum of ``line[start:stop]``, starting with weight ``(7, 3, 1)[phase]``."""
    return (
        sum(weighted[phase][start:stop:3])
        + sum(weighted[phase + 1][start + 1 : stop : 3])
        + sum(weighted[phase + 2][start + 2 : stop : 3])
    )


def _names(field: str) -> tuple[str, str]:
    # The primary and secondary identifiers are separated by the first "<<"; without one the name
    # was truncated inside the primary identifier and there is no secondary identifier to read.
    primary, _, secondary = field.partition("<<")
    return " ".join(primary.replace(_FILLER, " ").split()), " ".join(secondary.replace(_FILLER, " ").split())


def _birth_date(raw: str, today: date, problems: list[str]) -> PartialDate | None:
    """Read YYMMDD with unknown parts as fillers (``85<<<<``, ``8506<<``); a bad value becomes a problem."""
    head, middle, tail = raw[0:2], raw[2:4], raw[4:6]
    try:
        if raw.isdigit():
            month, day = int(middle), int(tail)
            return PartialDate(mrz_year(int(head), "birth", today, month=month, day=day), month, day)
        if head.isdigit() and tail == "<<":
            if middle == "<<":
                return PartialDate(mrz_year(int(head), "birth", today))
            if middle.isdigit():
                month = int(middle)
                return PartialDate(mrz_year(int(head), "birth", today, month=month), month)
        if head.isdigit() and middle == "<<" and tail.isdigit():
            # Refused by PartialDate: a day without a month.
            return PartialDate(mrz_year(int(head), "birth", today), None, int(tail))
    except ValueError as exc:
        problems.append(f"birth_date: {exc}")
        return None
    if raw != "<<<<<<":
        problems.append(f"birth_date: {raw!r} is not a date (YYMMDD, unknown parts as <)")
    return None


def _expiry_date(raw: str, today: date, problems: list[str]) -> date | None:
    if raw.isdigit():
        year, month, day = mrz_year(int(raw[0:2]), "expiry", today), int(raw[2:4]), int(raw[4:6])
        try:
            return date(year, month, day)
        except ValueError:
            # PartialDate words the reason better than datetime ("month 13 is outside 1-12").
            try:
                PartialDate(year, month, day)
            except ValueError as exc:
                problems.append(f"expiry_date: {exc}")
            return None
    if raw != "<<<<<<":
        problems.append(f"expiry_date: {raw!r} is not a date (YYMMDD)")
    return None


def _document_number(
    field: str, printed: str, field_total: int, optional: str, overflow: bool
) -> tuple[str, Check, str]:
    """Return the document number, its check and the optional data left once any overflow is taken out."""
    if printed == _FILLER and overflow:
        # ICAO 9303: a number longer than 9 characters continues at the start of the optional data,
        # ending with its check digit, and "<" stands where the check digit would be.
        extension = optional.partition(_FILLER)[0]
        if extension:
            number = field + extension[:-1]
            check = _check("document_number", extension[-1], check_digit(number))
            return number, check, optional[len(extension) :].strip(_FILLER)
    return field.rstrip(_FILLER), _check("document_number", printed, field_total), optional.strip(_FILLER)


def _finish(
    fmt: MrzFormat,
    lines: list[str],
    name: str,
    number: str,
    checks: tuple[Check, ...],
    optional_data: str,
    fields: str,
    today: date,
) -> Mrz:
    """Read the fields no check digit needs and build the Mrz.

    ``fields`` is the 18 characters from the birth date to the nationality in TD1 order
    (birth date, its digit, sex, expiry date, its digit, nationality).
    """
    problems: list[str] = []
    issuing_state, nationality = lines[0][2:5].rstrip(_FILLER), fields[15:18].rstrip(_FILLER)
    birth_date = _birth_date(fields[0:6], today, problems)
    sex = _SEX.get(fields[7])
    if sex is None:
        problems.append(f"sex: {fields[7]!r} is not M, F, X or <")
    expiry_date = _expiry_date(fields[8:14], today, problems)
    if not is_state_code(issuing_state):
        problems.append(f"issuing_state: unknown code {issuing_state!r}")
    if not is_state_code(nationality):
        problems.append(f"nationality: unknown code {nationality!r}")
    primary, secondary = _names(name)
    # Mrz(...) would set the 15 fields of the frozen dataclass one object.__setattr__ call at a time,
    # a tenth of a whole parse; filling the new instance's __dict__ in one call gives the same object.
    mrz = object.__new__(Mrz)
    mrz.__dict__.update(
        format=fmt,
        document_code=lines[0][0:2].rstrip(_FILLER),
        issuing_state=issuing_state,
        primary_identifier=primary,
        secondary_identifier=secondary,
        document_number=number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
        checks=checks,
        problems=tuple(problems),
        name_may_be_truncated=name[-1] != _FILLER,
        lines=tuple(lines),
    )
    return mrz


def _parse_two_lines(fmt: MrzFormat, lines: list[str], today: date) -> Mrz:
    top, bottom = lines
    width = len(bottom)
    weighted = _weighted(bottom)
    visa = fmt == "MRVA" or fmt == "MRVB"
    # TD3 ends with an optional-data check digit and a composite digit, TD2 with a composite;
    # visas have neither, so their optional data runs to the end of the line.
    optional_end = width if visa else (42 if fmt == "TD3" else 35)
    optional = bottom[28:optional_end]

    number, document_check, optional_data = _document_number(
        bottom[0:9], bottom[9], _sum(weighted, 0, 9), optional, overflow=not visa
    )
    checks = [
        document_check,
        _check("birth_date", bottom[19], _sum(weighted, 13, 19)),
        _check("expiry_date", bottom[27], _sum(weighted, 21, 27)),
    ]
    if fmt == "TD3":
        printed = bottom[42]
        if printed == _FILLER and not optional.strip(_FILLER):
            # An empty personal-number field may carry "<" as its check digit (German passports).
            checks.append(_EMPTY_OPTIONAL_DATA)
        else:
            checks.append(_check("optional_data", printed, _sum(weighted, 28, 42)))
    if not visa:
        # The composite runs over the document number, birth date and expiry-to-end fields with their
        # check digits as one string: each piece is weighted from where it starts in that string.
        composite = _sum(weighted, 0, 10) + _sum(weighted, 13, 20, 1) + _sum(weighted, 21, width - 1, 2)
        checks.append(_check("composite", bottom[width - 1], composite))
    fields = bottom[13:28] + bottom[10:13]
    return _finish(fmt, lines, top[5:], number, tuple(checks), optional_data, fields, today)


def _parse_td1(lines: list[str], today: date) -> Mrz:
    top, middle, bottom = lines
    top_weighted, middle_weighted = _weighted(top), _weighted(middle)
    number, document_check, optional_top = _document_number(
        top[5:14], top[14], _sum(top_weighted, 5, 14), top[15:30], overflow=True
    )
    # The composite runs over line 1 from the document number on (25 characters), then line 2's
    # birth date, expiry date and optional data with their check digits, as one string.
    composite = (
        _sum(top_weighted, 5, 30)
        + _sum(middle_weighted, 0, 7, 1)
        + _sum(middle_weighted, 8, 15, 2)
        + _sum(middle_weighted, 18, 29, 0)
    )
    checks = (
        document_check,
        _check("birth_date", middle[6], _sum(middle_weighted, 0, 6)),
        _check("expiry_date", middle[14], _sum(middle_weighted, 8, 14)),
        _check("composite", middle[29], composite),
    )
    optional_bottom = middle[18:29].strip(_FILLER)
    if optional_top and optional_bottom:
        optional_data = f"{optional_top} {optional_bottom}"
    else:
        optional_data = optional_top or optional_bottom
    return _finish("TD1", lines, bottom, number, checks, optional_data, middle[0:18], today)


def parse_mrz(data: str | Sequence[str], *, today: date | None = None) -> Mrz:
    """Read a machine-readable zone and verify its check digits.

    ``data`` is a list of lines, one string with lines separated by newlines or ``|``, or the whole
    MRZ as one string of 90 (TD1), 72 (TD2, MRV-B) or 88 (TD3, MRV-A) characters. Whitespace around
    the MRZ and around each line is ignored; lower case is refused, since the MRZ character set is
    upper case and an OCR or export that lower-cases has changed the data.

    ``today`` (default: the current date) decides the century of two-digit years: a birth date is in
    the current century unless that is in the future, an expiry date always in the current century.

    Raises :class:`MrzFormatError` when the input is not a readable MRZ. Check-digit failures and
    impossible values (month 13, an unknown state code) do not raise: they are in ``checks`` and
    ``problems`` of the result.
    """
    lines = _split(data)
    fmt = _shape(lines)
    when = date.today() if today is None else today
    if fmt == "TD1":
        return _parse_td1(lines, when)
    return _parse_two_lines(fmt, lines, when)


def mrz_to_dict(m: Mrz) -> dict[str, Any]:
    """Return the MRZ as a JSON-ready dict: dates as ISO 8601 strings, checks as a list of objects."""
    return {
        "format": m.format,
        "document_code": m.document_code,
        "issuing_state": m.issuing_state,
        "primary_identifier": m.primary_identifier,
        "secondary_identifier": m.secondary_identifier,
        "name_may_be_truncated": m.name_may_be_truncated,
        "document_number": m.document_number,
        "nationality": m.nationality,
        "birth_date": None if m.birth_date is None else str(m.birth_date),
        "sex": m.sex,
        "expiry_date": None if m.expiry_date is None else m.expiry_date.isoformat(),
        "optional_data": m.optional_data,
        "valid": m.valid,
        "checks": [
            {"field": check.field, "printed": check.printed, "computed": check.computed, "ok": check.ok}
            for check in m.checks
        ],
        "problems": list(m.problems),
        "lines": list(m.lines),
    }
