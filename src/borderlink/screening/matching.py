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

from rapidfuzz import fuzz

from borderlink.identity.compare import Comparison, Level, Traveller, name_forms, prepared_names
from borderlink.identity.score import Contribution, Match, Scorer
from borderlink.identity.score import _probability as probability_of
from borderlink.screening.choices import DEFAULT_THRESHOLDS
from borderlink.screening.index import AlertEntry, ScreeningIndex
from borderlink.values.dates import PartialDate

__all__ = ["Candidate", "ScreeningScorer", "explain", "match_persons", "score_entry"]

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


class ScreeningScorer(Scorer):
    """The identity scorer with two rules of screening's own.

    - Two complete birth dates that disagree are two people. Linking crossings tolerates a differing day
      and month (the identity model's ``year_only`` level, a small positive weight) because two records
      of one person are weighed against many others; an alert is a single claim about one person, and a
      traveller born on another day of the same year is not them, unless the difference is a known slip
      (one digit, day and month swapped), which keeps its own level.
    - A name the identity comparison calls ``different`` but whose words agree one by one, but for one
      typing slip or one letter of another romanisation, is ``fuzzy`` (``word_similarity``); and a
      ``fuzzy`` name whose words are not alike one by one is ``different``.
    """

    def score(self, a: Traveller, b: Traveller) -> Match:
        """Score as identity does, then apply the two screening rules (see the class docstring)."""
        match = super().score(a, b)
        lines = list(match.explanation)
        changed = False
        birth_a, birth_b = a.birth_date, b.birth_date
        if (
            birth_a
            and birth_b
            and birth_a.is_complete
            and birth_b.is_complete
            and match.level("birth_date") == Level.YEAR_ONLY
        ):
            penalty = self.model.level_weight("birth_date", Level.DIFFERENT)
            detail = f"complete birth dates disagree: {birth_a} / {birth_b}"
            lines = [Contribution("birth_date", Level.DIFFERENT, detail, penalty) if c.comparison == "birth_date"
                     else c for c in lines]  # fmt: skip
            changed = True
        name_level = match.level("name")
        if name_level == Level.FUZZY and word_similarity(a, b)[0] < WORD_FUZZY:
            # The identity level compares whole sorted names (THAI VAN HAU / CHU VAN HAI look alike); an
            # alert needs every word to be alike.
            weight = self.weigh(Comparison("name", Level.DIFFERENT, ""))
            detail = "names alike as strings but not word by word"
            lines = [Contribution("name", Level.DIFFERENT, detail, weight) if c.comparison == "name" else c
                     for c in lines]  # fmt: skip
            changed = True
        elif name_level == Level.DIFFERENT and a.has_name and b.has_name:
            ratio, words = word_similarity(a, b)
            if ratio >= WORD_FUZZY:
                weight = self.weigh(Comparison("name", Level.FUZZY, ""))
                detail = f"similar words, one slip or spelling apart: {words} ({ratio:.2f})"
                lines = [Contribution("name", Level.FUZZY, detail, weight) if c.comparison == "name" else c
                         for c in lines]  # fmt: skip
                changed = True
        if not changed:
            return match
        total = sum(line.weight for line in lines)
        return Match(probability_of(total), total, lines)


#: Names equal but for one word, whose phonetic keys are at least this alike, are a ``fuzzy`` agreement
#: (one typing slip: DUK / UK; a vowel of another romanisation: SAYA / SEYA; KUN / SUN is not).
WORD_FUZZY = 0.75
#: Names written without spaces at least this alike are one slip or one split apart (PHYSREYNICH / PHISREYNICH).
JOINED_FUZZY = 0.88
#: Forms of each name compared word by word (the first hold the usual spellings).
WORD_FORMS = 8


def _one_slip_apart(left: frozenset[str], right: frozenset[str]) -> tuple[float, str]:
    """How alike two equally long sets of phonetic words are when all but one word agree exactly.

    Returns the similarity of the one differing pair (1.0 when none differs) and that pair, or 0 when
    more than one word differs: a typing slip or another romanisation changes one word, and two
    different words are two different names (KHUN NARY is not SUN NARY's slip if SOPHY differs too).
    """
    only_left = sorted(left - right)
    only_right = sorted(right - left)
    if not only_left:
        return 1.0, ""
    if len(only_left) != 1 or len(only_right) != 1:
        return 0.0, ""
    x, y = only_left[0], only_right[0]
    return fuzz.ratio(x, y) / 100, f"{x}/{y}"


def _latin_words(family: str, given: str, native: str) -> list[frozenset[str]]:
    """The words of the first romanisations of a name, as written (before phonetic keys)."""
    forms = name_forms(family, given, native)
    return [frozenset(form.split()) for form in forms.romanisations[:WORD_FORMS]]


def word_similarity(a: Traveller, b: Traveller) -> tuple[float, str]:
    """How alike two names are when they differ by one slip, and where; 0 when they differ by more.

    Three views, the best kept: all words but one with the same phonetic key, the last pair compared with
    rapidfuzz's ratio (VIBON / VIBUN); the same over the words as written, because a slip can move a
    phonetic key further than the word (MINH / MIH keep MINH / MI); and the whole name with the spaces
    taken out, for a name split differently (SREYNICH / SREY NICH), which must be at least
    ``JOINED_FUZZY`` alike. Sorting whole names (the identity ``fuzzy`` level) breaks when the slip is in
    a first letter (HALIM / DALIM); none of these does.
    """
    na = prepared_names(a.family, a.given, a.native)
    nb = prepared_names(b.family, b.given, b.native)
    views = (
        (sorted(na.keysets, key=len)[:WORD_FORMS], sorted(nb.keysets, key=len)[:WORD_FORMS]),
        (_latin_words(a.family, a.given, a.native), _latin_words(b.family, b.given, b.native)),
    )
    best, words = 0.0, ""
    for lefts, rights in views:
        for left in lefts:
            for right in rights:
                if not left or len(left) != len(right):
                    continue
                score, pair = _one_slip_apart(left, right)
                if score > best:
                    best, words = score, pair or "same words"
    if best < WORD_FUZZY:
        joined_left = sorted(na.spellings, key=len)[:WORD_FORMS]
        joined_right = sorted(nb.spellings, key=len)[:WORD_FORMS]
        for x in joined_left:
            for y in joined_right:
                if min(len(x), len(y)) < 6:
                    continue
                ratio = fuzz.ratio(x, y) / 100
                if ratio >= JOINED_FUZZY and ratio > best:
                    best, words = ratio, f"{x}/{y}"
    return best, words


def births_compatible(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Whether two birth dates may be one person's: unknown parts agree, or one known slip apart.

    The cheap test run before scoring: complete dates must be equal, have day and month swapped, or
    differ in one digit; partial ones must agree on what both know. Scoring would reject the others
    (``ScreeningScorer``), at a hundred times the cost.
    """
    if a is None or b is None:
        return True
    if a.year != b.year:
        return sum(x != y for x, y in zip(f"{a.year:04d}", f"{b.year:04d}", strict=True)) == 1 and (
            (a.month, a.day) == (b.month, b.day) or a.month is None or b.month is None
        )
    if a.month is None or b.month is None:
        return True
    if a.day is None or b.day is None:
        complete, partial = (a, b) if b.day is None else (b, a)
        return partial.month in (complete.month, complete.day)
    if (a.month, a.day) in ((b.month, b.day), (b.day, b.month)):
        return True
    return sum(x != y for x, y in zip(f"{a.month:02d}{a.day:02d}", f"{b.month:02d}{b.day:02d}", strict=True)) == 1


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
    """The hit of one person alert on the traveller, or None (lapsed, births apart, or below the threshold)."""
    if entry.review_ordinal < today_ordinal:
        return None
    if not births_compatible(traveller.birth_date, entry.traveller.birth_date):
        return None
    match = scorer.score(traveller, entry.traveller)
    if match.level("name") in (Level.DIFFERENT, Level.MISSING) and match.level("document") != Level.EXACT:
        return None  # a birth date and a nationality shared by thousands are not a person
    if match.level("name") == Level.TOKEN_SUBSET and match.level("birth_date") not in (
        Level.EXACT,
        Level.SWAPPED_DAY_MONTH,
    ):
        return None  # part of a name and part of a birth date: two half agreements are not a person
    if match.probability < thresholds.get(entry.type, 0.5):
        return None
    return Candidate(entry.alert_id, entry.type, round(match.probability, 6), explain(match))
