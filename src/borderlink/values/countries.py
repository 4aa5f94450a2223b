"""State codes: ISO 3166-1 alpha-3 plus the codes ICAO Doc 9303 adds for travel documents.

The common border data model stores every issuing state and nationality as a three-letter code.
ISO 3166-1 alpha-3 covers states; ICAO 9303 adds codes that machine-readable documents carry
(Germany's one-letter ``D``, British nationality categories, stateless persons, refugees,
international organisations, Kosovo, and the fictitious Utopia of the specimen documents).

Everything is looked up in tables built once at import: :func:`state_code` runs once per row in
bulk ingest and must not touch pycountry on each call.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pycountry

__all__ = ["ICAO_CODES", "UnknownStateCode", "is_state_code", "state_code", "state_name"]

#: ICAO 9303 codes that are not ISO 3166-1 alpha-3, with their English names.
ICAO_CODES: Mapping[str, str] = MappingProxyType(
    {
        "D": "Germany",
        "GBD": "British Overseas Territories Citizen",
        "GBN": "British National (Overseas)",
        "GBO": "British Overseas Citizen",
        "GBP": "British Protected Person",
        "GBS": "British Subject",
        "XXA": "Stateless person",
        "XXB": "Refugee (1951 Convention)",
        "XXC": "Refugee (other than the 1951 Convention)",
        "XXX": "Unspecified nationality",
        "EUE": "European Union",
        "UNO": "United Nations",
        "UNA": "United Nations specialized agency",
        "UNK": "Kosovo resident (UNMIK travel document)",
        "XOM": "Sovereign Military Order of Malta",
        "XPO": "INTERPOL",
        "XCC": "Caribbean Community (CARICOM)",
        "RKS": "Kosovo",
        "UTO": "Utopia (specimen documents)",
    }
)

# Germany is the one ICAO code with an ISO equivalent: storing DEU means a German passport
# (``D<<``) and a German record typed by an officer (``DEU``) compare equal downstream.
_STORED_AS = {"D": "DEU"}

_NAMES: dict[str, str] = {country.alpha_3: country.name for country in pycountry.countries}
_NAMES.update(ICAO_CODES)

# Accepted code -> code to store; one dict lookup answers both "is it known" and "what to store".
_STORE: dict[str, str] = {code: _STORED_AS.get(code, code) for code in _NAMES}


class UnknownStateCode(ValueError):
    """A value that is neither an ISO 3166-1 alpha-3 code nor an ICAO 9303 state code."""


def _normalise(value: str) -> str:
    # MRZs pad short codes with fillers (``D<<``); exports add spaces and lower case.
    return value.strip().upper().rstrip("<")


def state_code(value: str) -> str:
    """Return the code to store for a state: ISO alpha-3, or the ICAO special code as it is.

    Surrounding spaces, lower case and trailing MRZ fillers are accepted (``" d<< "`` is Germany).
    ICAO ``D`` is returned as ``DEU``; the other ICAO codes (``XXA``, ``GBN``, ``RKS``, ``UTO``...)
    are returned unchanged because they have no ISO equivalent.

    Raises :class:`UnknownStateCode` when the value is not a known code.
    """
    code = _normalise(value)
    try:
        return _STORE[code]
    except KeyError:
        raise UnknownStateCode(
            f"unknown state code {value!r}: expected an ISO 3166-1 alpha-3 code or an ICAO 9303 code"
        ) from None


def is_state_code(value: str) -> bool:
    """Tell whether :func:`state_code` accepts the value."""
    return _normalise(value) in _STORE


def state_name(code: str) -> str:
    """Return the English name of a state or ICAO category (the ISO 3166 short name for ISO codes).

    Raises :class:`UnknownStateCode` when the code is not known.
    """
    return _NAMES[state_code(code)]
