"""Measuring a clustering of records against the truth: pairwise and B-cubed precision and recall.

Pairwise: a pair of records is predicted when both are in one cluster and true when both are of one
person. B-cubed: for each record, the share of its cluster that is its person (precision) and the share
of its person that is in its cluster (recall), averaged over records. Both are computed from cluster and
person sizes, never by enumerating all pairs of records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

__all__ = ["Scores", "bcubed", "connected_components", "pairwise", "pairwise_where"]


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1, with the pair counts behind them when they are pairwise."""

    precision: float
    recall: float
    true_positives: int = 0
    predicted: int = 0
    actual: int = 0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        """Figures as printed in docs/identity.md."""
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"


def _pairs_in(size: int) -> int:
    return size * (size - 1) // 2


def pairwise(clusters: Mapping[Hashable, Hashable], truth: Mapping[Hashable, Hashable]) -> Scores:
    """Pairwise precision and recall of ``clusters`` (record -> cluster) against ``truth`` (record -> person).

    Only records present in both mappings count. A clustering that predicts no pair has precision 1.
    """
    records = [r for r in clusters if r in truth]
    both = Counter((clusters[r], truth[r]) for r in records)
    true_positives = sum(_pairs_in(n) for n in both.values())
    predicted = sum(_pairs_in(n) for n in Counter(clusters[r] for r in records).values())
    actual = sum(_pairs_in(n) for n in Counter(truth[r] for r in records).values())
    return Scores(
        precision=true_positives / predicted if predicted else 1.0,
        recall=true_positives / actual if actual else 1.0,
        true_positives=true_positives,
        predicted=predicted,
        actual=actual,
    )


def pairwise_where(
    clusters: Mapping[Hashable, Hashable],
    truth: Mapping[Hashable, Hashable],
    keep: Callable[[Hashable, Hashable], bool],
) -> Scores:
    """Pairwise scores over the pairs ``keep`` accepts (for example cross-script pairs only).

    Pairs are enumerated inside clusters and persons, which are small; not over all records.
    """
    records = [r for r in clusters if r in truth]

    def grouped(mapping: Mapping[Hashable, Hashable]) -> set[frozenset[Hashable]]:
        groups: dict[Hashable, list[Hashable]] = defaultdict(list)
        for r in records:
            groups[mapping[r]].append(r)
        return {frozenset(p) for members in groups.values() for p in combinations(members, 2) if keep(*p)}

    predicted, actual = grouped(clusters), grouped(truth)
    hits = len(predicted & actual)
    return Scores(
        precision=hits / len(predicted) if predicted else 1.0,
        recall=hits / len(actual) if actual else 1.0,
        true_positives=hits,
        predicted=len(predicted),
        actual=len(actual),
    )


def bcubed(clusters: Mapping[Hashable, Hashable], truth: Mapping[Hashable, Hashable]) -> Scores:
    """B-cubed precision and recall, averaged over the records present in both mappings."""
    records = [r for r in clusters if r in truth]
    if not records:
        return Scores(1.0, 1.0)
    both = Counter((clusters[r], truth[r]) for r in records)
    cluster_sizes = Counter(clusters[r] for r in records)
    person_sizes = Counter(truth[r] for r in records)
    precision = sum(n * n / cluster_sizes[c] for (c, _), n in both.items()) / len(records)
    recall = sum(n * n / person_sizes[p] for (_, p), n in both.items()) / len(records)
    return Scores(precision, recall)


def connected_components(
    records: Iterable[Hashable], pairs: Iterable[tuple[Hashable, Hashable]]
) -> dict[Hashable, Hashable]:
    """Cluster ``records`` by linking each pair (union-find): record -> the cluster's smallest-seen id.

    A record in no pair is a cluster of its own. This is Splink's clustering: transitive, so one wrong
    link joins two people's records; the threshold of the pairs passed in controls that.
    """
    parent: dict[Hashable, Hashable] = {r: r for r in records}

    def root(x: Hashable) -> Hashable:
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving keeps later lookups short
            x = parent[x]
        return x

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
    return {r: root(r) for r in parent}
