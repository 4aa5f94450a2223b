"""Airline passenger and crew lists in UN/EDIFACT PAXLST, read into plain values.

Carriers send advance passenger information as PAXLST messages shaped by the WCO/IATA/ICAO PAXLST
Message Implementation Guide. :func:`parse_paxlst` reads an interchange (``UNA``/``UNB`` ... ``UNZ``,
with or without ``UNG`` groups) or bare ``UNH`` ... ``UNT`` messages into one :class:`PassengerList`
per message. What is read, and how each segment maps to a field, is in ``docs/paxlst.md``.

Two kinds of problem are told apart. A problem with the message as a whole (no message header, a
wrong ``UNT`` segment count, a text cut short, no flight, anything that is not EDIFACT) raises
:class:`PaxlstError`, and nothing of the text is returned. A problem with one traveller (a birth date
that is no date, an unknown nationality code) is kept in :attr:`Traveller.errors`; the traveller is
still returned, with the raw text of its segments, so that the caller can quarantine it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from borderlink.values.countries import is_state_code, state_code
from borderlink.values.dates import PartialDate, mrz_year

__all__ = ["PassengerList", "PaxlstError", "Traveller", "parse_paxlst"]

# NAD party qualifiers that open a traveller's segment group, and the role each gives.
_ROLES = {"FL": "passenger", "FM": "crew", "DDU": "in_transit_passenger", "DDT": "in_transit_crew"}
# ATT+2 sex codes; U (unknown, used by some carriers) is the common model's X (unspecified).
_SEXES = {"M": "M", "F": "F", "X": "X", "U": "X"}
# BGM document name codes: 745 passenger list, 250 crew list.
_LIST_KINDS = {"745": False, "250": True}
_ENVELOPE_TAGS = frozenset({"UNB", "UNG", "UNH", "UNT", "UNE", "UNZ"})
_BETWEEN_SEGMENTS = " \t\r\n"
_TAG = re.compile(r"[A-Z]{3}")
_DIGITS = re.compile(r"[0-9]+")
_FLIGHT_TIME_LENGTH = {"201": 10, "203": 12}


class PaxlstError(ValueError):
    """A PAXLST text that cannot be read as a whole; nothing of it is returned.

    ``segment`` is the 1-based position of the segment to blame in its message (``UNH`` is 1), or in
    the interchange (the first segment after ``UNA`` is 1) when the message says "interchange
    segment"; ``tag`` is that segment's tag. Both are ``None`` when no one segment is to blame.
    """

    def __init__(self, message: str, *, segment: int | None = None, tag: str | None = None) -> None:
        """Keep the human message and the segment to blame."""
        super().__init__(message)
        self.segment = segment
        self.tag = tag


@dataclass(frozen=True, slots=True)
class Traveller:
    """One passenger or crew member as the list declares them, with the problems found in their segments."""

    family_name: str | None
    given_names: str | None
    sex: str | None
    birth_date: PartialDate | None
    nationality: str | None
    document_type: str | None
    document_number: str | None
    document_issuing_state: str | None
    document_expiry: date | None
    place_of_birth: str | None
    residence_country: str | None
    role: str
    position: int
    segments: str
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PassengerList:
    """One PAXLST message: the flight it announces and the travellers on it, in message order."""

    message_ref: str
    sender: str | None
    recipient: str | None
    prepared_at: datetime | None
    is_crew_list: bool
    carrier: str | None
    flight_number: str | None
    departure_airport: str | None
    departure_time: datetime | None
    arrival_airport: str | None
    arrival_time: datetime | None
    travellers: tuple[Traveller, ...]
    declared_count: int | None


# --- syntax: service characters and segments ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Chars:
    component: str = ":"
    element: str = "+"
    release: str | None = "?"
    terminator: str = "'"


@dataclass(frozen=True, slots=True)
class _Segment:
    number: int  # position in the interchange text, the first segment after UNA being 1
    elements: tuple[tuple[str, ...], ...]  # elements[0] holds the tag
    raw: str  # the segment as written, terminator included, release characters kept

    @property
    def tag(self) -> str:
        return self.elements[0][0].strip()

    def value(self, element: int, component: int = 0) -> str:
        """Return one component without surrounding spaces, or '' when the segment does not have it."""
        if element < len(self.elements) and component < len(self.elements[element]):
            return self.elements[element][component].strip()
        return ""


def _service_chars(text: str) -> tuple[_Chars, str]:
    """Read the UNA service string advice when the text starts with one; return the characters and the rest."""
    body = text.lstrip("\ufeff" + _BETWEEN_SEGMENTS)
    if not body.startswith("UNA"):
        return _Chars(), body
    advice = body[:9]
    if len(advice) < 9:
        raise PaxlstError(f"UNA service string advice {advice!r} is cut short: it needs six characters after 'UNA'")
    component, element, decimal, release, terminator = advice[3], advice[4], advice[5], advice[6], advice[8]
    used = [component, element, terminator] + ([release] if release != " " else [])
    if len(set(used)) != len(used) or any(char.isalnum() for char in used):
        raise PaxlstError(
            f"UNA service string advice {advice!r}: the component, element and release characters and the segment "
            "terminator must be four different characters, none a letter or digit"
        )
    if decimal not in ".,":
        raise PaxlstError(f"UNA service string advice {advice!r}: the decimal mark {decimal!r} is neither '.' nor ','")
    return _Chars(component, element, None if release == " " else release, terminator), body[9:]


def _split_segments(body: str, chars: _Chars) -> list[_Segment]:
    """Cut the text into segments, undoing the release character; whitespace between segments is skipped."""
    segments: list[_Segment] = []
    length, i = len(body), 0
    while True:
        while i < length and body[i] in _BETWEEN_SEGMENTS:
            i += 1
        if i >= length:
            return segments
        number, start = len(segments) + 1, i
        elements: list[tuple[str, ...]] = []
        components: list[str] = []
        chunk: list[str] = []
        while i < length and body[i] != chars.terminator:
            char = body[i]
            if char == chars.release:
                if i + 1 >= length:
                    raise PaxlstError(
                        f"interchange segment {number}: the text ends with the release character {char!r}, "
                        "which must be followed by the character it releases",
                        segment=number,
                    )
                chunk.append(body[i + 1])
                i += 2
                continue
            if char == chars.element:
                elements.append((*components, "".join(chunk)))
                components, chunk = [], []
            elif char == chars.component:
                components.append("".join(chunk))
                chunk = []
            else:
                chunk.append(char)
            i += 1
        elements.append((*components, "".join(chunk)))
        i += 1  # past the terminator; the last segment of a text may lack one
        segment = _Segment(number, tuple(elements), body[start:i])
        if not _TAG.fullmatch(segment.tag):
            raise PaxlstError(
                f"interchange segment {number}: {segment.raw[:40]!r} is not an EDIFACT segment "
                "(a segment starts with a three-letter tag)",
                segment=number,
            )
        segments.append(segment)


# --- dates -----------------------------------------------------------------------------------------------


def _digits(text: str, *lengths: int) -> bool:
    return _DIGITS.fullmatch(text) is not None and len(text) in lengths


def _short_year(text: str) -> int:
    # Two-digit years in envelopes and flight times are this century: PAXLST has no older traffic.
    return 2000 + int(text)


def _flight_time(text: str, fmt: str) -> datetime:
    """Read YYMMDDHHMM (format 201) or CCYYMMDDHHMM (203); without a format code the length tells which."""
    if fmt and fmt not in _FLIGHT_TIME_LENGTH:
        raise ValueError(f"format code {fmt!r} is neither 201 (YYMMDDHHMM) nor 203 (CCYYMMDDHHMM)")
    lengths = (_FLIGHT_TIME_LENGTH[fmt],) if fmt else (10, 12)
    if not _digits(text, *lengths):
        raise ValueError("expected YYMMDDHHMM or CCYYMMDDHHMM digits")
    year, rest = (_short_year(text[:2]), text[2:]) if len(text) == 10 else (int(text[:4]), text[4:])
    return datetime(year, int(rest[:2]), int(rest[2:4]), int(rest[4:6]), int(rest[6:8]))


def _date_fields(text: str, fmt: str, what: str) -> tuple[str, int | None, int, int, int]:
    """Split YYMMDD (format 101) or CCYYMMDD (102) into its kind, century (None for YYMMDD), year, month and day."""
    lengths = {"": (6, 8), "101": (6,), "102": (8,)}.get(fmt)
    if lengths is None:
        raise ValueError(f"{what} {text!r} has format code {fmt!r}, neither 101 (YYMMDD) nor 102 (CCYYMMDD)")
    if not _digits(text, *lengths):
        raise ValueError(f"{what} {text!r} is not a valid {'CCYYMMDD' if fmt == '102' else 'YYMMDD'} date")
    kind, century = ("YYMMDD", None) if len(text) == 6 else ("CCYYMMDD", int(text[:2]))
    return kind, century, int(text[-6:-4]), int(text[-4:-2]), int(text[-2:])


def _birth_date(text: str, fmt: str, reference: date) -> PartialDate:
    """Read a birth date; 00 for an unknown day, or day and month, keeps only what is known.

    A two-digit year is in the century that does not put the birth after the message date.
    """
    kind, century, short_year, month, day = _date_fields(text, fmt, "date of birth")
    try:
        if century is None:
            year = mrz_year(short_year, "birth", reference, month=month or None, day=day or None)
        else:
            year = century * 100 + short_year
        born = PartialDate(year, month or None, day or None)
    except ValueError as exc:
        raise ValueError(f"date of birth {text!r} is not a valid {kind} date ({exc})") from None
    if born.earliest() > reference:
        raise ValueError(f"date of birth {born} is after the date of the message ({reference.isoformat()})")
    return born


def _expiry_date(text: str, fmt: str, reference: date) -> date:
    """Read a document expiry date; a two-digit year is in the century of the message date."""
    kind, century, short_year, month, day = _date_fields(text, fmt, "document expiry date")
    year = mrz_year(short_year, "expiry", reference) if century is None else century * 100 + short_year
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"document expiry date {text!r} is not a valid {kind} date ({exc})") from None


# --- envelope ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Envelope:
    sender: str | None = None
    recipient: str | None = None
    prepared_at: datetime | None = None


def _interchange_error(segment: _Segment, detail: str) -> PaxlstError:
    return PaxlstError(
        f"interchange segment {segment.number} ({segment.tag}): {detail}", segment=segment.number, tag=segment.tag
    )


def parse_paxlst(text: str) -> list[PassengerList]:
    """Read every PAXLST message of an EDIFACT interchange, or of bare UNH ... UNT messages, in order.

    Honours the UNA service string advice and the release character; whitespace and line breaks
    between segments are ignored. Raises :class:`PaxlstError` (and nothing else) when the text, or
    any message in it, cannot be read as a whole; problems with one traveller are kept in that
    traveller's ``errors`` instead.
    """
    chars, body = _service_chars(text)
    segments = _split_segments(body, chars)
    lists: list[PassengerList] = []
    i = 0
    while i < len(segments):
        segment = segments[i]
        if segment.tag == "UNB":
            i = _read_interchange(segments, i, lists)
        elif segment.tag == "UNH":
            i = _read_message(segments, i, _Envelope(), lists)
        else:
            raise _interchange_error(segment, "expected UNB (interchange header) or UNH (message header)")
    if not lists:
        raise PaxlstError("no PAXLST message: the text has no UNH message header")
    return lists


def _read_interchange(segments: list[_Segment], start: int, lists: list[PassengerList]) -> int:
    unb = segments[start]
    envelope = _Envelope(unb.value(2) or None, unb.value(3) or None, _prepared_at(unb))
    count, i = 0, start + 1
    while i < len(segments):
        segment = segments[i]
        if segment.tag == "UNZ":
            _check_trailer(segment, count, unb.value(5), "messages or groups in the interchange")
            if count == 0:
                raise _interchange_error(segment, "the interchange holds no UNH message")
            return i + 1
        if segment.tag == "UNG":
            i = _read_group(segments, i, envelope, lists)
        elif segment.tag == "UNH":
            i = _read_message(segments, i, envelope, lists)
        else:
            raise _interchange_error(segment, "expected UNG, UNH or UNZ between messages")
        count += 1
    raise _interchange_error(unb, f"interchange {unb.value(5)!r} has no UNZ trailer: the text may be cut short")


def _read_group(segments: list[_Segment], start: int, envelope: _Envelope, lists: list[PassengerList]) -> int:
    ung = segments[start]
    count, i = 0, start + 1
    while i < len(segments):
        segment = segments[i]
        if segment.tag == "UNE":
            _check_trailer(segment, count, ung.value(5), "messages in the group")
            return i + 1
        if segment.tag != "UNH":
            raise _interchange_error(segment, "expected UNH or UNE inside a UNG group")
        i = _read_message(segments, i, envelope, lists)
        count += 1
    raise _interchange_error(ung, f"group {ung.value(5)!r} has no UNE trailer: the text may be cut short")


def _check_trailer(trailer: _Segment, count: int, reference: str, what: str) -> None:
    declared = trailer.value(1)
    if not _digits(declared, *range(1, 7)) or int(declared) != count:
        raise _interchange_error(trailer, f"control count {declared!r} does not match the {count} {what}")
    if trailer.value(2) != reference:
        raise _interchange_error(trailer, f"control reference {trailer.value(2)!r} does not match {reference!r}")


def _prepared_at(unb: _Segment) -> datetime | None:
    day, time = unb.value(4, 0), unb.value(4, 1)
    if not day and not time:
        return None
    if not (_digits(day, 6, 8) and _digits(time, 4)):
        raise _interchange_error(unb, f"date and time of preparation {day}:{time} is not YYMMDD:HHMM or CCYYMMDD:HHMM")
    year = _short_year(day[:2]) if len(day) == 6 else int(day[:4])
    try:
        return datetime(year, int(day[-4:-2]), int(day[-2:]), int(time[:2]), int(time[2:]))
    except ValueError as exc:
        raise _interchange_error(unb, f"date and time of preparation {day}:{time} is not a date ({exc})") from None


# --- one message ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Stop:
    qualifier: str
    airport: str
    times: dict[str, datetime] = field(default_factory=dict)


@dataclass(slots=True)
class _Leg:
    flight_number: str | None
    carrier: str | None
    stops: list[_Stop] = field(default_factory=list)


class _Message:
    """The segments of one UNH ... UNT message, numbered from 1 at UNH, and the errors that name them."""

    def __init__(self, segments: list[_Segment]) -> None:
        self.segments = segments
        self.ref = segments[0].value(1)

    def error(self, number: int, detail: str) -> PaxlstError:
        tag = self.segments[number - 1].tag
        return PaxlstError(f"segment {number} ({tag}) of message {self.ref!r}: {detail}", segment=number, tag=tag)


def _read_message(segments: list[_Segment], start: int, envelope: _Envelope, lists: list[PassengerList]) -> int:
    end = start + 1
    while end < len(segments) and segments[end].tag not in _ENVELOPE_TAGS:
        end += 1
    message = _Message(segments[start : end + 1])
    if end >= len(segments) or segments[end].tag != "UNT":
        raise message.error(1, "the message has no UNT trailer before the next envelope segment or the end of the text")
    lists.append(_passenger_list(message, envelope))
    return end + 1


def _passenger_list(message: _Message, envelope: _Envelope) -> PassengerList:
    unh, unt, total = message.segments[0], message.segments[-1], len(message.segments)
    if not message.ref:
        raise message.error(1, "the message reference number is empty")
    if unh.value(2) != "PAXLST":
        raise message.error(1, f"message type {unh.value(2)!r} is not PAXLST")
    if not _digits(unt.value(1), *range(1, 7)) or int(unt.value(1)) != total:
        raise message.error(
            total, f"segment count {unt.value(1)!r} does not match the {total} segments from UNH to UNT"
        )
    if unt.value(2) != message.ref:
        raise message.error(total, f"message reference {unt.value(2)!r} does not match {message.ref!r} in UNH")

    if not any(segment.tag == "TDT" for segment in message.segments):
        raise PaxlstError(f"message {message.ref!r} has no TDT segment: the flight is unknown", tag="TDT")

    is_crew_list: bool | None = None
    legs: list[_Leg] = []
    groups: list[list[tuple[int, _Segment]]] = []
    declared_count: int | None = None
    section = "header"
    for number, segment in enumerate(message.segments[1:-1], start=2):
        tag = segment.tag
        if section == "counts" and tag != "CNT":
            raise message.error(number, "only CNT control totals may come between the travellers and UNT")
        if section == "header" and tag == "BGM" and is_crew_list is None:
            if segment.value(1) not in _LIST_KINDS:
                raise message.error(
                    number, f"document code {segment.value(1)!r} is neither 745 (passengers) nor 250 (crew)"
                )
            is_crew_list = _LIST_KINDS[segment.value(1)]
        elif tag == "TDT" and section in ("header", "flight"):
            section = "flight"
            carrier = segment.value(5) or _carrier_of(segment.value(2))
            legs.append(_Leg(segment.value(2) or None, carrier or None))
        elif tag == "LOC" and section == "flight":
            legs[-1].stops.append(_Stop(segment.value(1), segment.value(2)))
        elif tag == "DTM" and section == "flight":
            _read_flight_time(message, number, segment, legs[-1])
        elif tag == "NAD" and section in ("flight", "travellers"):
            section = "travellers"
            groups.append([(number, segment)])
        elif tag == "NAD" and segment.value(1) in _ROLES:
            raise message.error(number, "a traveller comes before the flight details (TDT)")
        elif tag == "CNT":
            section = "counts"
            declared_count = _read_count(message, number, segment, declared_count)
        elif section == "travellers":
            groups[-1].append((number, segment))
    if is_crew_list is None:
        raise PaxlstError(f"message {message.ref!r} has no BGM segment: passenger or crew list unknown", tag="BGM")
    if not legs:  # a TDT that only came after the travellers
        raise PaxlstError(f"message {message.ref!r} has no TDT segment before its travellers", tag="TDT")

    leg, departure, arrival = _route(legs)
    departure_time = departure.times.get("189") if departure else None
    arrival_time = arrival.times.get("232") if arrival else None
    # Birth dates are judged against the date of the message: when it was prepared, else the flight's.
    reference = (envelope.prepared_at or departure_time or arrival_time or datetime.now()).date()
    return PassengerList(
        message_ref=message.ref,
        sender=envelope.sender,
        recipient=envelope.recipient,
        prepared_at=envelope.prepared_at,
        is_crew_list=is_crew_list,
        carrier=leg.carrier,
        flight_number=leg.flight_number,
        departure_airport=(departure.airport or None) if departure else None,
        departure_time=departure_time,
        arrival_airport=(arrival.airport or None) if arrival else None,
        arrival_time=arrival_time,
        travellers=tuple(_traveller(group, position, reference) for position, group in enumerate(groups, start=1)),
        declared_count=declared_count,
    )


def _carrier_of(flight_number: str) -> str:
    # TDT without a carrier (C040): the airline designator leads the flight number (BA123, U2123, BAW123).
    match = re.fullmatch(r"([A-Z0-9]{2}[A-Z]?)[0-9]{1,4}[A-Z]?", flight_number)
    return match.group(1) if match and not match.group(1).isdigit() else ""


def _read_flight_time(message: _Message, number: int, segment: _Segment, leg: _Leg) -> None:
    qualifier, text, fmt = segment.value(1, 0), segment.value(1, 1), segment.value(1, 2)
    if qualifier not in ("189", "232") or not leg.stops:
        return  # a time for the whole transport stage (group 2) or of another kind: not used
    what = "departure" if qualifier == "189" else "arrival"
    try:
        leg.stops[-1].times[qualifier] = _flight_time(text, fmt)
    except ValueError as exc:
        raise message.error(number, f"{what} time {text!r} is not a valid date and time ({exc})") from None


def _read_count(message: _Message, number: int, segment: _Segment, declared: int | None) -> int | None:
    qualifier, value = segment.value(1, 0), segment.value(1, 1)
    if qualifier not in ("41", "42") or declared is not None:
        return declared
    if not _digits(value, *range(1, 10)):
        raise message.error(number, f"control total {value!r} is not a number")
    return int(value)


def _route(legs: list[_Leg]) -> tuple[_Leg, _Stop | None, _Stop | None]:
    """Pick the leg that crosses the border (LOC+125/87), else the first, and its departure and arrival stops."""
    leg = next((leg for leg in legs if any(stop.qualifier in ("125", "87") for stop in leg.stops)), legs[0])
    departure = next((stop for stop in leg.stops if stop.qualifier == "125"), leg.stops[0] if leg.stops else None)
    others = [stop for stop in leg.stops if stop is not departure]
    arrival = next((stop for stop in others if stop.qualifier == "87"), others[-1] if others else None)
    return leg, departure, arrival


# --- one traveller -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Document:
    type: str | None
    number: str | None
    expiry: date | None = None
    issuing_state: str | None = None


@dataclass(slots=True)
class _Details:
    """What a traveller's segments say so far; the first segment of each kind counts, the others are ignored."""

    sex: str | None = None
    birth_date: PartialDate | None = None
    nationality: str | None = None
    residence_country: str | None = None
    place_of_birth: str | None = None
    seen: set[str] = field(default_factory=set)
    documents: list[_Document] = field(default_factory=list)

    def first(self, kind: str) -> bool:
        """Tell whether this is the first segment of a kind, and remember it."""
        if kind in self.seen:
            return False
        self.seen.add(kind)
        return True


def _traveller(group: list[tuple[int, _Segment]], position: int, reference: date) -> Traveller:
    """Read one traveller's segment group (NAD, ATT, DTM, LOC, NAT, DOC...); problems go to ``errors``."""
    errors: list[str] = []
    nad_number, nad = group[0]
    role = _ROLES.get(nad.value(1), "unknown")
    if role == "unknown":
        errors.append(
            f"segment {nad_number} (NAD): party qualifier {nad.value(1)!r} is not FL (passenger), FM (crew), "
            "DDU (in-transit passenger) or DDT (in-transit crew)"
        )
    names = [part.strip() for part in nad.elements[4]] if len(nad.elements) > 4 else []
    family_name = names[0] if names and names[0] else None
    given_names = " ".join(part for part in names[1:] if part) or None
    if family_name is None:
        errors.append(f"segment {nad_number} (NAD): the traveller has no family name")

    def state(number: int, tag: str, what: str, value: str) -> str | None:
        if not value:
            return None
        if is_state_code(value):
            return state_code(value)
        errors.append(f"segment {number} ({tag}): {what} {value!r} is not an ISO 3166-1 alpha-3 or ICAO 9303 code")
        return None

    details = _Details()
    documents = details.documents
    for number, segment in group[1:]:
        tag, qualifier, value = segment.tag, segment.value(1), segment.value(2)
        if tag == "ATT" and qualifier == "2" and details.first("sex"):
            code = segment.value(3)
            details.sex = _SEXES.get(code.upper())
            if code and details.sex is None:
                errors.append(f"segment {number} (ATT): sex {code!r} is not M, F, X or U")
        elif tag == "DTM":
            kind, text, fmt = segment.value(1, 0), segment.value(1, 1), segment.value(1, 2)
            try:
                if kind == "329" and details.first("birth") and text:
                    details.birth_date = _birth_date(text, fmt, reference)
                elif kind == "36" and documents and documents[-1].expiry is None and text:
                    documents[-1].expiry = _expiry_date(text, fmt, reference)
            except ValueError as exc:
                errors.append(f"segment {number} (DTM): {exc}")
        elif tag == "NAT" and details.first("nationality"):
            details.nationality = state(number, tag, "nationality", value)
        elif tag == "LOC" and qualifier == "174" and details.first("residence"):
            details.residence_country = state(number, tag, "country of residence", value)
        elif tag == "LOC" and qualifier == "180" and details.first("birthplace"):
            details.place_of_birth = segment.value(2, 3) or value or None
        elif tag == "LOC" and qualifier == "91" and documents and documents[-1].issuing_state is None:
            documents[-1].issuing_state = state(number, tag, "document issuing state", value)
        elif tag == "DOC":
            documents.append(_Document(segment.value(1) or None, value or None))

    # The travel document, not a visa, is the one screened against document alerts.
    given = [document for document in documents if document.type or document.number]
    document = next((d for d in given if d.type != "V"), given[0] if given else _Document(None, None))
    return Traveller(
        family_name=family_name,
        given_names=given_names,
        sex=details.sex,
        birth_date=details.birth_date,
        nationality=details.nationality,
        document_type=document.type,
        document_number=document.number,
        document_issuing_state=document.issuing_state,
        document_expiry=document.expiry,
        place_of_birth=details.place_of_birth,
        residence_country=details.residence_country,
        role=role,
        position=position,
        segments="\n".join(segment.raw for _, segment in group),
        errors=tuple(errors),
    )
