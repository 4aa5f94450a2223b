"""Pairwise and B-cubed scores, and clustering by connected components."""

from __future__ import annotations

import pytest

from borderlink.identity.evaluate import bcubed, connected_components, pairwise, pairwise_where


def test_it_scores_a_clustering_pairwise_and_by_bcubed() -> None:
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    clusters = {"a": "x", "b": "x", "c": "y", "d": "y"}
    scores = pairwise(clusters, truth)
    assert (scores.true_positives, scores.predicted, scores.actual) == (1, 2, 3)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(0.4)
    b3 = bcubed(clusters, truth)
    assert b3.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert b3.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    only_a = pairwise_where(clusters, truth, lambda x, y: "a" in (x, y))
    assert (only_a.true_positives, only_a.predicted, only_a.actual) == (1, 1, 2)


def test_it_clusters_linked_records_transitively() -> None:
    clusters = connected_components(["a", "b", "c", "d"], [("a", "b"), ("b", "c")])
    assert clusters["a"] == clusters["b"] == clusters["c"]
    assert clusters["d"] == "d"
    assert pairwise(clusters, {"a": 1, "b": 1, "c": 1, "d": 2}).f1 == 1.0
