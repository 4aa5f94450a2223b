"""Latin-script names in the MRZ alphabet: ICAO Doc 9303 Part 3 Table A transliteration.

Table A writes most accented letters as their base letter, but a few as two letters (Ä as AE, Å as AA,
Ö and Ø as OE, Ü as UE, ß as SS, Þ as TH) and allows the one-letter form too (A, O, U) for some of
them. Vietnamese letters outside the table (Ơ, Ư and the tone letters ạ, ế, ữ...) lose their marks,
and Đ is D, as Viet Nam's own passports print them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ._common import clean

# Letters Table A does not write as "the letter without its mark": first the preferred (MRZ) form.
_SPECIAL: dict[str, tuple[str, ...]] = {
    "Ä": ("AE", "A"),
    "Å": ("AA", "A"),
    "Æ": ("AE",),
    "Ö": ("OE", "O"),
    "Ø": ("OE", "O"),
    "Œ": ("OE",),
    "Ü": ("UE", "U"),
    "ß": ("SS",),
    "ẞ": ("SS",),
    "Þ": ("TH",),
    "Đ": ("D",),
    "Ð": ("D",),
    "Ħ": ("H",),
    "Ł": ("L",),
    "Ŀ": ("L",),
    "Ŋ": ("N",),
    "Ĳ": ("IJ",),
    "ı": ("I",),
    "Ŧ": ("T",),
}
_SPECIAL.update({k.lower(): v for k, v in list(_SPECIAL.items()) if k.lower() != k})

# ICAO 9303 §4.6: an apostrophe is dropped and the parts joined (D'ARTAGNAN -> DARTAGNAN).
_APOSTROPHES = re.compile("['’ʼ`´‘]")


def _letters(text: str, choice: int) -> str:
    """``text`` with Table A applied, taking alternative ``choice`` (0 = MRZ form, 1 = one-letter form)."""
    out = []
    for char in unicodedata.normalize("NFC", _APOSTROPHES.sub("", text)):
        forms = _SPECIAL.get(char)
        if forms is not None:
            out.append(forms[min(choice, len(forms) - 1)])
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        out.append(base)
    return "".join(out)


@functools.lru_cache(maxsize=262144)
def latin_key(text: str) -> str:
    """The MRZ form of a Latin-script name: Table A, upper case, every non-letter run one space (cached)."""
    return clean(_letters(text, 0))


def latin_variants(text: str) -> list[str]:
    """Every MRZ form Table A allows for ``text``: the two-letter expansions (AE) first, then one-letter (A)."""
    forms = [latin_key(text), clean(_letters(text, 1))]
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]
