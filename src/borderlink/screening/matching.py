"""Scoring a traveller against the alerts the index proposes: which become hits, and why.

A person alert is scored with the identity model (names in every form, birth date, sex, nationality,
and the document when the alert gives one), exactly as two crossings are, so a hit carries the same
explanation an analyst reads on a person page. A document alert needs the same normalised number and
issuing state; nothing else is weighed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from borderlink.identity.compare import Traveller
from borderlink.identity.score import Match, Scorer
from borderlink.screening.choices import DEFAULT_THRESHOLDS
from borderlink.screening.index import AlertEntry, ScreeningIndex

__all__ = ["Candidate", "explain", "match_persons", "score_entry"]

#: Person alerts scored per traveller at most, best-covered first: a name made only of common words
#: could otherwise propose hundreds.
MAX_SCORED = 40


@dataclass(frozen=True)
class Candidate:
    """An alert the traveller meets: its id and type, the probability, and each field's part in it."""

    alert_id: int
    type: str
    score: float
    explanation: list[dict[str, Any]] = field(default_factory=list)
    via: str = "person"


def match_persons(
    traveller: Traveller,
    index: ScreeningIndex,
    today_ordinal: int,
    scorer: Scorer,
    thresholds: Mapping[str, float] = DEFAULT_THRESHOLDS,
) -> list[Candidate]:
    """The person alerts in force that the traveller reaches the threshold of, best first."""
    if not traveller.has_name:
        return []
    found: list[Candidate] = []
    for entry in index.person_candidates(traveller)[:MAX_SCORED]:
        candidate = score_entry(traveller, entry, today_ordinal, scorer, thresholds)
        if candidate is not None:
            found.append(candidate)
    found.sort(key=lambda c: c.score, reverse=True)
    return found


def explain(match: Match) -> list[dict[str, Any]]:
    """A match's explanation as stored on a hit: each comparison, its level, why, and its weight in bits."""
    return [
        {"comparison": c.comparison, "level": c.level, "detail": c.detail, "weight": round(c.weight, 2)}
        for c in match.explanation
    ]


def score_entry(
    traveller: Traveller,
    entry: AlertEntry,
    today_ordinal: int,
    scorer: Scorer,
    thresholds: Mapping[str, float] = DEFAULT_THRESHOLDS,
) -> Candidate | None:
    """The hit of one person alert on the traveller, or None (below its type's threshold, or lapsed)."""
    if entry.review_ordinal < today_ordinal:
        return None
    match = scorer.score(traveller, entry.traveller)
    if match.probability < thresholds.get(entry.type, 0.5):
        return None
    return Candidate(entry.alert_id, entry.type, round(match.probability, 6), explain(match))
