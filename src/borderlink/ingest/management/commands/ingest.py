"""``borderlink ingest SOURCE FILE...``: take national files into the common model."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from borderlink.ingest.catalogue import get_mapping
from borderlink.ingest.mapping.spec import MappingError, MappingSpec, load_mapping
from borderlink.ingest.models import ImportRun
from borderlink.ingest.services import import_file


class Command(BaseCommand):
    help = (
        "Import national border-crossing files through a mapping. Prints one summary line per file "
        "(--json for JSON). Exit status: 0 all stored, 3 some rows quarantined, 2 nothing done."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", nargs="?", help="Installed mapping (khm-gdi, tha-ib, vnm-xnc, ...).")
        parser.add_argument("files", nargs="*", type=Path, help="Files to import.")
        parser.add_argument("--mapping", type=Path, help="Use this mapping file instead of an installed one.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object per file.")
        parser.add_argument("--no-progress", action="store_true", help="Never show a progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        spec, files = self._spec_and_files(options)
        worst = 0
        for path in files:
            run = self._one(spec, path, options)
            worst = max(worst, run.exit_status, key=lambda status: {0: 0, 3: 1, 2: 2}[status])
            self._report(run, options["json"])
        if worst:
            raise SystemExit(worst)

    def _spec_and_files(self, options: dict[str, Any]) -> tuple[MappingSpec, list[Path]]:
        source, files = options["source"], list(options["files"])
        try:
            if options["mapping"] is not None:
                # With --mapping the SOURCE argument may be omitted: every argument is a file.
                if source is not None:
                    files.insert(0, Path(source))
                spec = load_mapping(options["mapping"])
            else:
                if source is None:
                    self._usage("give a SOURCE (or --mapping FILE) and at least one FILE")
                spec = get_mapping(source)
        except (MappingError, LookupError) as exc:
            self._usage(str(exc))
        if not files:
            self._usage("give at least one FILE to import")
        return spec, files

    def _usage(self, message: str) -> Any:
        self.stderr.write(f"borderlink ingest: {message}")
        raise SystemExit(2)

    def _one(self, spec: MappingSpec, path: Path, options: dict[str, Any]) -> ImportRun:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.stderr.write(f"borderlink ingest: {path}: {exc.strerror}")
            raise SystemExit(2) from None
        show = not options["no_progress"] and not options["json"] and sys.stderr.isatty() and len(data) > 2_000_000
        if not show:
            return import_file(spec, data, str(path))
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task(f"{path.name}", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total or None)

            return import_file(spec, data, str(path), progress=progress)

    def _report(self, run: ImportRun, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(run.summary_dict(), ensure_ascii=False))
            return
        if run.status in (ImportRun.Status.REFUSED, ImportRun.Status.FAILED):
            self.stderr.write(f"{run.file_name}: {run.status}, nothing stored: {run.error}")
            return
        counts = run.counts()
        self.stdout.write(
            f"{run.file_name}: read {counts['read']}, stored {counts['stored']}, "
            f"updated {counts['updated']}, unchanged {counts['unchanged']}, "
            f"quarantined {counts['quarantined']} (import run {run.pk})"
        )
