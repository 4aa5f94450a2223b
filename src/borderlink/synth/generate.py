"""Generate the three national files for one synthetic population, with ground truth; or one file fast.

:func:`generate` is what ``borderlink synth`` runs; :func:`write_source` writes one format of a given
size for benchmarks. Both are deterministic: the same arguments give byte-identical files.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from borderlink.synth.geography import SOURCES, STATE_OF_SOURCE
from borderlink.synth.population import PopulationBuilder
from borderlink.synth.travel import Travel
from borderlink.synth.writers import (
    DEFECTS_FILE,
    FILE_NAMES,
    TRUTH_FILE,
    VARIATIONS_FILE,
    WRITERS,
    write_defects,
    write_truth,
    write_variations,
)
from borderlink.synth.writing import Written

DEFAULT_START = date(2026, 11, 1)
# write_source covers 30 days, or one day per BENCH_ROWS_PER_DAY rows when that is longer (at most a
# year): a bigger export spans a longer period, and a smaller population makes it faster to write.
BENCH_MIN_DAYS = 30
BENCH_ROWS_PER_DAY = 2000
# Rows of each source per person over ``days`` days is about a + b * days (measured), to size the population.
ROWS_PER_PERSON = {"khm-gdi": (1.1, 0.046), "tha-ib": (1.4, 0.042), "vnm-xnc": (1.2, 0.029)}


@dataclass(frozen=True)
class SynthSummary:
    """What :func:`generate` wrote: per-file paths, row and defect counts, and the ground-truth files."""

    persons: int
    days: int
    seed: int
    start: date
    out_dir: Path
    files: dict[str, Path]
    rows: dict[str, int]
    defects: dict[str, int]
    variations: dict[str, int]
    truth: Path
    defects_file: Path
    variations_file: Path
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        """Rows in the three national files together."""
        return sum(self.rows.values())

    @property
    def total_defects(self) -> int:
        """Defective rows in the three national files together."""
        return sum(self.defects.values())


@contextmanager
def _no_gc() -> Iterator[None]:
    # Generation allocates hundreds of thousands of small objects and no reference cycles: the cyclic
    # collector would only walk the growing heap again and again (about a fifth of the time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _source_rng(seed: int, source: str) -> random.Random:
    # A separate, stable stream per file: one file's draws never shift another's.
    return random.Random(f"{seed}:{source}")


def generate(
    persons: int,
    days: int,
    seed: int,
    out_dir: Path,
    start: date = DEFAULT_START,
    *,
    defects: bool = True,
) -> SynthSummary:
    """Write khm-gdi.csv, tha-ib.jsonl, vnm-xnc.xml, truth.csv, defects.csv and variations.csv to ``out_dir``.

    ``persons`` people (minors included) travel for ``days`` days from ``start`` (local midnight);
    ``defects=False`` writes no defective row (variations still happen).
    """
    if persons < 1 or days < 1:
        raise ValueError("persons and days must be at least 1")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _no_gc():
        return _generate(persons, days, seed, out_dir, start, defects)


def _generate(persons: int, days: int, seed: int, out_dir: Path, start: date, defects: bool) -> SynthSummary:
    rng = random.Random(seed)
    people = PopulationBuilder(rng, start, days).build(persons)
    travel = Travel(rng, days)
    for person in people:
        if not person.minor:
            travel.run(person)
    records = travel.sorted_records()
    written: list[Written] = []
    for state, source in SOURCES.items():
        writer = WRITERS[source](_source_rng(seed, source), start, days)
        written.append(writer.write(records[state], out_dir / FILE_NAMES[source], defects))
    truth = write_truth(written, out_dir / TRUTH_FILE)
    defects_path = write_defects(written, out_dir / DEFECTS_FILE)
    variations_path = write_variations(written, out_dir / VARIATIONS_FILE)
    return SynthSummary(
        persons=len(people),
        days=days,
        seed=seed,
        start=start,
        out_dir=out_dir,
        files={w.source: w.path for w in written},
        rows={w.source: len(w.rows) for w in written},
        defects={w.source: w.defect_count for w in written},
        variations={w.source: sum(len(row.variations) for row in w.rows) for w in written},
        truth=truth,
        defects_file=defects_path,
        variations_file=variations_path,
        extra={
            "travellers": sum(1 for p in people if not p.minor),
            "minors": sum(1 for p in people if p.minor),
        },
    )


def write_source(
    source: str,
    records: int,
    out_dir: Path,
    seed: int = 1,
    defects: bool = True,
    *,
    truth: bool = False,
) -> Path:
    """Write exactly ``records`` rows of one national format (``khm-gdi``, ``tha-ib`` or ``vnm-xnc``).

    The population is sized for the rows wanted and only that state's records are made, so this is
    the fast path for benchmarks. Returns the file's path; ``truth=True`` also writes truth.csv,
    defects.csv and variations.csv for it.
    """
    if source not in STATE_OF_SOURCE:
        raise ValueError(f"unknown source {source!r}: expected one of {', '.join(STATE_OF_SOURCE)}")
    if records < 1:
        raise ValueError("records must be at least 1")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _no_gc():
        written = _write_one(source, records, out_dir, seed, defects)
        if truth:
            write_truth([written], out_dir / TRUTH_FILE)
            write_defects([written], out_dir / DEFECTS_FILE)
            write_variations([written], out_dir / VARIATIONS_FILE)
    return written.path


def _write_one(source: str, records: int, out_dir: Path, seed: int, defects: bool) -> Written:
    state = STATE_OF_SOURCE[source]
    days = min(365, max(BENCH_MIN_DAYS, -(-records // BENCH_ROWS_PER_DAY)))
    a, b = ROWS_PER_PERSON[source]
    per_person = 0.95 * (a + b * days)
    rng = random.Random(seed)
    builder = PopulationBuilder(rng, DEFAULT_START, days)
    travel = Travel(rng, days, (state,))
    # Rows come out slightly above ``records`` (duplicate rows add some); the writer cuts the rest.
    wanted = int(records * 1.03) + 10
    while len(travel.records[state]) < wanted:
        missing = wanted - len(travel.records[state])
        for person in builder.build(int(missing / per_person) + 5):
            if not person.minor:
                travel.run(person)
    writer = WRITERS[source](_source_rng(seed, source), DEFAULT_START, days)
    rows = travel.sorted_records()[state]
    return writer.write(rows, out_dir / FILE_NAMES[source], defects, limit=records)
