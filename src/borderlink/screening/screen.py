"""Screening: a traveller against every alert in force, for a checkpoint, an import or a passenger list.

``screen_traveller`` is the one path: the API, the worker screening imports, passenger lists and the
benchmark all call it. Recording hits, deadlines and notices is ``hits.record_hits``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone

from borderlink.crossings.models import Crossing
from borderlink.identity.compare import Traveller, normalise_document_number
from borderlink.screening.alerts import traveller_of
from borderlink.screening.choices import PERSON_TYPES
from borderlink.screening.hits import record_hits
from borderlink.screening.index import ScreeningIndex
from borderlink.screening.matching import Candidate, ScreeningScorer, match_persons, score_entry
from borderlink.screening.models import Alert, ExpectedArrival, Hit
from borderlink.screening.runtime import current_index

__all__ = ["lookback", "screen_arrivals", "screen_crossings", "screen_traveller"]

TRAVELLER_COLUMNS = (
    "id", "family_name", "given_names", "native_name", "sex", "birth_date", "nationality", "document_number",
    "document_issuing_state", "reporting_state",
)  # fmt: skip


def _document_hits(
    traveller: Traveller, index: ScreeningIndex, today: dt.date, ids: list[int] | None = None
) -> list[Candidate]:
    """Document alerts with the traveller's exact normalised number and issuing state, checked in the table.

    ``ids`` are the index's candidates for the traveller's document, when the caller has them.
    """
    if ids is None:
        ids = index.document_candidates(traveller)
    if not ids:
        return []
    number = normalise_document_number(traveller.document_number)
    issuer = (traveller.document_issuer or "").upper()
    found = []
    for alert in Alert.objects.in_force(today).filter(pk__in=ids, document_key=number):
        if alert.document_issuing_state and alert.document_issuing_state != issuer:
            continue
        if alert.type in PERSON_TYPES:
            continue  # a person alert's document is weighed with the rest of the person
        detail = f"document {issuer} {number} is named by alert {alert.ref}"
        explanation = [{"comparison": "document", "level": "exact", "detail": detail, "weight": None}]
        found.append(Candidate(alert.pk, alert.type, 1.0, explanation, via="document"))
    return found


_TODAY: list[Any] = [None, 0.0]
#: Seconds the node's date is reused: screening asks for it per traveller, and an alert lapsing a few
#: seconds after midnight instead of at midnight changes nothing at a border.
_TODAY_SECONDS = 5.0


def _today() -> dt.date:
    """The node's local date, looked up at most every ``_TODAY_SECONDS`` (a time zone conversion costs)."""
    now = time.monotonic()
    if _TODAY[0] is None or now >= _TODAY[1]:
        _TODAY[0], _TODAY[1] = timezone.localdate(), now + _TODAY_SECONDS
    today: dt.date = _TODAY[0]
    return today


def scorer_for(index: ScreeningIndex) -> ScreeningScorer:
    """The scorer of an index: the identity model with the alerts' name frequencies (common names weigh less)."""
    if index.scorer is None:
        index.scorer = ScreeningScorer(frequencies=index.frequencies)
    scorer: ScreeningScorer = index.scorer
    return scorer


def screen_traveller(traveller: Traveller, *, index: ScreeningIndex | None = None) -> list[Candidate]:
    """Every alert in force the traveller hits, best first: document alerts, then person alerts."""
    index = index or current_index()
    scorer = scorer_for(index)
    today = _today()
    by_document = index.document_candidates(traveller)
    found = _document_hits(traveller, index, today, by_document)
    persons = match_persons(traveller, index, today.toordinal(), scorer)
    seen = {c.alert_id for c in persons}
    for alert_id in by_document:
        entry = index.entries.get(alert_id)
        if entry is None or alert_id in seen:
            continue  # a document alert, or a person alert already scored by name
        candidate = score_entry(traveller, entry, today.toordinal(), scorer)
        if candidate is not None:
            persons.append(candidate)
    return found + sorted(persons, key=lambda c: c.score, reverse=True)


def screen_crossings(crossing_ids: Sequence[int], *, retrospective: bool = False) -> list[Hit]:
    """Screen stored crossings and record their hits (deadlines, notices); returns the new hits."""
    index = current_index(force_check=True)
    found: list[tuple[dict[str, Any], Candidate]] = []
    for start in range(0, len(crossing_ids), 2000):
        chunk = crossing_ids[start : start + 2000]
        for values in Crossing.objects.filter(pk__in=chunk).values(*TRAVELLER_COLUMNS):
            for candidate in screen_traveller(Traveller.from_stored(values), index=index):
                found.append((values, candidate))
    return record_hits(
        [("crossing", values["id"], values["reporting_state"], candidate) for values, candidate in found],
        retrospective=retrospective,
    )


def screen_arrivals(arrivals: Iterable[ExpectedArrival]) -> list[Hit]:
    """Screen expected arrivals of a passenger list before the flight lands; returns the new hits."""
    index = current_index(force_check=True)
    found: list[tuple[str, int, str, Candidate]] = []
    for arrival in arrivals:
        traveller = Traveller.from_stored(
            {
                "family_name": arrival.family_name,
                "given_names": arrival.given_names,
                "sex": arrival.sex,
                "birth_date": arrival.birth_date,
                "nationality": arrival.nationality,
                "document_number": arrival.document_number,
                "document_issuing_state": arrival.document_issuing_state,
            }
        )
        for candidate in screen_traveller(traveller, index=index):
            found.append(("expected_arrival", arrival.pk, arrival.reporting_state, candidate))
    return record_hits(found)


def lookback(alert: Alert, days: int | None = None) -> list[Hit]:
    """Screen a new or changed alert back over the crossings of the last ``days`` (the setting by default).

    Candidates come from the same keys as real-time screening, read from the identity index of linked
    crossings and from the crossings table (same document; same birth date), then are scored the same way.
    """
    if alert.status != "active":
        return []
    window = days if days is not None else settings.ALERT_LOOKBACK_DAYS
    since = timezone.now() - dt.timedelta(days=window)
    recent = Crossing.objects.filter(crossed_at__gte=since)
    candidates: set[int] = set()
    if alert.document_key:
        numbers = {alert.document_number, alert.document_key}
        candidates.update(recent.filter(document_number__in=numbers).values_list("id", flat=True))
    mine = traveller_of(alert)
    if alert.type in PERSON_TYPES:
        if alert.birth_date:
            dates = {alert.birth_date}
            if mine.birth_date is not None and mine.birth_date.is_complete:
                b = mine.birth_date
                if b.day is not None and b.month is not None and b.day <= 12:
                    dates.add(f"{b.year:04d}-{b.day:02d}-{b.month:02d}")
            candidates.update(recent.filter(birth_date__in=dates).values_list("id", flat=True))
        from borderlink.identity.linking import state

        linked = state()
        candidates.update(int(c) for c in linked.index.candidates(mine))  # type: ignore[call-overload]
    if not candidates:
        return []
    single = ScreeningIndex()
    from borderlink.screening.runtime import _entry

    row = tuple(
        getattr(alert, name)
        for name in (
            "id", "type", "issuing_state", "review_date", "family_name", "given_names", "native_name", "sex",
            "birth_date", "nationality", "document_number", "document_issuing_state", "document_key",
        )
    )  # fmt: skip
    entry, doc = _entry(row)
    single.build([entry] if entry else [], [(alert.pk, doc)] if doc else [])
    found: list[tuple[str, int, str, Candidate]] = []
    scorer = scorer_for(current_index())
    ids = sorted(candidates)
    for start in range(0, len(ids), 2000):
        for values in recent.filter(pk__in=ids[start : start + 2000]).values(*TRAVELLER_COLUMNS):
            traveller = Traveller.from_stored(values)
            hits = _document_hits(traveller, single, timezone.localdate()) if doc else []
            if entry is not None:
                candidate = score_entry(traveller, entry, timezone.localdate().toordinal(), scorer)
                if candidate is not None:
                    hits.append(candidate)
            found.extend(("crossing", values["id"], values["reporting_state"], c) for c in hits)
    return record_hits(found, retrospective=True)
