"""ICAO 9303 MRZ parsing: the published specimens, broken copies of them, unreadable input, generated MRZs."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderlink.values.dates import PartialDate
from borderlink.values.mrz import Check, Mrz, MrzFormatError, check_digit, mrz_to_dict, parse_mrz

TODAY = date(2026, 11, 28)

# --- the specimens of border_anchors.md 13.1 and 13.2, copied exactly ---------------------------------

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD3_OLD = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C<3UTO6908061F9406236ZE184226B<<<<<14"]
TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
TD2_OLD = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO6908061F3008063<<<<<<<4"]
TD1_OVERFLOW = "I<UTOD23145890<7349<<<<<<<<<<<3407127M9507122UTO<<<<<<<<<<<2STEVENSON<<PETER<JOHN<<<<<<<<<"
TD2_OVERFLOW = "I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<D23145890<UTO3407127M95071227349<<<8"
MRVA = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"]
MRVB = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"]
MRVA_OLD = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C<3UTO6908061F9406236ZE184226B<<<<<<<"]
MRVB_OLD = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L898902C<3UTO6908061F9406236ZE184226"]
UK = ["P<GBRUK<SPECIMEN<<ANGELA<ZOE<<<<<<<<<<<<<<<<", "9250764733GBR8809117F2007162<<<<<<<<<<<<<<08"]
CZECH = ["P<CZESPECIMEN<<VZOR<<<<<<<<<<<<<<<<<<<<<<<<<", "99003853<1CZE1101018M1207046110101111<<<<<94"]

ANNA = {"primary_identifier": "ERIKSSON", "secondary_identifier": "ANNA MARIA", "sex": "F"}

SPECIMENS = {
    "td3": (
        TD3,
        {
            **ANNA,
            "format": "TD3",
            "document_code": "P",
            "issuing_state": "UTO",
            "document_number": "L898902C3",
            "nationality": "UTO",
            "birth_date": "1974-08-12",
            "expiry_date": "2012-04-15",
            "optional_data": "ZE184226B",
        },
        [("document_number", "6"), ("birth_date", "2"), ("expiry_date", "9"), ("optional_data", "1"),
         ("composite", "0")],
    ),
    "td3 older edition": (
        TD3_OLD,
        {
            **ANNA,
            "format": "TD3",
            "document_number": "L898902C",
            "birth_date": "1969-08-06",
            # An expiry year is in the current century (DESIGN.md section 3), even for a 1994 specimen.
            "expiry_date": "2094-06-23",
            "optional_data": "ZE184226B",
        },
        [("document_number", "3"), ("birth_date", "1"), ("expiry_date", "6"), ("optional_data", "1"),
         ("composite", "4")],
    ),
    "td1": (
        TD1,
        {
            **ANNA,
            "format": "TD1",
            "document_code": "I",
            "issuing_state": "UTO",
            "document_number": "D23145890",
            "nationality": "UTO",
            "birth_date": "1974-08-12",
            "expiry_date": "2012-04-15",
            "optional_data": "",
        },
        [("document_number", "7"), ("birth_date", "2"), ("expiry_date", "9"), ("composite", "6")],
    ),
    "td2": (
        TD2,
        {
            **ANNA,
            "format": "TD2",
            "document_code": "I",
            "document_number": "D23145890",
            "nationality": "UTO",
            "birth_date": "1974-08-12",
            "expiry_date": "2012-04-15",
            "optional_data": "",
        },
        [("document_number", "7"), ("birth_date", "2"), ("expiry_date", "9"), ("composite", "6")],
    ),
    "td2 older edition": (
        TD2_OLD,
        {"format": "TD2", "birth_date": "1969-08-06", "expiry_date": "2030-08-06"},
        [("document_number", "7"), ("birth_date", "1"), ("expiry_date", "3"), ("composite", "4")],
    ),
    "td1 document-number overflow": (
        TD1_OVERFLOW,
        {
            "format": "TD1",
            "primary_identifier": "STEVENSON",
            "secondary_identifier": "PETER JOHN",
            "document_number": "D23145890734",
            "birth_date": "1934-07-12",
            "sex": "M",
            "expiry_date": "2095-07-12",
            "optional_data": "",
        },
        [("document_number", "9"), ("birth_date", "7"), ("expiry_date", "2"), ("composite", "2")],
    ),
    "td2 document-number overflow": (
        TD2_OVERFLOW,
        {
            "format": "TD2",
            "primary_identifier": "STEVENSON",
            "secondary_identifier": "PETER JOHN",
            "document_number": "D23145890734",
            "birth_date": "1934-07-12",
            "sex": "M",
            "expiry_date": "2095-07-12",
            "optional_data": "",
        },
        [("document_number", "9"), ("birth_date", "7"), ("expiry_date", "2"), ("composite", "8")],
    ),
    "mrv-a": (
        MRVA,
        {
            **ANNA,
            "format": "MRVA",
            "document_code": "V",
            "issuing_state": "UTO",
            "document_number": "L8988901C",
            "nationality": "XXX",
            "birth_date": "1940-09-07",
            "expiry_date": "2096-12-10",
            # The character after the expiry check digit is optional data, not a check digit.
            "optional_data": "6ZE184226B",
        },
        [("document_number", "4"), ("birth_date", "8"), ("expiry_date", "9")],
    ),
    "mrv-b": (
        MRVB,
        {
            **ANNA,
            "format": "MRVB",
            "document_code": "V",
            "document_number": "L8988901C",
            "nationality": "XXX",
            "birth_date": "1940-09-07",
            "expiry_date": "2096-12-10",
            "optional_data": "",
        },
        [("document_number", "4"), ("birth_date", "8"), ("expiry_date", "9")],
    ),
    "mrv-a older edition": (
        MRVA_OLD,
        {"format": "MRVA", "document_number": "L898902C", "optional_data": "ZE184226B"},
        [("document_number", "3"), ("birth_date", "1"), ("expiry_date", "6")],
    ),
    "mrv-b older edition": (
        MRVB_OLD,
        {"format": "MRVB", "document_number": "L898902C", "optional_data": "ZE184226"},
        [("document_number", "3"), ("birth_date", "1"), ("expiry_date", "6")],
    ),
    "uk": (
        UK,
        {
            "format": "TD3",
            "issuing_state": "GBR",
            "primary_identifier": "UK SPECIMEN",
            "secondary_identifier": "ANGELA ZOE",
            "document_number": "925076473",
            "nationality": "GBR",
            "birth_date": "1988-09-11",
            "sex": "F",
            "expiry_date": "2020-07-16",
            "optional_data": "",
        },
        [("document_number", "3"), ("birth_date", "7"), ("expiry_date", "2"), ("optional_data", "0"),
         ("composite", "8")],
    ),
    "czech": (
        CZECH,
        {
            "format": "TD3",
            "issuing_state": "CZE",
            "primary_identifier": "SPECIMEN",
            "secondary_identifier": "VZOR",
            "document_number": "99003853",
            "sex": "M",
            "birth_date": "2011-01-01",
            "expiry_date": "2012-07-04",
            "optional_data": "110101111",
        },
        [("document_number", "1"), ("birth_date", "8"), ("expiry_date", "6"), ("optional_data", "9"),
         ("composite", "4")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", SPECIMENS)
def test_it_reads_every_published_specimen_with_its_exact_fields(name):
    data, expected, _ = SPECIMENS[name]
    fields = mrz_to_dict(parse_mrz(data, today=TODAY))
    assert {key: fields[key] for key in expected} == expected
    assert fields["problems"] == []


@pytest.mark.parametrize("name", SPECIMENS)
def test_it_passes_every_check_digit_of_every_specimen(name):
    data, _, digits = SPECIMENS[name]
    mrz = parse_mrz(data, today=TODAY)
    assert mrz.checks == tuple(Check(field, digit, digit, True) for field, digit in digits)
    assert mrz.valid
    assert mrz.failed_checks == ()


def test_it_gives_the_full_overflowing_document_number_gmrtd_expects():
    mrz = parse_mrz(TD1_OVERFLOW, today=TODAY)
    # gmrtd's MRZ-information string: document number, its check digit, birth date + cd, expiry + cd.
    assert mrz.document_number + "9" + "3407127" + "9507122" == "D23145890734934071279507122"


def test_it_fails_only_the_composite_when_the_new_data_line_carries_the_old_composite():
    mrz = parse_mrz([TD3[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<14"], today=TODAY)
    assert mrz.checks[-1] == Check("composite", "4", "0", False)
    assert mrz.failed_checks == ("composite",)


def test_it_fails_the_birth_date_and_composite_of_a_tampered_birth_date():
    mrz = parse_mrz([TD3[0], "L898902C36UTO7408152F1204159ZE184226B<<<<<10"], today=TODAY)
    checks = {check.field: check for check in mrz.checks}
    assert checks["birth_date"] == Check("birth_date", "2", "5", False)
    assert checks["composite"] == Check("composite", "0", "1", False)
    assert mrz.failed_checks == ("birth_date", "composite")
    assert str(mrz.birth_date) == "1974-08-15"


def test_it_fails_the_document_number_and_composite_of_the_k9876543_vector():
    mrz = parse_mrz([TD3[0], "K9876543<8UTO8708243F2206219<<<<<<<<<<<<<<<6"], today=TODAY)
    checks = {check.field: check for check in mrz.checks}
    assert checks["document_number"] == Check("document_number", "8", "4", False)
    assert checks["composite"] == Check("composite", "6", "2", False)
    assert mrz.failed_checks == ("document_number", "composite")


@pytest.mark.parametrize(
    ("line", "failed", "problem"),
    [
        ("9250764733GBR8809417F2007162<<<<<<<<<<<<<<08", {"birth_date", "composite"}, "birth_date: day 41"),
        # Three changed characters happen to leave the composite sum unchanged modulo 10.
        ("9250764733GBRBB09157F2007162<<<<<<<<<<<<<<08", {"birth_date"}, "birth_date: 'BB0915'"),
        ("9250764733GBR8809117F2007462<<<<<<<<<<<<<<08", {"expiry_date", "composite"}, "expiry_date: day 46"),
        (
            "9250764733GBR8809117F20HH162<<<<<<<<<<<<<<08",
            {"expiry_date", "composite"},
            "expiry_date: '20HH16'",
        ),
    ],
)
def test_it_reports_the_uk_specimens_invalid_variants_without_aborting(line, failed, problem):
    mrz = parse_mrz([UK[0], line], today=TODAY)
    assert set(mrz.failed_checks) == failed
    assert len(mrz.problems) == 1
    assert mrz.problems[0].startswith(problem)
    # The rest of the MRZ is still read.
    assert mrz.document_number == "925076473"
    assert mrz.secondary_identifier == "ANGELA ZOE"


# --- broken copies: one changed character in each checked field ------------------------------------

# (specimen, field, line index, span) for every field a check digit covers; composite-bearing formats
# must also fail the composite, visas have none.
CHECKED_SPANS = [
    ("td3", "document_number", 1, range(0, 9)),
    ("td3", "birth_date", 1, range(13, 19)),
    ("td3", "expiry_date", 1, range(21, 27)),
    ("td3", "optional_data", 1, range(28, 42)),
    ("td1", "document_number", 0, range(5, 14)),
    ("td1", "birth_date", 1, range(0, 6)),
    ("td1", "expiry_date", 1, range(8, 14)),
    ("td2", "document_number", 1, range(0, 9)),
    ("td2", "birth_date", 1, range(13, 19)),
    ("td2", "expiry_date", 1, range(21, 27)),
    ("mrv-a", "document_number", 1, range(0, 9)),
    ("mrv-a", "birth_date", 1, range(13, 19)),
    ("mrv-a", "expiry_date", 1, range(21, 27)),
    ("mrv-b", "document_number", 1, range(0, 9)),
    ("mrv-b", "birth_date", 1, range(13, 19)),
    ("mrv-b", "expiry_date", 1, range(21, 27)),
    ("uk", "document_number", 1, range(0, 9)),
    ("czech", "optional_data", 1, range(28, 42)),
    ("td1 document-number overflow", "document_number", 0, range(5, 18)),
    ("td2 document-number overflow", "document_number", 1, [*range(0, 9), 28, 29, 30]),
]

VALUE = {char: index for index, char in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")} | {"<": 0}


def _lines(data: str | Sequence[str]) -> list[str]:
    return list(parse_mrz(data, today=TODAY).lines)


def _replacement(old: str) -> str:
    # A character whose value differs by a multiple of 10 (0, A, K, U, <) would keep the same digit.
    return next(char for char in "123" if (VALUE[char] - VALUE[old]) % 10)


@pytest.mark.parametrize(("name", "field", "line", "span"), CHECKED_SPANS)
def test_it_fails_exactly_the_right_checks_when_a_checked_character_changes(name, field, line, span):
    data, _, digits = SPECIMENS[name]
    has_composite = any(check == "composite" for check, _ in digits)
    expected = {field, "composite"} if has_composite else {field}
    for position in span:
        lines = _lines(data)
        if position == 9 and "overflow" in name:
            continue  # The "<" standing for the check digit: see the overflow tests.
        old = lines[line][position]
        lines[line] = lines[line][:position] + _replacement(old) + lines[line][position + 1 :]
        mrz = parse_mrz(lines, today=TODAY)
        assert set(mrz.failed_checks) == expected, (position, lines)


@pytest.mark.parametrize(
    ("name", "line", "position", "field"),
    [
        ("td3", 1, 9, "document_number"),
        ("td3", 1, 19, "birth_date"),
        ("td3", 1, 27, "expiry_date"),
        ("td3", 1, 42, "optional_data"),
        ("td1", 0, 14, "document_number"),
        ("td1", 1, 6, "birth_date"),
        ("td1", 1, 14, "expiry_date"),
        ("td2", 1, 27, "expiry_date"),
        ("mrv-b", 1, 19, "birth_date"),
    ],
)
def test_it_fails_the_field_and_the_composite_when_a_printed_check_digit_changes(name, line, position, field):
    data, _, digits = SPECIMENS[name]
    lines = _lines(data)
    lines[line] = lines[line][:position] + _replacement(lines[line][position]) + lines[line][position + 1 :]
    mrz = parse_mrz(lines, today=TODAY)
    has_composite = any(check == "composite" for check, _ in digits)
    assert set(mrz.failed_checks) == ({field, "composite"} if has_composite else {field})


@pytest.mark.parametrize(("name", "line", "position"), [("td3", 1, 43), ("td1", 1, 29), ("td2", 1, 35)])
def test_it_fails_only_the_composite_when_the_composite_digit_changes(name, line, position):
    lines = _lines(SPECIMENS[name][0])
    lines[line] = lines[line][:position] + _replacement(lines[line][position])
    assert parse_mrz(lines, today=TODAY).failed_checks == ("composite",)


@pytest.mark.parametrize(
    ("name", "line", "position", "char"),
    [
        ("td3", 0, 6, "X"),  # the name carries no check digit
        ("td3", 1, 11, "X"),  # nor does the nationality
        ("td3", 1, 20, "M"),  # nor the sex
        ("mrv-a", 1, 30, "X"),  # a visa's optional data has no check digit
    ],
)
def test_it_cannot_see_changes_no_check_digit_covers(name, line, position, char):
    lines = _lines(SPECIMENS[name][0])
    lines[line] = lines[line][:position] + char + lines[line][position + 1 :]
    assert parse_mrz(lines, today=TODAY).valid


def test_it_cannot_see_a_change_between_characters_ten_values_apart():
    # "<" and "0" are both worth 0: the 7-3-1 scheme cannot tell L898902C< from L898902C0.
    lines = list(TD3_OLD)
    lines[1] = "L898902C03" + lines[1][10:]
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.valid
    assert mrz.document_number == "L898902C0"


def test_it_fails_the_document_number_when_the_check_digit_is_a_filler_without_overflow():
    lines = list(TD2)
    lines[1] = "D23145890<" + lines[1][10:]
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.document_number == "D23145890"
    assert mrz.checks[0] == Check("document_number", "<", "7", False)


def test_it_does_not_read_an_overflow_on_a_visa():
    lines = list(MRVB)
    lines[1] = "L8988901C<XXX4009078F96121097344<<<<"
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.document_number == "L8988901C"
    assert mrz.optional_data == "7344"
    assert mrz.failed_checks == ("document_number",)


def test_it_accepts_a_filler_as_the_check_digit_of_empty_optional_data():
    # German passports print "<" where the UK prints "0".
    lines = list(UK)
    lines[1] = lines[1][:42] + "<" + lines[1][43]
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.checks[3] == Check("optional_data", "<", "0", True)
    assert mrz.valid


def test_it_refuses_a_filler_as_the_check_digit_of_optional_data_that_is_not_empty():
    lines = list(TD3)
    lines[1] = lines[1][:42] + "<" + lines[1][43]
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.checks[3] == Check("optional_data", "<", "1", False)
    assert set(mrz.failed_checks) == {"optional_data", "composite"}


def test_it_fails_a_check_whose_digit_is_a_letter():
    lines = list(TD3)
    lines[1] = lines[1][:19] + "Z" + lines[1][20:]
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.checks[1] == Check("birth_date", "Z", "2", False)


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


def test_it_strips_fillers_from_state_codes_but_keeps_icao_d_as_printed():
    lines = build_mrz(
        "TD3",
        code="P",
        issuer="D",
        primary="MUSTERMANN",
        secondary="ERIKA",
        number="C01X00T47",
        nationality="D",
        birth="640812",
        sex="F",
        expiry="270228",
        optional="",
        empty_optional_digit="<",
    )
    assert lines[0].startswith("P<D<<MUSTERMANN<<ERIKA<")
    mrz = parse_mrz(lines, today=TODAY)
    assert (mrz.issuing_state, mrz.nationality) == ("D", "D")
    assert mrz.problems == ()
    assert mrz.valid


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
    assert (
        check_digit(text) == sum(VALUE[char] * (7, 3, 1)[index % 3] for index, char in enumerate(text)) % 10
    )


# --- generated MRZs -------------------------------------------------------------------------------------

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALPHANUMERIC = "0123456789" + LETTERS
WIDTH = {"TD1": 30, "TD2": 36, "TD3": 44, "MRVA": 44, "MRVB": 36}
# Characters available for optional data in line 1 of TD1 / line 2 of the others.
OPTIONAL_WIDTH = {"TD1": 15, "TD2": 7, "TD3": 14, "MRVA": 16, "MRVB": 8}
FIRST_LETTERS = {"TD1": "IAC", "TD2": "IAC", "TD3": "P", "MRVA": "V", "MRVB": "V"}
STATES = ["UTO", "KHM", "THA", "VNM", "LAO", "D", "XXA", "XXX", "GBN", "RKS"]


def _pad(text: str, width: int) -> str:
    assert len(text) <= width
    return text + "<" * (width - len(text))


def build_mrz(
    fmt: str,
    *,
    code: str,
    issuer: str,
    primary: str,
    secondary: str,
    number: str,
    nationality: str,
    birth: str,
    sex: str,
    expiry: str,
    optional: str,
    optional_2: str = "",
    empty_optional_digit: str = "0",
) -> list[str]:
    """Write an MRZ from raw field values, with every check digit correct."""

    def digit(text: str) -> str:
        return str(check_digit(text))

    width = WIDTH[fmt]
    name = primary.replace(" ", "<") + ("<<" + secondary.replace(" ", "<") if secondary else "")
    if len(number) > 9:
        number_field, number_digit = number[:9], "<"
        optional_field = number[9:] + digit(number) + ("<" + optional if optional else "")
    else:
        number_field = _pad(number, 9)
        number_digit = digit(number_field)
        optional_field = optional
    optional_field = _pad(optional_field, OPTIONAL_WIDTH[fmt])
    if fmt == "TD1":
        top = _pad(code, 2) + _pad(issuer, 3) + number_field + number_digit + optional_field
        middle = (
            birth + digit(birth) + sex + expiry + digit(expiry) + _pad(nationality, 3) + _pad(optional_2, 11)
        )
        composite = digit(top[5:30] + middle[0:7] + middle[8:15] + middle[18:29])
        return [top, middle + composite, _pad(name, 30)]
    top = _pad(code, 2) + _pad(issuer, 3) + _pad(name, width - 5)
    bottom = number_field + number_digit + _pad(nationality, 3) + birth + digit(birth) + sex
    bottom += expiry + digit(expiry) + optional_field
    if fmt in ("MRVA", "MRVB"):
        return [top, bottom]
    if fmt == "TD3":
        bottom += empty_optional_digit if optional_field == "<" * 14 else digit(optional_field)
    return [top, bottom + digit(bottom[0:10] + bottom[13:20] + bottom[21:])]


@st.composite
def generated_mrzs(draw: st.DrawFn) -> tuple[list[str], dict[str, object]]:
    """Draw field values, and return the MRZ written from them with the fields parse_mrz must give back."""
    fmt = draw(st.sampled_from(sorted(WIDTH)))
    code = draw(st.sampled_from(FIRST_LETTERS[fmt])) + draw(st.sampled_from(LETTERS + "<"))
    word = st.text(LETTERS, min_size=1, max_size=6)
    primary = " ".join(draw(st.lists(word, min_size=1, max_size=2)))
    secondary = " ".join(draw(st.lists(word, min_size=0, max_size=2)))
    visa = fmt.startswith("MRV")
    longest = 9 if visa else 9 + OPTIONAL_WIDTH[fmt] - 1
    number = draw(st.text(ALPHANUMERIC, min_size=1, max_size=longest))
    room = OPTIONAL_WIDTH[fmt] - (len(number) - 9 + 2 if len(number) > 9 else 0)
    optional = draw(st.text(ALPHANUMERIC, max_size=max(room, 0)))
    optional_2 = draw(st.text(ALPHANUMERIC, max_size=11)) if fmt == "TD1" else ""
    # Birth dates the century rule gives back, seen from TODAY: 1927 to today.
    born = draw(st.dates(min_value=date(1927, 1, 1), max_value=TODAY))
    known = draw(st.sampled_from(["day", "month", "year", "none"]))
    birth, birth_date = {
        "day": (born.strftime("%y%m%d"), PartialDate.from_date(born)),
        "month": (born.strftime("%y%m") + "<<", PartialDate(born.year, born.month)),
        "year": (born.strftime("%y") + "<<<<", PartialDate(born.year)),
        "none": ("<<<<<<", None),
    }[known]
    expires = draw(st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    sex = draw(st.sampled_from("MFX<"))
    issuer, nationality = draw(st.sampled_from(STATES)), draw(st.sampled_from(STATES))
    lines = build_mrz(
        fmt,
        code=code,
        issuer=issuer,
        primary=primary,
        secondary=secondary,
        number=number,
        nationality=nationality,
        birth=birth,
        sex=sex,
        expiry="<<<<<<" if expires is None else expires.strftime("%y%m%d"),
        optional=optional,
        optional_2=optional_2,
        empty_optional_digit=draw(st.sampled_from("0<")),
    )
    expected: dict[str, object] = {
        "format": fmt,
        "document_code": code.rstrip("<"),
        "issuing_state": issuer,
        "primary_identifier": primary,
        "secondary_identifier": secondary,
        "document_number": number,
        "nationality": nationality,
        "birth_date": birth_date,
        "sex": "X" if sex == "<" else sex,
        "expiry_date": expires,
        "optional_data": " ".join(part for part in (optional, optional_2) if part),
        "problems": (),
        "name_may_be_truncated": False,
    }
    return lines, expected


@given(generated_mrzs())
def test_it_reads_back_every_field_of_a_generated_mrz(generated):
    lines, expected = generated
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz.valid, mrz.checks
    assert {key: getattr(mrz, key) for key in expected} == expected
    assert parse_mrz("|".join(lines), today=TODAY) == mrz
    assert parse_mrz("".join(lines), today=TODAY) == mrz


def _checked_positions(fmt: str, lines: list[str], number: str) -> list[tuple[int, int, set[str]]]:
    """Return (line, position, checks that must fail) for every character a check digit covers."""
    composite = set() if fmt.startswith("MRV") else {"composite"}
    main_line, number_start, optional_line, optional_start = (0, 5, 0, 15) if fmt == "TD1" else (1, 0, 1, 28)
    extension = len(number) - 9 + 1 if len(number) > 9 else 0  # overflow characters and their check digit
    positions = [(main_line, number_start + index, {"document_number"} | composite) for index in range(9)]
    # Overflow characters, not their check digit: the digit is checked by the document-number test below.
    optional_check = {"optional_data"} if fmt == "TD3" else set()
    positions += [
        (optional_line, optional_start + index, {"document_number"} | optional_check | composite)
        for index in range(extension - 1)
    ]
    birth_start, expiry_start = (0, 8) if fmt == "TD1" else (13, 21)
    positions += [(1, birth_start + index, {"birth_date"} | composite) for index in range(6)]
    positions += [(1, expiry_start + index, {"expiry_date"} | composite) for index in range(6)]
    if fmt == "TD3":
        rest = 28 + (extension + 1 if extension else 0)
        positions += [(1, index, {"optional_data", "composite"}) for index in range(rest, 42)]
    return positions


@given(generated_mrzs(), st.data())
def test_it_detects_any_single_substitution_in_a_checked_field(generated, data):
    lines, expected = generated
    fmt = str(expected["format"])
    number = str(expected["document_number"])
    line, position, failing = data.draw(st.sampled_from(_checked_positions(fmt, lines, number)))
    old = lines[line][position]
    in_overflow = len(number) > 9 and (line, position) >= ((0, 15) if fmt == "TD1" else (1, 28))
    # Characters 10 values apart weigh the same modulo 10; "<" would end an overflowing number early.
    candidates = [
        char for char in ALPHANUMERIC + ("" if in_overflow else "<") if (VALUE[char] - VALUE[old]) % 10
    ]
    new = data.draw(st.sampled_from(candidates))
    broken = list(lines)
    broken[line] = lines[line][:position] + new + lines[line][position + 1 :]
    mrz = parse_mrz(broken, today=TODAY)
    assert set(mrz.failed_checks) == failing


@given(generated_mrzs(), st.data())
def test_it_never_raises_on_a_readable_mrz_whatever_its_digits_say(generated, data):
    lines, _ = generated
    line = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
    position = data.draw(st.integers(min_value=5 if line == 0 else 0, max_value=len(lines[line]) - 1))
    new = data.draw(st.sampled_from(ALPHANUMERIC + "<"))
    broken = list(lines)
    broken[line] = lines[line][:position] + new + lines[line][position + 1 :]
    mrz = parse_mrz(broken, today=TODAY)
    assert len(mrz.checks) == {"TD1": 4, "TD2": 4, "TD3": 5, "MRVA": 3, "MRVB": 3}[mrz.format]
