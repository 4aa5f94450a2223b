"""``borderlink bench identity``: batch linking time, real-time link latency and memory.

Runs the identity core on synthetic crossings read through the real mappings: batch linking (block,
score every candidate pair, cluster) and real-time linking (one new crossing against an index of all the
others), with the pairwise F1 of the batch clustering against the synthetic truth.
"""

from __future__ import annotations

import csv
import random
import resource
import statistics
import time
from pathlib import Path
from typing import Any


def run(records: int, work_dir: Path, seed: int, sample: int = 1000) -> dict[str, Any]:
    """Generate about ``records`` crossings and measure linking them."""
    from borderlink.identity.blocking import BlockingIndex
    from borderlink.identity.compare import Traveller
    from borderlink.identity.evaluate import connected_components, pairwise
    from borderlink.identity.score import Scorer
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.reading import read_file
    from borderlink.synth.generate import generate

    summary = generate(persons=max(10, records // 7), days=30, seed=seed, out_dir=work_dir)
    travellers: dict[str, Traveller] = {}
    for source, path in summary.files.items():
        outcome = read_file(get_mapping(source), path.read_bytes())
        for row in outcome.rows:
            travellers[row[0]] = Traveller.from_row(row)
    with summary.truth.open(encoding="utf-8") as handle:
        truth = {row["record_id"]: row["person_id"] for row in csv.DictReader(handle) if row["record_id"] in travellers}
    scorer = Scorer()

    # Name forms are computed once per distinct name; measure that apart from linking itself.
    started = time.perf_counter()
    for traveller in travellers.values():
        _ = traveller.forms
    romanise_seconds = time.perf_counter() - started

    started = time.perf_counter()
    index = BlockingIndex()
    pairs = index.pairs(travellers.items())
    matches = [(a, b) for a, b in pairs if scorer.is_match(scorer.score(travellers[str(a)], travellers[str(b)]))]
    clusters = connected_components(travellers, matches)
    batch_seconds = time.perf_counter() - started
    quality = pairwise(clusters, truth)

    ids = list(travellers)
    held_out = set(random.Random(seed).sample(ids, min(sample, len(ids) // 10 or 1)))
    live = BlockingIndex()
    for uid in ids:
        if uid not in held_out:
            live.add(uid, travellers[uid])
    latencies = []
    for uid in held_out:
        traveller = travellers[uid]
        started = time.perf_counter()
        best = None
        for candidate in live.candidates(traveller):
            match = scorer.score(traveller, travellers[str(candidate)])
            if best is None or match.weight > best.weight:
                best = match
        live.add(uid, traveller)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    return {
        "crossings": len(travellers),
        "persons": len(set(truth.values())),
        "romanise_seconds": round(romanise_seconds, 2),
        "batch_seconds": round(batch_seconds, 2),
        "batch_records_per_second": round(len(travellers) / batch_seconds) if batch_seconds else None,
        "candidate_pairs": len(pairs),
        "pairwise": {
            "precision": round(quality.precision, 4),
            "recall": round(quality.recall, 4),
            "f1": round(quality.f1, 4),
        },
        "realtime_indexed": len(ids) - len(held_out),
        "realtime_p50_ms": round(statistics.median(latencies), 3),
        "realtime_p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 3),
        "peak_memory_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
