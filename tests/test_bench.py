"""Benchmark commands run end to end and print figures that make sense."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_it_benchmarks_identity_on_a_small_population(tmp_path: Any) -> None:
    """The identity benchmark runs end to end and reports figures that make sense."""
    from borderlink.bench.identity_bench import run

    figures = run(300, tmp_path, seed=3, sample=50)
    assert figures["crossings"] > 100 and figures["persons"] > 10
    assert figures["pairwise"]["f1"] > 0.9
    assert 0 < figures["realtime_p50_ms"] <= figures["realtime_p99_ms"]
