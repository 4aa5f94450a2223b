"""Names in every form they travel in: native script, romanisations, token orders and phonetic keys.

Thai, Khmer, Lao and Burmese names are romanised differently by each state and ICAO 9303 has no table
for them (DESIGN.md section 5), so a name is matched as a set of forms, never as one string:

- ``romanise`` gives every Latin spelling a native-script name may carry, by a romaniser per script;
- ``latin_key`` writes a Latin name in the MRZ alphabet (ICAO 9303 Part 3 Table A);
- ``phonetic_key`` merges the spelling differences common in the region (PH/P, KH/K, OO/U...);
- ``name_variants`` gathers all of these, with family-first, family-last and no-family orders;
- ``TokenFrequencies`` makes common words (NGUYEN, SOK, KYAW) weigh less than rare ones.

No romaniser emits ``?`` and none drops a word: a word no romaniser knows is spelled by anyascii and,
failing that, by its code points.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .romanise import khmer, lao, myanmar, thai
from .romanise._common import anyascii_form, clean, codepoint_word, unique
from .romanise.latin import latin_key, latin_variants
from .romanise.myanmar import is_zawgyi, zawgyi_to_unicode

__all__ = [
    "NameForms",
    "TokenFrequencies",
    "consonant_key",
    "detect_script",
    "is_zawgyi",
    "latin_key",
    "latin_variants",
    "name_variants",
    "phonetic_key",
    "romanise",
    "zawgyi_to_unicode",
]

# Full-name spellings beyond this are combinations of word variants already in the token set.
MAX_NAME_FORMS = 32

_BLOCKS: tuple[tuple[str, int, int], ...] = (
    ("khmer", 0x1780, 0x17FF),
    ("khmer", 0x19E0, 0x19FF),
    ("thai", 0x0E00, 0x0E7F),
    ("lao", 0x0E80, 0x0EFF),
    ("myanmar", 0x1000, 0x109F),
    ("myanmar", 0xA9E0, 0xA9FF),
    ("myanmar", 0xAA60, 0xAA7F),
)


def _script_of(char: str) -> str | None:
    """The script of one character, None for characters that belong to none (digits, spaces, marks, dashes)."""
    code = ord(char)
    for name, low, high in _BLOCKS:
        if low <= code <= high:
            return name
    if not unicodedata.category(char).startswith("L"):
        return None
    return "latin" if "LATIN" in unicodedata.name(char, "") else "other"


@functools.lru_cache(maxsize=65536)
def detect_script(text: str) -> str:
    """The script of ``text``: khmer, thai, lao, myanmar or latin; mixed if several, other if none of these.

    Cached: screening asks it of the same native names for every candidate alert.
    """
    scripts = {s for s in map(_script_of, text) if s is not None}
    if len(scripts) > 1:
        return "mixed"
    return scripts.pop() if scripts else "other"


_WORD_ROMANISERS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "khmer": khmer.romanise_word,
    "thai": thai.romanise_word,
    "lao": lao.romanise_word,
    "myanmar": myanmar.romanise_word,
}


def _script_runs(word: str) -> list[tuple[str, str]]:
    """``word`` cut where its script changes, each run with its script (marks and digits stay in their run)."""
    runs: list[tuple[str, str]] = []
    for char in word:
        script = _script_of(char)
        if runs and (script is None or script == runs[-1][0]):
            runs[-1] = (runs[-1][0], runs[-1][1] + char)
        else:
            runs.append((script or "other", char))
    return runs


def _romanise_run(script: str, run: str) -> list[str]:
    """Latin spellings of a run of one script; never empty for a run with any non-space character."""
    romaniser = _WORD_ROMANISERS.get(script)
    forms = list(romaniser(run)) if romaniser is not None else latin_variants(run)
    if script not in _WORD_ROMANISERS and script != "latin":
        forms.append(anyascii_form(run))
    forms = unique(clean(f) for f in forms)
    if not forms:
        forms = [anyascii_form(run) or _skeleton(run)]
    return [f for f in forms if f]


def _skeleton(text: str) -> str:
    """The last resort for text nothing can spell: its code points (see ``codepoint_word``)."""
    return codepoint_word(text)


@functools.lru_cache(maxsize=65536)
def _romanise_word(word: str) -> tuple[str, ...]:
    """Latin spellings of one whitespace-separated word, best first (script runs romanised and joined)."""
    parts = [_romanise_run(script, run) for script, run in _script_runs(word)]
    parts = [p for p in parts if p]
    if not parts:
        return (_skeleton(word),) if word.strip() else ()
    return tuple(_combine(parts, joiner=""))


def _combine(parts: list[list[str]], joiner: str = " ") -> list[str]:
    """Whole spellings from each part's spellings: the best of each first, then one part varied at a time."""
    best = [p[0] for p in parts]
    forms = [joiner.join(best)]
    for i, options in enumerate(parts):
        for option in options[1:]:
            forms.append(joiner.join([*best[:i], option, *best[i + 1 :]]))
    return unique(re.sub(" +", " ", f).strip() for f in forms)[:MAX_NAME_FORMS]


def romanise(text: str) -> list[str]:
    """Every Latin form (upper-case A-Z and spaces) a name may carry, best first; empty only for blank text.

    Each word is romanised by the romaniser of its script and cached; Latin words get their ICAO Table A
    forms. The first form combines each word's best spelling; the others vary one word at a time.
    """
    words = text.split()
    parts = [list(_romanise_word(w)) for w in words]
    parts = [p for p in parts if p]
    return _combine(parts) if parts else []


# Phonetic key rules, applied in order to an upper-case A-Z word. Each merges spellings of one sound
# that the region's romanisations disagree on; see docs/names.md for the reasons.
_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"CHH|CH|J|TCH", "C"),  # Khmer CHH, Thai CH/J (จ), Burmese KY sounds stay KY
        (r"PH", "P"),
        (r"TH|HT", "T"),  # Thai TH, Burmese HT
        (r"KH", "K"),
        (r"SH|HS|X|Z", "S"),  # Lao X, Burmese HS, ZAW/SAW are not merged by Z: see docs
        (r"^H(?=[LMNW])", ""),  # Burmese voiceless HL, HM, HN, HW
        (r"W", "V"),
        (r"Q", "K"),
        (r"CK$", "K"),
        (r"OO|OU|UE(?!A)", "U"),
        (r"EE|IE(?=[^AEIOU]|$)", "I"),
        (r"OE|AE|ER(?=[^AEIOU]|$)", "E"),
        (r"AY$|AY(?=[^AEIOU])", "AI"),
        (r"EY$|EI$", "I"),
        (r"(?<=[^AEIOU])Y$", "I"),
        (r"R(?=[^AEIOUY]|$)", ""),  # PORN/PHON, SANDAR/SANDA: a written R closing a syllable
        (r"(?<=[AEIOU])H$", ""),  # SOKH, CHANH, PHETH, SURIYAH
        (r"(?<=N)E$", ""),  # PHONE/PHON, KHINE/KHIN
        (r"L$", "N"),  # Thai final ล read N: CHAIMONGKOL/CHAIMONGKHON
        (r"D$", "T"),
        (r"B$", "P"),
        (r"(.)\1+", r"\1"),  # double letters
    )
)


@functools.lru_cache(maxsize=262144)
def phonetic_key(word: str) -> str:
    """A spelling-tolerant key for one word: equal for SOK/SOKH, PROMMA/PHROMMA, SOMCHAI/SOMCHAY.

    Cached: names are made of few distinct words, and screening a million alerts asks for millions of keys.

    The word is first written by ``latin_key``; the rules then merge aspirated and plain stops, CH and J,
    vowel digraphs, syllable-closing R and H, doubled letters. The key of a word with no letters is empty.
    """
    key = latin_key(word).replace(" ", "")
    for pattern, replacement in _PHONETIC_RULES:
        key = pattern.sub(replacement, key)
    return key


_KY = re.compile(r"^[KG]Y")
_VOWELS_AFTER_FIRST = re.compile(r"(?<!^)[AEIOUYV]")


@functools.lru_cache(maxsize=262144)
def consonant_key(word: str) -> str:
    """A word's phonetic key without its vowels (the first letter kept): equal for THIDA/THEADA, MAY/ME, POV/POU.

    Romanisations of Khmer, Thai, Lao and Burmese names disagree mostly on how to write vowels, which
    the phonetic key keeps. Burmese KY and GY (ကျ, ချ) are written CH as often, so they key as C. Far too
    coarse for names whose native script is Latin (Vietnamese HOA, HAI and HAU all key as H): callers
    use it only for names of the four scripts (``screening.matching``).
    """
    key = _KY.sub("C", phonetic_key(word))
    return _VOWELS_AFTER_FIRST.sub("", key)


@dataclass(frozen=True, slots=True)
class NameForms:
    """Every form of one person's name, to be matched as sets rather than as one string."""

    native: str
    romanisations: tuple[str, ...]
    tokens: frozenset[str]
    orders: tuple[str, ...]
    keys: frozenset[str]


def _part_forms(part: str) -> list[str]:
    """Latin forms of a family or given name written in any script."""
    return romanise(part) if part.strip() else []


def _rotations(form: str) -> list[str]:
    """A name's word order variants: as written, last word first, first word last."""
    words = form.split()
    if len(words) < 2:
        return [form]
    return [form, " ".join([words[-1], *words[:-1]]), " ".join([*words[1:], words[0]])]


def name_variants(family: str | None, given: str | None, native: str | None = None) -> NameForms:
    """All forms of a name given its family and given names (any script) and native-script name, if any.

    ``romanisations`` holds the name as written (family then given) and the native name's romanisations;
    ``orders`` adds family first, family last and no family name (all words as one given name, in the
    order written); ``tokens`` holds every word of every form, ``keys`` their phonetic keys.
    """
    families = _part_forms(family or "")
    givens = _part_forms(given or "")
    natives = romanise(native or "")
    written: list[str] = []
    orders: list[str] = []
    for f in families or [""]:
        for g in givens or [""]:
            whole = f"{f} {g}".strip()
            if not whole:
                continue
            written.append(whole)
            orders.extend([whole, f"{g} {f}".strip()])
    for form in natives:
        orders.extend(_rotations(form))
    romanisations = tuple(unique([*written, *natives]))
    all_orders = tuple(unique(orders))
    tokens = frozenset(t for form in (*romanisations, *all_orders) for t in form.split())
    keys = frozenset(k for k in map(phonetic_key, tokens) if k)
    return NameForms(
        native=native or "",
        romanisations=romanisations,
        tokens=tokens,
        orders=all_orders,
        keys=keys,
    )


class TokenFrequencies:
    """How common each name word is in a corpus, so that common words count for less in a match.

    Words are counted by phonetic key, so SOK and SOKH share a count. ``weight`` is a smoothed inverse
    document frequency scaled to (0, 1]: ``log((N + 1) / (c + 0.5)) / log((N + 1) / 0.5)`` for a word
    found in ``c`` of ``N`` names; an unseen word weighs 1, a word in every name weighs little.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        """Count the words of ``names`` (each name counts a word once)."""
        self._counts: Counter[str] = Counter()
        self._names = 0
        self.add(names)

    def add(self, names: Iterable[str]) -> None:
        """Count the words of more names."""
        for name in names:
            keys = {k for k in (phonetic_key(w) for form in romanise(name)[:1] for w in form.split()) if k}
            self._names += 1
            self._counts.update(keys)

    def add_keys(self, keys: Iterable[str]) -> None:
        """Count one more name given by the phonetic keys of its words (as screening has them at hand)."""
        self._names += 1
        self._counts.update(set(keys))

    @property
    def total(self) -> int:
        """How many names have been counted."""
        return self._names

    def count(self, token: str) -> int:
        """How many counted names contain ``token`` (or a spelling with the same phonetic key)."""
        return self._counts.get(phonetic_key(token), 0)

    def weight(self, token: str) -> float:
        """The token's weight in (0, 1]: 1 for an unseen word, lower the more names carry it."""
        n = self._names
        if n == 0:
            return 1.0
        return math.log((n + 1) / (self.count(token) + 0.5)) / math.log((n + 1) / 0.5)
