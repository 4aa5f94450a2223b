"""``borderlink bench identity``: batch linking time, real-time link latency and memory.

Runs the identity core on synthetic crossings read through the real mappings: batch linking (block,
score every candidate pair, cluster) and real-time linking (one new crossing against an index of all the
others), with the pairwise F1 of the batch clustering against the synthetic truth.

With ``indexed`` (``--indexed N``), the real-time index also holds the crossings of ``N`` more persons,
as a worker's index does on a node that has seen that many: a second synthetic population crossing on
one day (about 1.75 crossings a person), read through the same mappings and added to the index as linked
crossings, without batch-linking them (that is what ``identity cluster`` is for, measured in
docs/identity.md). The timed path is the worker's own (``linking.find_best``, then indexing the
crossing), over a :class:`~borderlink.identity.linking.LinkState` built the way the worker builds it.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import gc
import math
import os
import random
import resource
import statistics
import time
from collections import Counter
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from borderlink.identity.compare import Traveller
    from borderlink.synth.generate import SynthSummary

#: Persons of the extra population who cross on its one day and so are read (measured: 0.854 at
#: 100,000 persons, seed 5); the population is sized up by it, and cut to ``indexed`` persons.
_CROSSING_SHARE = 0.85


def _rss_mib() -> float:
    """The process's resident memory now, in MiB, after handing freed memory back (Linux; 0 elsewhere)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # what reading the files freed, so it is not counted
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _read(summary: SynthSummary) -> tuple[dict[str, Traveller], dict[str, str]]:
    """The travellers of a synthetic population, by record id, and the truth (record id -> person)."""
    from borderlink.identity.compare import Traveller
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.reading import read_file

    travellers: dict[str, Traveller] = {}
    for source, path in summary.files.items():
        outcome = read_file(get_mapping(source), path.read_bytes())
        for row in outcome.rows:
            travellers[row[0]] = Traveller.from_row(row)
        del outcome
    with summary.truth.open(encoding="utf-8") as handle:
        truth = {row["record_id"]: row["person_id"] for row in csv.DictReader(handle) if row["record_id"] in travellers}
    return travellers, truth


def run(records: int, work_dir: Path, seed: int, sample: int = 1000, indexed: int = 0) -> dict[str, Any]:
    """Generate about ``records`` crossings and measure linking them (and, with ``indexed``, a bigger index).

    ``sample`` crossings (a tenth at most) are held out of the real-time index and linked one by one, in
    uid order, each indexed after its decision as the worker does.
    """
    from borderlink.identity.blocking import BlockingIndex
    from borderlink.identity.evaluate import connected_components, pairwise
    from borderlink.identity.linking import LinkState, find_best
    from borderlink.identity.score import Scorer
    from borderlink.synth.generate import generate

    summary = generate(persons=max(10, records // 7), days=30, seed=seed, out_dir=work_dir)
    travellers, truth = _read(summary)
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
    known: dict[Hashable, Hashable] = {uid: person for uid, person in truth.items()}
    quality = pairwise(clusters, known)
    candidate_pairs = len(pairs)
    del index, pairs, matches, clusters

    ids = list(travellers)
    held_out = set(random.Random(seed).sample(ids, min(sample, len(ids) // 10 or 1)))
    # The worker's state, crossings by integer id; their persons are the truth's (to check decisions).
    live = LinkState()
    person_of_id: list[str] = []
    crossings_of: Counter[str] = Counter()

    def add(traveller: Traveller, person: str) -> None:
        live.add(len(person_of_id), traveller, len(person_of_id))
        person_of_id.append(person)
        crossings_of[person] += 1

    figures: dict[str, Any] = {}
    if indexed > 0:
        figures = _fill(add, indexed, work_dir / "indexed", seed)
    for uid in ids:
        if uid not in held_out:
            add(travellers[uid], truth.get(uid, uid))
    indexed_crossings, indexed_persons = len(person_of_id), len(crossings_of)

    gc.collect()
    latencies = []
    candidates = []
    agreed = 0
    for uid in sorted(held_out):
        traveller = travellers[uid]
        person = truth.get(uid, uid)
        seen_before = crossings_of[person] > 0
        started = time.perf_counter()
        found = find_best(traveller, live, scorer)
        add(traveller, person)
        latencies.append((time.perf_counter() - started) * 1000)
        candidates.append(found.candidates)
        # The decision agrees with the truth: linked to a crossing of the same person, or to no one
        # when the person had no crossing indexed yet.
        linked_to = person_of_id[found.best[0]] if found.best and scorer.is_match(found.best[1]) else None
        agreed += linked_to == person if seen_before else linked_to is None
    latencies.sort()
    return {
        "crossings": len(travellers),
        "persons": len(set(truth.values())),
        "romanise_seconds": round(romanise_seconds, 2),
        "batch_seconds": round(batch_seconds, 2),
        "batch_records_per_second": round(len(travellers) / batch_seconds) if batch_seconds else None,
        "candidate_pairs": candidate_pairs,
        "pairwise": {
            "precision": round(quality.precision, 4),
            "recall": round(quality.recall, 4),
            "f1": round(quality.f1, 4),
        },
        "realtime_indexed": indexed_crossings,
        "realtime_indexed_persons": indexed_persons,
        "realtime_sample": len(latencies),
        "realtime_p50_ms": round(statistics.median(latencies), 3),
        "realtime_p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 3),
        "realtime_max_ms": round(latencies[-1], 3),
        "realtime_candidates_mean": round(statistics.mean(candidates), 1),
        "realtime_candidates_max": max(candidates),
        "realtime_agreeing": agreed,
        **figures,
        "peak_memory_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _fill(add: Callable[[Traveller, str], None], indexed: int, folder: Path, seed: int) -> dict[str, Any]:
    """Index the crossings of ``indexed`` more persons (a population crossing on one day); return the figures.

    The population is generated with another seed than the measured crossings', read through the
    mappings, and cut to its first ``indexed`` persons (by person id, so the cut is not by state); every
    crossing of theirs is added to the index the way the worker adds a linked crossing.
    """
    from borderlink.synth.generate import generate

    memory_before = _rss_mib()
    started = time.perf_counter()
    summary = generate(persons=math.ceil(indexed / _CROSSING_SHARE) + 50, days=1, seed=seed + 1, out_dir=folder)
    generate_seconds = time.perf_counter() - started
    started = time.perf_counter()
    travellers, truth = _read(summary)
    read_seconds = time.perf_counter() - started
    kept = set(sorted(set(truth.values()))[:indexed])
    chosen = [(uid, "indexed:" + truth[uid]) for uid in travellers if truth.get(uid) in kept]
    started = time.perf_counter()
    for uid, person in chosen:
        add(travellers[uid], person)
    build_seconds = time.perf_counter() - started
    crossings = len(chosen)
    del travellers, truth, chosen
    # What the index holds now (travellers, buckets, persons, cached name forms), not what reading took.
    memory = _rss_mib() - memory_before
    return {
        "indexed_persons": len(kept),
        "indexed_crossings": crossings,
        "indexed_generate_seconds": round(generate_seconds, 1),
        "indexed_read_seconds": round(read_seconds, 1),
        "index_build_seconds": round(build_seconds, 1),
        "index_memory_mib": round(memory),
    }
