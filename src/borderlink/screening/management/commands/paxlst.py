"""``borderlink paxlst import FILE...``: receive airline passenger lists (UN/EDIFACT PAXLST)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from borderlink.screening.arrivals import PaxlstError, receive_passenger_lists


class Command(BaseCommand):
    help = (
        "Receive PAXLST passenger lists: keep each traveller as an expected arrival and screen them before "
        "landing (docs/paxlst.md). Exit status: 0 all kept, 3 some travellers quarantined, 2 a file refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        receive = sub.add_parser("import", help="Receive PAXLST files.")
        receive.add_argument("files", type=Path, nargs="+")
        receive.add_argument("--json", action="store_true", help="Print one JSON object per file.")

    def handle(self, *args: Any, **options: Any) -> None:
        worst = 0
        for path in options["files"]:
            try:
                text = path.read_bytes().decode("utf-8")
                result = receive_passenger_lists(text, file_name=path.name, receiving_state=settings.NODE_STATE)
            except (OSError, UnicodeDecodeError, PaxlstError) as error:
                self.stderr.write(f"{path.name}: refused: {error}")
                worst = 2
                continue
            summary = {
                "file": path.name,
                "lists": len(result.lists),
                "expected_arrivals": result.arrivals,
                "quarantined": result.quarantined,
                "hits": len(result.hits),
            }
            if options["json"]:
                self.stdout.write(json.dumps(summary))
            else:
                self.stdout.write(", ".join(f"{k} {v}" for k, v in summary.items()))
            if result.quarantined and worst == 0:
                worst = 3
        if worst:
            raise SystemExit(worst)
