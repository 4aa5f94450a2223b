"""Uploading a national file through the page and the API, imported by the worker."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from borderlink.accounts.models import ApiToken
from borderlink.crossings.models import Crossing
from borderlink.ingest.models import ImportRun
from borderlink.jobs.queue import drain
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


def _bearer(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 't')[1]}"}


def _file() -> SimpleUploadedFile:
    return SimpleUploadedFile("khm-gdi.csv", (SAMPLES / "khm-gdi.csv").read_bytes(), "text/csv")


def test_it_queues_an_api_upload_and_the_worker_imports_it(admin_user: Any) -> None:
    import borderlink.jobs.handlers  # noqa: F401

    response = Client().post("/api/v1/imports", {"source": "khm-gdi", "file": _file()}, **_bearer(admin_user))
    assert response.status_code == 202
    run_id = response.json()["id"]
    assert response.json()["status"] == "queued"
    assert Crossing.objects.count() == 0
    assert drain() == 3  # the import, then screening and linking its crossings
    run = Client().get(f"/api/v1/imports/{run_id}", **_bearer(admin_user)).json()
    assert (run["status"], run["stored"], run["quarantined"], run["invoked_by"]) == ("done", 17, 3, "admin")
    assert Crossing.objects.count() == 17


def test_it_refuses_uploads_from_roles_that_may_not_import(owner: Any) -> None:
    response = Client().post("/api/v1/imports", {"source": "khm-gdi", "file": _file()}, **_bearer(owner))
    assert response.status_code == 403
    assert ImportRun.objects.count() == 0


def test_it_refuses_an_upload_for_another_state(admin_user: Any) -> None:
    upload = SimpleUploadedFile("tha-ib.jsonl", (SAMPLES / "tha-ib.jsonl").read_bytes())
    response = Client().post("/api/v1/imports", {"source": "tha-ib", "file": upload}, **_bearer(admin_user))
    assert response.status_code == 403
    assert "THA" in response.json()["detail"]


@pytest.mark.parametrize(
    ("data", "status"),
    [({"source": "nowhere"}, 400), ({}, 422)],
)
def test_it_answers_broken_upload_requests_clearly(admin_user: Any, data: dict[str, str], status: int) -> None:
    response = Client().post("/api/v1/imports", {**data, "file": _file()}, **_bearer(admin_user))
    assert response.status_code == status
    assert response.json()["detail"]
    assert ImportRun.objects.count() == 0


def test_it_uploads_through_the_page_and_shows_the_run(admin_user: Any) -> None:
    import borderlink.jobs.handlers  # noqa: F401

    client = Client()
    client.force_login(admin_user)
    response = client.post("/imports/upload/", {"source": "khm-gdi", "file": _file()})
    assert response.status_code == 302
    drain()
    page = client.get(response["Location"]).content.decode()
    assert "read 20, stored 17, updated 0, unchanged 0, quarantined 3" in page
    assert "unknown_checkpoint" in page


def test_it_shows_import_runs_only_to_their_state(admin_user: Any, outsider: Any) -> None:
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.services import import_file

    run = import_file(get_mapping("khm-gdi"), (SAMPLES / "khm-gdi.csv").read_bytes(), "khm-gdi.csv")
    assert Client().get(f"/api/v1/imports/{run.pk}", **_bearer(outsider)).status_code == 404
    assert Client().get(f"/api/v1/imports/{run.pk}", **_bearer(admin_user)).status_code == 200
