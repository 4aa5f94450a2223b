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
    help = "Benchmark a hot path and print figures with the machine they ran on. Targets: ingest, identity, screen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", choices=["ingest", "identity", "screen"])
        parser.add_argument("--person-alerts", type=int, default=100_000, help="screen: person alerts indexed.")
        parser.add_argument("--document-alerts", type=int, default=1_000_000, help="screen: document alerts indexed.")
        parser.add_argument("--crossings", type=int, default=100_000, help="screen: crossings screened.")
        parser.add_argument("--sample", type=int, default=200, help="screen: crossings scanned by brute force.")
        parser.add_argument("--records", type=int, default=200_000, help="Records per national format.")
        parser.add_argument(
            "--indexed", type=int, default=0,
            help="identity: also index the crossings of this many more persons before measuring real-time links.",
        )  # fmt: skip
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--database-url", default="", help="Scratch database (default: a new SQLite file).")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument("--inside", help="(internal) run the measurement in this data directory.")
        parser.add_argument(
            "--rebuild", action="store_true", help="(internal) screen: time building the index again, in this process."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["records"] < 1:
            self.stderr.write("--records must be at least 1")
            raise SystemExit(2)
        if options["indexed"] < 0:
            self.stderr.write("--indexed must be at least 0")
            raise SystemExit(2)
        if options["inside"]:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            if options["target"] == "screen" and options["rebuild"]:
                from borderlink.bench import screening_bench

                self.stdout.write(json.dumps(screening_bench.rebuild()))
                return
            if options["target"] == "screen":
                from borderlink.bench import screening_bench

                figures = screening_bench.run(
                    options["person_alerts"], options["document_alerts"], options["crossings"], options["seed"],
                    options["sample"], Path(options["inside"]),
                )  # fmt: skip
                self.stdout.write(json.dumps(figures))
                return
            if options["target"] == "identity":
                from borderlink.bench import identity_bench

                figures = identity_bench.run(
                    options["records"], Path(options["inside"]), options["seed"], indexed=options["indexed"]
                )
                self.stdout.write(json.dumps(figures))
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
                 "--seed", str(options["seed"]), "--inside", folder,
                 "--person-alerts", str(options["person_alerts"]), "--document-alerts", str(options["document_alerts"]),
                 "--crossings", str(options["crossings"]), "--sample", str(options["sample"]),
                 "--indexed", str(options["indexed"])],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            rebuilt = None
            if child.returncode == 0 and options["target"] == "screen":
                # A restarted process builds the index again: only the words' romanisations are kept (on disk).
                rebuilt = subprocess.run(
                    [sys.executable, "-m", "borderlink", "bench", "screen", "--inside", folder, "--rebuild"],
                    env=env, capture_output=True, text=True, check=False,
                )  # fmt: skip
        if child.returncode != 0:
            self.stderr.write(child.stderr[-4000:])
            raise SystemExit(child.returncode or 1)
        results = json.loads(child.stdout.strip().splitlines()[-1])
        if rebuilt is not None:
            if rebuilt.returncode != 0:
                self.stderr.write(rebuilt.stderr[-4000:])
                raise SystemExit(rebuilt.returncode or 1)
            results.update(json.loads(rebuilt.stdout.strip().splitlines()[-1]))
        machine = describe()
        if options["target"] == "identity":
            self._identity(results, machine, options)
            return
        if options["target"] == "screen":
            self._screen(results, machine, options)
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
        indexed = f" --indexed {options['indexed']}" if options["indexed"] else ""
        self.stdout.write(f"borderlink bench identity --records {options['records']}{indexed}")
        self.stdout.write("machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()))
        r = results
        self.stdout.write(f"crossings {r['crossings']}, persons {r['persons']}")
        self.stdout.write(f"name forms (first sight of every name): {r['romanise_seconds']} s")
        self.stdout.write(
            f"batch linking: {r['batch_seconds']} s, {r['batch_records_per_second']} crossings/s, "
            f"{r['candidate_pairs']} candidate pairs, pairwise P={r['pairwise']['precision']} "
            f"R={r['pairwise']['recall']} F1={r['pairwise']['f1']}"
        )
        if "indexed_persons" in r:
            self.stdout.write(
                f"real-time index: {r['indexed_persons']} more persons ({r['indexed_crossings']} crossings, generated "
                f"in {r['indexed_generate_seconds']} s, read in {r['indexed_read_seconds']} s) indexed in "
                f"{r['index_build_seconds']} s (first sight of their names included); the index's resident "
                f"memory +{r['index_memory_mib']} MiB"
            )
        self.stdout.write(
            f"real-time link against {r['realtime_indexed']} indexed crossings: "
            f"p50 {r['realtime_p50_ms']} ms, p99 {r['realtime_p99_ms']} ms"
        )
        self.stdout.write(
            f"  {r['realtime_indexed_persons']} persons indexed; {r['realtime_sample']} crossings linked, max "
            f"{r['realtime_max_ms']} ms, candidates mean {r['realtime_candidates_mean']} max "
            f"{r['realtime_candidates_max']}; decisions agreeing with the truth {r['realtime_agreeing']}"
        )
        self.stdout.write(f"peak memory: {r['peak_memory_mib']} MiB")

    def _screen(self, results: dict[str, Any], machine: dict[str, str], options: dict[str, Any]) -> None:
        if options["json"]:
            self.stdout.write(json.dumps({"machine": machine, "results": results}))
            return
        r = results
        self.stdout.write(
            f"borderlink bench screen --person-alerts {options['person_alerts']} "
            f"--document-alerts {options['document_alerts']} --crossings {options['crossings']}"
        )
        self.stdout.write("machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()))
        self.stdout.write(
            f"alerts: {r['person_alerts']:,} person ({r['planted_person_alerts']:,} planted), "
            f"{r['document_alerts']:,} document; stored in {r['insert_seconds']} s"
        )
        self.stdout.write(
            f"index: built in {r['index_build_seconds']} s, resident memory +{r['index_memory_mib']} MiB "
            f"(key arrays {r['index_arrays_mib']} MiB); built again in a new process, as after a restart, in "
            f"{r['index_rebuild_seconds']} s (words' romanisations kept on disk)"
        )
        self.stdout.write(
            f"screening {r['crossings']:,} crossings in one process: {r['crossings_per_second']:,} crossings/s, "
            f"p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms (names first seen: {r['crossing_names_seconds']} s before)"
        )
        self.stdout.write(
            f"recall on planted alerts: {r['recall']} of {r['planted_pairs']:,} planted pairs; "
            f"false hits {r['false_hits']} ({r['false_hits_per_1000']} per 1,000 crossings), of which "
            f"{r['false_hits_indistinguishable']} on alerts that give the traveller's very name, sex and birth date "
            f"or year (leaving {r['false_hits_distinguishable_per_1000']} per 1,000)"
        )
        self.stdout.write(
            "recall by variation: " + ", ".join(f"{k} {v}" for k, v in sorted(r["recall_by_variant"].items()))
        )
        b = r["brute_force"]
        self.stdout.write(
            f"brute-force rapidfuzz scan of {b['alerts_scanned']:,} Latin names on {b['sampled_crossings']} "
            f"crossings: recall {b['recall_latin']} (index on the same pairs {b['index_recall_same_pairs']}), "
            f"{b['ms_per_crossing']} ms per crossing ({b['crossings_per_second']} crossings/s)"
        )
        self.stdout.write(f"ingest to hit visible: {r['ingest_to_hit_seconds']} s (import, then the worker's job)")
