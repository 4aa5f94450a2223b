"""``borderlink export crossings|hits``: stored crossings (common-model JSON) or hits, one object a line."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser, OutputWrapper

from borderlink.accounts.models import AccessLogEntry
from borderlink.crossings.models import Crossing
from borderlink.crossings.serialize import crossing_to_dict
from borderlink.identity.models import LinkDecision


class Command(BaseCommand):
    help = "Write stored crossings (DESIGN.md section 3) or hits as JSON Lines to standard output or --out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["crossings", "hits"], help="What to export.")
        parser.add_argument("--source", help="Only crossings of this source (e.g. khm-gdi).")
        parser.add_argument("--out", type=Path, help="Write to this file instead of standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "hits":
            self._export_hits(options["out"])
            return
        queryset = Crossing.objects.select_related("checkpoint").order_by("id")
        if options["source"]:
            queryset = queryset.filter(source=options["source"])
        handle: TextIO | OutputWrapper = options["out"].open("w", encoding="utf-8") if options["out"] else self.stdout
        exported: list[str] = []
        links = {
            crossing_id: (person_id, probability)
            for crossing_id, person_id, probability in LinkDecision.objects.filter(current=True).values_list(
                "crossing_id", "person_id", "probability"
            )
        }
        try:
            for crossing in queryset.iterator(chunk_size=2000):
                record = crossing_to_dict(crossing)
                person_id, probability = links.get(crossing.pk, (None, None))
                # The identity of the traveller: the person the crossing is linked to and how sure the link is
                # (1 for the first crossing of a person, null while not linked yet).
                record["person_id"] = person_id
                record["person_score"] = None if person_id is None else (1.0 if probability is None else probability)
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")  # ends with a newline: no extra one
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

    def _export_hits(self, out: Path | None) -> None:
        """Every hit: ``crossing_id`` (or ``expected_arrival_id``), ``alert_ref``, ``score``, ``status``."""
        from borderlink.screening.export import hit_records

        handle: TextIO | OutputWrapper = out.open("w", encoding="utf-8") if out else self.stdout
        exported: list[str] = []
        try:
            for record in hit_records():
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                exported.append(f"hit:{record['hit_id']}")
        finally:
            if out:
                handle.close()
        AccessLogEntry.record(
            None, AccessLogEntry.Channel.CLI, "hit.view", "hit", exported, {"os_user": getpass.getuser()}
        )
