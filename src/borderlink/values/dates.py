"""Dates as border records give them: partly known birth dates, Buddhist Era years, MRZ two-digit years.

A birth date is often known only to the year or the month (``00/00/1985`` in an export, ``85<<<<``
in an MRZ). :class:`PartialDate` keeps exactly what is known and answers range questions (how old
can this person be on the day of the crossing?) without inventing a day or a month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "BUDDHIST_ERA_OFFSET",
    "PartialDate",
    "age_on",
    "buddhist_to_gregorian_year",
    "gregorian_to_buddhist_year",
    "is_minor_on",
    "mrz_year",
]

#: Years between the Buddhist Era used in Thai records and the Gregorian calendar (BE 2569 = 2026).
BUDDHIST_ERA_OFFSET = 543

_ADULT_AGE = 18

# Index by month; February is handled apart because it depends on the year.
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS_IN_MONTH[month]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date of which only the year, or the year and month, may be known.

    A day without a month is an error (the common model forbids it), as are a month outside
    1-12, a day the month does not have (leap years counted) and a year outside 1-9999.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        """Refuse a combination of parts that no calendar date has."""
        year, month, day = self.year, self.month, self.day
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} is outside 1-9999")
        if month is None:
            if day is not None:
                raise ValueError(f"day {day} is given without a month")
            return
        if not 1 <= month <= 12:
            raise ValueError(f"month {month} is outside 1-12")
        if day is not None and not 1 <= day <= _days_in_month(year, month):
            raise ValueError(f"day {day} does not exist in {year:04d}-{month:02d}")

    def __str__(self) -> str:
        """Give the ISO 8601 form: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (surrounding spaces ignored).

        Raises ``ValueError`` naming the text when it has another shape or is not a date.
        """
        value = text.strip()
        parts = value.split("-")
        lengths = tuple(len(part) for part in parts)
        if lengths not in ((4,), (4, 2), (4, 2, 2)) or not all(part.isascii() and part.isdigit() for part in parts):
            raise ValueError(f"{text!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
        numbers = [int(part) for part in parts]
        try:
            return cls(*numbers)
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a date: {exc}") from None

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        """Return the complete partial date for a ``datetime.date``."""
        return cls(value.year, value.month, value.day)

    @property
    def is_complete(self) -> bool:
        """Tell whether year, month and day are all known."""
        return self.day is not None

    def earliest(self) -> date:
        """Return the first day this partial date may stand for (1 January of a bare year)."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """Return the last day this partial date may stand for (31 December of a bare year)."""
        month = self.month or 12
        return date(self.year, month, self.day or _days_in_month(self.year, month))


def buddhist_to_gregorian_year(year: int) -> int:
    """Convert a Buddhist Era year (Thai records) to the Gregorian year: BE 2569 is 2026."""
    gregorian = year - BUDDHIST_ERA_OFFSET
    if gregorian < 1:
        raise ValueError(f"Buddhist Era year {year} is before the Gregorian year 1")
    return gregorian


def gregorian_to_buddhist_year(year: int) -> int:
    """Convert a Gregorian year to the Buddhist Era year: 2026 is BE 2569."""
    if year < 1:
        raise ValueError(f"Gregorian year {year} is before year 1")
    return year + BUDDHIST_ERA_OFFSET


def _completed_years(born: date, on: date) -> int:
    # Someone born on 29 February turns a year older on 1 March in common years.
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_on(birth: PartialDate, on: date) -> tuple[int, int]:
    """Return the youngest and the oldest the person can be on a day, in completed years.

    Both are equal when the birth date is complete. A person born in the year (or month) of
    ``on`` is at least 0, since they were born by then. Raises ``ValueError`` when ``on`` is
    before the earliest possible birth date.
    """
    earliest = birth.earliest()
    if on < earliest:
        raise ValueError(f"{on.isoformat()} is before the birth date {birth}")
    latest = min(birth.latest(), on)
    return _completed_years(latest, on), _completed_years(earliest, on)


def is_minor_on(birth: PartialDate, on: date) -> bool | None:
    """Tell whether the person is under 18 on a day: ``None`` when the partial birth date leaves it open.

    Raises ``ValueError`` when ``on`` is before the earliest possible birth date.
    """
    youngest, oldest = age_on(birth, on)
    if oldest < _ADULT_AGE:
        return True
    if youngest >= _ADULT_AGE:
        return False
    return None


def mrz_year(
    two_digits: int,
    kind: Literal["birth", "expiry"],
    today: date,
    *,
    month: int | None = None,
    day: int | None = None,
) -> int:
    """Return the four-digit year for a two-digit MRZ year.

    An expiry year is in the current century. A birth year is in the current century unless
    that would put the birth in the future, then in the previous one. With ``month`` (and
    ``day``) the future is judged on the earliest day the birth date may stand for, so a birth
    date later this year than ``today`` is a century ago, not next month.
    """
    if not 0 <= two_digits <= 99:
        raise ValueError(f"two-digit year {two_digits} is outside 0-99")
    year = today.year - today.year % 100 + two_digits
    if kind == "expiry":
        return year
    if kind != "birth":
        raise ValueError(f"kind {kind!r} is neither 'birth' nor 'expiry'")
    if year > today.year:
        return year - 100
    if year == today.year and month is not None and (month, day or 1) > (today.month, today.day):
        return year - 100
    return year
