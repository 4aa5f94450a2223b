"""Burmese names: Zawgyi detection and conversion, then a syllable-by-syllable transcription.

No package on PyPI transcribes Burmese the way passports do (ICU gives a transliteration:
aaungsaannhcukyi for Aung San Suu Kyi), so this module parses each syllable (consonant, medials,
vowel signs, final consonant with asat, tone) and writes it by the conventional spelling that
Myanmar passports use (KYAW, AUNG, MYINT, THEIN, HTIKE...). Each syllable is a word of the name:
Burmese names have no family name and are written without spaces.

Zawgyi, the legacy font encoding still common in Myanmar data, reuses Unicode code points with
other meanings; Google's ``myanmartools`` detector tells it apart and python-myanmar converts it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ._common import anyascii_form, call_quietly, import_quietly, unique

_INITIALS = {
    "က": "K", "ခ": "KH", "ဂ": "G", "ဃ": "G", "င": "NG", "စ": "S", "ဆ": "S", "ဇ": "Z", "ဈ": "Z",
    "ည": "NY", "ဋ": "T", "ဌ": "HT", "ဍ": "D", "ဎ": "D", "ဏ": "N", "တ": "T", "ထ": "HT", "ဒ": "D",
    "ဓ": "D", "န": "N", "ပ": "P", "ဖ": "PH", "ဗ": "B", "ဘ": "B", "မ": "M", "ယ": "Y", "ရ": "Y",
    "လ": "L", "ဝ": "W", "သ": "TH", "ဟ": "H", "ဠ": "L", "အ": "",
}  # fmt: skip
# Independent vowels: each is a whole syllable.
_INDEPENDENT = {"ဣ": "I", "ဤ": "I", "ဥ": "U", "ဦ": "OO", "ဧ": "AY", "ဩ": "AW", "ဪ": "AW"}
_FINALS = {
    "က": "k", "ဂ": "k", "င": "ng", "စ": "c", "ဇ": "c", "ည": "ny", "ဉ": "ng", "ဋ": "t", "ဍ": "t", "ဏ": "n",
    "တ": "t", "ထ": "t", "ဒ": "t", "ဓ": "t", "န": "n", "ပ": "p", "ဗ": "p", "ဘ": "p", "မ": "m", "ယ": "y",
    "လ": "n", "သ": "t",
}  # fmt: skip
# Rhyme spellings by (vowel signs, final class): the conventional passport spelling, then another seen.
_RHYMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("", ""): ("A",), ("ာ", ""): ("A", "AR"), ("ါ", ""): ("A", "AR"), ("ိ", ""): ("I",), ("ီ", ""): ("I", "EE"),
    ("ု", ""): ("U",), ("ူ", ""): ("U", "OO"), ("ေ", ""): ("AY", "E"), ("ဲ", ""): ("E", "AE"),
    ("ော", ""): ("AW",), ("ေါ", ""): ("AW",), ("ို", ""): ("O", "OE"), ("ံ", ""): ("AN",), ("ုံ", ""): ("ON",),
    ("", "k"): ("ET", "AT"), ("ို", "k"): ("AIK", "IKE"), ("ော", "k"): ("AUK",), ("ေါ", "k"): ("AUK",),
    ("", "ng"): ("IN",), ("ို", "ng"): ("AING", "INE"), ("ော", "ng"): ("AUNG",), ("ေါ", "ng"): ("AUNG",),
    ("", "c"): ("IT",), ("", "ny"): ("I", "E"), ("", "t"): ("AT",), ("ိ", "t"): ("EIK",), ("ု", "t"): ("OKE",),
    ("", "n"): ("AN",), ("ိ", "n"): ("EIN",), ("ု", "n"): ("ON", "OHN", "ONE"), ("", "p"): ("AT",),
    ("ိ", "p"): ("EIK",), ("ု", "p"): ("OKE",), ("", "m"): ("AN",), ("ိ", "m"): ("EIN",), ("ု", "m"): ("ON",),
    ("", "y"): ("E", "AE"), ("ိ", "k"): ("EIK",),
}  # fmt: skip
_ASAT, _VIRAMA, _DOT, _VISARGA = "်", "္", "့", "း"
_MEDIALS = "ျြွှ"
_VOWELS = "ါာိီုူေဲံ"
_CONSONANTS = "".join(_INITIALS) + "ဉ"


def _onset(consonant: str, medials: str) -> str:
    """The spelling of a syllable's onset: consonant with its medials (ya-pin, ya-yit, wa-hswe, ha-hto)."""
    base = _INITIALS.get(consonant, "")
    if "ှ" in medials:
        # ha-hto makes ရှ / ယှ SH, and voiceless LH, MH, NH written HL, HM, HN
        base = "SH" if consonant in "ရယ" or "ျ" in medials else "H" + base
    if "ျ" in medials or "ြ" in medials:
        if consonant in "ခဂ":
            base = {"ခ": "CH", "ဂ": "J"}[consonant]
        elif consonant == "င":
            base = "NY"
        elif base != "SH":
            base += "Y"
    if "ွ" in medials:
        base += "W"
    return base


def _closes(text: str, i: int) -> bool:
    """Whether the consonant at ``i`` closes the syllable before it (asat or virama follows, maybe after ့)."""
    j = i + 1
    if j < len(text) and text[j] == _DOT:
        j += 1
    return j < len(text) and text[j] in _ASAT + _VIRAMA


def _syllables(text: str) -> list[tuple[str, ...]]:
    """Each syllable of ``text`` as its spellings, conventional first (unknown characters are skipped)."""
    out: list[tuple[str, ...]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in _INDEPENDENT:
            i += 1
            if char == "ဥ" and i < n and text[i] in _CONSONANTS and _closes(text, i):
                # ဥ closed by a consonant is the vowel O: ဥက္ကာ OAK KAR, ဥမ္မာ OHN MAR
                out.append(("OAK", "OK") if _FINALS.get(text[i]) == "k" else ("OHN", "ON"))
                i += 1
                while i < n and text[i] in _ASAT + _VIRAMA + _DOT:
                    i += 1
                continue
            out.append((_INDEPENDENT[char],))
            while i < n and text[i] in _VOWELS + _DOT + _VISARGA:
                i += 1
            continue
        if char not in _CONSONANTS:
            i += 1
            continue
        consonant, i = char, i + 1
        medials = vowels = final = ""
        tone_dot = tone_visarga = False
        while i < n:
            c = text[i]
            if c in _MEDIALS:
                medials += c
            elif c in _VOWELS:
                vowels += c
            elif c == _DOT:
                tone_dot = True
            elif c == _VISARGA:
                tone_visarga = True
            elif c == _ASAT and not final:
                # an asat straight after ာ/ါ only shortens the vowel (ော် AW)
                pass
            elif c in _CONSONANTS and not final and _closes(text, i):
                final = _FINALS.get(c, "n")
                i += 1
                if text[i] == _DOT:  # stored between the final and its asat: မြင့်
                    tone_dot, i = True, i + 1
                if text[i] == _ASAT:
                    i += 1
                continue
            else:
                break
            i += 1
        out.append(_spell(consonant, medials, vowels, final, tone_dot, tone_visarga))
    return out


def _spell(consonant: str, medials: str, vowels: str, final: str, dot: bool, visarga: bool) -> tuple[str, ...]:
    """The spellings of one parsed syllable."""
    onset = _onset(consonant, medials)
    rhymes = _RHYMES.get((vowels, final)) or _RHYMES.get(("", final)) or ("A",)
    if "ွ" in medials and final in ("n", "t", "m") and not vowels:
        # wa-hswe with a closing n or t is the vowel U: ထွန်း HTUN, ညွန့် NYUNT
        onset, rhymes = onset[:-1], ("UN",) if final in ("n", "m") else ("UT",)
    elif consonant == "ဝ" and final in ("n", "t") and not vowels and not medials:
        rhymes = ("UN",) if final == "n" else ("UT",)
    elif "ွ" in medials and vowels == "ေ":
        rhymes = ("E", "AY")  # ရွှေ SHWE, ငွေ NGWE
    elif consonant == "အ" and vowels == "ေ":
        rhymes = ("AYE", "AY")
    elif consonant == "အ" and vowels == "ိ":
        rhymes = ("EI", "I")
    elif consonant == "အ" and vowels == "ု" and final == "n":
        rhymes = ("OHN", "ONE", "ON")
    elif vowels == "ို" and not final and visarga:
        rhymes = ("OE", "O")  # စိုး SOE, မိုး MOE
    spelled = [onset + r for r in rhymes]
    if dot and final in ("n", "ng", "m"):
        # a creaky nasal is written with a closing T: မြင့် MYINT, သန့် THANT
        spelled = [s + "T" for s in spelled] + spelled
    if not onset and spelled[0].startswith("A") and not vowels and not final:
        spelled = ["A"]
    return tuple(unique(spelled))


def _detector() -> object | None:
    """A myanmartools Zawgyi detector (it loads a model), or None when the package is missing."""
    module = import_quietly("myanmartools")
    if module is None:
        return None
    return call_quietly(module.ZawgyiDetector)


_zawgyi_detector = functools.cache(_detector)
# Code points Zawgyi uses for stacked and variant letters, which Unicode leaves to a few rare Shan letters.
_ZAWGYI_ONLY = re.compile("[\u1060-\u1097]")


def is_zawgyi(text: str) -> bool:
    """Whether Burmese ``text`` is Zawgyi-encoded (myanmartools' detector; a code-point rule without it)."""
    if not any("\u1000" <= c <= "\u109f" for c in text):
        return False
    detector = _zawgyi_detector()
    if detector is not None:
        probability = call_quietly(detector.get_zawgyi_probability, text)  # type: ignore[attr-defined]
        if probability is not None:
            return float(probability) > 0.95
    # Without the detector: Zawgyi writes ေ and ြ before the consonant and uses the stacked-letter range.
    return bool(_ZAWGYI_ONLY.search(text) or re.search("(^|[^\u1000-\u1021])[ေြ]", text))


@functools.cache
def _converter() -> Callable[[str, str, str], str] | None:
    """python-myanmar's ``convert``, or None when the package is missing."""
    module = import_quietly("myanmar.converter")
    return getattr(module, "convert", None) if module is not None else None


def zawgyi_to_unicode(text: str) -> str:
    """Burmese ``text`` in Unicode: converted by python-myanmar if it is Zawgyi, unchanged otherwise."""
    if not is_zawgyi(text):
        return text
    convert = _converter()
    converted = call_quietly(convert, text, "zawgyi", "unicode") if convert is not None else None
    return str(converted) if converted else text


@functools.lru_cache(maxsize=65536)
def romanise_word(word: str) -> tuple[str, ...]:
    """Every Latin spelling of one Burmese word, best first: syllables spaced, then joined, then anyascii's."""
    # Zawgyi converters and old keyboards store ု before ိ; Unicode's order is ိ then ု.
    text = zawgyi_to_unicode(word).replace("ုိ", "ို")
    syllables = [s for s in _syllables(text) if s and s[0]]
    forms: list[str] = []
    if syllables:
        best = [s[0] for s in syllables]
        forms.append(" ".join(best))
        for i, options in enumerate(syllables):
            for option in options[1:]:
                forms.append(" ".join([*best[:i], option, *best[i + 1 :]]))
        if len(syllables) > 1:
            forms.append("".join(best))
    forms.append(anyascii_form(word))
    return tuple(unique(forms))
