"""Blocking: keys that put records of one person in a shared bucket, and an index over them.

Scoring every pair is quadratic; a new crossing is compared only with the records that share one of its
keys. Each key is designed to survive one of the known errors (other romanisation, other word order,
native script only, day and month swapped, a new document), so that a person is missed only when
several errors hit the same record. Buckets are capped, so a common key (NGUYEN born 1990) never
makes a lookup scan a large part of the index.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable
from itertools import combinations

from borderlink.identity.compare import Traveller, normalise_document_number, prepared_names

__all__ = ["DEFAULT_MAX_BLOCK", "BlockingIndex", "blocking_keys"]

#: The most record ids a bucket keeps (the most recent): lookups cost at most keys x this.
DEFAULT_MAX_BLOCK = 100


def blocking_keys(traveller: Traveller) -> frozenset[str]:
    """The keys of a traveller, each a short string naming its rule.

    - ``doc:<issuer>:<number>``: the same document;
    - ``name:<phonetic key>:<birth year>``: each word of every form of the name (any script, any order,
      romanisations and spelling variants) with the birth year;
    - ``pair:<key>|<key>``: two words of the name together, whatever the birth date (a typing slip in
      the year, a missing birth date);
    - ``native:<word>:<birth year>``: each native-script word, for records with no Latin name;
    - ``dob:<year>:<day and month in either order>:<sex>``: the complete birth date with sex, which
      survives a name typed differently and a day/month swap.
    """
    keys: set[str] = set()
    number = normalise_document_number(traveller.document_number)
    if number:
        keys.add(f"doc:{(traveller.document_issuer or '').upper()}:{number}")
    birth = traveller.birth_date
    year = str(birth.year) if birth else "?"
    if traveller.has_name:
        names = prepared_names(traveller.family, traveller.given, traveller.native)
        keys.update(f"name:{key}:{year}" for key in names.keys)
        for keyset in names.keysets:
            # Pairs of words from the same form only: pairs across spelling variants add keys, not recall.
            keys.update(f"pair:{x}|{y}" for x, y in combinations(sorted(keyset), 2))
        if names.native:
            keys.update(f"native:{word}:{year}" for word in names.native.split())
    if birth is not None and birth.is_complete and traveller.sex in ("M", "F"):
        low, high = sorted((birth.month or 0, birth.day or 0))
        keys.add(f"dob:{birth.year}:{low:02d}{high:02d}:{traveller.sex}")
    return frozenset(keys)


class BlockingIndex:
    """An in-memory index from blocking keys to record ids; lookups read only the traveller's buckets.

    Each bucket keeps its ``max_block`` most recent ids, so one lookup reads at most
    ``len(keys) * max_block`` ids whatever the size of the index.
    """

    def __init__(self, max_block: int = DEFAULT_MAX_BLOCK) -> None:
        """Start an empty index whose buckets keep at most ``max_block`` ids."""
        if max_block < 1:
            raise ValueError("max_block must be at least 1")
        self.max_block = max_block
        self._buckets: dict[str, deque[Hashable]] = {}
        self._size = 0
        self.overflowed: set[str] = set()

    def __len__(self) -> int:
        """How many records have been added."""
        return self._size

    def add(self, record_id: Hashable, traveller: Traveller) -> frozenset[str]:
        """Index a record under its keys; returns the keys."""
        keys = blocking_keys(traveller)
        for key in keys:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = deque(maxlen=self.max_block)
            elif len(bucket) == self.max_block:
                self.overflowed.add(key)
            bucket.append(record_id)
        self._size += 1
        return keys

    def candidates(self, traveller: Traveller, exclude: Hashable | None = None) -> set[Hashable]:
        """The ids sharing at least one key with ``traveller`` (``exclude``, its own id, left out)."""
        found: set[Hashable] = set()
        for key in blocking_keys(traveller):
            bucket = self._buckets.get(key)
            if bucket:
                found.update(bucket)
        found.discard(exclude)
        return found

    def pairs(self, records: Iterable[tuple[Hashable, Traveller]]) -> set[tuple[Hashable, Hashable]]:
        """Index ``records`` one by one and return each with its earlier candidates, as ordered id pairs.

        Every candidate pair is found once: when its later record arrives, as in real-time linking.
        """
        found: set[tuple[Hashable, Hashable]] = set()
        for record_id, traveller in records:
            for other in self.candidates(traveller, exclude=record_id):
                found.add((other, record_id))
            self.add(record_id, traveller)
        return found
