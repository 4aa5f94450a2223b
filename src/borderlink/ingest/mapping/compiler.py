"""Compile a checked mapping into one function per field, built once per file.

The compiled row mapper reads a record (a CSV row list, a JSON object or a flattened XML record)
and returns the target values, or raises :class:`FieldError`. Nothing here is interpreted field by
field per row: every branch on the mapping's options is decided at compile time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from borderlink.ingest.mapping.spec import FieldSpec, MappingSpec
from borderlink.ingest.mapping.transforms import (
    Converter,
    FieldError,
    country_converter,
    date_converter,
    datetime_converter,
    integer_converter,
    mrz_converter,
    partial_date_converter,
    split_name_converter,
)

Getter = Callable[[Any], Any]
FieldFunction = Callable[[Any], Any]

#: The reason a code list miss gets, per target (others get ``unknown_code``).
UNKNOWN_CODE_REASON = {"direction": "bad_direction", "checkpoint": "unknown_checkpoint"}


@dataclass(frozen=True)
class CompiledMapping:
    """A mapping ready to run over one file's records."""

    spec: MappingSpec
    fields: tuple[tuple[str, FieldFunction], ...]

    def map_record(self, record: Any, into: dict[str, Any]) -> dict[str, Any]:
        """Fill ``into`` with the target values of one record and return it.

        Raises :class:`FieldError` on the first problem; ``into`` then holds what was mapped
        before it (the id comes first, so a quarantined row can still be named).
        """
        for target, function in self.fields:
            into[target] = function(record)
        return into


def compile_mapping(spec: MappingSpec, header: Sequence[str] | None = None) -> CompiledMapping:
    """Compile ``spec``; for CSV, ``header`` is the file's actual header (columns may be reordered)."""
    index = {name: position for position, name in enumerate(header or spec.format.columns)}
    functions = []
    for target, field in spec.fields.items():
        getter = _getter(spec.format.type, field, index)
        functions.append((target, _field_function(field, getter, spec.timezone)))
    # The id is read first so that a later error can still name the record.
    functions.sort(key=lambda item: item[0] != "id")
    return CompiledMapping(spec=spec, fields=tuple(functions))


def _single_getter(kind: str, source: str, index: dict[str, int]) -> Getter:
    if kind == "csv":
        position = index[source]
        return lambda row: row[position]
    if kind == "jsonl":
        path = source.split(".")
        if len(path) == 1:
            key = path[0]
            return lambda obj: obj.get(key)

        def nested(obj: Any) -> Any:
            for key in path:
                if not isinstance(obj, dict):
                    return None
                obj = obj.get(key)
            return obj

        return nested
    return lambda flat: flat.get(source)


def _getter(kind: str, field: FieldSpec, index: dict[str, int]) -> Getter:
    if not field.sources:
        constant = field.value
        return lambda record: constant
    getters = [_single_getter(kind, source, index) for source in field.sources]
    if len(getters) == 1:
        return getters[0]
    separator = field.join

    def joined(record: Any) -> Any:
        parts = [g(record) for g in getters]
        texts = [str(p).strip() for p in parts if p is not None and str(p).strip()]
        return separator.join(texts) if texts else None

    return joined


def _converter(field: FieldSpec, mapping_zone: str) -> Converter | None:
    name, arg, target = field.converter, field.converter_arg, field.target
    if name == "date":
        return date_converter(target, arg, field.calendar)
    if name == "datetime":
        return datetime_converter(target, arg, field.calendar, field.timezone or mapping_zone)
    if name == "partial_date":
        return partial_date_converter(target, arg, field.calendar, field.unknown)
    if name == "country":
        return country_converter(target)
    if name == "integer":
        return integer_converter(target)
    if name == "split_name":
        return split_name_converter(target, arg)
    if name == "mrz":
        return mrz_converter(arg.get("separator", ""))
    return None


def _field_function(field: FieldSpec, get: Getter, mapping_zone: str) -> FieldFunction:
    target = field.target
    trim, upper, lower = field.trim, field.upper, field.lower
    nulls = frozenset(field.null_values)
    required, default = field.required, field.default
    codes = field.codes
    unknown_code = field.unknown_code
    unknown_reason = UNKNOWN_CODE_REASON.get(target, "unknown_code")
    convert = _converter(field, mapping_zone)
    is_list = field.converter == "list"
    separator = field.converter_arg if is_list else None

    def text_of(value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            text = value.strip() if trim else value
        elif isinstance(value, bool | int | float):
            text = str(value)
        else:
            raise FieldError("bad_value", target, f"{target}: expected text, found {type(value).__name__}")
        if text in nulls:
            return None
        if upper:
            text = text.upper()
        elif lower:
            text = text.lower()
        return text

    def coded(text: str) -> Any:
        if codes is None:
            return text
        if text in codes:
            return codes[text]
        normalised = unicodedata.normalize("NFC", text)
        if normalised in codes:
            return codes[normalised]
        if unknown_code == "keep":
            return text
        if unknown_code == "null":
            return None
        raise FieldError(unknown_reason, target, f"{target}: {text!r} is not in the code list")

    def missing() -> Any:
        if default is not None:
            return default
        if required:
            raise FieldError("missing_field", target, f"{target}: no value")
        return None

    if is_list:

        def list_function(record: Any) -> Any:
            value = get(record)
            items = (
                value if isinstance(value, list) else (None if value is None else str(value).split(separator))
            )
            if items is None:
                return missing() or []
            result = []
            for item in items:
                text = text_of(item)
                if text is not None:
                    result.append(coded(text))
            if not result and required:
                raise FieldError("missing_field", target, f"{target}: no value")
            return result

        return list_function

    def function(record: Any) -> Any:
        value = get(record)
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else (" ".join(str(v) for v in value) if value else None)
        text = text_of(value)
        if text is None:
            return missing()
        result = coded(text)
        if result is None:
            return missing()
        if convert is not None:
            return convert(result)
        return result

    return function
