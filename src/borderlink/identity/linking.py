"""Real-time linking: each new crossing joins the best-matching person or starts a new one.

The blocking index of every linked crossing lives in the memory of the process that links (the
worker), built once from the database and then kept up to date, so linking one crossing looks at its
few candidates, never at every person.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from borderlink.crossings.models import Crossing
from borderlink.identity.blocking import BlockingIndex
from borderlink.identity.compare import Level, Traveller
from borderlink.identity.models import DistinctPair, LinkDecision, Person
from borderlink.identity.score import Match, Scorer

logger = logging.getLogger("borderlink.identity")

#: Below the model's threshold but at least this likely: linked to a new person and put up for review.
REVIEW_FROM = 0.5
TRAVELLER_FIELDS = (
    "id", "family_name", "given_names", "native_name", "sex", "birth_date", "nationality", "document_number",
    "document_issuing_state",
)  # fmt: skip


@dataclass
class LinkState:
    """The in-memory index of linked crossings and the person of each."""

    index: BlockingIndex = field(default_factory=BlockingIndex)
    travellers: dict[int, Traveller] = field(default_factory=dict)
    person_of: dict[int, int] = field(default_factory=dict)
    #: Crossings named in an analyst's "not the same person" (few): only they need the check.
    distinct: set[int] = field(default_factory=set)
    #: The highest decision id the index has seen: if the table holds others, someone else decided too.
    last_decision: int = 0


_STATE: LinkState | None = None


def forget_state() -> None:
    """Drop the in-memory index (tests, or after persons were changed by another process)."""
    global _STATE
    _STATE = None


def _traveller(values: dict[str, Any]) -> Traveller:
    try:
        return Traveller.from_mapping(values)
    except ValueError:  # an unreadable stored birth date is compared as unknown
        return Traveller.from_mapping({**values, "birth_date": None})


def _latest_decision() -> int:
    return LinkDecision.objects.order_by("-id").values_list("id", flat=True).first() or 0


def state() -> LinkState:
    """The index of every currently linked crossing, loaded on first use.

    It is loaded again when the decisions table changed behind its back (another process linked,
    an analyst decided, a database was restored): one cheap query per linking batch tells.
    """
    global _STATE
    if _STATE is not None and _STATE.last_decision != _latest_decision():
        _STATE = None
    if _STATE is None:
        loaded = LinkState(last_decision=_latest_decision())
        for first, second in DistinctPair.objects.values_list("first_id", "second_id"):
            loaded.distinct.update((first, second))
        links = dict(LinkDecision.objects.filter(current=True).values_list("crossing_id", "person_id"))
        for values in Crossing.objects.filter(id__in=list(links)).values(*TRAVELLER_FIELDS).iterator(2000):
            traveller = _traveller(values)
            loaded.index.add(values["id"], traveller)
            loaded.travellers[values["id"]] = traveller
            loaded.person_of[values["id"]] = links[values["id"]]
        _STATE = loaded
    return _STATE


@dataclass(frozen=True)
class LinkResult:
    """What linking one crossing decided."""

    crossing_id: int
    person_id: int
    new_person: bool
    match: Match | None


def link_crossings(crossing_ids: Iterable[int], scorer: Scorer | None = None) -> list[LinkResult]:
    """Link crossings without a current decision, oldest first; return what was decided."""
    scorer = scorer or Scorer()
    current = state()
    linked = set(
        LinkDecision.objects.filter(crossing_id__in=list(crossing_ids), current=True).values_list(
            "crossing_id", flat=True
        )
    )
    rows = (
        Crossing.objects.filter(id__in=[i for i in crossing_ids if i not in linked])
        .order_by("crossed_at", "id")
        .values(*TRAVELLER_FIELDS)
    )
    results = []
    try:
        with transaction.atomic():
            for values in rows.iterator(2000):
                results.append(_link_one(values, current, scorer))
    except BaseException:
        forget_state()  # the index saw decisions that were just rolled back
        raise
    return results


def _kept_apart(crossing_id: int, current: LinkState) -> set[int]:
    """The persons an analyst said this crossing does not belong to."""
    if crossing_id not in current.distinct:
        return set()
    pairs = DistinctPair.objects.filter(Q(first_id=crossing_id) | Q(second_id=crossing_id)).values_list(
        "first_id", "second_id"
    )
    others = {b if a == crossing_id else a for a, b in pairs}
    return {current.person_of[o] for o in others if o in current.person_of}


def _link_one(values: dict[str, Any], current: LinkState, scorer: Scorer) -> LinkResult:
    crossing_id = values["id"]
    traveller = _traveller(values)
    best: tuple[int, Match] | None = None
    shared_document = False
    apart = _kept_apart(crossing_id, current)
    for candidate in current.index.candidates(traveller, exclude=crossing_id):
        if apart and current.person_of.get(int(candidate), -1) in apart:  # type: ignore[call-overload]
            continue  # an analyst said this crossing's traveller is not that person
        other = current.travellers[int(candidate)]  # type: ignore[call-overload]
        match = scorer.score(traveller, other)
        if best is None or match.weight > best[1].weight:
            best = (int(candidate), match)  # type: ignore[call-overload]
        if (
            not shared_document
            and match.level("document") == Level.EXACT
            and scorer.shared_document_conflict(traveller, other)
        ):
            shared_document = True
    found: Match | None = best[1] if best else None
    if best is not None and scorer.is_match(best[1]):
        person_id, new_person = current.person_of[best[0]], False
    else:
        person_id, new_person = Person.objects.create().pk, True
    decision = LinkDecision.objects.create(
        crossing_id=crossing_id,
        person_id=person_id,
        kind=LinkDecision.Kind.AUTOMATIC,
        probability=None if found is None else round(found.probability, 6),
        weight=None if found is None else round(found.weight, 3),
        matched_crossing_id=None if best is None else best[0],
        explanation=[] if found is None else [
            {"comparison": c.comparison, "level": c.level, "detail": c.detail, "weight": round(c.weight, 2)}
            for c in found.explanation
        ],
        model_version=scorer.model.version,
        needs_review=new_person and found is not None and found.probability >= REVIEW_FROM,
        shared_document=shared_document,
    )  # fmt: skip
    current.index.add(crossing_id, traveller)
    current.travellers[crossing_id] = traveller
    current.person_of[crossing_id] = person_id
    current.last_decision = decision.pk
    return LinkResult(crossing_id, person_id, new_person, found)
