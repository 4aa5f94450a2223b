"""``borderlink synth``: write a synthetic population's crossings in the three national formats."""

from __future__ import annotations

import time
from argparse import ArgumentParser, ArgumentTypeError
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from borderlink.synth.generate import DEFAULT_START, generate


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise ArgumentTypeError(f"{value} is less than 1")
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    """Writes khm-gdi.csv, tha-ib.jsonl, vnm-xnc.xml and the ground truth (truth, defects, variations)."""

    help = (
        "Write one synthetic population's border crossings as the three national exports "
        "(khm-gdi.csv, tha-ib.jsonl, vnm-xnc.xml) with truth.csv, defects.csv and variations.csv."
    )
    requires_system_checks: list[str] = []  # writes files only: no database, no checks needed

    def add_arguments(self, parser: ArgumentParser) -> None:
        """--persons, --days, --seed, --out, --start, --no-defects."""
        parser.add_argument("--persons", type=_positive, default=2000, help="people, minors included (2000)")
        parser.add_argument("--days", type=_positive, default=30, help="length of the period in days (30)")
        parser.add_argument("--seed", type=int, default=1, help="random seed: same seed, same files (1)")
        parser.add_argument("--out", type=Path, default=Path("synth"), help="directory to write to (./synth)")
        parser.add_argument(
            "--start",
            type=_date,
            default=DEFAULT_START,
            help=f"first day of the period, local time ({DEFAULT_START.isoformat()})",
        )
        parser.add_argument("--no-defects", action="store_true", help="write no defective row")

    def handle(self, *args: Any, **options: Any) -> None:
        """Generate and print a short summary."""
        began = time.perf_counter()
        try:
            summary = generate(
                options["persons"],
                options["days"],
                options["seed"],
                options["out"],
                options["start"],
                defects=not options["no_defects"],
            )
        except OSError as exc:
            raise CommandError(f"cannot write to {options['out']}: {exc}", returncode=2) from exc
        seconds = time.perf_counter() - began
        write = self.stdout.write
        write(
            f"synth: {summary.total_rows:,} rows for {summary.persons:,} persons over {summary.days} days "
            f"from {summary.start.isoformat()} (seed {summary.seed}) in {seconds:.1f} s -> {summary.out_dir}"
        )
        for source, path in summary.files.items():
            write(
                f"  {path.name:<14} {summary.rows[source]:>10,} rows {summary.defects[source]:>8,} defective "
                f"{summary.variations[source]:>8,} variations"
            )
        write(
            f"  {summary.truth.name}, {summary.defects_file.name} ({summary.total_defects:,} rows), "
            f"{summary.variations_file.name}"
        )
