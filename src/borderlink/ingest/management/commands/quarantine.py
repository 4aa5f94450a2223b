"""``borderlink quarantine list|show|retry|discard``: look at and fix rejected rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from borderlink.accounts.models import AccessLogEntry
from borderlink.ingest.models import QuarantinedRecord
from borderlink.ingest.quarantine import discard, retry


class Command(BaseCommand):
    help = "List, show, retry or discard quarantined rows. Retry runs a row through the current mapping."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="List quarantined rows (open ones by default).")
        listing.add_argument("--source")
        listing.add_argument("--reason")
        listing.add_argument("--status", default="open", choices=["open", "resolved", "discarded", "all"])
        listing.add_argument("--json", action="store_true")
        show = sub.add_parser("show", help="Show one row with its raw text.")
        show.add_argument("id", type=int)
        again = sub.add_parser("retry", help="Retry rows (by id, or --all open rows of a source).")
        again.add_argument("ids", type=int, nargs="*")
        again.add_argument("--all", action="store_true", help="Retry every open row (of --source if given).")
        again.add_argument("--source")
        again.add_argument("--raw-file", type=Path, help="Retry one row with this corrected raw text.")
        drop = sub.add_parser("discard", help="Mark rows as not to be stored.")
        drop.add_argument("ids", type=int, nargs="+")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "do_" + options["action"])(options)

    def _entries(self, ids: list[int]) -> list[QuarantinedRecord]:
        entries = list(QuarantinedRecord.objects.filter(pk__in=ids).order_by("pk"))
        missing = sorted(set(ids) - {e.pk for e in entries})
        if missing:
            self.stderr.write(f"no quarantined row {', '.join(map(str, missing))}")
            raise SystemExit(2)
        return entries

    def do_list(self, options: dict[str, Any]) -> None:
        queryset = QuarantinedRecord.objects.order_by("source", "file_name", "position")
        if options["status"] != "all":
            queryset = queryset.filter(status=options["status"])
        if options["source"]:
            queryset = queryset.filter(source=options["source"])
        if options["reason"]:
            queryset = queryset.filter(reason=options["reason"])
        for entry in queryset:
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        {
                            "id": entry.pk, "source": entry.source, "file": entry.file_name,
                            "position": entry.position, "record_id": entry.record_id, "field": entry.field,
                            "reason": entry.reason, "detail": entry.detail, "status": entry.status,
                        },
                        ensure_ascii=False,
                    )
                )  # fmt: skip
            else:
                self.stdout.write(
                    f"{entry.pk:>6}  {entry.source:<10} {entry.file_name}:{entry.position:<6} "
                    f"{entry.reason:<20} {entry.record_id}"
                )

    def do_show(self, options: dict[str, Any]) -> None:
        (entry,) = self._entries([options["id"]])
        AccessLogEntry.record(None, "cli", "quarantine.view", "quarantine", [str(entry.pk)])
        self.stdout.write(f"quarantined row {entry.pk} ({entry.status})")
        self.stdout.write(f"file:     {entry.file_name}, position {entry.position} (import run {entry.import_run_id})")
        self.stdout.write(f"record:   {entry.record_id or '(unknown)'}")
        self.stdout.write(f"reason:   {entry.reason}" + (f" (field {entry.field})" if entry.field else ""))
        self.stdout.write(f"detail:   {entry.detail}")
        self.stdout.write("raw text" + (" (first 64 KiB)" if entry.raw_truncated else "") + ":")
        self.stdout.write(entry.raw)

    def do_retry(self, options: dict[str, Any]) -> None:
        if options["all"]:
            queryset = QuarantinedRecord.objects.filter(status=QuarantinedRecord.Status.OPEN)
            if options["source"]:
                queryset = queryset.filter(source=options["source"])
            entries = list(queryset.order_by("pk"))
        elif options["ids"]:
            entries = self._entries(options["ids"])
        else:
            self.stderr.write("give row ids or --all")
            raise SystemExit(2)
        raw = None
        if options["raw_file"]:
            if len(entries) != 1:
                self.stderr.write("--raw-file corrects one row: give exactly one id")
                raise SystemExit(2)
            raw = options["raw_file"].read_text(encoding="utf-8")
        still = 0
        for entry in entries:
            result = retry(entry, raw=raw)
            if result.stored:
                self.stdout.write(f"{entry.pk}: {result.detail}")
            else:
                still += 1
                self.stdout.write(f"{entry.pk}: still quarantined: {result.reason}: {result.detail}")
        if still:
            raise SystemExit(3)

    def do_discard(self, options: dict[str, Any]) -> None:
        for entry in self._entries(options["ids"]):
            discard(entry)
            self.stdout.write(f"{entry.pk}: discarded")
