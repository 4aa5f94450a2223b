"""``borderlink check-mapping FILE [--install]``: check a mapping file before using it (docs/mapping.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from borderlink.ingest.catalogue import install_mapping
from borderlink.ingest.mapping.spec import MappingError, MappingSpec, load_mapping

EXIT_OK = 0
EXIT_PROBLEMS = 2


class Command(BaseCommand):
    """Check a mapping file, print every problem with its line number, and optionally install it."""

    help = (
        "Check a mapping file (docs/mapping.md): print every problem as FILE:LINE: message on stderr "
        "and exit 2, or print a short summary and exit 0. With --install, also copy the file into "
        "the node's mapping folder (<DATA_DIR>/mappings), where `borderlink ingest SOURCE` finds it."
    )
    # Checking a file needs neither the database nor the other apps.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        """Take the mapping file and the --install flag."""
        parser.add_argument("file", type=Path, metavar="FILE", help="The mapping file (YAML) to check.")
        parser.add_argument(
            "--install",
            action="store_true",
            help="When the file has no problems, copy it into the node's mapping folder under its source name.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Print the problems (exit 2) or the summary (exit 0), installing the file on request."""
        path: Path = options["file"]
        try:
            spec = load_mapping(path)
        except MappingError as error:
            for number, message in error.problems:
                self.stderr.write(f"{path}:{number}: {message}")
            count = len(error.problems)
            ending = "; nothing installed" if options["install"] else ""
            self.stderr.write(f"{path}: {count} problem{'' if count == 1 else 's'}{ending}")
            raise SystemExit(EXIT_PROBLEMS) from None
        self.stdout.write(f"{path}: ok")
        for text in summary(spec):
            self.stdout.write(f"  {text}")
        if options["install"]:
            try:
                _spec, target = install_mapping(path)
            except OSError as exc:
                self.stderr.write(f"{path}: cannot install into the node's mapping folder: {exc}")
                raise SystemExit(EXIT_PROBLEMS) from None
            self.stdout.write(f"installed as {target}")
            self.stdout.write(f"import with: borderlink ingest {spec.source} FILE...")


def summary(spec: MappingSpec) -> list[str]:
    """The lines of the short summary of a checked mapping."""
    fmt = spec.format
    layout = fmt.type
    if fmt.type == "csv":
        delimiter = "\\t" if fmt.delimiter == "\t" else fmt.delimiter
        layout += f", {fmt.encoding}, delimiter {delimiter!r}, {len(fmt.columns)} columns"
        if fmt.extra_columns:
            layout += " (extra columns allowed)"
    elif fmt.type == "xml":
        layout += f", {fmt.encoding}, root <{fmt.root or 'any'}>, record <{fmt.record}>"
    else:
        layout += f", {fmt.encoding}"
    zone = "the checkpoint's local time" if spec.timezone == "checkpoint" else spec.timezone
    checkpoints = ", ".join(
        f"{spec.reporting_state}-{cp.national_code} ({cp.name}, {cp.kind}, {cp.time_zone})" for cp in spec.checkpoints
    )
    return [
        f"source: {spec.source} ({spec.name})",
        f"reporting state: {spec.reporting_state}",
        f"format: {layout}",
        f"times without an offset: {zone}",
        f"fields: {len(spec.fields)} ({', '.join(spec.fields)})",
        f"checkpoints declared: {len(spec.checkpoints)}" + (f": {checkpoints}" if checkpoints else ""),
    ]
