"""Fellegi-Sunter pair scoring: per-level m and u probabilities, match weights, and EM training.

For each comparison level, ``m`` is the chance a pair of records of the *same* person falls in it and
``u`` the chance for two *different* people; the level's match weight is ``log2(m / u)`` bits. A pair's
weight is the prior's ``log2(lambda / (1 - lambda))`` plus the weights of its levels, and its match
probability ``2**w / (1 + 2**w)``. This is the model Splink and fastLink fit (reference/er_anchors.md).

Two additions for border data:

- **term frequency**: an agreement on common name words (NGUYEN, SOK, KYAW) weighs less than on rare
  ones, by replacing the level's ``u`` with the chance two unrelated names share those words;
- **document cap**: one document number on two different people (a fraud or a typing slip) must be
  flagged, not merged, so the document's weight is capped below what it takes to reach the threshold
  on its own; :func:`shared_document_conflict` names such pairs for an analyst.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from borderlink.identity.compare import (
    COMPARISONS,
    Comparison,
    Level,
    Traveller,
    compare,
    normalise_document_number,
)
from borderlink.values.names import TokenFrequencies

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_VERSION",
    "Bound",
    "Contribution",
    "Match",
    "Model",
    "Scorer",
    "estimate_u",
    "score",
    "shared_document_conflict",
    "train",
]

MODEL_VERSION = "borderlink.identity.fs/1"
# Probabilities are kept away from 0 and 1 so that no single level weighs infinitely.
_FLOOR = 1e-6


def _normalised(values: dict[str, float]) -> dict[str, float]:
    total = sum(values.values())
    return {k: max(v / total, _FLOOR) for k, v in values.items()} if total > 0 else dict(values)


# Defaults measured on the synthetic data (generate(persons=2000, days=30, seed=11), 14,481 records,
# 135,243 true pairs): m from the true pairs of truth.csv, u from 200,000 random pairs; the script is in
# docs/identity.md. "missing" has no m and u: an absent value says nothing, so it weighs 0.
_MEASURED_M: dict[str, dict[str, float]] = {
    "name": {"exact": 0.8584, "romanisation": 0.0316, "reordered": 0.0289, "phonetic": 0.0378,
             "token_subset": 0.0007, "fuzzy": 0.0326, "different": 0.01},
    "birth_date": {"exact": 0.9773, "swapped_day_month": 0.0051, "one_digit": 0.0, "year_only": 0.0175,
                   "different": 0.0},
    "sex": {"exact": 1.0, "different": 0.0},
    "nationality": {"exact": 1.0, "different": 0.0},
    "document": {"exact": 0.833, "different": 0.167},
}  # fmt: skip
_DEFAULT_U: dict[str, dict[str, float]] = {
    "name": {"exact": 1.75e-05, "romanisation": 1.25e-05, "reordered": 7.51e-06, "phonetic": 2.5e-06,
             "token_subset": 2.5e-06, "fuzzy": 0.000223, "different": 0.99996},
    "birth_date": {"exact": 5.26e-05, "swapped_day_month": 1.75e-05, "one_digit": 0.00125, "year_only": 0.015,
                   "different": 0.984},
    "sex": {"exact": 0.497, "different": 0.503},
    "nationality": {"exact": 0.257, "different": 0.743},
    "document": {"exact": 2.62e-06, "different": 0.99999},
}  # fmt: skip
# The generator makes no one-digit birth-date slips, never changes sex or nationality and rarely drops
# a name word, so those levels are measured at (near) zero. Real records have such errors at a few in a
# thousand; a zero m would make one slip veto a match (-17 bits), so these levels get this m at least.
_M_FLOOR = 0.005
_DEFAULT_M = {c: _normalised({lv: max(m, _M_FLOOR) for lv, m in levels.items()}) for c, levels in _MEASURED_M.items()}


@dataclass
class Model:
    """A trained Fellegi-Sunter model: m and u per comparison level, the prior and the decision threshold.

    ``prior`` (lambda) is the chance that two records taken at random are of the same person, about
    1 / (number of distinct persons) on a node; it should be re-estimated as a node's data grows.
    ``document_cap`` bounds the document's weight in bits; ``tf_cap`` bounds the term-frequency
    adjustment of the name's weight either way.
    """

    m: dict[str, dict[str, float]]
    u: dict[str, dict[str, float]]
    prior: float
    threshold: float = 0.9
    document_cap: float = 6.0
    tf_cap: float = 4.0
    version: str = MODEL_VERSION
    notes: dict[str, Any] = field(default_factory=dict)

    def level_weight(self, comparison: str, level: str) -> float:
        """The match weight ``log2(m / u)`` of one level in bits; 0 for ``missing`` or an unknown level."""
        m = self.m.get(comparison, {}).get(level)
        u = self.u.get(comparison, {}).get(level)
        if m is None or u is None:
            return 0.0
        return math.log2(max(m, _FLOOR) / max(u, _FLOOR))

    @property
    def prior_weight(self) -> float:
        """The prior's weight in bits, ``log2(lambda / (1 - lambda))``."""
        return math.log2(self.prior / (1 - self.prior))

    @property
    def threshold_weight(self) -> float:
        """The total weight at which a pair's probability reaches the threshold."""
        return math.log2(self.threshold / (1 - self.threshold))

    def to_dict(self) -> dict[str, Any]:
        """The model as plain JSON-ready data, with its version string."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        """Rebuild a model from :meth:`to_dict` data; refuses another major version."""
        version = str(data.get("version", ""))
        if version.rsplit("/", 1)[0] != MODEL_VERSION.rsplit("/", 1)[0]:
            raise ValueError(f"model version {version!r} is not {MODEL_VERSION!r}")
        return cls(**data)

    def dumps(self) -> str:
        """The model as a JSON document."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> Model:
        """Read a model from :meth:`dumps` text."""
        return cls.from_dict(json.loads(text))

    def save(self, path: Path) -> None:
        """Write the model to a JSON file."""
        Path(path).write_text(self.dumps() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Model:
        """Read a model from a JSON file written by :meth:`save`."""
        return cls.loads(Path(path).read_text(encoding="utf-8"))


class Contribution(NamedTuple):
    """One line of a match's explanation: a comparison, its level, why, and its weight in bits."""

    comparison: str
    level: str
    detail: str
    weight: float


@dataclass(frozen=True)
class Match:
    """A scored pair: match probability, total weight in bits, and each field's part in it."""

    probability: float
    weight: float
    explanation: list[Contribution]

    def level(self, comparison: str) -> str | None:
        """The level a comparison gave, or None if it is not in the explanation."""
        return next((c.level for c in self.explanation if c.comparison == comparison), None)


_SEXES = ("M", "F")


def _document_key(number: str | None) -> str:
    """``compare.normalise_document_number``, without its per-character loop for the usual clean number."""
    upper = (number or "").upper()
    return upper if upper.isalnum() else normalise_document_number(number)


@dataclass(frozen=True)
class _Weights:
    """A model's level weights as the scorer uses them, and the figures :meth:`Scorer.bound` adds."""

    levels: dict[tuple[str, str], float]
    #: The prior and the strongest name level (term frequencies may add ``tf_cap``).
    base: float
    birth_exact: float
    #: The strongest level two dates of one year can reach: complete (``birth_year``, ``birth_swapped``,
    #: ``birth_one_digit``, each when possible), or one of them partial (``birth_partial``).
    birth_year: float
    birth_swapped: float
    birth_one_digit: float
    birth_partial: float
    #: Years differ: a one-digit slip when the rest agrees, else ``different``.
    birth_slip: float
    birth_different: float
    sex_exact: float
    sex_different: float
    nationality_exact: float
    nationality_different: float
    #: The same number: ``exact`` or, from two issuers, ``different`` (both capped).
    document_same: float
    document_different: float

    @classmethod
    def of(cls, model: Model, with_frequencies: bool) -> _Weights:
        """Work out every level's weight of ``model`` (the document's capped)."""
        levels = {
            (comparison, str(level)): model.level_weight(comparison, level)
            for comparison, all_levels in COMPARISONS.items()
            for level in all_levels
        }

        def weight(comparison: str, level: Level) -> float:
            value = levels[(comparison, str(level))]
            return min(value, model.document_cap) if comparison == "document" else value

        strongest = max(w for (c, _), w in levels.items() if c == "name")
        name = max(0.0, strongest + (model.tf_cap if with_frequencies else 0.0))
        different = weight("birth_date", Level.DIFFERENT)
        year = max(weight("birth_date", Level.YEAR_ONLY), different)
        return cls(
            levels=levels,
            base=model.prior_weight + name,
            birth_exact=weight("birth_date", Level.EXACT),
            birth_year=year,
            birth_swapped=weight("birth_date", Level.SWAPPED_DAY_MONTH),
            birth_one_digit=weight("birth_date", Level.ONE_DIGIT),
            birth_partial=year,
            birth_slip=max(weight("birth_date", Level.ONE_DIGIT), different),
            birth_different=different,
            sex_exact=weight("sex", Level.EXACT),
            sex_different=weight("sex", Level.DIFFERENT),
            nationality_exact=weight("nationality", Level.EXACT),
            nationality_different=weight("nationality", Level.DIFFERENT),
            document_same=max(weight("document", Level.EXACT), weight("document", Level.DIFFERENT)),
            document_different=weight("document", Level.DIFFERENT),
        )


class Bound(NamedTuple):
    """The most a pair can weigh before its names are compared, and whether it shares a document."""

    weight: float
    same_document: bool


def _probability(weight: float) -> float:
    # 2**w / (1 + 2**w), written to avoid overflow for large weights of either sign.
    if weight >= 0:
        return 1 / (1 + 2.0**-weight)
    odds = 2.0**weight
    return odds / (1 + odds)


class Scorer:
    """Scores pairs of travellers with one model and, optionally, name-word frequencies."""

    def __init__(self, model: Model | None = None, frequencies: TokenFrequencies | None = None) -> None:
        """Use ``model`` (the measured defaults if None) and ``frequencies`` for name rarity."""
        self.model = model or DEFAULT_MODEL
        self.frequencies = frequencies
        self._cached: tuple[Model, bool, _Weights] | None = None

    def _weights(self) -> _Weights:
        """The model's level weights, worked out once per model (and once more if it is replaced).

        Real-time linking weighs hundreds of comparisons per crossing; the logarithms are taken once.
        """
        cached = self._cached
        with_frequencies = self.frequencies is not None
        if cached is None or cached[0] is not self.model or cached[1] != with_frequencies:
            cached = self._cached = (self.model, with_frequencies, _Weights.of(self.model, with_frequencies))
        return cached[2]

    def weigh(self, comparison: Comparison) -> float:
        """The weight in bits of one comparison: the level's, adjusted for name rarity, document capped."""
        model = self.model
        weight = self._weights().levels.get((comparison.comparison, comparison.level))
        if weight is None:
            weight = model.level_weight(comparison.comparison, comparison.level)
        if comparison.frequency is not None and weight > 0:
            u = model.u.get(comparison.comparison, {}).get(comparison.level)
            if u:
                # Splink's term-frequency adjustment: the level's average u replaced by this value's.
                adjustment = math.log2(u / max(comparison.frequency, _FLOOR))
                weight += max(-model.tf_cap, min(model.tf_cap, adjustment))
                weight = max(weight, 0.0)
        if comparison.comparison == "document":
            weight = min(weight, model.document_cap)
        return weight

    def score(self, a: Traveller, b: Traveller) -> Match:
        """Score a pair: probability, weight, and an explanation that starts with the prior."""
        lines = [Contribution("prior", "", f"lambda {self.model.prior:.3g}", self.model.prior_weight)]
        for comparison in compare(a, b, self.frequencies):
            lines.append(
                Contribution(comparison.comparison, str(comparison.level), comparison.detail, self.weigh(comparison))
            )
        total = sum(line.weight for line in lines)
        return Match(_probability(total), total, lines)

    def bound(self, a: Traveller, b: Traveller) -> Bound:
        """The most :meth:`score` can weigh for a pair, worked out without comparing names.

        Real-time linking scores a crossing's candidates best bound first and stops when no bound left
        can beat the best match, so most candidates never have their names compared (the costly part:
        a name's forms are worked out on first sight). The name counts at its strongest level; sex and
        nationality as :meth:`score` weighs them; the birth date at the strongest level its year, month
        and day leave possible; the document at its level's weight, both levels possible when the
        numbers agree (``same_document``, whatever the issuers). A few attribute reads per field, no
        detail text: a tenth of the cost of :meth:`score`. A subclass whose :meth:`score` can weigh more
        than this must override it (``tests/identity/test_realtime_model.py`` checks the bound).
        """
        w = self._weights()
        weight = w.base
        da, db = a.birth_date, b.birth_date
        if da is not None and db is not None:
            complete = da.is_complete and db.is_complete
            if da.year != db.year:
                # Only a one-digit slip in the year can agree, with month and day the same.
                slip = complete and da.month == db.month and da.day == db.day
                weight += w.birth_slip if slip else w.birth_different
            elif not complete:
                weight += w.birth_partial
            elif da == db:
                weight += w.birth_exact
            else:
                weight += max(
                    w.birth_year,
                    w.birth_swapped if da.month == db.day and da.day == db.month else w.birth_year,
                    w.birth_one_digit if da.month == db.month or da.day == db.day else w.birth_year,
                )
        sa, sb = a.sex, b.sex
        if sa in _SEXES and sb in _SEXES:
            weight += w.sex_exact if sa == sb else w.sex_different
        na, nb = a.nationality, b.nationality
        if na and nb:
            weight += w.nationality_exact if na.upper() == nb.upper() else w.nationality_different
        same = False
        left, right = _document_key(a.document_number), _document_key(b.document_number)
        if left and right:
            same = left == right
            weight += w.document_same if same else w.document_different
        return Bound(weight, same)

    def is_match(self, match: Match) -> bool:
        """Whether a scored pair reaches the model's threshold."""
        return match.probability >= self.model.threshold

    def shared_document_conflict(self, a: Traveller, b: Traveller) -> bool:
        """Whether two records share one document but the rest of the evidence says two people.

        True when the document numbers agree and the pair, scored without the document, stays below
        the threshold: the analyst's flag for a document used by two people (or a typing slip).
        """
        return self.document_conflict(self.score(a, b))

    def document_conflict(self, match: Match) -> bool:
        """:meth:`shared_document_conflict` of a pair already scored (no second scoring)."""
        if match.level("document") != Level.EXACT:
            return False
        without = match.weight - sum(c.weight for c in match.explanation if c.comparison == "document")
        return _probability(without) < self.model.threshold


def score(a: Traveller, b: Traveller, model: Model | None = None, frequencies: TokenFrequencies | None = None) -> Match:
    """Score a pair of travellers with ``model`` (default: :data:`DEFAULT_MODEL`)."""
    return Scorer(model, frequencies).score(a, b)


def shared_document_conflict(
    a: Traveller, b: Traveller, model: Model | None = None, frequencies: TokenFrequencies | None = None
) -> bool:
    """Whether ``a`` and ``b`` share a document while the rest of the evidence says two people."""
    return Scorer(model, frequencies).shared_document_conflict(a, b)


def levels_of(a: Traveller, b: Traveller) -> tuple[str, ...]:
    """The comparison vector of a pair: one level per comparison, without name frequencies."""
    return tuple(str(c.level) for c in compare(a, b))


def _counts_to_probabilities(
    counts: Mapping[str, Mapping[str, float]], smoothing: float
) -> dict[str, dict[str, float]]:
    result: dict[str, dict[str, float]] = {}
    for comparison, levels in COMPARISONS.items():
        known = [str(level) for level in levels if level != Level.MISSING]
        result[comparison] = _normalised({lv: counts[comparison].get(lv, 0.0) + smoothing for lv in known})
    return result


def estimate_u(
    travellers: Sequence[Traveller], model: Model, samples: int = 100_000, seed: int = 0, smoothing: float = 0.5
) -> Model:
    """A copy of ``model`` with u estimated from random pairs, as Splink's ``estimate_u_using_random_sampling``.

    Nearly every random pair is two different people, so level frequencies over them estimate u.
    """
    rng = random.Random(seed)
    counts: dict[str, Counter[str]] = {c: Counter() for c in COMPARISONS}
    n = len(travellers)
    if n < 2:
        return model
    for _ in range(samples):
        i, j = rng.sample(range(n), 2)
        for comparison, level in zip(COMPARISONS, levels_of(travellers[i], travellers[j]), strict=True):
            counts[comparison][level] += 1
    return replace(model, u=_counts_to_probabilities(counts, smoothing))


def train(
    pairs: Iterable[tuple[Traveller, Traveller]],
    model: Model,
    iterations: int = 10,
    *,
    train_u: bool = False,
    smoothing: float = 0.5,
    tolerance: float = 1e-4,
) -> Model:
    """A copy of ``model`` with m re-estimated by expectation-maximisation over candidate pairs.

    ``pairs`` are the pairs blocking proposed (no labels). E-step: each pair's match probability under
    the current m, u and the share of matches among the pairs; M-step: m (and u with ``train_u``) from
    the level counts weighted by those probabilities. u is kept by default because blocked pairs are not
    a random sample of non-matches (Splink estimates u from random pairs and m by EM in the same way).
    ``missing`` levels take no part. The share of matches found is kept in ``notes``, not as the prior.
    """
    patterns = Counter(levels_of(a, b) for a, b in pairs)
    if not patterns:
        return model
    names = list(COMPARISONS)
    m = {c: dict(v) for c, v in model.m.items()}
    u = {c: dict(v) for c, v in model.u.items()}
    share = 0.1  # the first guess of matches among candidate pairs; EM moves it
    for _ in range(iterations):
        m_counts: dict[str, defaultdict[str, float]] = {c: defaultdict(float) for c in names}
        u_counts: dict[str, defaultdict[str, float]] = {c: defaultdict(float) for c in names}
        matched = 0.0
        total = 0
        for pattern, count in patterns.items():
            weight = math.log2(share / (1 - share))
            for comparison, level in zip(names, pattern, strict=True):
                if level != Level.MISSING:
                    weight += math.log2(
                        max(m[comparison].get(level, _FLOOR), _FLOOR) / max(u[comparison].get(level, _FLOOR), _FLOOR)
                    )
            p = _probability(weight)
            matched += p * count
            total += count
            for comparison, level in zip(names, pattern, strict=True):
                m_counts[comparison][level] += p * count
                u_counts[comparison][level] += (1 - p) * count
        new_m = _counts_to_probabilities(m_counts, smoothing)
        change = max(abs(new_m[c][lv] - m[c].get(lv, 0.0)) for c in new_m for lv in new_m[c])
        m = new_m
        if train_u:
            u = _counts_to_probabilities(u_counts, smoothing)
        share = min(max(matched / total, _FLOOR), 1 - _FLOOR)
        if change < tolerance:
            break
    notes = {**model.notes, "em_pairs": sum(patterns.values()), "em_match_share": round(share, 6)}
    return replace(model, m=m, u=u, notes=notes)


#: The measured defaults: prior 135,243 true pairs in 104.8 million (1 / 775); threshold and document cap
#: chosen on the same data (docs/identity.md).
DEFAULT_MODEL = Model(m=_DEFAULT_M, u=_DEFAULT_U, prior=0.00129)
