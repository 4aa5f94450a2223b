"""``borderlink alerts import FILE``: read an alerts CSV (docs/alerts.md)."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from borderlink.screening.importer import AlertFileError, import_alerts
from borderlink.values.countries import is_state_code


class Command(BaseCommand):
    help = (
        "Import alerts from a CSV (docs/alerts.md). Exit status: 0 all stored, 3 some rows quarantined, "
        "2 the file was refused and nothing stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        read = sub.add_parser("import", help="Import an alerts CSV.")
        read.add_argument("file", type=Path)
        read.add_argument("--issuing-state", help="Alpha-3 code of the issuing state (default: this node's).")
        read.add_argument("--json", action="store_true", help="Print the counts as one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        state = (options["issuing_state"] or settings.NODE_STATE).strip().upper()
        if not is_state_code(state) or len(state) != 3:
            raise CommandError(f"--issuing-state {state!r}: expected an alpha-3 state code")
        path: Path = options["file"]
        if not path.is_file():
            self.stderr.write(f"{path}: no such file")
            raise SystemExit(2)
        try:
            run = import_alerts(path, issuing_state=state, invoked_by=f"cli:{getpass.getuser()}")
        except AlertFileError as error:
            self.stderr.write(f"refused: {error}")
            raise SystemExit(2) from None
        counts = run.counts()
        if options["json"]:
            self.stdout.write(json.dumps({"file": path.name, "issuing_state": state, "run": run.pk, **counts}))
        else:
            self.stdout.write(f"{path.name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
            for entry in run.quarantine.order_by("position"):
                self.stdout.write(f"  line {entry.position}: {entry.field or '-'}: {entry.detail}")
        if run.quarantined:
            raise SystemExit(3)
