"""The id column mapped at once gives what the field's own function gives value by value."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from borderlink.ingest.mapping.compiler import _plain_text_column, _safe, _value_function
from borderlink.ingest.mapping.spec import FieldSpec
from borderlink.ingest.mapping.transforms import FieldError


def _comparable(value: Any) -> Any:
    if isinstance(value, FieldError):
        return ("error", value.reason, value.field, value.detail)
    return value


texts = st.text(alphabet=st.sampled_from(" \t\u00a0aßẞKH-0\u1780\u17b6"), max_size=160)


@settings(max_examples=300, deadline=None)
@given(
    column=st.lists(texts, max_size=12),
    trim=st.booleans(),
    case=st.sampled_from(["", "upper", "lower"]),
    nulls=st.lists(st.sampled_from(["", "N/A", "-", "0"]), max_size=3),
    required=st.booleans(),
)
def test_the_column_at_once_equals_each_value_alone(
    column: list[str], trim: bool, case: str, nulls: list[str], required: bool
) -> None:
    field = FieldSpec(
        target="id", line=1, sources=("record_no",), trim=trim, upper=case == "upper", lower=case == "lower",
        null_values=tuple(nulls), required=required,
    )  # fmt: skip
    at_once = _plain_text_column(field)
    assert at_once is not None
    one_by_one = _value_function(field, "UTC")
    expected = [_comparable(_safe(one_by_one, value)) for value in column]
    assert [_comparable(value) for value in at_once(column)] == expected


def test_an_empty_or_overlong_id_is_named_and_the_others_pass() -> None:
    field = FieldSpec(target="id", line=1, sources=("record_no",), required=True)
    at_once = _plain_text_column(field)
    assert at_once is not None
    values = at_once([" KH-1 ", "", "K" * 151])
    assert values[0] == "KH-1"
    assert isinstance(values[1], FieldError) and values[1].reason == "missing_field"
    assert isinstance(values[2], FieldError) and values[2].reason == "too_long"


def test_a_coded_or_converted_field_keeps_its_own_function() -> None:
    assert _plain_text_column(FieldSpec(target="id", line=1, codes={"A": "B"})) is None
    assert _plain_text_column(FieldSpec(target="id", line=1, converter="integer")) is None
