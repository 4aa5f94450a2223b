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


def test_it_measures_real_time_links_against_more_persons_indexed(tmp_path: Any) -> None:
    """``--indexed N`` adds the crossings of N more persons to the real-time index before timing links."""
    from borderlink.bench.identity_bench import run

    figures = run(300, tmp_path, seed=3, sample=30, indexed=400)
    assert figures["indexed_persons"] == 400
    assert figures["indexed_crossings"] >= 400
    assert figures["realtime_indexed"] >= figures["indexed_crossings"] + figures["crossings"] - 30
    assert figures["realtime_indexed_persons"] >= 400 + 10
    # 30 held out, a tenth of the crossings at most: how many crossings 42 persons make depends on their draw
    held_out = min(30, figures["crossings"] // 10)
    assert figures["realtime_sample"] == held_out and 0 <= figures["realtime_agreeing"] <= held_out
    assert 0 < figures["realtime_p50_ms"] <= figures["realtime_p99_ms"] <= figures["realtime_max_ms"]
    assert figures["index_build_seconds"] > 0 and figures["peak_memory_mib"] > 0


def test_the_screening_benchmark_prints_every_figure_and_the_rebuild_after_a_restart() -> None:
    """The whole command on a tiny run: it prints each figure the issue asks for, and a second build."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "borderlink", "bench", "screen", "--person-alerts", "400", "--document-alerts", "2000",
         "--crossings", "300", "--sample", "5"],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for figure in ("crossings/s", "p50", "p99", "resident memory", "recall on planted alerts", "false hits",
                   "brute-force rapidfuzz scan", "ingest to hit visible", "built again in a new process"):  # fmt: skip
        assert figure in out, figure
