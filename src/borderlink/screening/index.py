"""The in-memory screening index: every alert in force, looked up by keys, never by scanning.

Two parts, each a pair of sorted numpy arrays (64-bit key hash, alert id) plus a small dictionary for
alerts added since the arrays were built:

- **documents**: the hash of ``<issuing state>:<normalised number>`` of every document an alert names
  (a ``travel_document`` alert, and a person alert that gives the person's document). Ten million
  document alerts take 160 MB; a lookup is two binary searches.
- **persons**: the blocking keys of every person alert's name in all its forms (native script,
  romanisations, both word orders, phonetic keys) joined with the birth year or the full birth date.
  Each key survives one of the variations met at borders: another romanisation or script (the forms
  share phonetic keys), swapped word order (pairs are unordered), one typing slip (a key on the other
  word with the full birth date, or with the birth year when the alert has no full date), day and
  month swapped (day and month are sorted in the key); other vowels, as Khmer, Thai, Lao and Burmese
  names are written by each state (the consonants of the whole name with the full birth date).

Candidates found by keys are then scored with the identity model (``identity.score``) and kept when
they reach the threshold of the alert's type. Hashes are Python's ``hash`` of the key string: stable
within the process that built the index, which is the only place the index lives.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from borderlink.identity.compare import Traveller, normalise_document_number, prepared_names
from borderlink.screening.name_rules import consonant_views
from borderlink.values.dates import PartialDate
from borderlink.values.names import TokenFrequencies

__all__ = ["MAX_BUCKET", "AlertEntry", "ScreeningIndex", "document_key", "person_keys", "query_keys"]

#: Buckets holding more alerts than this (NGUYEN THI born 1990 among a million alerts) are not read:
#: every alert in them is also under a rarer key of its own name, so skipping them costs no recall
#: unless a traveller's name holds nothing but very common words. ``ScreeningIndex.skipped`` counts them.
MAX_BUCKET = 400

_EMPTY = np.empty(0, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class AlertEntry:
    """What screening needs of one person alert, kept in memory: its type, state, review date, traveller."""

    alert_id: int
    type: str
    issuing_state: str
    review_ordinal: int
    traveller: Traveller


def document_key(number: str | None, issuer: str | None) -> str:
    """The key of a document: issuing state and normalised number (empty when there is no number)."""
    normalised = normalise_document_number(number)
    return f"{(issuer or '').upper()}:{normalised}" if normalised else ""


def _birth_parts(birth: PartialDate | None) -> tuple[str, str]:
    """The birth year (``?`` if unknown) and the day and month in sorted order (empty if incomplete)."""
    if birth is None:
        return "?", ""
    year = str(birth.year)
    if not birth.is_complete:
        return year, ""
    low, high = sorted((birth.month or 0, birth.day or 0))
    return year, f"{low:02d}{high:02d}"


def _consonant_keys(traveller: Traveller, year: str, day_month: str) -> list[str]:
    """Keys of the whole name's consonants with the full birth date: other vowels, other spaces meet.

    HNIN MAY and HNIN ME, YOS SREYTOCH and YUOS SREY TOUCH share no phonetic key of a word, only these.
    """
    _words, joined = consonant_views(traveller.family, traveller.given, traveller.native)
    return [f"k:{key}:{year}:{day_month}" for key in joined]


def person_keys(traveller: Traveller) -> set[str]:
    """The keys a person alert is filed under (see the module docstring)."""
    if not traveller.has_name:
        return set()
    names = prepared_names(traveller.family, traveller.given, traveller.native)
    year, day_month = _birth_parts(traveller.birth_date)
    keys: set[str] = set()
    for keyset in names.keysets:
        ordered = sorted(keyset)
        if len(ordered) == 1:
            keys.add(f"s:{ordered[0]}:{year}")
        for x, y in combinations(ordered, 2):
            keys.add(f"p:{x}|{y}:{year}")
            keys.add(f"q:{x}|{y}")
    if day_month:
        keys.update(f"n:{key}:{year}:{day_month}" for key in names.keys)
        keys.update(_consonant_keys(traveller, year, day_month))
    elif year != "?":
        # No full birth date: each word with the year, so that one typing slip in another word still meets.
        keys.update(f"y:{key}:{year}" for key in names.keys)
    if names.native:
        keys.update(f"w:{word}:{year}" for word in names.native.split())
    return keys


def query_keys(traveller: Traveller) -> set[str]:
    """The keys a traveller is looked up under: their own, and those of alerts with no birth date.

    A traveller whose birth date is unknown is looked up by name pairs alone (``q:``), the widest net.
    """
    if not traveller.has_name:
        return set()
    names = prepared_names(traveller.family, traveller.given, traveller.native)
    year, day_month = _birth_parts(traveller.birth_date)
    keys: set[str] = set()
    for keyset in names.keysets:
        ordered = sorted(keyset)
        if len(ordered) == 1:
            keys.add(f"s:{ordered[0]}:{year}")
            keys.add(f"s:{ordered[0]}:?")
        for x, y in combinations(ordered, 2):
            if year == "?":
                keys.add(f"q:{x}|{y}")
            else:
                keys.add(f"p:{x}|{y}:{year}")
                keys.add(f"p:{x}|{y}:?")
    if day_month:
        keys.update(f"n:{key}:{year}:{day_month}" for key in names.keys)
        keys.update(_consonant_keys(traveller, year, day_month))
    if year != "?":
        keys.update(f"y:{key}:{year}" for key in names.keys)
    if names.native:
        keys.update(f"w:{word}:{year}" for word in names.native.split())
        keys.update(f"w:{word}:?" for word in names.native.split())
    return keys


class _KeyTable:
    """Sorted (key hash, alert id) arrays, plus an overlay of what was added after they were built."""

    def __init__(self) -> None:
        self.hashes = _EMPTY
        self.ids = _EMPTY
        self.overlay: dict[int, list[int]] = {}
        self.skipped_last = 0

    def build(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Replace the arrays with ``pairs`` of (key hash, alert id), sorted by hash."""
        buffer = np.fromiter((value for pair in pairs for value in pair), dtype=np.int64)
        table = buffer.reshape(-1, 2)
        order = np.argsort(table[:, 0], kind="stable")
        self.hashes = np.ascontiguousarray(table[order, 0])
        self.ids = np.ascontiguousarray(table[order, 1])
        self.overlay = {}

    def build_arrays(self, hashes: np.ndarray, ids: np.ndarray) -> None:
        """Replace the arrays with parallel arrays of key hashes and alert ids (sorted here)."""
        order = np.argsort(hashes, kind="stable")
        self.hashes = np.ascontiguousarray(hashes[order])
        self.ids = np.ascontiguousarray(ids[order])
        self.overlay = {}

    def add(self, hashes: Iterable[int], alert_id: int) -> None:
        """File an alert added after the build under its key hashes."""
        for value in hashes:
            self.overlay.setdefault(value, []).append(alert_id)

    def lookup(self, hashes: list[int], limit: int | None = None) -> tuple[list[int], int]:
        """Alert ids under any of ``hashes``, and how many buckets were skipped for holding over ``limit``."""
        found: list[int] = []
        skipped = 0
        for ids, _size in self.buckets(hashes, limit):
            found.extend(ids)
        if limit is not None:
            skipped = self.skipped_last
        return found, skipped

    def buckets(self, hashes: list[int], limit: int | None = None) -> list[tuple[list[int], int]]:
        """The buckets of ``hashes`` (ids and size), leaving out those over ``limit`` (counted in ``skipped_last``)."""
        result: list[tuple[list[int], int]] = []
        self.skipped_last = 0
        if hashes and len(self.hashes):
            wanted = np.array(hashes, dtype=np.int64)
            starts = np.searchsorted(self.hashes, wanted, side="left")
            ends = np.searchsorted(self.hashes, wanted, side="right")
            for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
                if end == start:
                    continue
                if limit is not None and end - start > limit:
                    self.skipped_last += 1
                    continue
                result.append((self.ids[start:end].tolist(), end - start))
        for value in hashes:
            extra = self.overlay.get(value)
            if extra:
                result.append((extra, len(extra)))
        return result

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return int(self.hashes.nbytes + self.ids.nbytes)


def _hashes(keys: Iterable[str]) -> list[int]:
    return [hash(key) for key in keys]


@functools.lru_cache(maxsize=65536)
def _query_hashes(family: str, given: str, native: str, birth: PartialDate | None) -> list[int]:
    """The hashes of a traveller's lookup keys, kept for the next crossing of the same traveller.

    A commuter crosses twice a day under the same name and birth date; the keys are the same each time.
    The list is only read.
    """
    return _hashes(query_keys(Traveller(family=family, given=given, native=native, birth_date=birth)))


class ScreeningIndex:
    """Every alert in force, by document and by person keys; rebuilt from the database, then kept current."""

    def __init__(self) -> None:
        """Start empty; ``build`` fills it."""
        self.documents = _KeyTable()
        self.persons = _KeyTable()
        self.entries: dict[int, AlertEntry] = {}
        #: Alerts no longer in force (withdrawn, lapsed, edited away) whose keys may still be in the arrays.
        self.gone: set[int] = set()
        self.document_alerts = 0
        self.skipped = 0
        #: How common each name word is among the person alerts: common names weigh less in scoring.
        self.frequencies = TokenFrequencies()
        #: The scorer screening uses with this index (set by ``screen``; it holds ``frequencies``).
        self.scorer: Any = None

    def __len__(self) -> int:
        """How many alerts are indexed (person and document alerts)."""
        return len(self.entries) + self.document_alerts

    def build(self, person_alerts: Iterable[AlertEntry], document_alerts: Iterable[tuple[int, str]]) -> None:
        """Build from every person alert in force and every (alert id, document key) in force."""
        entries: dict[int, AlertEntry] = {}

        def person_pairs() -> Iterator[tuple[int, int]]:
            for entry in person_alerts:
                entries[entry.alert_id] = _compact(entry)
                self._count_words(entry.traveller)
                for key in person_keys(entry.traveller):
                    yield hash(key), entry.alert_id

        self.persons.build(person_pairs())
        self.entries = entries
        count = 0

        def document_pairs() -> Iterator[tuple[int, int]]:
            nonlocal count
            for alert_id, key in document_alerts:
                if key:
                    count += 1
                    yield hash(key), alert_id

        self.documents.build(document_pairs())
        self.document_alerts = count
        self.gone = set()

    def add_person(self, entry: AlertEntry) -> None:
        """Index a person alert created or changed after the build."""
        self.gone.discard(entry.alert_id)
        self.entries[entry.alert_id] = _compact(entry)
        self._count_words(entry.traveller)
        self.persons.add(_hashes(person_keys(entry.traveller)), entry.alert_id)

    def _count_words(self, traveller: Traveller) -> None:
        if traveller.has_name:
            self.frequencies.add_keys(prepared_names(traveller.family, traveller.given, traveller.native).keys)

    def add_document(self, alert_id: int, key: str) -> None:
        """Index a document of an alert created or changed after the build."""
        if key:
            self.gone.discard(alert_id)
            self.document_alerts += 1
            self.documents.add([hash(key)], alert_id)

    def remove(self, alert_id: int) -> None:
        """Stop an alert from hitting (withdrawn, lapsed, or about to be re-added with new values)."""
        self.gone.add(alert_id)
        self.entries.pop(alert_id, None)

    def document_candidates(self, traveller: Traveller) -> list[int]:
        """Alerts filed under the traveller's document (with its issuing state, or with none given)."""
        number = traveller.document_number
        if not normalise_document_number(number):
            return []
        keys = {document_key(number, traveller.document_issuer), document_key(number, "")}
        found, _ = self.documents.lookup(_hashes(keys))
        return [alert_id for alert_id in dict.fromkeys(found) if alert_id not in self.gone]

    def person_candidates(self, traveller: Traveller, limit: int | None = None) -> list[AlertEntry]:
        """Person alerts sharing a key with the traveller (very common keys skipped), most likely first.

        Each shared key counts the more the fewer alerts it holds (one over the bucket size, as an inverse
        document frequency): an alert sharing NGUYEN THI born 1990 with hundreds ranks below one sharing
        a rare word with the full birth date, so that the ones scored are the ones that can be the person.
        With ``limit``, only that many of the most likely (a partial sort: common keys propose thousands).
        """
        buckets = self.persons.buckets(_query_hashes(traveller.family, traveller.given, traveller.native,
                                                     traveller.birth_date), MAX_BUCKET)  # fmt: skip
        self.skipped += self.persons.skipped_last
        scores: dict[int, float] = {}
        for ids, size in buckets:
            weight = 1.0 / size
            for alert_id in ids:
                scores[alert_id] = scores.get(alert_id, 0.0) + weight
        entries = self.entries
        live = [alert_id for alert_id in scores if alert_id in entries]
        if limit is None:
            ordered = sorted(live, key=scores.__getitem__, reverse=True)
        else:
            ordered = heapq.nlargest(limit, live, key=scores.__getitem__)
        return [entries[alert_id] for alert_id in ordered]

    @property
    def nbytes(self) -> int:
        """Bytes held by the key arrays (the entries are Python objects, measured by the benchmark)."""
        return self.persons.nbytes + self.documents.nbytes


def _compact(entry: AlertEntry) -> AlertEntry:
    """The entry with its strings interned: a million alerts share a few thousand names and codes."""
    t = entry.traveller
    intern = sys.intern
    traveller = Traveller(
        family=intern(t.family),
        given=intern(t.given),
        native=intern(t.native),
        sex=intern(t.sex) if t.sex else None,
        birth_date=t.birth_date,
        nationality=intern(t.nationality) if t.nationality else None,
        document_number=t.document_number,
        document_issuer=intern(t.document_issuer) if t.document_issuer else None,
    )
    return AlertEntry(entry.alert_id, intern(entry.type), intern(entry.issuing_state), entry.review_ordinal, traveller)


def review_ordinal(day: dt.date) -> int:
    """A review date as the integer kept in memory."""
    return day.toordinal()
