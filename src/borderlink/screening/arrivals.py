"""Airline passenger lists: kept as expected arrivals, screened before landing, tied to the actual entry.

A PAXLST message is parsed by ``screening.paxlst``; each traveller becomes an ``ExpectedArrival`` and is
screened at once, so a hit reaches the airport before the flight does. A traveller whose segments are
broken is quarantined with its raw segments and the reason, the others are kept: nothing is lost.
When the traveller's entry is ingested, the entry with the same document within a day of the expected
arrival is tied to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from borderlink.crossings.models import Crossing
from borderlink.identity.compare import normalise_document_number
from borderlink.screening.models import ExpectedArrival, Hit, PassengerList, QuarantinedEntry
from borderlink.screening.paxlst import PaxlstError, parse_paxlst

__all__ = ["PassengerListResult", "PaxlstError", "link_arrivals", "receive_passenger_lists"]

#: An entry more than this far from the announced arrival is not that arrival.
ARRIVAL_WINDOW = dt.timedelta(hours=24)


@dataclass
class PassengerListResult:
    """What receiving one file did: lists and arrivals stored, travellers quarantined, hits found."""

    lists: list[PassengerList] = field(default_factory=list)
    arrivals: int = 0
    quarantined: int = 0
    hits: list[Hit] = field(default_factory=list)


def _aware(moment: dt.datetime | None, airport_state: str) -> dt.datetime | None:
    """A local time of the message made aware in the receiving state's zone (PAXLST times are local)."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        return moment
    from borderlink.registry.models import State

    zone = State.objects.filter(code=airport_state).values_list("time_zone", flat=True).first()
    return moment.replace(tzinfo=ZoneInfo(zone or settings.TIME_ZONE))


def receive_passenger_lists(
    text: str, *, file_name: str, receiving_state: str, screen: bool = True
) -> PassengerListResult:
    """Store every message of a PAXLST interchange and screen its travellers; raises ``PaxlstError`` whole."""
    messages = parse_paxlst(text)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    result = PassengerListResult()
    with transaction.atomic():
        for message in messages:
            stored = PassengerList.objects.create(
                message_ref=message.message_ref[:40],
                sender=(message.sender or "")[:60],
                is_crew_list=message.is_crew_list,
                carrier=(message.carrier or "")[:10],
                flight_number=(message.flight_number or "")[:20],
                departure_airport=(message.departure_airport or "")[:5],
                departure_time=_aware(message.departure_time, receiving_state),
                arrival_airport=(message.arrival_airport or "")[:5],
                arrival_time=_aware(message.arrival_time, receiving_state),
                reporting_state=receiving_state,
                file_name=file_name[:255],
                file_sha256=digest,
                raw=text,
            )
            result.lists.append(stored)
            arrivals = []
            for traveller in message.travellers:
                if traveller.errors:
                    QuarantinedEntry.objects.create(
                        kind=QuarantinedEntry.Kind.PAXLST,
                        state=receiving_state,
                        passenger_list=stored,
                        file_name=file_name[:255],
                        position=traveller.position,
                        reason="invalid_traveller",
                        detail="; ".join(traveller.errors),
                        raw=traveller.segments,
                    )
                    result.quarantined += 1
                    continue
                arrivals.append(
                    ExpectedArrival(
                        passenger_list=stored,
                        reporting_state=receiving_state,
                        position=traveller.position,
                        role=traveller.role,
                        family_name=(traveller.family_name or "").upper()[:200],
                        given_names=(traveller.given_names or "").upper()[:200],
                        sex=traveller.sex or "",
                        birth_date=str(traveller.birth_date) if traveller.birth_date else "",
                        nationality=traveller.nationality or "",
                        document_type=(traveller.document_type or "")[:3],
                        document_number=(traveller.document_number or "")[:40],
                        document_key=normalise_document_number(traveller.document_number)[:40],
                        document_issuing_state=traveller.document_issuing_state or "",
                        expected_at=stored.arrival_time,
                        raw=traveller.segments,
                    )
                )
            ExpectedArrival.objects.bulk_create(arrivals)
            result.arrivals += len(arrivals)
    if screen:
        from borderlink.screening.screen import screen_arrivals

        stored_arrivals = ExpectedArrival.objects.filter(passenger_list__in=result.lists)
        result.hits = screen_arrivals(stored_arrivals)
    return result


def link_arrivals(crossing_ids: Sequence[int]) -> int:
    """Tie newly stored entries to the expected arrival with the same document near the same time."""
    linked = 0
    entries = Crossing.objects.filter(pk__in=crossing_ids, direction="entry").exclude(document_number=None)
    waiting = ExpectedArrival.objects.filter(crossing__isnull=True)
    if not waiting.exists():
        return 0
    for entry in entries.only("id", "document_number", "document_issuing_state", "crossed_at").iterator(2000):
        key = normalise_document_number(entry.document_number)
        if not key:
            continue
        candidates = waiting.filter(document_key=key)
        if entry.document_issuing_state:
            candidates = candidates.filter(document_issuing_state__in=["", entry.document_issuing_state])
        for arrival in candidates:
            if arrival.expected_at is None or abs(arrival.expected_at - entry.crossed_at) <= ARRIVAL_WINDOW:
                arrival.crossing = entry
                arrival.save(update_fields=["crossing"])
                linked += 1
                break
    return linked
