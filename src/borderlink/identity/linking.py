"""Real-time linking: each new crossing joins the best-matching person or starts a new one.

The blocking index of every linked crossing lives in the memory of the process that links (the
worker), built once from the database and then kept up to date, so linking one crossing looks at its
few candidates, never at every person. Pairs are scored with the model ``borderlink identity train``
saved last (``models_store.realtime_model``, read again when it changes on disk), or with the
measured defaults when none was trained; each decision records that model's version.
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
from borderlink.identity.compare import Traveller
from borderlink.identity.models import DistinctPair, LinkDecision, Person
from borderlink.identity.models_store import realtime_model
from borderlink.identity.score import Match, Scorer

logger = logging.getLogger("borderlink.identity")

#: Below the model's threshold but at least this likely: linked to a new person and put up for review.
REVIEW_FROM = 0.5
#: A bound and a score add the same weights in another order: bounds this close to the best still get scored.
_BOUND_SLACK = 1e-9
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

    #: One object per distinct traveller: a frequent traveller's crossings share it (memory), and a
    #: crossing's candidates that are the same traveller are scored once.
    distinct_travellers: dict[Traveller, Traveller] = field(default_factory=dict)

    def add(self, crossing_id: int, traveller: Traveller, person_id: int) -> None:
        """Index a linked crossing under its blocking keys, with its person."""
        traveller = self.distinct_travellers.setdefault(traveller, traveller)
        self.index.add(crossing_id, traveller)
        self.travellers[crossing_id] = traveller
        self.person_of[crossing_id] = person_id


_STATE: LinkState | None = None


def forget_state() -> None:
    """Drop the in-memory index (tests, or after persons were changed by another process)."""
    global _STATE
    _STATE = None


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
            loaded.add(values["id"], Traveller.from_stored(values), links[values["id"]])
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
    """Link crossings without a current decision, oldest first; return what was decided.

    ``scorer`` defaults to one over the current model (``models_store.realtime_model``), looked up on
    every call so that a model trained meanwhile is used from the next batch on.
    """
    scorer = scorer or Scorer(realtime_model())
    crossing_ids = list(crossing_ids)
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


@dataclass(frozen=True)
class Found:
    """The candidates' verdict on one traveller: the best-scoring linked crossing and the document flag."""

    #: The best candidate's crossing id and match, or None when blocking proposed none.
    best: tuple[int, Match] | None
    #: Whether a candidate holds the same document while the rest of the evidence says another person.
    shared_document: bool
    #: How many candidates blocking proposed (scored or kept apart).
    candidates: int


def find_best(
    traveller: Traveller,
    current: LinkState,
    scorer: Scorer,
    exclude: int | None = None,
    apart: set[int] | frozenset[int] = frozenset(),
) -> Found:
    """Score a traveller against its blocking candidates in the index, in memory only.

    This is the real-time path whose latency ``borderlink bench identity`` measures: it reads the
    traveller's buckets, never the whole index. ``apart`` are persons an analyst said the traveller is
    not; their crossings are skipped. Candidates are scored best bound first (``Scorer.bound``: every
    field but the name) and scoring stops when no bound left can beat the best match, so the names
    of most candidates are never compared; candidates holding the same document are always scored,
    for the shared-document flag. The best match is the one scoring every candidate would find (of
    equal weights, any one).
    """
    best: tuple[int, Match] | None = None
    shared_document = False
    candidates = current.index.candidates(traveller, exclude=exclude)
    person_of, travellers = current.person_of, current.travellers
    same_document: list[int] = []
    bounded: list[tuple[float, int]] = []
    seen: set[int] = set()
    for candidate in candidates:
        other_id = int(candidate)  # type: ignore[call-overload]
        if apart and person_of.get(other_id, -1) in apart:
            continue  # an analyst said this crossing's traveller is not that person
        other = travellers[other_id]
        if id(other) in seen:
            continue  # the same traveller as a candidate already taken: the same score
        seen.add(id(other))
        bound = scorer.bound(traveller, other)
        if bound.same_document:
            same_document.append(other_id)
        else:
            bounded.append((bound.weight, other_id))
    bounded.sort(reverse=True)
    for other_id in same_document:
        match = scorer.score(traveller, travellers[other_id])
        if best is None or match.weight > best[1].weight:
            best = (other_id, match)
        shared_document = shared_document or scorer.document_conflict(match)
    for weight, other_id in bounded:
        if best is not None and weight < best[1].weight - _BOUND_SLACK:
            break  # neither this candidate nor any after it can score higher
        match = scorer.score(traveller, travellers[other_id])
        if best is None or match.weight > best[1].weight:
            best = (other_id, match)
    return Found(best, shared_document, len(candidates))


def _link_one(values: dict[str, Any], current: LinkState, scorer: Scorer) -> LinkResult:
    crossing_id = values["id"]
    traveller = Traveller.from_stored(values)
    found_best = find_best(traveller, current, scorer, crossing_id, _kept_apart(crossing_id, current))
    best, shared_document = found_best.best, found_best.shared_document
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
    current.add(crossing_id, traveller, person_id)
    current.last_decision = decision.pk
    return LinkResult(crossing_id, person_id, new_person, found)
