"""``borderlink bench ingest``: end-to-end ingest rate per national format, beside DuckDB's raw load.

The measured path is the real one (``import_file``: read, validate, map, store, commit) on a
scratch database, so the node's own data is never touched. DuckDB loads the same file raw
(every column as text, no validation) as the reference for what the disk and parser allow.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

SOURCES = (
    ("khm-gdi", "khm-gdi.csv", "csv"),
    ("tha-ib", "tha-ib.jsonl", "jsonl"),
    ("vnm-xnc", "vnm-xnc.xml", "xml"),
)


def duckdb_raw_load(path: Path, kind: str) -> float | None:
    """Seconds DuckDB takes to load the file raw into a table (None where it has no reader)."""
    import duckdb

    if kind == "xml":
        return None  # DuckDB has no XML reader without a downloaded extension
    connection = duckdb.connect()
    started = time.perf_counter()
    if kind == "csv":
        connection.execute(
            "CREATE TABLE raw AS SELECT * FROM read_csv(?, all_varchar = true, header = true, ignore_errors = true)",
            [str(path)],
        )
    else:
        connection.execute(
            "CREATE TABLE raw AS SELECT * FROM read_json(?, format = 'newline_delimited', ignore_errors = true)",
            [str(path)],
        )
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def run(records: int, work_dir: Path, seed: int) -> list[dict[str, Any]]:
    """Generate and import ``records`` rows per format; return one result per format."""
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.services import import_file
    from borderlink.synth.generate import write_source

    results = []
    for source, name, kind in SOURCES:
        folder = work_dir / source
        path = write_source(source, records, folder, seed=seed, defects=True)
        data_size = path.stat().st_size
        spec = get_mapping(source)
        started = time.perf_counter()
        run = import_file(spec, path.read_bytes(), name, invoked_by="bench")
        elapsed = time.perf_counter() - started
        raw = duckdb_raw_load(path, kind)
        results.append(
            {
                "source": source,
                "format": kind,
                "records": run.read,
                "bytes": data_size,
                "stored": run.stored,
                "quarantined": run.quarantined,
                "seconds": round(elapsed, 3),
                "records_per_second": round(run.read / elapsed),
                "duckdb_seconds": None if raw is None else round(raw, 3),
                "duckdb_records_per_second": None if raw is None else round(run.read / raw),
                "times_duckdb": None if raw is None else round(elapsed / raw, 1),
                "status": run.status,
            }
        )
    return results
