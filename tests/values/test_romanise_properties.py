"""Property tests: a romaniser never emits ``?``, never anything but A-Z and spaces, never nothing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from borderlink.values.names import latin_key, phonetic_key, romanise

_FORM = re.compile(r"^[A-Z]+( [A-Z]+)*$")


def _script_text(low: int, high: int) -> st.SearchStrategy[str]:
    """Words of random code points from one Unicode block, separated by spaces."""
    word = st.text(st.characters(min_codepoint=low, max_codepoint=high), min_size=1, max_size=6)
    return st.lists(word, min_size=1, max_size=3).map(" ".join)


def _check(text: str) -> None:
    """Assert the romaniser contract on ``text``."""
    forms = romanise(text)
    if text.strip():
        assert forms, text
    for form in forms:
        assert "?" not in form
        assert _FORM.match(form), (text, form)


@settings(max_examples=15, deadline=None)  # the Khmer transformer takes up to 200 ms per new word
@given(_script_text(0x1780, 0x17FF))
def test_it_romanises_any_khmer_text(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None)
@given(_script_text(0x0E00, 0x0E7F))
def test_it_romanises_any_thai_text(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None)
@given(_script_text(0x0E80, 0x0EFF))
def test_it_romanises_any_lao_text(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(_script_text(0x1000, 0x109F))
def test_it_romanises_any_burmese_text(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(_script_text(0x00C0, 0x024F) | _script_text(0x1E00, 0x1EFF))
def test_it_romanises_any_accented_latin_text(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_it_romanises_any_text_at_all(text: str) -> None:
    _check(text)


@given(st.text(max_size=20))
def test_it_keeps_keys_in_the_mrz_alphabet(text: str) -> None:
    assert re.fullmatch(r"[A-Z ]*", latin_key(text))
    assert re.fullmatch(r"[A-Z]*", phonetic_key(text))
