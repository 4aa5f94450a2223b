"""Lao names: laonlp maps Lao letters onto Thai ones, the Thai romanisers read them, Lao spelling rules finish.

Lao passports follow a French-based convention rather than Thai habits: OU for u, X for ຊ, E for ແ,
V for ວ, Y for a final ີ, NH for a final ນ after a short a, ONE for a final ອນ, TH for a final ດ. Those
rules turn the Thai-path form into the usual Lao spelling; the Thai-path form is kept as a variant.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from . import thai
from ._common import anyascii_form, call_quietly, import_quietly, unique
from .memory import remembered

# laonlp writes the vowel ຽ as the consonant ญ and misreads ົວ; give both the Thai spelling of the same
# vowel (เ-ีย, ัว) first.
_IA = re.compile("([ກ-ຮ])ຽ")


def _has(pattern: str) -> Callable[[str], bool]:
    """A condition true for Lao words in which ``pattern`` occurs."""
    compiled = re.compile(pattern)
    return lambda lao: compiled.search(lao) is not None


_LAO_RULES: tuple[tuple[Callable[[str], bool], re.Pattern[str], str], ...] = tuple(
    (cond, re.compile(pattern), repl)
    for cond, pattern, repl in (
        (lambda lao: "ຊ" in lao and "ຈ" not in lao, r"CH", "X"),  # both reach Thai as ช/จ, romanised CH
        (_has("ໄ[ກ-ຮ]$"), r"AI$", "AY"),  # ວັນໄຊ VANXAY
        (lambda _: True, r"(?<!O)U", "OU"),
        (lambda _: True, r"AE", "E"),
        (lambda _: True, r"W", "V"),
        (_has("ຽ"), r"IA", "IE"),
        (_has("ີ$"), r"I$", "Y"),
        (_has("ັນ$"), r"AN$", "ANH"),
        (_has("ອນ$"), r"ON$", "ONE"),
        (_has("[ດັ]ດ$|າດ$|ິດ$|ັດ$"), r"T$", "TH"),
    )
)


@functools.cache
def _lao2thai() -> Callable[[str], str] | None:
    """laonlp's ``lao2thai_script``, or None when laonlp is not installed."""
    module = import_quietly("laonlp.transliterate")
    return getattr(module, "lao2thai_script", None) if module is not None else None


def to_thai_script(word: str) -> str:
    """The Lao word written in Thai letters (empty if laonlp is missing)."""
    convert = _lao2thai()
    if convert is None:
        return ""
    return str(call_quietly(convert, _IA.sub("เ\\1ีย", word).replace("ົວ", "ัว")) or "").replace("ญ", "ย")


def lao_form(lao: str, latin: str) -> str:
    """The Thai-path Latin form ``latin`` of a Lao word spelled by the Lao passport convention."""
    for condition, pattern, replacement in _LAO_RULES:
        if condition(lao):
            latin = pattern.sub(replacement, latin)
    return latin


@functools.lru_cache(maxsize=65536)
@remembered("lao")
def romanise_word(word: str) -> tuple[str, ...]:
    """Every Latin spelling of one Lao word, best first: Lao convention, Thai-path forms, anyascii's."""
    thai_word = to_thai_script(word)
    bases = thai.rtgs_forms(thai_word) if thai_word else []
    lao_forms = [lao_form(word, b) for b in bases]
    thai_forms = thai.spellings(thai_word, bases, cap=6) if bases else []
    return tuple(unique([*lao_forms, *bases, *thai_forms, anyascii_form(word)]))
