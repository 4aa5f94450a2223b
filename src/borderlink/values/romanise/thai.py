"""Thai names: the Royal Thai General System (RTGS) form, then the spellings Thai passports actually carry.

Two offline RTGS romanisers from pythainlp give the base: ``thai2rom_onnx`` (a small sequence model
shipped inside pythainlp, run by onnxruntime; it gets silent letters right: สมบูรณ์ -> sombun) when
onnxruntime is installed, and the rule-based ``royin`` (samabun). People choose their own passport
spelling and rarely use RTGS, so rules keyed on the Thai letters turn RTGS into the usual choices:
ู and บุญ as OO, ี as EE, ศรี as SRI, พร as PORN, จ as J, ไชย+ as CHAIYA, final ล as L, เ-ิ as ER.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ._common import MAX_WORD_VARIANTS, anyascii_form, call_quietly, clean, import_quietly, rule_variants, rules, unique
from .memory import remembered

_CONSONANT = "[ก-ฮ]"
# The ี of ศรี does not make a long EE: SRISUK, never SREESUK.
_SRI = re.compile("[ศส]รี")

Condition = Callable[[str], bool]
_PassportRule = tuple[Condition, re.Pattern[str], str]


def _has(pattern: str) -> Condition:
    """A condition true for Thai words in which ``pattern`` occurs."""
    compiled = re.compile(pattern)
    return lambda thai: compiled.search(thai) is not None


def _long_i(thai: str) -> bool:
    """Whether the word has a long ี outside ศรี."""
    return "ี" in _SRI.sub("", thai)


# Applied in order, each where its Thai condition holds, to make the usual passport spelling.
_PASSPORT: tuple[_PassportRule, ...] = tuple(
    (cond, re.compile(pattern), repl)
    for cond, pattern, repl in (
        (_has("[ศส]รี"), r"SI(?!R)", "SRI"),
        (_has(f"ไชย{_CONSONANT}"), r"AI(?=[^AEIOUY])", "AIYA"),
        (_has("พร(?![ะาิีุูเแโใไัำ่้๊๋ห])"), r"PH?ON", "PORN"),
        (_has(f"{_CONSONANT}ร$"), r"ON$", "ORN"),
        (_has("พรห"), r"PHR", "PR"),
        (_has("ู|ุญ"), r"(?<![AEIOU])U(?![AEIOU])", "OO"),
        (_long_i, r"(?<![AEOU])I(?![AEIOU])", "EE"),
        (_has("^[ใไเแโ]?จ"), r"^CH", "J"),
        (_has(".[ใ]?จ"), r"(?<=.)CH", "J"),
        (_has("เ[ก-ฮ]{1,2}ิ"), r"OET", "ERT"),
        (_has("เ.ือ"), r"UEA", "UA"),
        (_has("ล์?$"), r"N$", "L"),
        (_has("แ.้?ว"), r"AEO", "AEW"),
    )
)

# Further spellings people use, each optional: combined breadth first, nearest to the base first.
_VARIANTS = rules(
    (r"PH", "P"),
    (r"TH", "T"),
    (r"KH", "K"),
    (r"TT", "T"),
    (r"AI$", "AY"),
    (r"W", "V"),
    (r"AE", "A"),
    (r"^CH", "J"),
    (r"OO", "U"),
    (r"EE", "I"),
    (r"(?<!C)K$", "CK"),
    (r"(?<!T)T$", "TH"),
)


@functools.cache
def _romanize() -> Callable[..., str] | None:
    """pythainlp's ``romanize``, or None when pythainlp is not installed."""
    module = import_quietly("pythainlp.transliterate")
    return getattr(module, "romanize", None) if module is not None else None


@functools.cache
def _has_onnx() -> bool:
    """Whether onnxruntime is there to run pythainlp's thai2rom_onnx model."""
    return import_quietly("onnxruntime") is not None


def rtgs_forms(thai: str) -> list[str]:
    """The RTGS romanisations of one Thai word, model first, then royin (none if pythainlp is missing)."""
    romanize = _romanize()
    if romanize is None:
        return []
    engines = ["thai2rom_onnx", "royin"] if _has_onnx() else ["royin"]
    return unique(clean(str(call_quietly(romanize, thai, engine=engine) or "")).replace(" ", "") for engine in engines)


def passport_form(thai: str, rtgs: str) -> str:
    """The RTGS form ``rtgs`` of the Thai word ``thai`` spelled as Thai passports usually spell it."""
    form = rtgs
    for condition, pattern, replacement in _PASSPORT:
        if condition(thai):
            form = pattern.sub(replacement, form)
    return form


def spellings(thai: str, bases: list[str], cap: int = MAX_WORD_VARIANTS) -> list[str]:
    """Passport spellings and RTGS forms of ``thai`` from its RTGS ``bases``, then their optional variants."""
    firsts = unique([*(passport_form(thai, b) for b in bases), *bases])
    forms = list(firsts)
    for first in firsts:
        forms.extend(rule_variants(first, _VARIANTS, cap=4))
    return unique(forms)[:cap]


@functools.lru_cache(maxsize=65536)
@remembered("thai")
def romanise_word(word: str) -> tuple[str, ...]:
    """Every Latin spelling of one Thai word, best first; anyascii's letter-by-letter form last."""
    return tuple(unique([*spellings(word, rtgs_forms(word)), anyascii_form(word)]))
