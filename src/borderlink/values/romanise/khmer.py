"""Khmer names: seanghay's khmer-latin-name-transformer, with anyascii as the fallback.

The transformer (finite-state transducers learned from Cambodian name pairs) gives the spelling of
Cambodian ID cards and passports (សុខ ដារ៉ា -> SOK DARA) but costs 30 to 200 ms a call, so each word
is romanised once and cached. The spelling rules add the variants other states write (SOKH, CHANN, JEA).
"""

from __future__ import annotations

import functools

from ._common import anyascii_form, call_quietly, clean, import_quietly, rule_variants, rules, unique
from .memory import remembered

# Spellings of the same Khmer sounds seen across Cambodian, Thai and Vietnamese records.
_RULES = rules(
    (r"K$", "KH"),  # សុខ SOK / SOKH
    (r"T$", "TH"),  # ឌិត DIT / DITH
    (r"TH$", "T"),
    (r"([AEIOU])N$", r"\1NN"),  # ចាន់ CHAN / CHANN
    (r"^CH(?!H)", "J"),  # ជា CHEA / JEA
    (r"U", "OU"),  # ហ៊ុន HUN / HOUN
    (r"EY$", "EI"),  # ស្រី SREY / SREI
    (r"Y$", "I"),
    (r"^([^AEIOU]*)E(?!A|Y|I)", r"\1AE"),  # ហេង HENG / HAENG
)


@functools.cache
def _transformer() -> object | None:
    """The transformer's ``to_latin`` function, or None when the package (or pynini) is not installed."""
    module = import_quietly("khmer_latin_name_transformer")
    return getattr(module, "to_latin", None) if module is not None else None


@functools.lru_cache(maxsize=65536)
@remembered("khmer")
def romanise_word(word: str) -> tuple[str, ...]:
    """Every Latin spelling of one Khmer word, best first: the transformer's, rule variants, then anyascii's."""
    to_latin = _transformer()
    primary = clean(str(call_quietly(to_latin, word) or "")) if callable(to_latin) else ""
    fallback = anyascii_form(word)
    forms: list[str] = []
    if primary:
        forms.extend(rule_variants(primary, _RULES))
    forms.append(fallback)
    return tuple(unique(forms))
