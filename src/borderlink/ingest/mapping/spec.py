"""The mapping language: a YAML file that says how one national export becomes the common model.

This module reads and checks a mapping file, reporting every problem with its line number, and
returns a typed :class:`MappingSpec`. Compiling a spec into a fast row function is
:mod:`borderlink.ingest.mapping.compiler`'s job. docs/mapping.md is the user's reference.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

FORMAT_TYPES = ("csv", "jsonl", "xml")
CONVERTERS = ("date", "datetime", "partial_date", "country", "list", "mrz", "split_name", "integer")
CALENDARS = ("gregorian", "buddhist")
ON_UNKNOWN = ("error", "keep", "null")
SPLIT_ORDERS = ("family_first", "given_first", "no_family_name")

#: Every target field a mapping may fill, with the converter it must (or may) use.
TARGETS: dict[str, tuple[str, ...]] = {
    "id": ("", "integer"),
    "checkpoint": ("",),
    "direction": ("",),
    "crossed_at": ("datetime",),
    "traveller.family_name": ("",),
    "traveller.given_names": ("",),
    "traveller.name": ("split_name",),
    "traveller.native_name": ("",),
    "traveller.sex": ("",),
    "traveller.birth_date": ("partial_date", "date"),
    "traveller.nationality": ("country",),
    "document.type": ("",),
    "document.number": ("",),
    "document.issuing_state": ("country",),
    "document.expiry_date": ("date",),
    "mrz": ("mrz",),
    "purpose": ("",),
    "companions": ("list",),
    "vehicle": ("",),
    "sponsor": ("",),
    "visa.category": ("",),
    "visa.number": ("",),
}
REQUIRED_TARGETS = ("id", "checkpoint", "direction", "crossed_at")
#: The values a code list may produce for targets that have a closed vocabulary.
CLOSED_VALUES: dict[str, tuple[str, ...]] = {
    "direction": ("entry", "exit"),
    "traveller.sex": ("M", "F", "X"),
    "document.type": ("passport", "border_pass", "id_card", "visa", "other"),
    "purpose": ("tourism", "work", "business", "family", "study", "transit", "official", "other"),
}
FIELD_KEYS = {
    "from",
    "value",
    "join",
    "trim",
    "null_values",
    "required",
    "upper",
    "lower",
    "codes",
    "codes_file",
    "unknown_code",
    "calendar",
    "timezone",
    "unknown",
    "default",
    *CONVERTERS,
}
_TOKEN = re.compile(r"YYYY|MM|DD|HH|mm|ss")
_OFFSET = re.compile(r"^[+-]\d{2}:\d{2}$")


class MappingError(ValueError):
    """A mapping file with problems; ``problems`` lists ``(line, message)`` pairs."""

    def __init__(self, source: str, problems: list[tuple[int, str]]) -> None:
        self.source = source
        self.problems = sorted(problems)
        lines = "\n".join(f"{source}:{line}: {message}" for line, message in self.problems)
        super().__init__(lines)


@dataclass(frozen=True)
class FormatSpec:
    """How the file is laid out."""

    type: str
    encoding: str = "utf-8"
    delimiter: str = ","
    quotechar: str = '"'
    columns: tuple[str, ...] = ()
    extra_columns: bool = False
    root: str = ""
    record: str = ""


@dataclass(frozen=True)
class FieldSpec:
    """How one target field is read and transformed; ``line`` points into the mapping file."""

    target: str
    line: int
    sources: tuple[str, ...] = ()
    value: Any = None
    join: str = " "
    trim: bool = True
    null_values: tuple[str, ...] = ("",)
    required: bool = False
    upper: bool = False
    lower: bool = False
    codes: dict[str, Any] | None = None
    unknown_code: str = "error"
    converter: str = ""
    converter_arg: Any = None
    calendar: str = "gregorian"
    timezone: str = ""
    unknown: str = ""
    default: Any = None


@dataclass(frozen=True)
class CheckpointSpec:
    """A checkpoint declared by the mapping, registered when the mapping is used."""

    national_code: str
    name: str
    kind: str
    time_zone: str
    lat: float | None = None
    lon: float | None = None
    faces: str = ""


@dataclass(frozen=True)
class MappingSpec:
    """A checked mapping file."""

    source: str
    name: str
    reporting_state: str
    format: FormatSpec
    timezone: str
    fields: dict[str, FieldSpec]
    checkpoints: tuple[CheckpointSpec, ...] = ()
    sha256: str = ""
    path: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


#
# YAML with line numbers
#


class _Mapping(dict[Any, Any]):
    """A dict that remembers the line of each key (1-based)."""

    lines: dict[Any, int]
    line: int


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader whose mappings remember their key lines."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    result = _Mapping()
    result.lines = {}
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
        result.lines.setdefault(str(key), key_node.start_mark.line + 1)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line(mapping: Any, key: str, default: int = 1) -> int:
    return getattr(mapping, "lines", {}).get(key, getattr(mapping, "line", default))


#
# Loading and checking
#


def load_mapping(path: Path) -> MappingSpec:
    """Read and check a mapping file; raise :class:`MappingError` listing every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(str(path), [(1, f"cannot read the file: {exc}")]) from None
    return parse_mapping(text, str(path), base_dir=path.parent)


def parse_mapping(text: str, name: str = "<mapping>", base_dir: Path | None = None) -> MappingSpec:
    """Parse mapping text; ``base_dir`` resolves ``codes_file`` paths."""
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise MappingError(name, [(line, f"not valid YAML: {exc.problem}")]) from None
    except yaml.YAMLError as exc:
        raise MappingError(name, [(1, f"not valid YAML: {exc}")]) from None
    checker = _Checker(name, base_dir or Path("."))
    spec = checker.mapping(data)
    if checker.problems or spec is None:
        raise MappingError(name, checker.problems or [(1, "empty mapping")])
    return MappingSpec(**{**spec.__dict__, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "path": name})


class _Checker:
    """Walks the parsed YAML, collecting every problem instead of stopping at the first."""

    def __init__(self, name: str, base_dir: Path) -> None:
        self.name = name
        self.base_dir = base_dir
        self.problems: list[tuple[int, str]] = []

    def fail(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def mapping(self, data: Any) -> MappingSpec | None:
        if not isinstance(data, dict):
            self.fail(1, "a mapping file is a YAML mapping with source, reporting_state, format and fields")
            return None
        known = {
            "source",
            "name",
            "reporting_state",
            "format",
            "timezone",
            "fields",
            "checkpoints",
            "description",
        }
        for key in data:
            if key not in known:
                self.fail(_line(data, key), f"unknown key {key!r} (expected one of {', '.join(sorted(known))})")
        source = data.get("source")
        if not isinstance(source, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,38}", source or ""):
            self.fail(_line(data, "source"), "source: a short lower-case name such as khm-gdi is required")
            source = "?"
        state = data.get("reporting_state")
        if not isinstance(state, str) or not re.fullmatch(r"[A-Z]{3}", state):
            self.fail(_line(data, "reporting_state"), "reporting_state: an alpha-3 code such as KHM is required")
            state = "???"
        timezone = data.get("timezone", "checkpoint")
        self.check_timezone(timezone, _line(data, "timezone"))
        fmt = self.format(data.get("format"), _line(data, "format"))
        fields = self.fields(data.get("fields"), _line(data, "fields"), fmt)
        checkpoints = self.checkpoints(data.get("checkpoints") or [], _line(data, "checkpoints"))
        if fmt is None:
            return None
        return MappingSpec(
            source=source,
            name=str(data.get("name") or source),
            reporting_state=state,
            format=fmt,
            timezone=str(timezone),
            fields=fields,
            checkpoints=checkpoints,
        )

    def check_timezone(self, value: Any, line: int) -> None:
        if value == "checkpoint" or (isinstance(value, str) and _OFFSET.match(value)):
            return
        try:
            ZoneInfo(str(value))
        except Exception:
            self.fail(line, f"timezone {value!r}: use checkpoint, an offset such as +07:00, or an IANA name")

    def format(self, data: Any, line: int) -> FormatSpec | None:
        if not isinstance(data, dict):
            self.fail(line, "format: a mapping with type csv, jsonl or xml is required")
            return None
        kind = data.get("type")
        if kind not in FORMAT_TYPES:
            self.fail(_line(data, "type"), f"format.type {kind!r}: expected one of {', '.join(FORMAT_TYPES)}")
            return None
        allowed = {"type", "encoding"} | {
            "csv": {"delimiter", "quotechar", "columns", "extra_columns"},
            "jsonl": set(),
            "xml": {"root", "record"},
        }[kind]
        for key in data:
            if key not in allowed:
                self.fail(_line(data, key), f"format.{key} does not apply to {kind} files")
        encoding = str(data.get("encoding", "utf-8"))
        try:
            "".encode(encoding)
        except LookupError:
            self.fail(_line(data, "encoding"), f"format.encoding {encoding!r} is not a known encoding")
        if kind == "csv":
            columns = data.get("columns")
            if not isinstance(columns, list) or not columns or not all(isinstance(c, str) for c in columns):
                self.fail(_line(data, "columns"), "format.columns: the list of the file's header columns")
                columns = []
            delimiter = data.get("delimiter", ",")
            if delimiter == "\\t":
                delimiter = "\t"
            if not isinstance(delimiter, str) or len(delimiter) != 1:
                self.fail(_line(data, "delimiter"), "format.delimiter must be one character")
                delimiter = ","
            quotechar = data.get("quotechar", '"')
            if not isinstance(quotechar, str) or len(quotechar) != 1 or quotechar == delimiter:
                self.fail(_line(data, "quotechar"), "format.quotechar must be one character, not the delimiter")
                quotechar = '"'
            return FormatSpec(
                type=kind,
                encoding=encoding,
                delimiter=delimiter,
                quotechar=quotechar,
                columns=tuple(columns),
                extra_columns=bool(data.get("extra_columns", False)),
            )
        if kind == "xml":
            record = data.get("record")
            if not isinstance(record, str) or not record:
                self.fail(_line(data, "record"), "format.record: the element name of one record is required")
                record = "?"
            return FormatSpec(type=kind, encoding=encoding, root=str(data.get("root", "")), record=record)
        return FormatSpec(type=kind, encoding=encoding)

    def fields(self, data: Any, line: int, fmt: FormatSpec | None) -> dict[str, FieldSpec]:
        if not isinstance(data, dict):
            self.fail(line, "fields: a mapping from target field to how to read it is required")
            return {}
        result: dict[str, FieldSpec] = {}
        for target, spec in data.items():
            target_line = _line(data, target)
            if target not in TARGETS:
                self.fail(target_line, f"unknown target field {target!r}; see docs/mapping.md for the list")
                continue
            parsed = self.field(target, spec, target_line, fmt)
            if parsed is not None:
                result[target] = parsed
        for target in REQUIRED_TARGETS:
            if target not in data:
                self.fail(line, f"fields: {target} is required")
        names = {"traveller.family_name", "traveller.given_names", "traveller.name", "traveller.native_name"}
        if not names & set(data):
            self.fail(line, "fields: map at least one of the traveller's name fields")
        if "traveller.name" in data and {"traveller.family_name", "traveller.given_names"} & set(data):
            self.fail(_line(data, "traveller.name"), "traveller.name replaces family_name and given_names: map one")
        return result

    def field(self, target: str, spec: Any, line: int, fmt: FormatSpec | None) -> FieldSpec | None:
        if isinstance(spec, str):
            spec = {"from": spec}
            spec_lines: Any = {}
        elif isinstance(spec, dict):
            spec_lines = spec
        else:
            self.fail(line, f"{target}: expected a column name or a mapping")
            return None
        at = lambda key: _line(spec_lines, key, line)  # noqa: E731
        for key in spec:
            if key not in FIELD_KEYS:
                self.fail(at(key), f"{target}: unknown key {key!r}")
        sources: tuple[str, ...] = ()
        if "from" in spec:
            raw = spec["from"]
            if isinstance(raw, str) and raw:
                sources = (raw,)
            elif isinstance(raw, list) and raw and all(isinstance(s, str) and s for s in raw):
                sources = tuple(raw)
            else:
                self.fail(at("from"), f"{target}.from: a field name or a list of field names")
        elif "value" not in spec:
            self.fail(line, f"{target}: say where the value comes from (from) or give a constant (value)")
        if fmt is not None and fmt.type == "csv" and fmt.columns:
            for source in sources:
                if source not in fmt.columns:
                    self.fail(at("from"), f"{target}.from: {source!r} is not one of format.columns")
        converters = [name for name in CONVERTERS if name in spec]
        if len(converters) > 1:
            self.fail(line, f"{target}: only one of {', '.join(converters)} may be given")
        converter = converters[0] if converters else ""
        allowed = TARGETS[target]
        if converter not in allowed and not (converter == "" and "" in allowed):
            wanted = " or ".join(c or "plain text" for c in allowed)
            self.fail(at(converter) if converter else line, f"{target}: expects {wanted}")
        arg = spec.get(converter) if converter else None
        if converter in ("date", "datetime", "partial_date"):
            patterns = [arg] if isinstance(arg, str) else arg
            if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
                self.fail(at(converter), f"{target}.{converter}: a pattern such as DD/MM/YYYY, or a list")
                patterns = []
            for pattern in patterns:
                if pattern not in ("iso8601", "iso_date") and not _TOKEN.search(pattern):
                    self.fail(at(converter), f"{target}.{converter}: pattern {pattern!r} has no YYYY/MM/DD tokens")
            arg = tuple(patterns)
        elif converter == "list":
            if not isinstance(arg, str) or not arg:
                self.fail(at("list"), f"{target}.list: the separator, for example ','")
        elif converter == "split_name":
            if arg not in SPLIT_ORDERS:
                self.fail(at("split_name"), f"{target}.split_name: one of {', '.join(SPLIT_ORDERS)}")
        elif converter == "mrz":
            if arg is True:
                arg = {}
            if not isinstance(arg, dict) or set(arg) - {"separator"}:
                self.fail(at("mrz"), f"{target}.mrz: true, or a mapping with a separator such as '|'")
                arg = {}
        codes = spec.get("codes")
        if "codes_file" in spec:
            codes = self.codes_file(spec["codes_file"], at("codes_file"), target)
        if codes is not None:
            if not isinstance(codes, dict):
                self.fail(at("codes"), f"{target}.codes: a mapping from the source's code to the common value")
                codes = None
            else:
                codes = {str(key): value for key, value in codes.items()}
                closed = CLOSED_VALUES.get(target)
                if closed:
                    for key, value in codes.items():
                        if value is not None and value not in closed:
                            self.fail(
                                _line(spec.get("codes"), key, at("codes")),
                                f"{target}.codes: {key} -> {value!r} is not one of {', '.join(closed)}",
                            )
        unknown_code = spec.get("unknown_code", "error")
        if unknown_code is None:  # an unquoted `null` in YAML
            unknown_code = "null"
        if unknown_code not in ON_UNKNOWN:
            self.fail(at("unknown_code"), f"{target}.unknown_code: one of {', '.join(ON_UNKNOWN)}")
        calendar = spec.get("calendar", "gregorian")
        if calendar not in CALENDARS:
            self.fail(at("calendar"), f"{target}.calendar: one of {', '.join(CALENDARS)}")
        timezone = spec.get("timezone", "")
        if timezone:
            self.check_timezone(timezone, at("timezone"))
        unknown_marker = spec.get("unknown", "")
        if unknown_marker not in ("", None) and not str(unknown_marker).isdigit():
            self.fail(at("unknown"), f'{target}.unknown: digits such as "00" that mark an unknown day or month')
        null_values = spec.get("null_values", [""])
        if not isinstance(null_values, list):
            self.fail(at("null_values"), f"{target}.null_values: a list of strings meaning 'no value'")
            null_values = [""]
        for flag in ("trim", "required", "upper", "lower"):
            if flag in spec and not isinstance(spec[flag], bool):
                self.fail(at(flag), f"{target}.{flag}: true or false")
        return FieldSpec(
            target=target,
            line=line,
            sources=sources,
            value=spec.get("value"),
            join=str(spec.get("join", " ")),
            trim=bool(spec.get("trim", True)),
            # An empty value is always "no value"; null_values adds other tokens.
            null_values=("", *("" if v is None else str(v) for v in null_values)),
            required=target in REQUIRED_TARGETS or bool(spec.get("required", False)),
            upper=bool(spec.get("upper", False)),
            lower=bool(spec.get("lower", False)),
            codes=codes,
            unknown_code=str(unknown_code),
            converter=converter,
            converter_arg=arg,
            calendar=str(calendar),
            timezone=str(timezone),
            unknown=str(spec.get("unknown", "")),
            default=self.default(spec.get("default"), converter, target, at("default")),
        )

    def default(self, value: Any, converter: str, target: str, line: int) -> Any:
        """A default is written in the common model's form (ISO dates, alpha-3 codes); convert it now."""
        if value is None:
            return None
        from datetime import date, datetime

        from borderlink.values.countries import UnknownStateCode, state_code
        from borderlink.values.dates import PartialDate

        text = value.isoformat() if isinstance(value, date) else str(value)
        try:
            if converter == "date":
                return date.fromisoformat(text)
            if converter == "partial_date":
                return PartialDate.parse(text)
            if converter == "datetime":
                return datetime.fromisoformat(text)
            if converter == "country":
                return state_code(text)
            if converter == "list":
                return [text]
        except (ValueError, UnknownStateCode) as exc:
            self.fail(line, f"{target}.default: {value!r} is not usable here ({exc})")
            return None
        closed = CLOSED_VALUES.get(target)
        if closed and text not in closed:
            self.fail(line, f"{target}.default: {text!r} is not one of {', '.join(closed)}")
            return None
        return text

    def codes_file(self, value: Any, line: int, target: str) -> dict[str, Any] | None:
        import csv

        if not isinstance(value, str):
            self.fail(line, f"{target}.codes_file: a CSV file path relative to the mapping")
            return None
        path = (self.base_dir / value).resolve()
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.reader(handle))
        except OSError as exc:
            self.fail(line, f"{target}.codes_file: cannot read {value}: {exc.strerror}")
            return None
        codes: dict[str, Any] = {}
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != 2:
                self.fail(line, f"{target}.codes_file: {value} line {number} needs two columns (code,value)")
                continue
            codes[row[0]] = row[1] or None
        return codes

    def checkpoints(self, data: Any, line: int) -> tuple[CheckpointSpec, ...]:
        if not isinstance(data, list):
            self.fail(line, "checkpoints: a list of the source's checkpoints")
            return ()
        result = []
        for entry in data:
            entry_line = getattr(entry, "line", line)
            if not isinstance(entry, dict):
                self.fail(entry_line, "checkpoints: each entry is a mapping")
                continue
            for key in entry:
                if key not in ("national_code", "name", "kind", "time_zone", "lat", "lon", "faces"):
                    self.fail(_line(entry, key), f"checkpoints: unknown key {key!r}")
            for key in ("lat", "lon"):
                if entry.get(key) is not None and not isinstance(entry[key], int | float):
                    self.fail(_line(entry, key), f"checkpoints: {key} must be a number of degrees")
                    entry[key] = None
            missing = [k for k in ("national_code", "name", "kind", "time_zone") if not entry.get(k)]
            if missing:
                self.fail(entry_line, f"checkpoints: missing {', '.join(missing)}")
                continue
            if entry["kind"] not in ("land", "air", "sea", "river"):
                self.fail(_line(entry, "kind"), "checkpoints: kind is land, air, sea or river")
            self.check_timezone(entry["time_zone"], _line(entry, "time_zone"))
            result.append(
                CheckpointSpec(
                    national_code=str(entry["national_code"]),
                    name=str(entry["name"]),
                    kind=str(entry["kind"]),
                    time_zone=str(entry["time_zone"]),
                    lat=entry.get("lat"),
                    lon=entry.get("lon"),
                    faces=str(entry.get("faces") or ""),
                )
            )
        return tuple(result)
