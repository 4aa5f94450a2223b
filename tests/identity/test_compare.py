"""Each comparison level, on names and dates shaped like the region's records."""

from __future__ import annotations

import pytest

from borderlink.identity.compare import (
    Level,
    Traveller,
    compare_birth_dates,
    compare_documents,
    compare_names,
    compare_nationalities,
    compare_sexes,
)
from borderlink.values.dates import PartialDate
from borderlink.values.names import TokenFrequencies


def name(family: str = "", given: str = "", native: str = "") -> Traveller:
    return Traveller(family=family, given=given, native=native)


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        (name("NGUYỄN", "THỊ LAN"), name("NGUYEN", "THI LAN"), Level.EXACT),
        (name(native="សុខ ដារ៉ា"), name(native="សុខ  ដារ៉ា"), Level.EXACT),
        (name(native="សុខ ដារ៉ា"), name("SOK", "DARA"), Level.ROMANISATION),
        (name("SOK", "DARA"), name("DARA", "SOK"), Level.REORDERED),
        (name("", "AUNG KYAW"), name("KYAW", "AUNG"), Level.REORDERED),
        (name("SOK", "DARA"), name("SOKH", "DARA"), Level.PHONETIC),
        (name("NGUYỄN", "THỊ LAN"), name("LAN", "NGUYEN"), Level.TOKEN_SUBSET),
        (name("NU", "THAZIN"), name("", "THAZIN"), Level.TOKEN_SUBSET),
        (name("NGUYEN", "THI LAN"), name("NGUYEN", "THI LNA"), Level.FUZZY),
        (name("NGUYEN", "THI LAN"), name("TRAN", "VAN MINH"), Level.DIFFERENT),
        (name("SOK", "DARA"), name(), Level.MISSING),
    ],
)
def test_it_puts_names_in_the_strongest_level_that_holds(a: Traveller, b: Traveller, level: Level) -> None:
    assert compare_names(a, b).level == level
    assert compare_names(b, a).level == level


def test_it_matches_a_khmer_name_written_in_three_ways() -> None:
    native = name(native="សុខ ដារ៉ា")
    for other in (name("SOK", "DARA"), name("DARA", "SOK"), name("SOKH", "DARA")):
        assert compare_names(native, other).level in (Level.ROMANISATION, Level.REORDERED, Level.PHONETIC)


def test_it_says_which_words_agreed() -> None:
    detail = compare_names(name("SOK", "DARA"), name("SOKH", "DARA")).detail
    assert "SOKH" in detail
    assert "DARA" in detail


def test_it_makes_common_names_more_likely_to_agree_by_chance() -> None:
    corpus = TokenFrequencies(["NGUYEN VAN AN", "NGUYEN THI LAN", "NGUYEN VAN MINH", "TRAN THI HOA", "CHANTHAVONG"])
    common = compare_names(name("NGUYEN", ""), name("NGUYEN", ""), corpus)
    rare = compare_names(name("CHANTHAVONG", ""), name("CHANTHAVONG", ""), corpus)
    assert common.frequency is not None and rare.frequency is not None
    assert common.frequency > rare.frequency
    assert "NGUYEN" in common.detail


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        (PartialDate(1998, 3, 15), PartialDate(1998, 3, 15), Level.EXACT),
        (PartialDate(1998, 3, 5), PartialDate(1998, 5, 3), Level.SWAPPED_DAY_MONTH),
        (PartialDate(1998, 3, 15), PartialDate(1998, 3, 16), Level.ONE_DIGIT),
        (PartialDate(1988, 3, 15), PartialDate(1998, 3, 15), Level.ONE_DIGIT),
        (PartialDate(1998), PartialDate(1998, 3, 15), Level.YEAR_ONLY),
        (PartialDate(1998, 1, 2), PartialDate(1998, 7, 9), Level.YEAR_ONLY),
        (PartialDate(1998, 4), PartialDate(1998, 3, 15), Level.DIFFERENT),
        (PartialDate(1990, 1, 2), PartialDate(1998, 7, 9), Level.DIFFERENT),
        (None, PartialDate(1998, 7, 9), Level.MISSING),
    ],
)
def test_it_tolerates_known_birth_date_errors(a: PartialDate | None, b: PartialDate | None, level: Level) -> None:
    assert compare_birth_dates(a, b).level == level
    assert compare_birth_dates(b, a).level == level


def test_it_treats_unspecified_sex_as_missing() -> None:
    assert compare_sexes("F", "F").level == Level.EXACT
    assert compare_sexes("F", "M").level == Level.DIFFERENT
    assert compare_sexes("X", "M").level == Level.MISSING
    assert compare_nationalities("khm", "KHM").level == Level.EXACT
    assert compare_nationalities("KHM", "THA").level == Level.DIFFERENT
    assert compare_nationalities(None, "THA").level == Level.MISSING


def test_it_compares_documents_by_number_and_issuer() -> None:
    passport = Traveller(document_number="N01234567", document_issuer="KHM")
    assert compare_documents(passport, Traveller(document_number="n0123 4567", document_issuer="KHM")).level == (
        Level.EXACT
    )
    other_state = Traveller(document_number="N01234567", document_issuer="THA")
    assert compare_documents(passport, other_state).level == Level.DIFFERENT
    assert compare_documents(passport, Traveller(document_number="KBP828627")).level == Level.DIFFERENT
    assert compare_documents(passport, Traveller()).level == Level.MISSING


def test_it_reads_a_common_model_row() -> None:
    from borderlink.ingest.rules import MODEL_COLUMNS

    values = dict.fromkeys(MODEL_COLUMNS)
    values.update(
        family_name="SOK", given_names="DARA", native_name="សុខ ដារ៉ា", sex="M", birth_date="1998-03",
        nationality="KHM", document_number="N01234567", document_issuing_state="KHM",
    )  # fmt: skip
    traveller = Traveller.from_row(tuple(values[c] for c in MODEL_COLUMNS))
    assert traveller.birth_date == PartialDate(1998, 3)
    assert traveller.native == "សុខ ដារ៉ា"
    assert "SOK DARA" in traveller.forms.romanisations
