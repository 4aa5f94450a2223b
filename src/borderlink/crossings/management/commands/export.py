"""``borderlink export crossings``: the common-model JSON of stored crossings, one object a line."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser

from borderlink.accounts.models import AccessLogEntry
from borderlink.crossings.models import Crossing
from borderlink.crossings.serialize import crossing_to_dict


class Command(BaseCommand):
    help = "Write stored crossings as JSON Lines (DESIGN.md section 3) to standard output or --out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["crossings"], help="What to export.")
        parser.add_argument("--source", help="Only crossings of this source (e.g. khm-gdi).")
        parser.add_argument("--out", type=Path, help="Write to this file instead of standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        queryset = Crossing.objects.select_related("checkpoint").order_by("id")
        if options["source"]:
            queryset = queryset.filter(source=options["source"])
        handle: TextIO = options["out"].open("w", encoding="utf-8") if options["out"] else sys.stdout
        exported: list[str] = []
        try:
            for crossing in queryset.iterator(chunk_size=2000):
                handle.write(json.dumps(crossing_to_dict(crossing), ensure_ascii=False) + "\n")
                exported.append(crossing.uid)
        finally:
            if options["out"]:
                handle.close()
        AccessLogEntry.record(
            None,
            AccessLogEntry.Channel.CLI,
            "crossing.export",
            "crossing",
            exported,
            {"source": options["source"], "os_user": getpass.getuser()},
        )
