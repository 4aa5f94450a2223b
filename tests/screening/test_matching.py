"""Screening's own scoring rules: birth dates that must agree, names compared word by word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderlink.identity.compare import Traveller
from borderlink.screening.index import AlertEntry
from borderlink.screening.matching import ScreeningScorer, births_compatible, score_entry, word_similarity
from borderlink.values.dates import PartialDate


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


@pytest.mark.parametrize(
    ("a", "b", "compatible", "with_one_digit"),
    [
        ("1990-03-15", "1990-03-15", True, True),
        ("1995-04-07", "1995-07-04", True, True),  # day and month swapped
        ("1995-04-07", "1995-04-08", False, True),  # one digit: only when the node tolerates it
        ("1995-04-07", "1995-09-21", False, False),  # another day of the same year
        ("1995-04-07", "1996-04-07", False, True),  # one digit of the year
        ("1995-04-07", "1975-11-30", False, False),
        ("1995", "1995-09-21", True, True),  # only the year known on one side
        ("1995-04", "1995-04-30", True, True),
        ("1995-04", "1995-07-04", False, False),  # a month the full date does not have
        ("1995-04", "1995-09-21", False, False),
        (None, "1995-09-21", True, True),
    ],
)
def test_it_tells_which_birth_dates_may_be_one_persons(
    a: str | None, b: str | None, compatible: bool, with_one_digit: bool
) -> None:
    assert births_compatible(_date(a), _date(b)) is compatible
    assert births_compatible(_date(a), _date(b), one_digit=True) is with_one_digit


def test_a_birth_date_one_digit_away_hits_only_where_the_node_tolerates_it() -> None:
    alert = Traveller(family="VANNAVONG", given="SOUKSAMAY", sex="F", birth_date=_date("1981-08-22"), nationality="LAO")
    traveller = Traveller(
        family="VANNAVONG", given="SOUKSAMAY", sex="F", birth_date=_date("1981-07-22"), nationality="LAO"
    )
    entry = AlertEntry(1, "wanted", "LAO", 10**6, alert)
    assert score_entry(traveller, entry, 0, ScreeningScorer()) is None
    tolerant = ScreeningScorer(one_digit_births=True)
    hit = score_entry(traveller, entry, 0, tolerant)
    assert hit is not None
    assert any(line["level"] == "one_digit" for line in hit.explanation)


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


def _person(
    family: str, given: str, native: str = "", birth: str = "1983-05-30", nationality: str = "MMR"
) -> Traveller:
    return Traveller(
        family=family, given=given, native=native, sex="F", birth_date=_date(birth), nationality=nationality
    )


@pytest.mark.parametrize(
    ("traveller", "alert"),
    [
        (("EI", "TAR MOE"), ("EI", "TA MOH")),  # Burmese names written by two states
        (("HNIN", "MAY"), ("HNIN", "ME")),
        (("", "KYAING ZAYAR NYUNT"), ("", "CHAING ZAYAR NYUN")),
        (("DIT", "THIDA"), ("DITH", "THEADA")),  # Khmer
        (("YOS", "SREYTOCH"), ("YUOS", "SREY TOUCH")),
    ],
)
def test_another_romanisation_of_a_khmer_thai_lao_or_burmese_name_hits(
    traveller: tuple[str, str], alert: tuple[str, str]
) -> None:
    scorer = ScreeningScorer()
    nationality = "KHM" if traveller[0] in ("DIT", "YOS") else "MMR"
    entry = AlertEntry(1, "at_risk", "KHM", 10**6, _person(*alert, nationality=nationality))
    hit = score_entry(_person(*traveller, nationality=nationality), entry, 0, scorer)
    assert hit is not None
    name = next(line for line in hit.explanation if line["comparison"] == "name")
    assert name["level"] in ("fuzzy", "phonetic")
    born_otherwise = _person(*traveller, birth="1983-06-30", nationality=nationality)
    assert score_entry(born_otherwise, entry, 0, scorer) is None  # two slips are not the person


def test_vowels_tell_vietnamese_names_apart() -> None:
    scorer = ScreeningScorer()
    alert = _person("NGUYEN", "THI HOA", nationality="VNM")
    entry = AlertEntry(1, "at_risk", "VNM", 10**6, alert)
    assert score_entry(_person("NGUYEN", "THI HAI", nationality="VNM"), entry, 0, scorer) is None


def test_names_that_differ_in_their_own_script_are_different_whatever_the_latin_says() -> None:
    scorer = ScreeningScorer()
    alert = _person("CHHUN", "RASMEY", "ឈុន រស្មី", "1963-11-10", "KHM")
    traveller = _person("HONG", "RASMEY", "ហុង រស្មី", "1963-11-10", "KHM")
    match = scorer.score(traveller, alert)
    assert match.level("name") == "different"
    assert "ឈុន" in next(c.detail for c in match.explanation if c.comparison == "name")
    assert score_entry(traveller, AlertEntry(1, "wanted", "KHM", 10**6, alert), 0, scorer) is None
    same_native = _person("CHUN", "REAKSMEY", "ឈុន រស្មី", "1963-11-10", "KHM")
    assert score_entry(same_native, AlertEntry(1, "wanted", "KHM", 10**6, alert), 0, scorer) is not None


def test_a_name_inside_another_counts_repeated_words() -> None:
    scorer = ScreeningScorer()
    alert = _person("VUONG", "MINH MINH", birth="1961-02-03", nationality="VNM")
    entry = AlertEntry(1, "wanted", "VNM", 10**6, alert)
    assert score_entry(_person("VUONG", "MINH TRONG", birth="1961-02-03", nationality="VNM"), entry, 0, scorer) is None
    shorter = AlertEntry(2, "wanted", "PHL", 10**6, _person("TORRES", "ANA", birth="1955-08-14", nationality="PHL"))
    longer = _person("TORRES", "ANA ROWENA", birth="1955-08-14", nationality="PHL")
    assert score_entry(longer, shorter, 0, scorer) is not None  # a second given name left out


def test_a_name_inside_another_may_take_each_word_from_any_romanisation() -> None:
    scorer = ScreeningScorer()
    alert = AlertEntry(1, "at_risk", "KHM", 10**6, _person("BANG", "MARRINA", birth="1991-02-05", nationality="KHM"))
    traveller = _person("PANG", "MARRINA", "ប៉ាង ម៉ារីណា", "1991-02-05", "KHM")
    assert score_entry(traveller, alert, 0, scorer) is not None


def test_names_alike_only_by_the_consonants_of_the_whole_name_need_enough_of_them() -> None:
    scorer = ScreeningScorer()
    alert = AlertEntry(1, "wanted", "MMR", 10**6, _person("", "PHYO WAI CHITT", birth="1983-05-22", nationality="MMR"))
    traveller = _person("POV", "VICHET", "ពៅ វិចិត្រ", "1983-05-22", "KHM")
    assert score_entry(traveller, alert, 0, scorer) is None


@pytest.mark.parametrize(
    ("traveller", "alert", "why"),
    [
        (("NAING", "THAW TIN", "", "1987-03-26", "M", "MMR"), ("NYI", "NAING HTET", "", "1987-03-26", "M", "MMR"),
         "as many words, the same consonants only when run together"),
        (("CHUON", "RATANA", "ជួន រតនា", "1952-07-19", "F", "KHM"),
         ("KANJANA", "RATTANA", "รัตนา กาญจนะ", "1952-07-19", "F", "THA"), "a Khmer and a Thai name"),
        (("WIJAYA", "DEWI", "", "1964-02-18", "F", "IDN"), ("WIJAYA", "DEDI", "", "1964-02-18", "M", "IDN"),
         "a name slip and another sex"),
        (("GUO", "NA", "", "1987-07-06", "F", "CHN"), ("GUO", "NA", "", "1987-06", "F", "CHN"),
         "born in another month than the alert says"),
        (("LUONG", "KIM", "", "1959", "F", "VNM"), ("LUONG", "KIM KIM", "", "1959-09-21", "F", "VNM"),
         "a word repeated in one name, and only the year known"),
    ],
)  # fmt: skip
def test_it_does_not_hit_where_the_records_tell_two_people(
    traveller: tuple[str, ...], alert: tuple[str, ...], why: str
) -> None:
    def person(f: str, g: str, n: str, born: str, sex: str, nationality: str) -> Traveller:
        return Traveller(family=f, given=g, native=n, sex=sex, birth_date=_date(born), nationality=nationality)

    entry = AlertEntry(1, "at_risk", "KHM", 10**6, person(*alert))
    assert score_entry(person(*traveller), entry, 0, ScreeningScorer()) is None, why


_WORDS = st.sampled_from(
    ["SOK", "SOKH", "DARA", "THIDA", "THEADA", "NGUYEN", "THI", "HOA", "HAI", "MAY", "ME", "HNIN", "KYAING",
     "CHAING", "PANG", "BANG", "MINH", "សុខ", "ដារ៉ា", "สมบูรณ์", "ສົມ", "မောင်", "X", ""]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    a=st.tuples(_WORDS, st.lists(_WORDS, max_size=3).map(" ".join), _WORDS),
    b=st.tuples(_WORDS, st.lists(_WORDS, max_size=3).map(" ".join), _WORDS),
    nationality=st.sampled_from(["KHM", "VNM", "MMR", None]),
)
def test_screening_judges_two_names_the_same_whichever_comes_first(
    a: tuple[str, str, str], b: tuple[str, str, str], nationality: str | None
) -> None:
    scorer = ScreeningScorer()
    first = Traveller(family=a[0], given=a[1], native=a[2], nationality=nationality)
    second = Traveller(family=b[0], given=b[1], native=b[2], nationality=nationality)
    assert scorer.judge_names(first, second).level == scorer.judge_names(second, first).level
