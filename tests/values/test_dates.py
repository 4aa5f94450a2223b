"""Partial dates, Buddhist Era years, ages on a day and MRZ two-digit years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderlink.values.dates import (
    PartialDate,
    age_on,
    buddhist_to_gregorian_year,
    gregorian_to_buddhist_year,
    is_minor_on,
    mrz_year,
)

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (PartialDate(1985), "1985"),
        (PartialDate(1985, 6), "1985-06"),
        (PartialDate(1985, 6, 3), "1985-06-03"),
        (PartialDate(7, 1, 1), "0007-01-01"),
    ],
)
def test_it_writes_partial_dates_in_iso_form(value, text):
    assert str(value) == text
    assert PartialDate.parse(text) == value


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ((1985, None, 3), "day 3 is given without a month"),
        ((1985, 13), "month 13 is outside 1-12"),
        ((1985, 0), "month 0 is outside 1-12"),
        ((1985, 4, 31), "day 31 does not exist in 1985-04"),
        ((1985, 2, 29), "day 29 does not exist in 1985-02"),
        ((1900, 2, 29), "day 29 does not exist in 1900-02"),
        ((1985, 1, 0), "day 0 does not exist in 1985-01"),
        ((0, None, None), "year 0 is outside 1-9999"),
        ((10000, None, None), "year 10000 is outside 1-9999"),
    ],
)
def test_it_refuses_impossible_partial_dates(parts, message):
    with pytest.raises(ValueError, match=message):
        PartialDate(*parts)


@pytest.mark.parametrize("leap", [(2000, 2, 29), (1996, 2, 29), (2024, 2, 29)])
def test_it_accepts_29_february_in_leap_years(leap):
    assert PartialDate(*leap).latest() == date(*leap)


@pytest.mark.parametrize(
    "text", ["", "85", "1985-6", "1985-06-3", "1985/06/03", "03/06/1985", "1985-06-03T00:00", "١٩٨٥", "abcd"]
)
def test_it_refuses_to_parse_other_shapes(text):
    with pytest.raises(ValueError, match="is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD"):
        PartialDate.parse(text)


def test_it_names_the_text_when_a_parsed_date_does_not_exist():
    with pytest.raises(ValueError, match=r"'1985-02-30' is not a date: day 30 does not exist in 1985-02"):
        PartialDate.parse("1985-02-30")


def test_it_ignores_spaces_around_a_parsed_date():
    assert PartialDate.parse(" 1985-06 ") == PartialDate(1985, 6)


def test_it_is_immutable_and_hashable():
    value = PartialDate(1985, 6)
    with pytest.raises(AttributeError):
        value.year = 1986  # type: ignore[misc]
    assert {value, PartialDate(1985, 6)} == {value}


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "complete"),
    [
        (PartialDate(1985), date(1985, 1, 1), date(1985, 12, 31), False),
        (PartialDate(1985, 2), date(1985, 2, 1), date(1985, 2, 28), False),
        (PartialDate(1984, 2), date(1984, 2, 1), date(1984, 2, 29), False),
        (PartialDate(1985, 6, 3), date(1985, 6, 3), date(1985, 6, 3), True),
    ],
)
def test_it_gives_the_range_a_partial_date_stands_for(value, earliest, latest, complete):
    assert value.earliest() == earliest
    assert value.latest() == latest
    assert value.is_complete is complete


def test_it_builds_a_complete_partial_date_from_a_date():
    assert PartialDate.from_date(date(1998, 3, 15)) == PartialDate(1998, 3, 15)


def test_it_converts_buddhist_era_years():
    assert buddhist_to_gregorian_year(2569) == 2026
    assert gregorian_to_buddhist_year(2026) == 2569
    assert buddhist_to_gregorian_year(2541) == 1998


def test_it_refuses_buddhist_era_years_before_the_gregorian_year_one():
    with pytest.raises(ValueError, match="Buddhist Era year 543"):
        buddhist_to_gregorian_year(543)
    with pytest.raises(ValueError, match="Gregorian year 0"):
        gregorian_to_buddhist_year(0)


@given(st.integers(min_value=1, max_value=9999))
def test_it_round_trips_buddhist_era_years(year):
    assert buddhist_to_gregorian_year(gregorian_to_buddhist_year(year)) == year


@pytest.mark.parametrize(
    ("birth", "on", "ages"),
    [
        (PartialDate(2008, 11, 28), date(2026, 11, 28), (18, 18)),
        (PartialDate(2008, 11, 29), date(2026, 11, 28), (17, 17)),
        (PartialDate(2008), date(2026, 11, 28), (17, 18)),
        (PartialDate(2008, 6), date(2026, 11, 28), (18, 18)),
        (PartialDate(2008, 11), date(2026, 11, 15), (17, 18)),
        (PartialDate(2026), date(2026, 3, 1), (0, 0)),
        (PartialDate(2004, 2, 29), date(2022, 2, 28), (17, 17)),
        (PartialDate(2004, 2, 29), date(2022, 3, 1), (18, 18)),
    ],
)
def test_it_gives_the_youngest_and_oldest_age_on_a_day(birth, on, ages):
    assert age_on(birth, on) == ages


def test_it_refuses_an_age_before_birth():
    with pytest.raises(ValueError, match="before the birth date 2027"):
        age_on(PartialDate(2027), TODAY)


@pytest.mark.parametrize(
    ("birth", "minor"),
    [
        (PartialDate(2010, 5, 1), True),
        (PartialDate(2008, 11, 28), False),
        (PartialDate(2008, 11, 29), True),
        (PartialDate(2008), None),
        (PartialDate(2009), True),
        (PartialDate(2007), False),
        (PartialDate(2008, 11), None),
        (PartialDate(2008, 10), False),
    ],
)
def test_it_says_whether_a_person_is_surely_a_minor(birth, minor):
    assert is_minor_on(birth, TODAY) is minor


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 28)),
    st.sampled_from(["year", "month", "day"]),
    st.integers(min_value=0, max_value=40000),
)
def test_it_brackets_the_true_age_whatever_part_of_the_birth_date_is_known(born, known, days_later):
    on = born + timedelta(days=days_later)
    birth = {
        "year": PartialDate(born.year),
        "month": PartialDate(born.year, born.month),
        "day": PartialDate.from_date(born),
    }[known]
    youngest, oldest = age_on(birth, on)
    true_age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    assert 0 <= youngest <= true_age <= oldest <= youngest + 1
    minor = is_minor_on(birth, on)
    assert minor is None or minor == (true_age < 18)


@pytest.mark.parametrize(
    ("two_digits", "kind", "year"),
    [
        (74, "birth", 1974),
        (26, "birth", 2026),
        (27, "birth", 1927),
        (0, "birth", 2000),
        (12, "expiry", 2012),
        (94, "expiry", 2094),
        (0, "expiry", 2000),
    ],
)
def test_it_puts_two_digit_mrz_years_in_a_century(two_digits, kind, year):
    assert mrz_year(two_digits, kind, TODAY) == year


def test_it_puts_a_birth_later_this_year_than_today_a_century_ago():
    assert mrz_year(26, "birth", TODAY, month=12, day=15) == 1926
    assert mrz_year(26, "birth", TODAY, month=11, day=28) == 2026
    assert mrz_year(26, "birth", TODAY, month=11) == 2026
    assert mrz_year(26, "birth", TODAY, month=12) == 1926


def test_it_refuses_years_that_are_not_two_digits():
    with pytest.raises(ValueError, match="two-digit year 100"):
        mrz_year(100, "birth", TODAY)
