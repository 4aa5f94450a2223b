"""Value converters of the mapping language, each compiled once per file into a fast function.

A converter takes the trimmed text of a field and returns the common-model value, or raises
:class:`FieldError` naming the reason. Pure converters are memoised per file: border exports
repeat the same dates, codes and countries on thousands of rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from borderlink.values.countries import UnknownStateCode, state_code
from borderlink.values.dates import PartialDate
from borderlink.values.mrz import MrzFormatError, parse_mrz

Converter = Callable[[str], Any]
_CACHE_LIMIT = 200_000


class FieldError(Exception):
    """A field value that breaks a rule; the row goes to quarantine with ``reason``."""

    def __init__(self, reason: str, field: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.field = field
        self.detail = detail

    def detached(self) -> FieldError:
        """This error without its traceback and context, to be kept beside a record.

        A traceback holds the frames it passed through, and each frame its caller's, with their
        locals: a kept error would hold the whole file's records in a reference cycle that only the
        garbage collector can free, by walking every object of the file (0.7 s for 200,000 rows).
        """
        self.__traceback__ = None
        self.__context__ = None
        self.__cause__ = None
        return self


def memoised(function: Converter) -> Converter:
    """Wrap a pure converter with a bounded per-file cache (errors are cached too)."""
    cache: dict[str, tuple[bool, Any]] = {}

    def convert(text: str) -> Any:
        hit = cache.get(text)
        if hit is None:
            try:
                hit = (True, function(text))
            except FieldError as error:
                hit = (False, error.detached())
            if len(cache) < _CACHE_LIMIT:
                cache[text] = hit
        if hit[0]:
            return hit[1]
        raise hit[1].detached()

    return convert


#
# Date and time patterns
#

_TOKENS = {
    "YYYY": r"(?P<Y>\d{4})",
    "MM": r"(?P<M>\d{1,2})",
    "DD": r"(?P<D>\d{1,2})",
    "HH": r"(?P<h>\d{1,2})",
    "mm": r"(?P<m>\d{2})",
    "ss": r"(?P<s>\d{2})",
}
_TOKEN_RE = re.compile("|".join(_TOKENS))


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """Turn ``DD/MM/YYYY HH:mm`` into a regular expression with named groups."""
    parts: list[str] = []
    position = 0
    for match in _TOKEN_RE.finditer(pattern):
        parts.append(re.escape(pattern[position : match.start()]))
        parts.append(_TOKENS[match.group()])
        position = match.end()
    parts.append(re.escape(pattern[position:]))
    return re.compile("".join(parts) + r"\Z")


def _year(text: str, calendar: str) -> int:
    year = int(text)
    return year - 543 if calendar == "buddhist" else year


def _fixed_zone(name: str) -> timezone | ZoneInfo:
    if re.fullmatch(r"[+-]\d{2}:\d{2}", name):
        sign = -1 if name[0] == "-" else 1
        return timezone(sign * timedelta(hours=int(name[1:3]), minutes=int(name[4:6])))
    return ZoneInfo(name)


def date_converter(field: str, patterns: tuple[str, ...], calendar: str) -> Converter:
    """A converter from any of ``patterns`` (or ``iso_date``) to :class:`datetime.date`."""
    compiled = [pattern_regex(p) for p in patterns if p not in ("iso_date", "iso8601")]
    iso = any(p in ("iso_date", "iso8601") for p in patterns)

    def convert(text: str) -> date:
        if iso:
            try:
                parsed = date.fromisoformat(text[:10]) if len(text) >= 10 else date.fromisoformat(text)
                if calendar == "buddhist":
                    parsed = parsed.replace(year=parsed.year - 543)
                return parsed
            except ValueError:
                pass
        for regex in compiled:
            match = regex.match(text)
            if match:
                groups = match.groupdict()
                try:
                    return date(_year(groups["Y"], calendar), int(groups["M"]), int(groups["D"]))
                except (ValueError, KeyError, TypeError):
                    raise FieldError("bad_date", field, f"{field}: {text!r} is not a real date") from None
        raise FieldError("bad_date", field, f"{field}: {text!r} does not match {' or '.join(patterns)}")

    return memoised(convert)


def datetime_converter(field: str, patterns: tuple[str, ...], calendar: str, zone_name: str) -> Converter:
    """A converter to a datetime: aware in UTC, or naive local time when the zone is the checkpoint's."""
    compiled = [pattern_regex(p) for p in patterns if p != "iso8601"]
    iso = "iso8601" in patterns
    zone = None if zone_name == "checkpoint" else _fixed_zone(zone_name)

    def convert(text: str) -> datetime:
        value: datetime | None = None
        if iso:
            try:
                value = datetime.fromisoformat(text)
            except ValueError:
                value = None
            if value is not None and calendar == "buddhist":
                value = value.replace(year=value.year - 543)
        if value is None:
            for regex in compiled:
                match = regex.match(text)
                if match:
                    g = match.groupdict()
                    try:
                        value = datetime(
                            _year(g["Y"], calendar),
                            int(g["M"]),
                            int(g["D"]),
                            int(g.get("h") or 0),
                            int(g.get("m") or 0),
                            int(g.get("s") or 0),
                        )
                    except (ValueError, KeyError, TypeError):
                        raise FieldError("bad_date", field, f"{field}: {text!r} is not a real time") from None
                    break
        if value is None:
            raise FieldError("bad_date", field, f"{field}: {text!r} does not match {' or '.join(patterns)}")
        try:
            if value.tzinfo is not None:
                return value.astimezone(UTC)
            if zone is not None:
                return value.replace(tzinfo=zone).astimezone(UTC)
        except OverflowError:
            raise FieldError("bad_date", field, f"{field}: {text!r} is not a plausible time") from None
        return value

    # Times repeat far less than dates, but minute-precision exports still repeat often.
    return memoised(convert)


def partial_date_converter(field: str, patterns: tuple[str, ...], calendar: str, unknown: str) -> Converter:
    """A converter to :class:`PartialDate`; ``unknown`` (e.g. ``00``) marks an unknown day or month."""
    compiled = [(p, pattern_regex(p)) for p in patterns if p not in ("iso_date", "iso8601")]
    iso = any(p in ("iso_date", "iso8601") for p in patterns)

    def part(text: str | None) -> int | None:
        if text is None or (unknown and text.strip("0") == "" and unknown.strip("0") == ""):
            return None
        if unknown and text == unknown:
            return None
        return int(text)

    def convert(text: str) -> PartialDate:
        if iso:
            try:
                parsed = PartialDate.parse(text)
                if calendar == "buddhist":
                    parsed = PartialDate(parsed.year - 543, parsed.month, parsed.day)
                return parsed
            except ValueError:
                pass
        for _pattern, regex in compiled:
            match = regex.match(text)
            if match:
                g = match.groupdict()
                try:
                    return PartialDate(_year(g["Y"], calendar), part(g.get("M")), part(g.get("D")))
                except (ValueError, TypeError) as exc:
                    raise FieldError("bad_date", field, f"{field}: {text!r}: {exc}") from None
        raise FieldError("bad_date", field, f"{field}: {text!r} does not match {' or '.join(patterns)}")

    return memoised(convert)


def country_converter(field: str) -> Converter:
    """A converter to an alpha-3 state code (ICAO 9303 codes accepted)."""

    def convert(text: str) -> str:
        try:
            return state_code(text)
        except UnknownStateCode:
            raise FieldError("unknown_country", field, f"{field}: {text!r} is not a state code") from None

    return memoised(convert)


def integer_converter(field: str) -> Converter:
    """A converter that accepts whole numbers and stores them as text."""

    def convert(text: str) -> str:
        if not text.isascii():
            raise FieldError("bad_value", field, f"{field}: {text!r} is not a whole number")
        try:
            return str(int(text))
        except ValueError:
            raise FieldError("bad_value", field, f"{field}: {text!r} is not a whole number") from None

    return convert


def split_name_converter(field: str, order: str) -> Converter:
    """Split one full name into (family name, given names) by the source's convention."""

    def convert(text: str) -> tuple[str, str]:
        words = text.split()
        if order == "no_family_name" or len(words) == 1:
            return ("", " ".join(words)) if order == "no_family_name" else (words[0], "")
        if order == "family_first":
            return words[0], " ".join(words[1:])
        return words[-1], " ".join(words[:-1])

    return convert


def mrz_converter(separator: str) -> Callable[[str], Any]:
    """Parse an MRZ; an unreadable one is returned as the error (a quality finding, not a rejection).

    Two-digit years are placed in a century relative to the day of the import.
    """
    today = date.today()

    def convert(text: str) -> Any:
        lines = text.split(separator) if separator else text
        try:
            return parse_mrz(lines, today=today)
        except MrzFormatError as error:
            return error

    return convert
