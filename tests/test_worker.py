"""The database is the job queue: claim once, run, retry with back-off, give up."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from borderlink.jobs.models import Job
from borderlink.jobs.queue import claim_next, drain, enqueue, handler

pytestmark = pytest.mark.django_db
calls: list[dict[str, Any]] = []


@handler("test.record")
def _record(payload: dict[str, Any]) -> None:
    calls.append(payload)


@handler("test.fail")
def _fail(payload: dict[str, Any]) -> None:
    raise RuntimeError("boom")


def test_it_runs_queued_jobs_once() -> None:
    calls.clear()
    enqueue("test.record", {"n": 1})
    enqueue("test.record", {"n": 2})
    assert drain() == 2
    assert calls == [{"n": 1}, {"n": 2}]
    assert drain() == 0
    assert set(Job.objects.values_list("status", flat=True)) == {"done"}


def test_it_never_hands_one_job_to_two_workers() -> None:
    enqueue("test.record", {})
    first = claim_next("worker-a")
    assert first is not None
    assert claim_next("worker-b") is None


def test_it_retries_a_failing_job_then_gives_up() -> None:
    job = enqueue("test.fail", {})
    drain()
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("queued", 1)
    assert "RuntimeError: boom" in job.error
    Job.objects.filter(pk=job.pk).update(run_after="2000-01-01T00:00:00Z", attempts=3)
    drain()
    job.refresh_from_db()
    assert job.status == "failed"


def test_it_fails_a_job_of_unknown_kind_at_once() -> None:
    job = enqueue("test.nobody", {})
    drain()
    job.refresh_from_db()
    assert job.status == "failed" and "no handler" in job.error


def test_it_drains_from_the_command_line(capsys: Any) -> None:
    enqueue("test.record", {})
    call_command("worker", "--once")
    assert "ran 1 job(s)" in capsys.readouterr().out


def test_it_takes_again_a_job_whose_worker_died() -> None:
    from datetime import timedelta

    from django.utils import timezone

    calls.clear()
    job = enqueue("test.record", {"n": 3})
    assert claim_next("worker-that-dies") is not None
    assert drain("worker-b") == 0  # claimed a moment ago: not stale
    Job.objects.filter(pk=job.pk).update(claimed_at=timezone.now() - timedelta(hours=1))
    assert drain("worker-b") == 1
    job.refresh_from_db()
    assert (job.status, job.claimed_by, calls) == ("done", "worker-b", [{"n": 3}])
