"""``borderlink mrz``: read a machine-readable zone and show its fields and check digits as JSON."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from borderlink.values.mrz import MrzFormatError, mrz_to_dict, parse_mrz

EXIT_VALID = 0
EXIT_CHECK_FAILED = 1
EXIT_UNREADABLE = 2


class Command(BaseCommand):
    """Parse an ICAO 9303 MRZ given on the command line and print what it says (docs/mrz.md)."""

    help = (
        "Read an ICAO 9303 machine-readable zone (TD1, TD2, TD3, MRV-A or MRV-B) and print its fields and "
        "every check digit as JSON. Give the lines as separate arguments or as one argument joined with '|' "
        "(quote them: '<' is special to the shell). Exit status: 0 all check digits pass, 1 a check digit "
        "fails, 2 the input is not a readable MRZ."
    )
    # Reading an MRZ needs neither the database nor the other apps: no system checks to run first.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Take the MRZ lines as positional arguments."""
        parser.add_argument(
            "lines",
            nargs="+",
            metavar="LINE",
            help="an MRZ line; or the whole MRZ with lines joined by '|', or as one string of 90, 72 or 88 characters",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Print the parsed MRZ; exit 1 when a check digit fails, 2 when the MRZ cannot be read."""
        lines: list[str] = options["lines"]
        try:
            mrz = parse_mrz("|".join(lines))
        except MrzFormatError as exc:
            self.stderr.write(f"borderlink mrz: not a readable MRZ: {exc}")
            raise SystemExit(EXIT_UNREADABLE) from None
        self.stdout.write(json.dumps(mrz_to_dict(mrz), indent=2, ensure_ascii=False))
        if not mrz.valid:
            raise SystemExit(EXIT_CHECK_FAILED)
