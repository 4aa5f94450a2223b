"""ICAO 9303 MRZ parsing on generated MRZs: every field read back, every single substitution detected."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from borderlink.values.dates import PartialDate
from borderlink.values.mrz import check_digit, parse_mrz

from .test_mrz_specimens import TODAY, VALUE

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
        middle = birth + digit(birth) + sex + expiry + digit(expiry) + _pad(nationality, 3) + _pad(optional_2, 11)
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
    candidates = [char for char in ALPHANUMERIC + ("" if in_overflow else "<") if (VALUE[char] - VALUE[old]) % 10]
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
