"""``borderlink worker``: run background jobs from the job table."""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from borderlink.jobs.queue import drain, run_periodic, worker_name


class Command(BaseCommand):
    help = "Run queued background jobs (imports, later linking and screening). --once drains and exits."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run what is queued, then exit.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")

    def handle(self, *args: Any, **options: Any) -> None:
        import borderlink.jobs.handlers  # noqa: F401  (registers the handlers)

        name = worker_name()
        if options["once"]:
            ran = drain(name)
            run_periodic(force=True)
            ran += drain(name)
            self.stdout.write(f"worker: ran {ran} job(s)")
            return
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # Imports are screened here: build the index while other jobs already run.
        from borderlink.screening.runtime import warm_in_background

        warm_in_background()
        self.stdout.write(f"worker {name}: waiting for jobs")
        while not stopping:
            close_old_connections()
            run_periodic()
            if drain(name, limit=50) == 0:
                time.sleep(options["interval"])
