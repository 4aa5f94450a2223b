"""How screening judges two names beyond the identity levels: one slip, other vowels, native script.

An alert is one claim about one person, checked against every traveller: a rule that lets through
one namesake in ten thousand pairs floods a checkpoint with false hits, and a rule that misses another
romanisation misses the person. These functions hold screening's own judgements, each with its reason:

- ``word_similarity``: the names agree word by word but for one typing slip (DUK / UK);
- ``consonant_alike``: the names of a Khmer, Thai, Lao or Burmese speaker written by two states with
  other vowels (THIDA / THEADA, MAY / ME, MOE / MOH), with at most one further slip;
- ``natives_disagree``: both records carry the name in its own script and those differ, which no
  Latin resemblance can outweigh (HONG RASMEY ហុង រស្មី is not CHHUN RASMEY ឈុន រស្មី);
- ``subset_counted``: every word of the shorter name is in the longer one, counted with repeats, so
  VUONG MINH MINH is not inside VUONG MINH TRONG.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter

from rapidfuzz import fuzz

from borderlink.identity.compare import Traveller, name_forms, prepared_names
from borderlink.values.names import consonant_key, detect_script, phonetic_key

__all__ = [
    "JOINED_CONSONANTS",
    "JOINED_FUZZY",
    "ROMANISED_NATIONALITIES",
    "ROMANISED_SCRIPTS",
    "WORD_FORMS",
    "WORD_FUZZY",
    "consonant_alike",
    "consonant_views",
    "natives_disagree",
    "romanised_origin",
    "same_words_counted",
    "subset_counted",
    "word_similarity",
]

#: Names equal but for one word, whose phonetic keys are at least this alike, are a ``fuzzy`` agreement
#: (one typing slip: DUK / UK; a vowel of another romanisation: SAYA / SEYA; KUN / SUN is not).
WORD_FUZZY = 0.75
#: Names written without spaces at least this alike are one slip or one split apart (PHYSREYNICH / PHISREYNICH).
JOINED_FUZZY = 0.88
#: Forms of each name compared word by word (the first hold the usual spellings).
WORD_FORMS = 8
#: Scripts whose names every state romanises its own way: vowels are where the spellings differ.
ROMANISED_SCRIPTS = frozenset({"khmer", "thai", "lao", "myanmar"})
#: Nationalities whose names are written in those scripts, for records that carry no native name.
ROMANISED_NATIONALITIES = frozenset({"KHM", "THA", "LAO", "MMR"})
#: Whole names compared by their consonants alone must have this many (POV VICHET and PHYO WAI CHITT
#: both come to PVCT).
JOINED_CONSONANTS = 5
#: Two native-script words at least this alike are one slip apart, not two names.
NATIVE_SLIP = 0.8


def _one_slip_apart(left: tuple[str, ...], right: tuple[str, ...]) -> tuple[float, str]:
    """How alike two sorted, equally long lists of word keys are when all but one word agree exactly.

    Returns the similarity of the one differing pair (1.0 when none differs) and that pair, or 0 when
    more than one word differs: a typing slip or another romanisation changes one word, and two
    different words are two different names (KHUN NARY is not SUN NARY's slip if SOPHY differs too).
    Repeated words count (a merge of the sorted lists, not a set difference).
    """
    if left == right:
        return 1.0, ""
    only_left: list[str] = []
    only_right: list[str] = []
    i = j = 0
    while i < len(left) and j < len(right):
        x, y = left[i], right[j]
        if x == y:
            i += 1
            j += 1
        elif x < y:
            only_left.append(x)
            i += 1
        else:
            only_right.append(y)
            j += 1
        if len(only_left) > 1 or len(only_right) > 1:
            return 0.0, ""
    only_left.extend(left[i:])
    only_right.extend(right[j:])
    if len(only_left) != 1 or len(only_right) != 1:
        return 0.0, ""
    x, y = only_left[0], only_right[0]
    return fuzz.ratio(x, y) / 100, f"{x}/{y}"


@functools.lru_cache(maxsize=65536)
def _word_views(
    family: str, given: str, native: str
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """The phonetic keys and the written words of a name's first forms, each form's sorted with repeats."""
    forms = name_forms(family, given, native).romanisations[:WORD_FORMS]
    keyed = dict.fromkeys(tuple(sorted(k for k in map(phonetic_key, f.split()) if k)) for f in forms)
    written = dict.fromkeys(tuple(sorted(f.split())) for f in forms)
    return tuple(k for k in keyed if k), tuple(w for w in written if w)


@functools.lru_cache(maxsize=65536)
def _joined(family: str, given: str, native: str) -> tuple[tuple[str, int], ...]:
    """A name's first forms with the spaces taken out, each with its number of words."""
    forms = name_forms(family, given, native).romanisations[:WORD_FORMS]
    return tuple(dict.fromkeys((f.replace(" ", ""), len(f.split())) for f in forms))


def word_similarity(a: Traveller, b: Traveller) -> tuple[float, str]:
    """How alike two names are when they differ by one slip, and where; 0 when they differ by more.

    Three views, the best kept: all words but one with the same phonetic key, the last pair compared with
    rapidfuzz's ratio (VIBON / VIBUN); the same over the words as written, because a slip can move a
    phonetic key further than the word (MINH / MIH keep MINH / MI); and, for names split into another
    number of words (SREYNICH / SREY NICH), the whole name with the spaces taken out, which must be at
    least ``JOINED_FUZZY`` alike (never for as many words: NGUYEN THI HOA / NGUYEN THI HAI are alike
    as strings, and HOA / HAI are two names). Sorting whole names (the identity ``fuzzy`` level) breaks
    when the slip is in a first letter (HALIM / DALIM); none of these does.
    """
    keyed_a, written_a = _word_views(a.family, a.given, a.native)
    keyed_b, written_b = _word_views(b.family, b.given, b.native)
    best, words = 0.0, ""
    for lefts, rights in ((keyed_a, keyed_b), (written_a, written_b)):
        for left in lefts:
            for right in rights:
                if len(left) != len(right):
                    continue
                score, pair = _one_slip_apart(left, right)
                if score > best:
                    best, words = score, pair or "same words"
                    if best >= 1.0:
                        return best, words
    if best < WORD_FUZZY:
        for x, x_words in _joined(a.family, a.given, a.native):
            for y, y_words in _joined(b.family, b.given, b.native):
                if min(len(x), len(y)) < 6 or x_words == y_words:
                    continue  # as many words on both sides: the word views above have judged them
                ratio = fuzz.ratio(x, y) / 100
                if ratio >= JOINED_FUZZY and ratio > best:
                    best, words = ratio, f"{x}/{y}"
    return best, words


def romanised_origin(a: Traveller, b: Traveller) -> bool:
    """Whether either record is of a name written first in Khmer, Thai, Lao or Burmese script.

    Told by a native-script name when there is one, else by nationality; never for two records of two
    nationalities. Vowel-blind comparison is for these names only: Vietnamese, Indonesian and Filipino
    names are Latin at home, and their vowels tell names apart.
    """
    nationalities = {n.upper() for n in (a.nationality, b.nationality) if n}
    if len(nationalities) > 1:
        return False  # a Khmer name and a Thai one with the same consonants are two names
    for traveller in (a, b):
        if traveller.native and detect_script(traveller.native) in ROMANISED_SCRIPTS:
            return True
        if (traveller.nationality or "").upper() in ROMANISED_NATIONALITIES:
            return True
    return False


@functools.lru_cache(maxsize=65536)
def consonant_views(family: str, given: str, native: str) -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """A name's forms as sorted consonant keys of their words, and the keys of its whole forms joined in each order."""
    forms = name_forms(family, given, native)
    words = tuple(
        k
        for k in dict.fromkeys(
            tuple(sorted(c for c in map(consonant_key, f.split()) if c)) for f in forms.romanisations[:WORD_FORMS]
        )
        if k
    )
    return words, frozenset(key for key, _words in _joined_consonants(family, given, native))


def consonant_alike(a: Traveller, b: Traveller) -> str:
    """Why two names are one name under other vowels, or empty when they are not.

    The words pair off with the same consonant keys (THIDA / THEADA, HNIN MAY / HNIN ME), all but one
    word, whose consonant keys are at least ``WORD_FUZZY`` alike (NYUNT / NYUN); or names split into
    another number of words have, spaces taken out, the same ``JOINED_CONSONANTS`` or more consonants
    (YOS SREYTOCH / YUOS SREY TOUCH; never as many words: NAING THAW TIN and NYI NAING HTET are both
    TTNNNG in some order). Only for names of
    ``romanised_origin``; screening further asks the birth dates to be complete and equal.
    """
    words_a, _joined_a = consonant_views(a.family, a.given, a.native)
    words_b, _joined_b = consonant_views(b.family, b.given, b.native)
    best, pair = 0.0, ""
    for left in words_a:
        for right in words_b:
            if len(left) != len(right):
                continue
            score, slipped = _one_slip_apart(left, right)
            if slipped and slipped[0] != slipped[slipped.index("/") + 1]:
                continue  # a slip keeps the first letter (NYUNT / NYUN); CHUON / KANCHANA (CN / KCN) do not
            if score > best:
                best, pair = score, slipped
    if best >= 1.0:
        return "same consonants word by word"
    if best >= WORD_FUZZY:
        return f"same consonants word by word but one slip ({pair})"
    for x, x_words in _joined_consonants(a.family, a.given, a.native):
        if len(x) < JOINED_CONSONANTS:
            continue
        for y, y_words in _joined_consonants(b.family, b.given, b.native):
            if x == y and x_words != y_words:
                return f"same consonants with the spaces taken out ({x})"
    return ""


@functools.lru_cache(maxsize=65536)
def _joined_consonants(family: str, given: str, native: str) -> tuple[tuple[str, int], ...]:
    """The consonants of a name's forms in each order, spaces taken out, with word counts (three letters or more)."""
    forms = name_forms(family, given, native)
    joined = dict.fromkeys(
        ("".join(consonant_key(w) for w in f.split()), len(f.split()))
        for f in (*forms.romanisations[:WORD_FORMS], *forms.orders)
    )
    return tuple((key, words) for key, words in joined if len(key) >= 3)


def _native_words(native: str) -> list[str]:
    return sorted(unicodedata.normalize("NFC", native).split())


def natives_disagree(a: Traveller, b: Traveller) -> str:
    """The two native-script names when both are given in the same script and differ; empty otherwise.

    The native spelling is what the person's own state wrote; another Latin spelling is a clerk's
    choice, another native spelling is another name. One word one slip apart (at least ``NATIVE_SLIP``
    alike) and the same letters split otherwise are tolerated.
    """
    if not a.native or not b.native:
        return ""
    left, right = _native_words(a.native), _native_words(b.native)
    if left == right or "".join(left) == "".join(right):
        return ""
    script = detect_script(a.native)
    if script not in ROMANISED_SCRIPTS or detect_script(b.native) != script:
        return ""
    if len(left) == len(right):
        score, _ = _one_slip_apart(tuple(left), tuple(right))
        if score >= NATIVE_SLIP:
            return ""
    return f"{' '.join(a.native.split())} / {' '.join(b.native.split())}"


def same_words_counted(a: Traveller, b: Traveller) -> bool:
    """Whether some form of each name has the very same phonetic keys, repeated words counted.

    The identity ``phonetic`` level compares sets of keys: LUONG KIM and LUONG KIM KIM agree there.
    """
    keyed_a, _ = _word_views(a.family, a.given, a.native)
    keyed_b, _ = _word_views(b.family, b.given, b.native)
    return not set(keyed_a).isdisjoint(keyed_b)


def subset_counted(a: Traveller, b: Traveller) -> bool:
    """Whether every word of one name is among the other's, a repeated word only as often as it is there.

    The identity ``token_subset`` level compares sets of keys, so that THET LWIN holds HTET THET (HTET and
    THET share a key) and VUONG MINH TRONG holds VUONG MINH MINH; an alert needs each word accounted for.
    A word may come from any romanisation of the other name (PANG MARRINA ប៉ាង ម៉ារីណា holds BANG
    MARRINA), and the name inside must have two words or more.
    """
    for inner, outer in ((a, b), (b, a)):
        inner_forms, _ = _word_views(inner.family, inner.given, inner.native)
        outer_forms, _ = _word_views(outer.family, outer.given, outer.native)
        outer_keys = prepared_names(outer.family, outer.given, outer.native).keys
        most: Counter[str] = Counter()
        for form in outer_forms:
            most |= Counter(form)  # the most times each key occurs in one form
        for form in inner_forms:
            if len(form) < 2 or not set(form) <= outer_keys:
                continue
            if all(count <= max(most[key], 1) for key, count in Counter(form).items()):
                return True
    return False
