"""Readers that split a national file into records, each with its raw text and position.

A reader never drops a record silently: a record it cannot read is yielded as an
:class:`Unreadable` (quarantined by the caller). A file that is not the declared format at all
raises :class:`FileRefused`, and then nothing of it is stored.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from borderlink.ingest.mapping.spec import FormatSpec

RAW_LIMIT = 64 * 1024
FIELD_LIMIT = 1024 * 1024
# In a canonical re-dump, a NUL character is the escape \u0000 not itself escaped by a backslash.
_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")
_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class FileRefused(ValueError):
    """The whole file is refused (not the declared format); the message says why."""


@dataclass(slots=True)
class Item:
    """A readable record: its position, raw text and the parsed record for the compiled mapping."""

    position: int
    raw: str
    record: Any


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A record that could not be read; ``reason`` is ``unreadable``, ``truncated`` or ``bad_encoding``."""

    position: int
    raw: str
    reason: str
    detail: str
    record_id: str = ""


def storable(text: str) -> str:
    """Text any database can hold: NUL (which PostgreSQL refuses) shown as U+FFFD, the file keeps the byte."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def clip(raw: str) -> tuple[str, bool]:
    """Keep at most RAW_LIMIT characters of a raw record (the whole file is kept on disk anyway)."""
    if len(raw) <= RAW_LIMIT:
        return storable(raw), False
    return storable(raw[:RAW_LIMIT]), True


def decode(data: bytes, encoding: str) -> tuple[str, bool]:
    """Decode the file; undecodable bytes are kept as surrogates and the flag says so."""
    if data.startswith(b"\xef\xbb\xbf") and encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding), False
    except UnicodeDecodeError:
        return data.decode(encoding, errors="surrogateescape"), True


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def split_records(records: Sequence[Any], delimiter: str) -> list[Any]:
    """The records with every line still unsplit (see ``Records.split_on``) split into its fields."""
    return [record.rstrip("\r\n").split(delimiter) if type(record) is str else record for record in records]


def column_of_lines(records: Sequence[Any], delimiter: str, index: int, width: int) -> list[str]:
    """Field ``index`` of every record, splitting an unsplit line no further than that field."""
    last = index == width - 1
    return [
        (record.rstrip("\r\n").rsplit(delimiter, 1)[-1] if last else record.split(delimiter, index + 1)[index])
        if type(record) is str
        else record[index]
        for record in records
    ]


def _printable(text: str) -> str:
    return text.encode("utf-8", errors="replace").decode("utf-8") if _has_surrogates(text) else text


@dataclass(slots=True)
class Records:
    """A whole file read: the readable records with their raw text and position, and the unreadable ones."""

    records: list[Any]
    raws: list[str]
    positions: list[int]
    unreadable: list[Unreadable]
    #: For a CSV file read in one pass, its delimiter: a record that is still its line (a ``str``,
    #: holding exactly the header's number of fields and no quote) is split on it only when mapped,
    #: by whichever process maps it (:func:`split_records`).
    split_on: str | None = None

    def parsed(self) -> list[Any]:
        """Every record as its list of fields (or as read, for other formats)."""
        return self.records if self.split_on is None else split_records(self.records, self.split_on)

    @classmethod
    def collect(cls, items: Iterable[Item | Unreadable]) -> Records:
        """Gather what a reader yields, in file order."""
        read = cls([], [], [], [])
        for item in items:
            if isinstance(item, Unreadable):
                read.unreadable.append(item)
                continue
            read.positions.append(item.position)
            read.raws.append(item.raw)
            read.records.append(item.record)
        return read


#: What ``str.splitlines`` ends a line on besides CR and LF.
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class CsvReader:
    """Reads a delimited file whose first line is the declared header."""

    def __init__(self, text: str, fmt: FormatSpec, broken_encoding: bool) -> None:
        self.fmt = fmt
        self.broken_encoding = broken_encoding
        # Only CR, LF and CRLF end a row. str.splitlines would also split on U+2028 and friends, so it
        # is used (at twice the speed) only where the text has none of them.
        if _OTHER_LINE_BREAKS.search(text) is None:
            self.lines = text.splitlines(keepends=True)
        else:
            self.lines = io.StringIO(text, newline="").readlines()
        self.has_nul = "\x00" in text
        if not self.lines or text.isspace():
            raise FileRefused("the file is empty")
        header_line = self.lines[0].lstrip("\ufeff")
        csv.field_size_limit(FIELD_LIMIT)
        try:
            header = next(csv.reader([header_line], delimiter=fmt.delimiter, quotechar=fmt.quotechar), [])
        except csv.Error as exc:
            raise FileRefused(f"line 1: the header cannot be read: {exc}") from None
        header = [column.strip() for column in header]
        missing = [column for column in fmt.columns if column not in header]
        if missing:
            raise FileRefused(
                f"line 1: the header lacks column(s) {', '.join(missing)}; found {', '.join(header)[:300]}"
            )
        extra = [column for column in header if column not in fmt.columns]
        if extra and not fmt.extra_columns:
            raise FileRefused(f"line 1: unexpected column(s) {', '.join(extra)[:300]} (not in the mapping)")
        if len(set(header)) != len(header):
            raise FileRefused("line 1: a column name appears twice in the header")
        self.header = header
        self.header_line = header_line

    def read_all(self) -> Records:
        """Every record of the file; one pass of the C parser when no record spans two lines.

        That is the usual export (a line break inside a quoted field is rare), and then the file can
        be read without stepping through it record by record. Anything unusual (a parse error, a
        record over several lines, a NUL character, undecodable bytes) takes the careful path of
        :meth:`__iter__`, which reads exactly the same records.
        """
        fast = None if self.broken_encoding or len(self.header) < 2 else self._one_line_records()
        return fast if fast is not None else Records.collect(self)

    def _one_line_records(self) -> Records | None:
        body = self.lines[1:]
        if self.has_nul:
            return None
        found = self._split_lines(body)
        if found is None:
            return None
        rows, split = found
        width = len(self.header)
        odd = [index for index in split if len(rows[index]) != width]
        delimiter = self.fmt.delimiter
        if not odd:
            return Records(rows, body, list(range(2, len(body) + 2)), [], split_on=delimiter)
        read = Records([], [], [], [], split_on=delimiter)
        records, raws, positions, unreadable = read.records, read.raws, read.positions, read.unreadable
        previous = 0
        for index in [*odd, len(rows)]:
            records.extend(rows[previous:index])
            raws.extend(body[previous:index])
            positions.extend(range(previous + 2, index + 2))
            previous = index + 1
            if index == len(rows):
                break
            row, line = rows[index], index + 2
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            unreadable.append(
                Unreadable(line, body[index], "unreadable", f"line {line}: expected {width} fields, found {len(row)}",
                           row[0])
            )  # fmt: skip
        return read

    def _split_lines(self, body: list[str]) -> tuple[list[list[str] | str], list[int]] | None:
        """Each line's fields and the indexes of the lines split now; None when some record spans lines
        or the C parser refuses one.

        A line without the quote character is its fields joined by the delimiter, which ``str.split``
        undoes four times faster than the csv module: such a line with the header's number of fields
        is kept as it is, to be split when it is mapped (see ``Records.split_on``), and one with
        another number is split now, to be reported. Lines with a quote (or too long to be read) go
        through the csv module, together and in order.
        """
        quote, delimiter = self.fmt.quotechar, self.fmt.delimiter
        separators = len(self.header) - 1
        rows: list[list[str] | str | None] = [
            line if line.count(delimiter) == separators and quote not in line and len(line) <= FIELD_LIMIT else None
            for line in body
        ]
        split = [index for index, row in enumerate(rows) if row is None]
        careful = []
        for index in split:
            line = body[index]
            if quote in line or len(line) > FIELD_LIMIT:
                careful.append(index)
            else:
                rows[index] = line.rstrip("\r\n").split(delimiter)
        if careful:
            csv.field_size_limit(FIELD_LIMIT)
            reader = csv.reader(map(body.__getitem__, careful), delimiter=delimiter, quotechar=quote, strict=True)
            try:
                parsed = list(reader)
            except csv.Error:
                return None
            if len(parsed) != len(careful) or reader.line_num != len(careful):
                return None  # some record spans lines
            for index, row in zip(careful, parsed, strict=True):
                rows[index] = row
        return rows, split  # type: ignore[return-value]  # every None was replaced above

    def __iter__(self) -> Iterator[Item | Unreadable]:
        lines = self.lines
        csv.field_size_limit(FIELD_LIMIT)
        width = len(self.header)
        broken = self.broken_encoding
        done = 1  # physical lines consumed so far (the header is line 1)
        while done < len(lines):
            base = done
            # map over indexes rather than a slice: restarting after a broken quote copies nothing.
            reader = csv.reader(
                map(lines.__getitem__, range(base, len(lines))),
                delimiter=self.fmt.delimiter,
                quotechar=self.fmt.quotechar,
                strict=True,
            )
            restart = False
            while not restart:
                start = done + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    # Keep the line where the row began as the raw record and read on from the next.
                    yield Unreadable(start, _printable(lines[done]), "unreadable", f"line {start}: {exc}")
                    done += 1
                    break
                end = base + reader.line_num
                if end > start and len(row) != width:
                    # A quote that never closes swallows the lines after it: refuse only the line
                    # where it opened and read the following lines again as rows of their own.
                    yield Unreadable(
                        start, _printable(lines[done]), "unreadable",
                        f"line {start}: a quoted field is not closed on its line", row[0] if row else "",
                    )  # fmt: skip
                    done += 1
                    restart = True
                    continue
                # A row is one line unless a quoted field holds a line break.
                raw = lines[done] if end == start else "".join(lines[done:end])
                done = end
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if "\x00" in raw:
                    yield Unreadable(start, raw, "unreadable", f"line {start}: a NUL character", row[0] if row else "")
                    continue
                if broken and _has_surrogates(raw):
                    yield Unreadable(
                        start, _printable(raw), "bad_encoding",
                        f"line {start}: bytes that are not {self.fmt.encoding}", row[0],
                    )  # fmt: skip
                    continue
                if len(row) != width:
                    yield Unreadable(
                        start, raw, "unreadable", f"line {start}: expected {width} fields, found {len(row)}", row[0]
                    )
                    continue
                yield Item(start, raw, row)


class JsonLinesReader:
    """Reads one JSON object a line."""

    def __init__(self, text: str, fmt: FormatSpec, broken_encoding: bool) -> None:
        self.broken_encoding = broken_encoding
        # JSON may hold U+2028 raw inside strings: only LF (with an optional CR) ends a line.
        self.lines = [line[:-1] if line.endswith("\r") else line for line in text.lstrip("\ufeff").split("\n")]
        if not any(line.strip() for line in self.lines):
            raise FileRefused("the file is empty")
        if not any(line.lstrip().startswith("{") for line in self.lines[:1000]):
            raise FileRefused("line 1: not JSON Lines (no line starts a JSON object)")

    def __iter__(self) -> Iterator[Item | Unreadable]:
        loads = json.loads
        for number, line in enumerate(self.lines, start=1):
            if not line.strip():
                continue
            if self.broken_encoding and _has_surrogates(line):
                yield Unreadable(number, _printable(line), "bad_encoding", f"line {number}: bytes that are not UTF-8")
                continue
            if "\x00" in line:
                yield Unreadable(number, line, "unreadable", f"line {number}: a NUL character", _guess_id(line))
                continue
            if len(line) > FIELD_LIMIT:
                stripped = line.strip()
                cut = stripped.startswith("{") and not stripped.endswith("}")
                yield Unreadable(
                    number, line, "truncated" if cut else "unreadable",
                    f"line {number}: longer than {FIELD_LIMIT // 1024} KiB"
                    + (" and the JSON object is cut off" if cut else ""),
                    _guess_id(line),
                )  # fmt: skip
                continue
            try:
                obj = loads(line)
                # A \ud800-style escape decodes to half a character that no database can store.
                if "\\u" in line:
                    decoded = json.dumps(obj, ensure_ascii=False)
                    if _has_surrogates(decoded):
                        raise ValueError("a \\u escape stands for half a character (a lone surrogate)")
                    if _NUL_ESCAPE.search(decoded):
                        raise ValueError("a \\u0000 escape: a NUL character")
            except (ValueError, RecursionError) as exc:
                stripped = line.strip()
                truncated = (
                    isinstance(exc, json.JSONDecodeError) and stripped.startswith("{") and not stripped.endswith("}")
                )
                reason = "truncated" if truncated else "unreadable"
                detail = f"line {number}: {'the JSON object is cut off' if truncated else exc}"
                yield Unreadable(number, line, reason, detail, _guess_id(line))
                continue
            if not isinstance(obj, dict):
                yield Unreadable(number, line, "unreadable", f"line {number}: not a JSON object")
                continue
            yield Item(number, line, obj)


def _guess_id(line: str) -> str:
    """The first string value of a broken JSON line, to help find the record (may be empty)."""
    match = re.search(r'^\s*\{\s*"[^"]*"\s*:\s*"([^"]{1,150})"', line)
    return match.group(1) if match else ""


MAX_DEPTH = 32


def _flatten(element: ET.Element, prefix: str, into: dict[str, Any], depth: int = 0) -> None:
    """Flatten an element into ``path -> text``: ``Child``, ``Child/@attr``, ``Child/Grandchild``.

    A repeated element (several ``NguoiDiCung``) becomes a list.
    """
    if not prefix:
        for name, value in element.attrib.items():
            into[f"@{name}"] = value
    for child in element:
        key = f"{prefix}/{child.tag}" if prefix else child.tag
        for name, value in child.attrib.items():
            _add(into, f"{key}/@{name}", value)
        if len(child):
            if depth >= MAX_DEPTH:
                raise FileRefused(f"elements nested deeper than {MAX_DEPTH} levels inside a <{element.tag}> record")
            _flatten(child, key, into, depth + 1)
            continue
        _add(into, key, child.text or "")


def _add(into: dict[str, Any], key: str, value: str) -> None:
    """Set ``key``; a key seen again (a repeated element or its attribute) becomes a list."""
    previous = into.get(key)
    if previous is None:
        into[key] = value
    elif isinstance(previous, list):
        previous.append(value)
    else:
        into[key] = [previous, value]


class XmlReader:
    """Reads records (one element each) from an XML file; malformed XML refuses the whole file."""

    def __init__(self, text: str, fmt: FormatSpec, broken_encoding: bool) -> None:
        if not text.strip():
            raise FileRefused("the file is empty")
        if broken_encoding:
            raise FileRefused(f"the file is not valid {fmt.encoding}")
        if _DOCTYPE.search(text):
            raise FileRefused("DOCTYPE and ENTITY declarations are not accepted in XML imports")
        self.fmt = fmt
        # Parse everything first: a malformed file must be refused before anything is stored.
        self.items: list[Item] = []
        parser = ET.XMLPullParser(events=("start", "end"))
        depth = 0
        ordinal = 0
        root_checked = False
        try:
            for offset in range(0, len(text), 1 << 20):
                parser.feed(text[offset : offset + (1 << 20)])
                for pair in parser.read_events():
                    event, node = pair[0], pair[1]  # type: ignore[misc]
                    element = node if isinstance(node, ET.Element) else None
                    if element is None:
                        continue
                    if event == "start":
                        depth += 1
                        if not root_checked:
                            root_checked = True
                            if fmt.root and element.tag != fmt.root:
                                raise FileRefused(f"the root element is <{element.tag}>, expected <{fmt.root}>")
                        continue
                    depth -= 1
                    if element.tag == fmt.record and depth >= 1:
                        ordinal += 1
                        flat: dict[str, Any] = {}
                        _flatten(element, "", flat)
                        raw = ET.tostring(element, encoding="unicode").strip()
                        self.items.append(Item(ordinal, raw, flat))
                        element.clear()
            parser.close()
        except ET.ParseError as exc:
            line, column = exc.position
            raise FileRefused(f"malformed XML at line {line}, column {column}: {exc}") from None
        if not root_checked:
            raise FileRefused("no XML element found")

    def __iter__(self) -> Iterator[Item | Unreadable]:
        return iter(self.items)


READERS: dict[str, type[CsvReader] | type[JsonLinesReader] | type[XmlReader]] = {
    "csv": CsvReader,
    "jsonl": JsonLinesReader,
    "xml": XmlReader,
}


def open_reader(data: bytes, fmt: FormatSpec) -> CsvReader | JsonLinesReader | XmlReader:
    """Decode ``data`` and return the reader for the declared format (raises :class:`FileRefused`)."""
    if not data:
        raise FileRefused("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and "16" not in fmt.encoding:
        raise FileRefused(f"the file is UTF-16, the mapping declares {fmt.encoding}")
    text, broken = decode(data, fmt.encoding)
    if broken and fmt.type != "xml" and not _mostly_decodable(data, fmt.encoding):
        raise FileRefused(f"the file is not {fmt.encoding}: most of it cannot be decoded")
    return READERS[fmt.type](text, fmt, broken)


def _mostly_decodable(data: bytes, encoding: str) -> bool:
    bad = 0
    total = 0
    for line in data.splitlines()[:2000]:
        total += 1
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            bad += 1
    return total > 0 and bad * 2 < total
