"""Travellers and per-field comparisons: each field of a pair is put in one named level, with a reason.

A comparison never decides a match; it says *how* two values agree (exact, another romanisation, the
same phonetic keys, a typo...) so that a trained model can give each level its weight (``score``).
Names are compared as sets of forms (``name_variants``), never as one string, because Khmer, Thai,
Lao and Burmese names are romanised differently by each state (DESIGN.md section 5).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rapidfuzz import fuzz

from borderlink.values.dates import PartialDate
from borderlink.values.names import NameForms, TokenFrequencies, latin_key, name_variants, phonetic_key

__all__ = [
    "COMPARISONS",
    "Comparison",
    "Level",
    "Traveller",
    "compare",
    "compare_birth_dates",
    "compare_documents",
    "compare_names",
    "compare_nationalities",
    "compare_sexes",
    "name_forms",
]

#: Names whose best spellings are at least this similar (Indel ratio) are a ``fuzzy`` agreement.
#: Measured on the synthetic typing slips (docs/identity.md): slips score 0.86-0.97, different names
#: of the same length rarely above 0.8.
FUZZY_THRESHOLD = 0.85
# Spellings compared for the fuzzy level: the first few forms hold the usual spellings, and comparing
# all (up to about a hundred) orders of both names would cost milliseconds per pair.
FUZZY_FORMS = 6


class Level(StrEnum):
    """How two values of one field compare, strongest agreement first."""

    EXACT = "exact"
    ROMANISATION = "romanisation"
    REORDERED = "reordered"
    PHONETIC = "phonetic"
    TOKEN_SUBSET = "token_subset"
    FUZZY = "fuzzy"
    SWAPPED_DAY_MONTH = "swapped_day_month"
    ONE_DIGIT = "one_digit"
    YEAR_ONLY = "year_only"
    DIFFERENT = "different"
    MISSING = "missing"


#: The levels each comparison can give, in the order they are tried.
COMPARISONS: dict[str, tuple[Level, ...]] = {
    "name": (
        Level.EXACT,
        Level.ROMANISATION,
        Level.REORDERED,
        Level.PHONETIC,
        Level.TOKEN_SUBSET,
        Level.FUZZY,
        Level.DIFFERENT,
        Level.MISSING,
    ),
    "birth_date": (
        Level.EXACT,
        Level.SWAPPED_DAY_MONTH,
        Level.ONE_DIGIT,
        Level.YEAR_ONLY,
        Level.DIFFERENT,
        Level.MISSING,
    ),
    "sex": (Level.EXACT, Level.DIFFERENT, Level.MISSING),
    "nationality": (Level.EXACT, Level.DIFFERENT, Level.MISSING),
    "document": (Level.EXACT, Level.DIFFERENT, Level.MISSING),
}


@dataclass(frozen=True, slots=True)
class Comparison:
    """The level one field of a pair falls in, a sentence saying why, and for names how common they are.

    ``frequency`` is the estimated chance that two unrelated names share the agreeing words (product of
    each word's share of names in the corpus); the scorer uses it to weigh common names less. It is
    None when no corpus was given or the level is not an agreement on words.
    """

    comparison: str
    level: Level
    detail: str
    frequency: float | None = None


@dataclass(frozen=True, slots=True)
class Traveller:
    """What identity resolution compares of one crossing: the traveller's name, birth, sex and document."""

    family: str = ""
    given: str = ""
    native: str = ""
    sex: str | None = None
    birth_date: PartialDate | None = None
    nationality: str | None = None
    document_number: str | None = None
    document_issuer: str | None = None

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Traveller:
        """Build a traveller from common-model column names (``family_name``, ``birth_date``...)."""
        birth = values.get("birth_date")
        if isinstance(birth, str):
            birth = PartialDate.parse(birth) if birth.strip() else None
        return cls(
            family=values.get("family_name") or "",
            given=values.get("given_names") or "",
            native=values.get("native_name") or "",
            sex=values.get("sex") or None,
            birth_date=birth,
            nationality=values.get("nationality") or None,
            document_number=values.get("document_number") or None,
            document_issuer=values.get("document_issuing_state") or None,
        )

    @classmethod
    def from_stored(cls, values: Mapping[str, Any]) -> Traveller:
        """As ``from_mapping``, for values already stored: an unreadable birth date is compared as unknown.

        A stored crossing or alert is never refused at this point; linking and screening go on with it.
        """
        try:
            return cls.from_mapping(values)
        except ValueError:
            return cls.from_mapping({**values, "birth_date": None})

    @classmethod
    def from_row(cls, row: Sequence[Any], columns: Sequence[str] | None = None) -> Traveller:
        """Build a traveller from a common-model row in ``borderlink.ingest.rules.MODEL_COLUMNS`` order."""
        if columns is None:
            from borderlink.ingest.rules import MODEL_COLUMNS

            columns = MODEL_COLUMNS
        return cls.from_mapping(dict(zip(columns, row, strict=True)))

    @property
    def forms(self) -> NameForms:
        """Every form of the traveller's name (cached per distinct name)."""
        return name_forms(self.family, self.given, self.native)

    @property
    def has_name(self) -> bool:
        """Whether any part of the name is known."""
        return bool((self.family + self.given + self.native).strip())

    def __str__(self) -> str:
        """Name, birth date and document, as an analyst reads them."""
        name = " ".join(p for p in (self.family, self.given) if p) or "-"
        if self.native:
            name += f" ({self.native})"
        return f"{name}, born {self.birth_date or '?'}, {self.document_issuer or '?'} {self.document_number or '-'}"


@dataclass(frozen=True, slots=True)
class _Names:
    """A name prepared for comparison: written key, key sets of each form, tokens by key, spellings."""

    written: str
    native: str
    spellings: frozenset[str]
    ordered: frozenset[tuple[str, ...]]
    keysets: frozenset[frozenset[str]]
    keys: frozenset[str]
    token_of_key: Mapping[str, str]
    fuzzy: tuple[str, ...]


@functools.lru_cache(maxsize=65536)
def name_forms(family: str, given: str, native: str) -> NameForms:
    """``name_variants`` cached: romanising a Khmer word costs tens of milliseconds the first time."""
    return name_variants(family, given, native)


@functools.lru_cache(maxsize=65536)
def prepared_names(family: str, given: str, native: str) -> _Names:
    """Every form and phonetic key of one traveller's name, computed once and cached."""
    forms = name_forms(family, given, native)
    every = (*forms.romanisations, *forms.orders)
    token_of_key: dict[str, str] = {}
    for token in sorted(forms.tokens):
        token_of_key.setdefault(phonetic_key(token), token)
    keysets = frozenset(frozenset(k for k in map(phonetic_key, f.split()) if k) for f in every)
    fuzzy = tuple(dict.fromkeys(" ".join(sorted(f.split())) for f in (*forms.romanisations[:FUZZY_FORMS],)))
    return _Names(
        written=latin_key(f"{family} {given}").strip() if (family or given) else "",
        native=" ".join(unicodedata.normalize("NFC", native).split()),
        spellings=frozenset(f.replace(" ", "") for f in forms.romanisations),
        ordered=frozenset(tuple(sorted(f.split())) for f in every),
        keysets=frozenset(k for k in keysets if k),
        keys=forms.keys,
        token_of_key=token_of_key,
        fuzzy=fuzzy,
    )


def _frequency(keys: frozenset[str], names: _Names, frequencies: TokenFrequencies | None) -> tuple[float | None, str]:
    """The chance two unrelated names share all of ``keys``, and a phrase naming the common words."""
    if frequencies is None or frequencies.total == 0 or not keys:
        return None, ""
    share = 1.0
    notes = []
    for key in sorted(keys):
        token = names.token_of_key.get(key, key)
        count = frequencies.count(token)
        share *= (count + 0.5) / (frequencies.total + 1)
        notes.append(f"{token} {frequencies.weight(token):.2f}")
    return share, f" (rarity: {', '.join(notes)})"


def compare_names(a: Traveller, b: Traveller, frequencies: TokenFrequencies | None = None) -> Comparison:
    """Compare two names in any script over their sets of forms.

    Levels, first that holds: ``exact`` (same written name, or same native-script name), ``romanisation``
    (one of the spellings of each is the same: SOK DARA and សុខ ដារ៉ា), ``reordered`` (the same words in
    another order: DARA SOK), ``phonetic`` (the same phonetic keys in any order: SOKH DARA),
    ``token_subset`` (every key of one name is among the other's: LAN NGUYEN and NGUYEN THI LAN),
    ``fuzzy`` (a typing slip: best spellings at least ``FUZZY_THRESHOLD`` alike), ``different``, and
    ``missing`` when either has no name. With ``frequencies``, agreements on words carry how common
    those words are, so that NGUYEN or SOK counts for less than a rare name.
    """
    name = "name"
    if not a.has_name or not b.has_name:
        return Comparison(name, Level.MISSING, "no name on one side")
    na = prepared_names(a.family, a.given, a.native)
    nb = prepared_names(b.family, b.given, b.native)
    agreed: frozenset[str] | None = None
    level: Level | None = None
    detail = ""
    if (na.written and na.written == nb.written) or (na.native and na.native == nb.native):
        level, detail = Level.EXACT, "same name as written"
    elif common := na.spellings & nb.spellings:
        level, detail = Level.ROMANISATION, f"same spelling among romanisations: {min(common)}"
    elif common_order := na.ordered & nb.ordered:
        level, detail = Level.REORDERED, f"same words in another order: {' '.join(min(common_order))}"
    elif common_keys := na.keysets & nb.keysets:
        agreed = min(common_keys, key=lambda k: (len(k), sorted(k)))
        level, detail = Level.PHONETIC, f"same phonetic keys: {_words(agreed, na)} / {_words(agreed, nb)}"
    else:
        subset = [k for k in na.keysets if k <= nb.keys] + [k for k in nb.keysets if k <= na.keys]
        if subset:
            agreed = max(subset, key=lambda k: (len(k), sorted(k)))
            level, detail = Level.TOKEN_SUBSET, f"all words of one name in the other: {_words(agreed, na)}"
    if level is not None:
        if agreed is None:
            agreed = _shared_keys(na, nb)
        share, note = _frequency(agreed, na, frequencies)
        return Comparison(name, level, detail + note, share)
    ratio, left, right = _best_ratio(na.fuzzy, nb.fuzzy)
    if ratio >= FUZZY_THRESHOLD:
        return Comparison(name, Level.FUZZY, f"similar spellings {left} / {right} ({ratio:.2f})")
    return Comparison(name, Level.DIFFERENT, f"different names (best similarity {ratio:.2f})")


def _words(keys: frozenset[str], names: _Names) -> str:
    """The words of a name behind phonetic keys, for an analyst (keys like TASIN are not names)."""
    return " ".join(sorted(names.token_of_key.get(k, k) for k in keys))


def _shared_keys(na: _Names, nb: _Names) -> frozenset[str]:
    """The keys of the smallest form of ``na`` that all appear in ``nb`` (the words the names agree on)."""
    fitting = [k for k in na.keysets if k <= nb.keys]
    return min(fitting, key=lambda k: (len(k), sorted(k))) if fitting else na.keys & nb.keys


def _best_ratio(left: Sequence[str], right: Sequence[str]) -> tuple[float, str, str]:
    """The most similar pair of spellings and their similarity (rapidfuzz's normalised Indel ratio).

    The ratio is difflib's ``2 * matches / total length`` computed exactly (difflib's own is a heuristic
    that can only be lower), in C: screening compares a traveller with dozens of alerts per crossing.
    """
    best = (0.0, "", "")
    for x in left:
        for y in right:
            ratio = fuzz.ratio(x, y, score_cutoff=best[0] * 100) / 100
            if ratio > best[0]:
                best = (ratio, x, y)
    return best


def compare_birth_dates(a: PartialDate | None, b: PartialDate | None) -> Comparison:
    """Compare two birth dates, tolerating the common recording errors.

    ``exact`` (the same complete date), ``swapped_day_month`` (15/03 written 03/15), ``one_digit``
    (a typing slip of one digit), ``year_only`` (the years agree and nothing known contradicts more:
    one date partial, or month and day both differ), ``different``, ``missing``.
    """
    name = "birth_date"
    if a is None or b is None:
        return Comparison(name, Level.MISSING, "no birth date on one side")
    if a.is_complete and b.is_complete:
        if a == b:
            return Comparison(name, Level.EXACT, f"same birth date {a}")
        if a.year == b.year and a.day == b.month and a.month == b.day:
            return Comparison(name, Level.SWAPPED_DAY_MONTH, f"day and month swapped: {a} / {b}")
        if sum(x != y for x, y in zip(str(a), str(b), strict=True)) == 1:
            return Comparison(name, Level.ONE_DIGIT, f"one digit differs: {a} / {b}")
    if a.year == b.year and (
        a.month is None or b.month is None or a.month == b.month or (a.is_complete and b.is_complete)
    ):
        if a == b:
            return Comparison(name, Level.YEAR_ONLY, f"same partial birth date {a}")
        return Comparison(name, Level.YEAR_ONLY, f"same birth year only: {a} / {b}")
    return Comparison(name, Level.DIFFERENT, f"different birth dates {a} / {b}")


def compare_sexes(a: str | None, b: str | None) -> Comparison:
    """Compare sex: ``X`` (unspecified) and blank count as missing, not as a disagreement."""
    name = "sex"
    if a not in ("M", "F") or b not in ("M", "F"):
        return Comparison(name, Level.MISSING, "sex not given on one side")
    if a == b:
        return Comparison(name, Level.EXACT, f"same sex {a}")
    return Comparison(name, Level.DIFFERENT, f"different sex {a} / {b}")


def compare_nationalities(a: str | None, b: str | None) -> Comparison:
    """Compare nationality (alpha-3 codes)."""
    name = "nationality"
    if not a or not b:
        return Comparison(name, Level.MISSING, "nationality not given on one side")
    if a.upper() == b.upper():
        return Comparison(name, Level.EXACT, f"same nationality {a.upper()}")
    return Comparison(name, Level.DIFFERENT, f"different nationality {a.upper()} / {b.upper()}")


@functools.lru_cache(maxsize=65536)
def normalise_document_number(number: str | None) -> str:
    """A document number as compared: upper case, letters and digits only (spaces, dashes and ``<`` dropped).

    Cached: screening compares each traveller's document with dozens of alerts'.
    """
    return "".join(c for c in (number or "").upper() if c.isalnum())


def compare_documents(a: Traveller, b: Traveller) -> Comparison:
    """Compare documents: ``exact`` is the same number from the same issuing state (or an issuer unknown).

    The same number from two different issuers is two documents (``different``); one person often
    carries several (passport and border pass), which the model's m for ``different`` reflects.
    """
    name = "document"
    left, right = normalise_document_number(a.document_number), normalise_document_number(b.document_number)
    if not left or not right:
        return Comparison(name, Level.MISSING, "no document on one side")
    issuers = {i.upper() for i in (a.document_issuer, b.document_issuer) if i}
    if left == right and len(issuers) <= 1:
        return Comparison(name, Level.EXACT, f"same document {'/'.join(issuers) or '?'} {left}")
    if left == right:
        return Comparison(
            name, Level.DIFFERENT, f"number {left} issued by different states {' / '.join(sorted(issuers))}"
        )
    return Comparison(name, Level.DIFFERENT, f"different documents {left} / {right}")


def compare(a: Traveller, b: Traveller, frequencies: TokenFrequencies | None = None) -> list[Comparison]:
    """Every comparison of a pair, in ``COMPARISONS`` order."""
    return [
        compare_names(a, b, frequencies),
        compare_birth_dates(a.birth_date, b.birth_date),
        compare_sexes(a.sex, b.sex),
        compare_nationalities(a.nationality, b.nationality),
        compare_documents(a, b),
    ]
