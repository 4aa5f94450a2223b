"""ICAO 9303 MRZ parsing on the published specimens, and on copies of them with one character changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from borderlink.values.mrz import Check, mrz_to_dict, parse_mrz

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
