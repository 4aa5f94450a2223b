"""State codes: ISO 3166-1 alpha-3 plus the ICAO 9303 codes found on travel documents."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderlink.values.countries import UnknownStateCode, is_state_code, state_code, state_name

ICAO_SPECIALS = [
    "GBD", "GBN", "GBO", "GBP", "GBS", "XXA", "XXB", "XXC", "XXX", "EUE", "UNO", "UNA", "UNK",
    "XOM", "XPO", "XCC", "RKS", "UTO",
]  # fmt: skip


@pytest.mark.parametrize("code", ["KHM", "THA", "LAO", "VNM", "IDN", "AUS", "MMR", "MYS", "PHL", "TLS"])
def test_it_accepts_bali_region_alpha3_codes(code):
    assert state_code(code) == code
    assert is_state_code(code)


def test_it_accepts_every_iso_3166_alpha3_code():
    for country in pycountry.countries:
        assert state_code(country.alpha_3) == country.alpha_3


@pytest.mark.parametrize("code", ICAO_SPECIALS)
def test_it_keeps_icao_special_codes_as_they_are(code):
    assert state_code(code) == code
    assert state_name(code)


@pytest.mark.parametrize("value", ["D", "D<<", "d", " D< ", "DEU", "deu"])
def test_it_stores_germany_as_deu_whether_written_d_or_deu(value):
    assert state_code(value) == "DEU"
    assert state_name(value) == "Germany"


@pytest.mark.parametrize(("value", "expected"), [(" khm ", "KHM"), ("tha\n", "THA"), ("UTO<", "UTO")])
def test_it_normalises_spaces_case_and_mrz_fillers(value, expected):
    assert state_code(value) == expected


@pytest.mark.parametrize("value", ["", "<<<", "KH", "ZZZ", "KHMR", "XKX", "BUR", "1AB", "K H"])
def test_it_refuses_unknown_codes_with_a_message_naming_the_value(value):
    assert not is_state_code(value)
    with pytest.raises(UnknownStateCode, match=f"unknown state code {value!r}"):
        state_code(value)


def test_it_raises_a_value_error_subclass_so_callers_can_catch_value_error():
    with pytest.raises(ValueError):
        state_code("ZZZ")


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("KHM", "Cambodia"),
        ("VNM", "Viet Nam"),
        ("XXA", "Stateless person"),
        ("XXB", "Refugee (1951 Convention)"),
        ("XXX", "Unspecified nationality"),
        ("RKS", "Kosovo"),
        ("UTO", "Utopia (specimen documents)"),
        ("GBN", "British National (Overseas)"),
    ],
)
def test_it_names_states_and_icao_categories_in_english(code, name):
    assert state_name(code) == name


def test_it_refuses_to_name_an_unknown_code():
    with pytest.raises(UnknownStateCode):
        state_name("ZZZ")


@given(st.text(max_size=6))
def test_it_agrees_with_itself_on_any_text(value):
    if is_state_code(value):
        stored = state_code(value)
        assert len(stored) == 3
        assert state_code(stored) == stored
    else:
        with pytest.raises(UnknownStateCode):
            state_code(value)
