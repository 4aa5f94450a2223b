"""Screening's own scoring rules: birth dates that must agree, names compared word by word."""

from __future__ import annotations

import pytest

from borderlink.identity.compare import Traveller
from borderlink.screening.index import AlertEntry
from borderlink.screening.matching import ScreeningScorer, births_compatible, score_entry, word_similarity
from borderlink.values.dates import PartialDate


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("1990-03-15", "1990-03-15", True),
        ("1990-03-15", "1990-15-03".replace("1990-15-03", "1990-03-15"), True),
        ("1995-04-07", "1995-07-04", True),  # day and month swapped
        ("1995-04-07", "1995-04-08", True),  # one digit
        ("1995-04-07", "1995-09-21", False),  # another day of the same year
        ("1995-04-07", "1996-04-07", True),  # one digit of the year
        ("1995-04-07", "1975-11-30", False),
        ("1995", "1995-09-21", True),  # only the year known on one side
        ("1995-04", "1995-04-30", True),
        ("1995-04", "1995-07-04", True),  # its month is the other's day: perhaps swapped
        ("1995-04", "1995-09-21", False),
        (None, "1995-09-21", True),
    ],
)
def test_it_tells_which_birth_dates_may_be_one_persons(a: str | None, b: str | None, compatible: bool) -> None:
    assert births_compatible(_date(a), _date(b)) is compatible


@pytest.mark.parametrize(
    ("first", "second", "alike"),
    [
        (("HALIM", "FITRI"), ("DALIM", "FITRI"), True),  # a slip in the first letter
        (("LY", "VIBOL"), ("LEE", "VIBUL"), True),  # another romanisation, one vowel apart
        (("TONG", "XUAN DUC"), ("TONG", "XUAN UC"), True),
        (("PIN", "PUNLOK"), ("OU", "PUNLOK"), False),  # another family name is not a slip
        (("THAI", "VAN HAU"), ("CHU", "VAN HAI"), False),
        (("NGUYEN", "THI LAN"), ("NGUYEN", "VAN HUNG"), False),
    ],
)
def test_it_compares_names_word_by_word(first: tuple[str, str], second: tuple[str, str], alike: bool) -> None:
    ratio, _words = word_similarity(
        Traveller(family=first[0], given=first[1]), Traveller(family=second[0], given=second[1])
    )
    assert (ratio >= 0.8) is alike


def test_complete_birth_dates_that_disagree_weigh_as_different() -> None:
    scorer = ScreeningScorer()
    alert = Traveller(family="OUK", given="PHIRUN", sex="M", birth_date=_date("1995-11-01"), nationality="KHM")
    other_day = Traveller(family="OUK", given="PHIRUN", sex="M", birth_date=_date("1995-01-04"), nationality="KHM")
    assert scorer.score(other_day, alert).level("birth_date") == "different"
    entry = AlertEntry(1, "at_risk", "KHM", 10**6, alert)
    assert score_entry(other_day, entry, 0, scorer) is None
    only_year = Traveller(family="OUK", given="PHIRUN", sex="M", birth_date=_date("1995"), nationality="KHM")
    hit = score_entry(only_year, entry, 0, scorer)  # the alert's date is not contradicted
    assert hit is not None and hit.score > 0.5


def test_a_typing_slip_in_a_first_letter_is_a_fuzzy_agreement_with_its_reason() -> None:
    scorer = ScreeningScorer()
    alert = Traveller(family="HALIM", given="FITRI", sex="F", birth_date=_date("1964-07-17"), nationality="IDN")
    traveller = Traveller(family="DALIM", given="FITRI", sex="F", birth_date=_date("1964-07-17"), nationality="IDN")
    match = scorer.score(traveller, alert)
    assert match.level("name") == "fuzzy"
    assert "DALIM/HALIM" in next(c.detail for c in match.explanation if c.comparison == "name")
    assert match.probability > 0.99
