"""The screening index is built when a server or worker starts, not on a checkpoint's first query."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from borderlink.screening import runtime
from borderlink.screening.screen import screen_traveller
from tests.screening.test_screening import _traveller


@pytest.mark.django_db(transaction=True)
def test_the_index_built_at_start_answers_the_first_query_without_building_again(
    make_alert: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_alert(type="travel_document", document_number="N77017924", document_issuing_state="KHM")
    builds: list[int] = []
    real_build = runtime.build_index

    def counted() -> Any:
        builds.append(1)
        return real_build()

    monkeypatch.setattr(runtime, "build_index", counted)
    runtime.warm_in_background().join(timeout=60)
    assert builds == [1]
    hits = screen_traveller(_traveller(family="SUN", document_number="N77017924", document_issuer="KHM"))
    assert [h.type for h in hits] == ["travel_document"]
    assert builds == [1]  # the first query used the index built at start


@pytest.mark.django_db(transaction=True)
def test_a_failed_build_at_start_leaves_the_first_query_to_build(
    make_alert: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_build = runtime.build_index
    monkeypatch.setattr(runtime, "build_index", lambda: (_ for _ in ()).throw(RuntimeError("database not ready")))
    runtime.warm_in_background().join(timeout=60)
    monkeypatch.setattr(runtime, "build_index", real_build)
    make_alert(type="travel_document", document_number="N77017924", document_issuing_state="KHM")
    hits = screen_traveller(_traveller(family="SUN", document_number="N77017924", document_issuer="KHM"))
    assert [h.type for h in hits] == ["travel_document"]


def test_loading_the_web_application_starts_the_build(tmp_path: Path) -> None:
    """What gunicorn or runserver does: import ``borderlink.wsgi``."""
    # On an empty database the build may be over before the thread could be seen: what is checked is
    # that the index exists without any screening having asked for it.
    script = (
        "import threading, borderlink.wsgi\n"
        "[t.join(60) for t in threading.enumerate() if t.name == 'borderlink-screening-warm']\n"
        "from borderlink.screening import runtime\n"
        "print(int(runtime._RUNTIME.index is not None))\n"
    )
    env = {"BORDERLINK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    migrated = subprocess.run(
        [sys.executable, "-m", "borderlink", "migrate", "--verbosity", "0"], env=env, capture_output=True, check=False
    )
    assert migrated.returncode == 0, migrated.stderr
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert "could not be built" not in result.stderr


def test_a_process_forked_during_the_build_starts_with_a_free_lock_and_no_index() -> None:
    """A server that loads the application and then forks its workers must not leave them waiting forever."""
    import os

    from borderlink.screening.index import ScreeningIndex

    runtime.install_index(ScreeningIndex(), runtime.timezone.now())
    held = runtime._RUNTIME.lock
    held.acquire()  # as the building thread holds it
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover (checked through the exit status)
            fresh = runtime._RUNTIME
            free = fresh.lock.acquire(timeout=2)
            os._exit(0 if free and fresh.index is None else 1)
        _pid, status = os.waitpid(child, 0)
    finally:
        held.release()
    assert os.waitstatus_to_exitcode(status) == 0
    assert runtime._RUNTIME.index is not None  # this process keeps its own
