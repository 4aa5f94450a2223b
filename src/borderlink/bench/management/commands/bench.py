"""``borderlink bench ingest --records N``: measured figures for the node's hot paths.

Runs on a scratch database in a temporary data directory (SQLite unless ``--database-url``),
in a child process so that the node's own settings and data are left alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from borderlink.bench.machine import describe


class Command(BaseCommand):
    help = "Benchmark a hot path and print figures with the machine they ran on. Targets: ingest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", choices=["ingest", "identity"])
        parser.add_argument("--records", type=int, default=200_000, help="Records per national format.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--database-url", default="", help="Scratch database (default: a new SQLite file).")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument("--inside", help="(internal) run the measurement in this data directory.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["records"] < 1:
            self.stderr.write("--records must be at least 1")
            raise SystemExit(2)
        if options["inside"]:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            if options["target"] == "identity":
                from borderlink.bench import identity_bench

                self.stdout.write(
                    json.dumps(identity_bench.run(options["records"], Path(options["inside"]), options["seed"]))
                )
                return
            from borderlink.bench.ingest_bench import run

            results = run(options["records"], Path(options["inside"]), options["seed"])
            self.stdout.write(json.dumps(results))
            return
        with tempfile.TemporaryDirectory(prefix="borderlink-bench-") as folder:
            env = {**os.environ, "BORDERLINK_DATA_DIR": folder}
            env.pop("BORDERLINK_DATABASE_URL", None)
            if options["database_url"]:
                env["BORDERLINK_DATABASE_URL"] = options["database_url"]
            child = subprocess.run(
                [sys.executable, "-m", "borderlink", "bench", options["target"], "--records", str(options["records"]),
                 "--seed", str(options["seed"]), "--inside", folder],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
        if child.returncode != 0:
            self.stderr.write(child.stderr[-4000:])
            raise SystemExit(child.returncode or 1)
        results = json.loads(child.stdout.strip().splitlines()[-1])
        machine = describe()
        if options["target"] == "identity":
            self._identity(results, machine, options)
            return
        database = "PostgreSQL" if options["database_url"].startswith("postgres") else "SQLite"
        if options["json"]:
            self.stdout.write(json.dumps({"machine": machine, "database": database, "results": results}))
            return
        self.stdout.write(f"borderlink bench ingest --records {options['records']} ({database})")
        self.stdout.write("machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()))
        self.stdout.write(
            f"{'source':<9} {'format':<6} {'records':>8} {'seconds':>8} {'rec/s':>8} "
            f"{'duckdb s':>9} {'duckdb rec/s':>13} {'x duckdb':>9}"
        )
        for r in results:
            duck_s = "-" if r["duckdb_seconds"] is None else f"{r['duckdb_seconds']:.3f}"
            duck_rate = "-" if r["duckdb_records_per_second"] is None else f"{r['duckdb_records_per_second']:,}"
            times = "-" if r["times_duckdb"] is None else f"{r['times_duckdb']}"
            self.stdout.write(
                f"{r['source']:<9} {r['format']:<6} {r['records']:>8} {r['seconds']:>8.2f} "
                f"{r['records_per_second']:>8,} {duck_s:>9} {duck_rate:>13} {times:>9}"
            )

    def _identity(self, results: dict[str, Any], machine: dict[str, str], options: dict[str, Any]) -> None:
        if options["json"]:
            self.stdout.write(json.dumps({"machine": machine, "results": results}))
            return
        self.stdout.write(f"borderlink bench identity --records {options['records']}")
        self.stdout.write("machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()))
        r = results
        self.stdout.write(f"crossings {r['crossings']}, persons {r['persons']}")
        self.stdout.write(f"name forms (first sight of every name): {r['romanise_seconds']} s")
        self.stdout.write(
            f"batch linking: {r['batch_seconds']} s, {r['batch_records_per_second']} crossings/s, "
            f"{r['candidate_pairs']} candidate pairs, pairwise P={r['pairwise']['precision']} "
            f"R={r['pairwise']['recall']} F1={r['pairwise']['f1']}"
        )
        self.stdout.write(
            f"real-time link against {r['realtime_indexed']} indexed crossings: "
            f"p50 {r['realtime_p50_ms']} ms, p99 {r['realtime_p99_ms']} ms"
        )
        self.stdout.write(f"peak memory: {r['peak_memory_mib']} MiB")
