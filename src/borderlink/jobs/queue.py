"""Enqueue, claim and run background jobs; handlers register by job kind."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from borderlink.jobs.models import Job

logger = logging.getLogger("borderlink.jobs")

Handler = Callable[[dict[str, Any]], None]
_HANDLERS: dict[str, Handler] = {}
Periodic = Callable[[], object]
#: Periodic tasks: name -> (every how many seconds, function, when it last ran by ``time.monotonic``).
_PERIODIC: dict[str, tuple[float, Periodic]] = {}
_LAST_RUN: dict[str, float] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of ``kind``."""

    def register(function: Handler) -> Handler:
        _HANDLERS[kind] = function
        return function

    return register


def periodic(name: str, every_seconds: float) -> Callable[[Periodic], Periodic]:
    """Register a function the worker runs every ``every_seconds`` (and at each ``worker --once``)."""

    def register(function: Periodic) -> Periodic:
        _PERIODIC[name] = (every_seconds, function)
        return function

    return register


def run_periodic(force: bool = False) -> int:
    """Run the periodic tasks that are due (all with ``force``); a failure is logged, never fatal."""
    import time

    ran = 0
    for name, (every, function) in _PERIODIC.items():
        now = time.monotonic()
        if not force and now - _LAST_RUN.get(name, float("-inf")) < every:
            continue
        _LAST_RUN[name] = now
        try:
            function()
        except Exception:
            logger.exception("periodic task %s failed", name)
        ran += 1
    return ran


def enqueue(kind: str, payload: dict[str, Any]) -> Job:
    """Queue a job; it runs when a worker claims it (after the current transaction commits)."""
    return Job.objects.create(kind=kind, payload=payload)


def worker_name() -> str:
    """Identify this worker process in claimed rows."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


#: A job claimed longer ago than this by a worker that never finished it (killed, machine
#: restarted) is taken again; its work ran in a transaction that was rolled back.
STALE_AFTER = timedelta(minutes=30)


def claim_next(name: str) -> Job | None:
    """Claim the oldest ready job; a conditional UPDATE makes the claim safe between workers."""
    now = timezone.now()
    ready = Q(status=Job.Status.QUEUED, run_after__lte=now) | Q(
        status=Job.Status.RUNNING, claimed_at__lt=now - STALE_AFTER
    )
    while True:
        candidate = Job.objects.filter(ready).order_by("id").values("id", "status", "claimed_at").first()
        if candidate is None:
            return None
        won = Job.objects.filter(
            id=candidate["id"], status=candidate["status"], claimed_at=candidate["claimed_at"]
        ).update(status=Job.Status.RUNNING, claimed_by=name, claimed_at=now, attempts=F("attempts") + 1)
        if won:
            return Job.objects.get(id=candidate["id"])


def run_job(job: Job) -> None:
    """Run one claimed job and record its outcome; a failure is retried with back-off."""
    function = _HANDLERS.get(job.kind)
    try:
        if function is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        function(job.payload)
    except Exception as exc:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        retry = job.attempts < job.max_attempts and function is not None
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.QUEUED if retry else Job.Status.FAILED,
            run_after=timezone.now() + timedelta(seconds=30 * job.attempts),
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=None if retry else timezone.now(),
        )
        return
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, finished_at=timezone.now(), error="")


def drain(name: str | None = None, limit: int | None = None) -> int:
    """Run ready jobs until none is left (or ``limit`` ran); return how many ran."""
    name = name or worker_name()
    ran = 0
    while limit is None or ran < limit:
        with transaction.atomic():
            job = claim_next(name)
        if job is None:
            break
        run_job(job)
        ran += 1
    return ran
