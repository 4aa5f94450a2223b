"""Blocking keys and the capped in-memory index."""

from __future__ import annotations

from borderlink.identity.blocking import BlockingIndex, blocking_keys
from borderlink.identity.compare import Traveller
from borderlink.values.dates import PartialDate

DARA = Traveller("SOK", "DARA", "", "M", PartialDate(1998, 3, 15), "KHM", "N01234567", "KHM")


def test_it_finds_the_same_person_written_another_way() -> None:
    index = BlockingIndex()
    index.add("passport", DARA)
    index.add("other", Traveller("TRAN", "VAN MINH", "", "M", PartialDate(1970, 1, 1), "VNM", "C7654321", "VNM"))
    native = Traveller("", "", "សុខ ដារ៉ា", "M", PartialDate(1998, 5, 3), "KHM", "KBP828627", "KHM")
    swapped = Traveller("DARA", "SOKH", "", "M", None, "KHM", None, None)
    assert index.candidates(native) == {"passport"}
    assert index.candidates(swapped) == {"passport"}


def test_it_keys_a_swapped_birth_date_like_the_right_one() -> None:
    swapped = Traveller("SEN", "VANNA", "", "M", PartialDate(1998, 5, 3), "KHM")
    right = Traveller("HENG", "BOPHA", "", "M", PartialDate(1998, 3, 5), "KHM")
    assert blocking_keys(swapped) & blocking_keys(right) == {"dob:1998:0305:M"}


def test_it_never_returns_more_than_the_buckets_hold() -> None:
    index = BlockingIndex(max_block=20)
    for n in range(500):
        index.add(
            n, Traveller("NGUYEN", "VAN AN", "", "M", PartialDate(1990, 1 + n % 12, 1 + n % 28), "VNM", f"C{n:07d}")
        )
    probe = Traveller("NGUYEN", "VAN AN", "", "M", PartialDate(1990, 1, 1), "VNM", "C0000000")
    found = index.candidates(probe)
    assert 0 < len(found) <= 20 * len(blocking_keys(probe))
    assert len(found) < len(index)
    assert 0 in found  # the same document number is its own small bucket
    assert index.overflowed


def test_it_pairs_each_record_with_earlier_ones_once() -> None:
    index = BlockingIndex()
    pairs = index.pairs([("a", DARA), ("b", DARA), ("c", Traveller("TRAN", "VAN MINH"))])
    assert pairs == {("a", "b")}
