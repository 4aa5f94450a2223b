"""ICAO 9303 MRZ parsing: what each field says, the input forms accepted, unreadable input, check_digit."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderlink.values.dates import PartialDate
from borderlink.values.mrz import Mrz, MrzFormatError, check_digit, mrz_to_dict, parse_mrz

from .test_mrz_specimens import MRVA, MRVB, TD1, TD2, TD3, TODAY, VALUE

# --- what the fields say ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "primary", "secondary", "truncated"),
    [
        ("ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "ERIKSSON", "ANNA MARIA", False),
        ("VAN<DER<BERG<<JAN<<<<<<<<<<<<<<<<<<<<<<", "VAN DER BERG", "JAN", False),
        ("KYAW<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "KYAW", "", False),
        ("<<AUNG<SAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "", "AUNG SAN", False),
        ("NGUYEN<<VAN<ANH<<THI<<<<<<<<<<<<<<<<<<<", "NGUYEN", "VAN ANH THI", False),
        ("SUPERCALIFRAGILISTICEXPIALIDOCIOUSLONGE", "SUPERCALIFRAGILISTICEXPIALIDOCIOUSLONGE", "", True),
        ("ERIKSSONANDERSSONJOHANSSON<<ANNA<MARIAX", "ERIKSSONANDERSSONJOHANSSON", "ANNA MARIAX", True),
    ],
)
def test_it_splits_names_at_the_first_double_filler(field, primary, secondary, truncated):
    mrz = parse_mrz(["P<UTO" + field, TD3[1]], today=TODAY)
    assert (mrz.primary_identifier, mrz.secondary_identifier) == (primary, secondary)
    assert mrz.name_may_be_truncated is truncated


@pytest.mark.parametrize(("code", "document_code"), [("P<", "P"), ("PN", "PN"), ("PO", "PO")])
def test_it_keeps_the_document_code_without_fillers(code, document_code):
    assert parse_mrz([code + TD3[0][2:], TD3[1]], today=TODAY).document_code == document_code


def test_it_names_unknown_state_codes_as_problems():
    lines = [TD3[0].replace("UTO", "ZZZ", 1), TD3[1].replace("UTO", "QQQ", 1)]
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.problems == ("issuing_state: unknown code 'ZZZ'", "nationality: unknown code 'QQQ'")


@pytest.mark.parametrize(("char", "sex"), [("M", "M"), ("F", "F"), ("X", "X"), ("<", "X")])
def test_it_reads_sex_with_a_filler_meaning_unspecified(char, sex):
    lines = list(TD3)
    lines[1] = lines[1][:20] + char + lines[1][21:]
    assert parse_mrz(lines, today=TODAY).sex == sex


def test_it_reports_an_unreadable_sex_as_a_problem():
    lines = list(TD3)
    lines[1] = lines[1][:20] + "1" + lines[1][21:]
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.sex is None
    assert mrz.problems == ("sex: '1' is not M, F, X or <",)


def _td3(birth: str, expiry: str = "300101") -> list[str]:
    """Return a TD3 with the given raw dates and correct check digits everywhere."""
    bottom = f"L898902C36UTO{birth}{check_digit(birth)}F{expiry}{check_digit(expiry)}ZE184226B<<<<<1"
    composite = check_digit(bottom[0:10] + bottom[13:20] + bottom[21:43])
    return [TD3[0], f"{bottom}{composite}"]


@pytest.mark.parametrize(
    ("raw", "birth_date"),
    [
        ("85<<<<", PartialDate(1985)),
        ("8506<<", PartialDate(1985, 6)),
        ("<<<<<<", None),
        ("260105", PartialDate(2026, 1, 5)),
        ("261215", PartialDate(1926, 12, 15)),
        ("2612<<", PartialDate(1926, 12)),
        ("26<<<<", PartialDate(2026)),
        ("000229", PartialDate(2000, 2, 29)),
    ],
)
def test_it_reads_birth_dates_with_unknown_parts_and_the_century_rule(raw, birth_date):
    mrz = parse_mrz(_td3(raw), today=TODAY)
    assert mrz.birth_date == birth_date
    assert mrz.valid
    assert mrz.problems == ()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("741312", "birth_date: month 13 is outside 1-12"),
        ("8513<<", "birth_date: month 13 is outside 1-12"),
        ("970229", "birth_date: day 29 does not exist in 1997-02"),
        ("85<<12", "birth_date: day 12 is given without a month"),
        ("8<0612", "birth_date: '8<0612' is not a date (YYMMDD, unknown parts as <)"),
    ],
)
def test_it_reports_an_impossible_birth_date_yet_checks_its_printed_digits(raw, problem):
    mrz = parse_mrz(_td3(raw), today=TODAY)
    assert mrz.birth_date is None
    assert mrz.problems == (problem,)
    assert mrz.valid
    assert mrz.document_number == "L898902C3"


@pytest.mark.parametrize(
    ("raw", "expiry_date", "problems"),
    [
        ("300101", date(2030, 1, 1), ()),
        ("991231", date(2099, 12, 31), ()),
        ("<<<<<<", None, ()),
        ("301301", None, ("expiry_date: month 13 is outside 1-12",)),
        ("1204<<", None, ("expiry_date: '1204<<' is not a date (YYMMDD)",)),
    ],
)
def test_it_reads_expiry_dates_in_the_current_century(raw, expiry_date, problems):
    mrz = parse_mrz(_td3("740812", raw), today=TODAY)
    assert mrz.expiry_date == expiry_date
    assert mrz.problems == problems
    assert mrz.valid


def test_it_uses_the_current_date_when_today_is_not_given():
    mrz = parse_mrz(_td3("<<<<<<", "991231"))
    assert mrz.expiry_date is not None
    assert mrz.expiry_date.year % 100 == 99
    assert mrz.expiry_date.year // 100 == date.today().year // 100


def test_it_joins_the_two_optional_fields_of_a_td1_with_a_space():
    top = "I<UTOD231458907AB12<<<<<<<<<<<"
    middle_without_composite = "7408122F1204159UTOCD34<<<<<<<"
    composite = check_digit(top[5:30] + middle_without_composite[0:7] + middle_without_composite[8:15]
                            + middle_without_composite[18:29])  # fmt: skip
    mrz = parse_mrz([top, f"{middle_without_composite}{composite}", TD1[2]], today=TODAY)
    assert mrz.optional_data == "AB12 CD34"
    assert mrz.valid


def test_it_keeps_optional_data_after_an_overflowing_document_number_apart_from_it():
    top = "I<UTOD23145890<7349<XY9<<<<<<<"
    middle = "3407127M9507122UTO<<<<<<<<<<<"
    composite = check_digit(top[5:30] + middle[0:7] + middle[8:15] + middle[18:29])
    mrz = parse_mrz([top, f"{middle}{composite}", "STEVENSON<<PETER<JOHN<<<<<<<<<"], today=TODAY)
    assert mrz.document_number == "D23145890734"
    assert mrz.optional_data == "XY9"
    assert mrz.valid


def test_it_builds_the_same_object_as_the_dataclass_constructor():
    mrz = parse_mrz(TD3, today=TODAY)
    rebuilt = Mrz(**{field.name: getattr(mrz, field.name) for field in dataclasses.fields(Mrz)})
    assert rebuilt == mrz
    assert hash(rebuilt) == hash(mrz)
    assert dataclasses.replace(mrz) == mrz
    assert set(vars(mrz)) == {field.name for field in dataclasses.fields(Mrz)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        mrz.document_number = "X"  # type: ignore[misc]


def test_it_gives_a_json_ready_dict():
    fields = mrz_to_dict(parse_mrz(TD3, today=TODAY))
    assert fields["checks"][0] == {"field": "document_number", "printed": "6", "computed": "6", "ok": True}
    assert fields["valid"] is True
    assert fields["lines"] == TD3
    assert fields["name_may_be_truncated"] is False
    assert fields["sex"] == "F"


def test_it_gives_partial_birth_dates_in_iso_form_in_the_dict():
    assert mrz_to_dict(parse_mrz(_td3("8506<<"), today=TODAY))["birth_date"] == "1985-06"
    assert mrz_to_dict(parse_mrz(_td3("<<<<<<"), today=TODAY))["birth_date"] is None


# --- input forms --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        TD3,
        tuple(TD3),
        "\n".join(TD3),
        "\r\n".join(TD3) + "\r\n",
        "|".join(TD3),
        "  " + " | ".join(TD3) + " |\n",
        "".join(TD3),
        ["|".join(TD3)],
        [f"  {line}\t" for line in TD3],
    ],
)
def test_it_accepts_lines_in_every_form_exports_give_them(data):
    mrz = parse_mrz(data, today=TODAY)
    assert mrz.lines == tuple(TD3)
    assert mrz.valid


@pytest.mark.parametrize("data", ["".join(TD1), "".join(TD2), "".join(MRVA), "".join(MRVB)])
def test_it_splits_a_whole_mrz_given_as_one_string(data):
    assert parse_mrz(data, today=TODAY).valid


# --- unreadable input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message", "line", "position"),
    [
        ([TD3[0], TD3[1][:-1]], "line 2: expected 44 characters, got 43", 2, None),
        ([TD3[0][:-1], TD3[1]], "line 1: expected 44 characters, got 43", 1, None),
        ([TD1[0], TD1[1], TD1[2] + "<"], "line 3: expected 30 characters, got 31", 3, None),
        ([TD1[0], TD1[1]], "line 3 is missing: a TD1 MRZ has 3 lines of 30 characters", 3, None),
        ([TD3[0]], "line 2 is missing: a TD3 or MRV-A MRZ has 2 lines of 44 characters", 2, None),
        (TD2[0], "line 2 is missing: a TD2 or MRV-B MRZ has 2 lines of 36 characters", 2, None),
        ([*TD3, TD3[1]], "line 3 is one too many: a TD3 or MRV-A MRZ has 2 lines", 3, None),
        ("|".join([TD3[0], "", TD3[1]]), "line 2: expected 44 characters, got 0", 2, None),
        ("".join(TD3)[:-1], "line 1: expected 30, 36 or 44 characters (or 72, 88 or 90", 1, None),
        (["P<UTO", "L898"], "line 1: expected 30, 36 or 44 characters, got 5", 1, None),
        ("", "empty MRZ", 1, None),
        ("  \n ", "empty MRZ", 1, None),
        ([], "empty MRZ", 1, None),
        ([TD3[0], TD3[1][:9] + " " + TD3[1][10:]], "line 2, position 10: ' ' is not an MRZ character", 2, 10),
        ([TD3[0].lower(), TD3[1]], "line 1, position 1: lower-case 'p' (an MRZ is upper case)", 1, 1),
        ([TD3[0], TD3[1].replace("C", "c")], "line 2, position 8: lower-case 'c'", 2, 8),
        ([TD3[0].replace("ERIKSSON", "ERIKSSÖN"), TD3[1]], "line 1, position 12: 'Ö' is not an MRZ", 1, 12),
        (
            ["X" + TD3[0][1:], TD3[1]],
            "line 1, position 1: unknown document code 'X<' for a TD3 or MRV-A",
            1,
            1,
        ),
        (
            ["P" + TD2[0][1:], TD2[1]],
            "line 1, position 1: unknown document code 'P<' for a TD2 or MRV-B",
            1,
            1,
        ),
        (["V" + TD1[0][1:], *TD1[1:]], "line 1, position 1: unknown document code 'V<' for a TD1", 1, 1),
        (["P1" + TD3[0][2:], TD3[1]], "line 1, position 2: document code 'P1' has a digit", 1, 2),
        ([TD3[0], 44], "line 2: expected text, got int", 2, None),
    ],
)
def test_it_refuses_unreadable_input_naming_the_line(data, message, line, position):
    with pytest.raises(MrzFormatError) as raised:
        parse_mrz(data, today=TODAY)
    assert str(raised.value).startswith(message)
    assert (raised.value.line, raised.value.position) == (line, position)


def test_it_raises_a_value_error_subclass_for_unreadable_input():
    with pytest.raises(ValueError):
        parse_mrz("not an mrz")


# --- check_digit ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digit"),
    [("L898902C3", 6), ("740812", 2), ("120415", 9), ("ZE184226B<<<<<", 1), ("", 0), ("<<<<<<", 0),
     ("D23145890734", 9), ("L898902C<", 3), ("A" * 200, 0)],
)  # fmt: skip
def test_it_computes_icao_check_digits(text, digit):
    assert check_digit(text) == digit


@pytest.mark.parametrize("text", ["l898902c3", "L898 902", "ÉRIK", "74-08-12"])
def test_it_refuses_to_compute_a_check_digit_over_other_characters(text):
    with pytest.raises(ValueError, match="is not an MRZ character"):
        check_digit(text)


@given(st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<", max_size=200))
def test_it_computes_check_digits_as_the_7_3_1_sum(text):
    assert check_digit(text) == sum(VALUE[char] * (7, 3, 1)[index % 3] for index, char in enumerate(text)) % 10
