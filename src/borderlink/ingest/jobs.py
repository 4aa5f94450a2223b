"""Background job handlers of the ingest app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from borderlink.ingest.mapping.spec import load_mapping
from borderlink.ingest.models import ImportRun
from borderlink.ingest.services import execute_run
from borderlink.jobs.queue import handler


@handler("ingest.import_file")
def run_queued_import(payload: dict[str, Any]) -> None:
    """Run an upload queued by the web page or the API, from the kept copy of the file."""
    run = ImportRun.objects.get(pk=payload["import_run"])
    # RUNNING here means a worker died during this run: its transaction was rolled back, so run again.
    if run.status not in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING):
        return
    spec = load_mapping(Path(payload["mapping_path"]))
    execute_run(run, spec, Path(run.stored_path).read_bytes())
