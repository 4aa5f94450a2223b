"""Helpers shared by the script romanisers: ASCII clean-up, the anyascii fallback, lazy optional imports."""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

_NON_LETTERS = re.compile(r"[^A-Z]+")

# Beyond this many spellings per word the extra ones are rule noise, not spellings anyone carries.
MAX_WORD_VARIANTS = 12


def clean(text: str) -> str:
    """Upper-case ASCII letters of ``text``, every run of anything else made one space, trimmed."""
    return _NON_LETTERS.sub(" ", text.upper()).strip()


def unique(items: Iterable[str]) -> list[str]:
    """The non-empty items once each, in first-seen order."""
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def import_quietly(name: str) -> ModuleType | None:
    """Import an optional module with its import-time warnings silenced, or None when it is missing or broken.

    Several romanisation packages warn on import (deprecated ``importlib.resources`` calls); the test suite turns
    warnings into errors, and a warning from a dependency is not a fault of the caller.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return importlib.import_module(name)
        except Exception:  # a broken optional dependency must degrade to the fallback, not break names
            return None


def call_quietly(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call ``func`` with warnings silenced, returning None if it raises (an optional romaniser failing)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return func(*args, **kwargs)
        except Exception:
            return None


def anyascii_form(text: str) -> str:
    """The anyascii transliteration of ``text``, cleaned to A-Z and spaces (empty if anyascii is missing)."""
    module = import_quietly("anyascii")
    if module is None:
        return ""
    return clean(str(module.anyascii(text)))


def codepoint_word(text: str) -> str:
    """A last-resort spelling of characters no romaniser knows: X then each code point in hex written A-P.

    It keeps a name that is nothing but unknown symbols findable (the same text gives the same word) without
    inventing a sound for it and without ever producing ``?``.
    """
    letters = "ABCDEFGHIJKLMNOP"
    parts = []
    for char in text:
        if char.isspace():
            continue
        parts.append("".join(letters[int(digit, 16)] for digit in f"{ord(char):X}"))
    return "X" + "X".join(parts) if parts else ""


Rule = tuple[re.Pattern[str], str]


def rules(*pairs: tuple[str, str]) -> tuple[Rule, ...]:
    """Compile ``(pattern, replacement)`` pairs of spelling rules."""
    return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)


def rule_variants(word: str, spelling_rules: tuple[Rule, ...], cap: int = MAX_WORD_VARIANTS) -> list[str]:
    """``word`` and the spellings reached by applying the rules, alone and then in combination, up to ``cap``.

    Breadth first, so spellings one rule away come before those needing several rules: the nearer a
    spelling is to the system's form the likelier it is that someone carries it.
    """
    found = [word]
    frontier = [word]
    while frontier and len(found) < cap:
        next_frontier = []
        for current in frontier:
            for pattern, replacement in spelling_rules:
                changed = pattern.sub(replacement, current)
                if changed != current and changed not in found:
                    found.append(changed)
                    next_frontier.append(changed)
                    if len(found) >= cap:
                        return found
        frontier = next_frontier
    return found
