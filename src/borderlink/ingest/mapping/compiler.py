"""Compile a checked mapping into column functions, built once per file.

Ingest works column by column: each target field is read for every record at once, and its
transform runs once per *distinct* value (border exports repeat the same codes, dates and
countries on thousands of rows), then is spread back over the rows with one C-level ``map``.
Nothing is interpreted field by field per row: every branch on the mapping's options is decided
at compile time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from borderlink.ingest.mapping.spec import CLOSED_VALUES, FieldSpec, MappingSpec
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
ValueFunction = Callable[[Any], Any]

#: The longest text the common model stores per target (the Crossing columns); longer is quarantined.
MAX_LENGTHS = {
    "id": 150, "traveller.family_name": 200, "traveller.given_names": 200, "traveller.name": 400,
    "traveller.native_name": 200, "document.number": 40, "vehicle": 200, "sponsor": 300,
    "checkpoint": 32, "visa.category": 200, "visa.number": 200,
}  # fmt: skip

#: The reason a code-list miss gets, per target (others get ``unknown_code``).
UNKNOWN_CODE_REASON = {"direction": "bad_direction", "checkpoint": "unknown_checkpoint"}


@dataclass(frozen=True)
class CompiledField:
    """One target field: how to fetch its raw value and how to turn it into the model's value."""

    target: str
    get: Getter
    transform: ValueFunction
    per_row: bool
    #: The CSV column the field reads alone (its values can come from a transposed file), else None.
    csv_index: int | None = None
    #: For a field that only trims and cases text, the whole column at once (see ``_plain_text_column``).
    plain_text: Callable[[Sequence[str]], list[Any]] | None = None

    def column(self, records: Sequence[Any], fetched: Sequence[Any] | None = None) -> tuple[list[Any], bool]:
        """The field's values for every record (a failed value is its :class:`FieldError`), and
        whether any value failed. ``fetched`` holds the raw values when the caller already has them."""
        raw = list(map(self.get, records)) if fetched is None else fetched
        transform = self.transform
        if self.plain_text is not None and self.csv_index is not None:  # a CSV column holds only text
            values = self.plain_text(raw)
            return values, any(type(value) is FieldError for value in values)
        if not self.per_row:
            try:
                distinct = set(raw)
            except TypeError:  # an unhashable value (a JSON list or object where text was expected)
                pass
            else:
                table = {value: _safe(transform, value) for value in distinct}
                failed = any(type(result) is FieldError for result in table.values())
                return list(map(table.__getitem__, raw)), failed
        values = [_safe(transform, value) for value in raw]
        return values, any(type(value) is FieldError for value in values)


def _safe(transform: ValueFunction, value: Any) -> Any:
    try:
        return transform(value)
    except FieldError as error:
        return error.detached()


@dataclass(frozen=True)
class CompiledMapping:
    """A mapping ready to run over one file's records."""

    spec: MappingSpec
    fields: tuple[CompiledField, ...]

    def map_columns(
        self, records: Sequence[Any], known: dict[str, list[Any]] | None = None
    ) -> tuple[dict[str, list[Any]], dict[int, FieldError]]:
        """Map every record; return the columns and, per failed row index, its first error.

        ``known`` holds columns already mapped for these records (the ids, read when the file was opened).
        """
        columns: dict[str, list[Any]] = {}
        errors: dict[int, FieldError] = {}
        # CSV rows turned into columns in one pass (C-level), rather than one getter pass per field.
        transposed = list(zip(*records, strict=True)) if records and self.spec.format.type == "csv" else None
        for field in self.fields:
            if known and field.target in known:
                column = known[field.target]
                failed = any(type(value) is FieldError for value in column)
            elif transposed is not None and field.csv_index is not None:
                column, failed = field.column(records, transposed[field.csv_index])
            else:
                column, failed = field.column(records)
            columns[field.target] = column
            if failed:
                for index, value in enumerate(column):
                    if type(value) is FieldError and index not in errors:
                        errors[index] = value
        return columns, errors


def compile_mapping(spec: MappingSpec, header: Sequence[str] | None = None) -> CompiledMapping:
    """Compile ``spec``; for CSV, ``header`` is the file's actual header (columns may be reordered)."""
    index = {name: position for position, name in enumerate(header or spec.format.columns)}
    fields = [
        CompiledField(
            target=target,
            get=_getter(spec.format.type, field, index),
            transform=_value_function(field, spec.timezone),
            # Ids are unique to each row: the distinct-value table gains nothing there. (Document numbers
            # repeat: a passport or border pass crosses again and again.)
            per_row=target == "id",
            csv_index=index[field.sources[0]] if spec.format.type == "csv" and len(field.sources) == 1 else None,
            plain_text=_plain_text_column(field) if target == "id" else None,
        )
        for target, field in spec.fields.items()
    ]
    # The id is read first so that a later error can still name the record.
    fields.sort(key=lambda f: f.target != "id")
    return CompiledMapping(spec=spec, fields=tuple(fields))


def _plain_text_column(field: FieldSpec) -> Callable[[Sequence[str]], list[Any]] | None:
    """The column function of a field whose values are only trimmed and cased, or None for others.

    The id is such a field in every shipped mapping, and unique per row, so the distinct-value table
    does not help it: this maps the column with C-level ``str`` methods and gives the few values that
    are empty or too long to the field's own function, which names their error.
    """
    if field.codes is not None or field.converter or CLOSED_VALUES.get(field.target) is not None:
        return None
    single = _value_function(field, "UTC")
    trim, upper, lower = field.trim, field.upper, field.lower
    nulls = frozenset(field.null_values)
    max_length = MAX_LENGTHS.get(field.target, 1 << 62)

    def plain_column(raw: Sequence[str]) -> list[Any]:
        texts = list(map(str.strip, raw)) if trim else list(raw)
        values: list[Any] = list(map(str.upper, texts)) if upper else list(map(str.lower, texts)) if lower else texts
        # Casing can lengthen a text (ß becomes SS): the length is checked on what would be stored.
        odd = [
            i
            for i, (text, value) in enumerate(zip(texts, values, strict=True))
            if text in nulls or len(value) > max_length
        ]
        for i in odd:
            values[i] = _safe(single, raw[i])
        return values

    return plain_column


def _single_getter(kind: str, source: str, index: dict[str, int]) -> Getter:
    if kind == "csv":
        return itemgetter(index[source])
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
        texts = [str(p).strip() for p in (g(record) for g in getters) if p is not None and str(p).strip()]
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


def _value_function(field: FieldSpec, mapping_zone: str) -> ValueFunction:
    """Build the function from one raw value to the model's value (raising :class:`FieldError`)."""
    target = field.target
    trim, upper, lower = field.trim, field.upper, field.lower
    nulls = frozenset(field.null_values)
    required, default = field.required, field.default
    codes = field.codes
    unknown_code = field.unknown_code
    unknown_reason = UNKNOWN_CODE_REASON.get(target, "unknown_code")
    convert = _converter(field, mapping_zone)
    closed = CLOSED_VALUES.get(target)
    max_length = MAX_LENGTHS.get(target)

    def text_of(value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            text = value.strip() if trim else value
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, int | float):
            text = str(value)
        else:
            raise FieldError("bad_value", target, f"{target}: expected text, found {type(value).__name__}")
        if text in nulls:
            return None
        if upper:
            return text.upper()
        if lower:
            return text.lower()
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
            return default  # already in the common model's form (checked when the mapping was loaded)
        if required:
            raise FieldError("missing_field", target, f"{target}: no value")
        return None

    if field.converter == "list":
        separator = field.converter_arg

        def list_value(value: Any) -> Any:
            if isinstance(value, list | tuple):
                items = value
            elif value is None:
                items = []
            else:
                items = str(value).split(separator)
            result = []
            for item in items:
                text = text_of(item)
                if text is not None:
                    value = coded(text)
                    if value is not None:
                        result.append(value)
            if not result:
                return missing() or []
            return result

        return list_value

    def single_value(value: Any) -> Any:
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else (" ".join(str(v) for v in value) if value else None)
        text = text_of(value)
        if text is None:
            return missing()
        result = coded(text)
        if result is None:
            return missing()
        if convert is not None:
            if max_length is not None and len(result) > max_length:
                raise FieldError("too_long", target, f"{target}: {len(result)} characters, at most {max_length}")
            return convert(result)
        if closed is not None and result not in closed:
            raise FieldError(unknown_reason, target, f"{target}: {text!r} is not one of {', '.join(closed)}")
        if max_length is not None and isinstance(result, str) and len(result) > max_length:
            raise FieldError("too_long", target, f"{target}: {len(result)} characters, at most {max_length}")
        return result

    return single_value
