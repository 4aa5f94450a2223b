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

from borderlink.identity.compare import (
    Comparison,
    Level,
    Traveller,
    compare_birth_dates,
    compare_documents,
    compare_names,
    compare_nationalities,
    compare_sexes,
)
from borderlink.identity.score import Contribution, Match, Scorer
from borderlink.identity.score import _probability as probability_of
from borderlink.screening.choices import DEFAULT_THRESHOLDS
from borderlink.screening.index import AlertEntry, ScreeningIndex
from borderlink.screening.name_rules import (
    WORD_FUZZY,
    consonant_alike,
    natives_disagree,
    romanised_origin,
    same_words_counted,
    subset_counted,
    word_similarity,
)
from borderlink.values.dates import PartialDate

__all__ = [
    "Candidate",
    "ScreeningScorer",
    "births_compatible",
    "explain",
    "match_persons",
    "score_entry",
    "word_similarity",
]

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
    scorer: ScreeningScorer,
    thresholds: Mapping[str, float] = DEFAULT_THRESHOLDS,
) -> list[Candidate]:
    """The person alerts in force that the traveller reaches the threshold of, best first."""
    if not traveller.has_name:
        return []
    found: list[Candidate] = []
    for entry in index.person_candidates(traveller, MAX_SCORED):
        candidate = score_entry(traveller, entry, today_ordinal, scorer, thresholds)
        if candidate is not None:
            found.append(candidate)
    found.sort(key=lambda c: c.score, reverse=True)
    return found


class ScreeningScorer(Scorer):
    """The identity scorer with screening's own rules on birth dates and names.

    - Two complete birth dates that disagree are two people. Linking crossings tolerates a differing day
      and month (the identity model's ``year_only`` level, a small positive weight) because two records
      of one person are weighed against many others; an alert is a single claim about one person, and a
      traveller born on another day is not them, unless day and month are swapped, which keeps its own
      level. A date one digit apart counts as different too, unless ``one_digit_births`` (the setting
      ``BORDERLINK_SCREENING_ONE_DIGIT_BIRTHS``): among a million alerts, a common name is often carried
      by someone born one digit away, and tolerating it doubled the false hits (docs/screening.md).
    - Names: see ``name_rules``. Native-script names that differ make the names different whatever the
      Latin spellings say; a name the identity comparison calls ``different`` or ``fuzzy`` is ``fuzzy``
      when its words agree one by one but for one slip, or, for Khmer, Thai, Lao and Burmese names, with
      the same consonants; otherwise it is ``different``.
    """

    def __init__(self, *args: Any, one_digit_births: bool | None = None, **kwargs: Any) -> None:
        """As ``Scorer``; ``one_digit_births`` defaults to the setting."""
        super().__init__(*args, **kwargs)
        if one_digit_births is None:
            from django.conf import settings

            one_digit_births = bool(settings.SCREENING_ONE_DIGIT_BIRTHS)
        self.one_digit_births = one_digit_births

    def judge_names(self, a: Traveller, b: Traveller) -> Comparison:
        """The name comparison as screening judges it: identity's level, then the screening name rules.

        Asked first by ``score_entry``: most candidates an index proposes have another name, and are
        rejected here before the rest of the pair is weighed.
        """
        comparison = compare_names(a, b, self.frequencies)
        rule = self._name_rule(a, b, comparison.level)
        if rule is None:
            return comparison
        return Comparison("name", rule[0], rule[1])

    def score(self, a: Traveller, b: Traveller, names: Comparison | None = None) -> Match:
        """Score as identity does, with the screening rules (see the class docstring).

        ``names`` is ``judge_names(a, b)`` when the caller has it already.
        """
        lines = [Contribution("prior", "", f"lambda {self.model.prior:.3g}", self.model.prior_weight)]
        names = names or self.judge_names(a, b)
        for comparison in (
            names,
            self._birth_rule(a.birth_date, b.birth_date),
            compare_sexes(a.sex, b.sex),
            compare_nationalities(a.nationality, b.nationality),
            compare_documents(a, b),
        ):
            lines.append(
                Contribution(comparison.comparison, str(comparison.level), comparison.detail, self.weigh(comparison))
            )
        total = sum(line.weight for line in lines)
        return Match(probability_of(total), total, lines)

    def _birth_rule(self, a: PartialDate | None, b: PartialDate | None) -> Comparison:
        """The birth-date comparison, ``different`` when complete dates disagree (see the class docstring)."""
        comparison = compare_birth_dates(a, b)
        if not (a and b and a.is_complete and b.is_complete):
            return comparison
        if comparison.level == Level.YEAR_ONLY or (comparison.level == Level.ONE_DIGIT and not self.one_digit_births):
            return Comparison("birth_date", Level.DIFFERENT, f"complete birth dates disagree: {a} / {b}")
        return comparison

    def _name_rule(self, a: Traveller, b: Traveller, level: str | None) -> tuple[Level, str] | None:
        """The name's level and reason when screening judges it otherwise than identity, else None."""
        if level in (Level.EXACT, Level.MISSING):
            return None
        if natives := natives_disagree(a, b):
            return Level.DIFFERENT, f"names in their own script differ: {natives}"
        if level == Level.PHONETIC and not same_words_counted(a, b):
            return Level.TOKEN_SUBSET, "the same words, one of them repeated in one name only"
        if level not in (Level.FUZZY, Level.DIFFERENT):
            return None
        ratio, words = word_similarity(a, b)
        if ratio >= WORD_FUZZY:
            return (None if level == Level.FUZZY else
                    (Level.FUZZY, f"similar words, one slip or spelling apart: {words} ({ratio:.2f})"))  # fmt: skip
        if romanised_origin(a, b) and (why := consonant_alike(a, b)):
            return Level.FUZZY, f"another romanisation: {why}"
        if level == Level.FUZZY:
            # The identity level compares whole sorted names (THAI VAN HAU / CHU VAN HAI look alike); an
            # alert needs every word to be alike.
            return Level.DIFFERENT, "names alike as strings but not word by word"
        return None


def births_compatible(a: PartialDate | None, b: PartialDate | None, one_digit: bool = False) -> bool:
    """Whether two birth dates may be one person's: unknown parts agree, or day and month swapped.

    The cheap test run before scoring: complete dates must be equal or have day and month swapped (or,
    with ``one_digit``, differ in one digit); partial ones must agree on what both know. Scoring would
    reject the others (``ScreeningScorer``), at a hundred times the cost.
    """
    if a is None or b is None:
        return True
    if a.year != b.year:
        return (
            one_digit
            and sum(x != y for x, y in zip(f"{a.year:04d}", f"{b.year:04d}", strict=True)) == 1
            and ((a.month, a.day) == (b.month, b.day) or a.month is None or b.month is None)
        )
    if a.month is None or b.month is None:
        return True
    if a.day is None or b.day is None:
        return a.month == b.month
    if (a.month, a.day) in ((b.month, b.day), (b.day, b.month)):
        return True
    return (
        one_digit
        and sum(x != y for x, y in zip(f"{a.month:02d}{a.day:02d}", f"{b.month:02d}{b.day:02d}", strict=True)) == 1
    )


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
    scorer: ScreeningScorer,
    thresholds: Mapping[str, float] = DEFAULT_THRESHOLDS,
) -> Candidate | None:
    """The hit of one person alert on the traveller, or None (lapsed, births apart, or below the threshold)."""
    if entry.review_ordinal < today_ordinal:
        return None
    one_digit = scorer.one_digit_births
    if not births_compatible(traveller.birth_date, entry.traveller.birth_date, one_digit):
        return None
    names = scorer.judge_names(traveller, entry.traveller)
    name = names.level
    if name in (Level.DIFFERENT, Level.MISSING) and compare_documents(traveller, entry.traveller).level != Level.EXACT:
        return None  # a birth date and a nationality shared by thousands are not a person
    match = scorer.score(traveller, entry.traveller, names)
    if match.level("document") != Level.EXACT:
        if name in (Level.DIFFERENT, Level.MISSING):
            return None  # a birth date and a nationality shared by thousands are not a person
        if match.level("birth_date") == Level.DIFFERENT:
            return None  # born otherwise than the alert says: not the person, whatever the name
        if name in (Level.FUZZY, Level.TOKEN_SUBSET) and (
            traveller.birth_date != entry.traveller.birth_date or match.level("sex") == Level.DIFFERENT
        ):
            return None  # a name alike or in part, and a birth date or sex otherwise: two slips are not a person
        if name == Level.TOKEN_SUBSET and not subset_counted(traveller, entry.traveller):
            return None  # VUONG MINH MINH is not inside VUONG MINH TRONG
    if match.probability < thresholds.get(entry.type, 0.5):
        return None
    return Candidate(entry.alert_id, entry.type, round(match.probability, 6), explain(match))
