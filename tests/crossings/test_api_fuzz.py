"""Broken and hostile input to the API never gets a server error, only a clear 4xx."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderlink.accounts.models import ApiToken
from borderlink.crossings.models import Crossing
from borderlink.ingest.models import ImportRun
from borderlink.jobs.queue import drain

pytestmark = pytest.mark.django_db

PARAMETERS = ["date_from", "date_to", "checkpoint", "direction", "nationality", "document", "q", "minor", "page",
              "page_size", "source", "unknown"]  # fmt: skip
values = st.one_of(st.text(max_size=300), st.integers().map(str), st.sampled_from(["", "0", "-1", "2026-13-40"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=5))
def test_it_answers_any_crossing_query_without_a_server_error(owner: Any, query: dict[str, str]) -> None:
    token = ApiToken.issue(owner, "fuzz")[1]
    clean = {key: value.replace("\x00", "") for key, value in query.items()}
    response = Client().get("/api/v1/crossings?" + urlencode(clean), HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code in (200, 422), response.content[:300]
    assert "detail" in response.json() or "items" in response.json()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(crossing_id=st.text(min_size=1, max_size=200).filter(lambda s: "/" not in s and "\x00" not in s))
def test_it_answers_any_crossing_id_with_404_or_the_crossing(owner: Any, crossing_id: str) -> None:
    token = ApiToken.issue(owner, "fuzz")[1]
    from urllib.parse import quote

    response = Client().get(f"/api/v1/crossings/{quote(crossing_id)}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), source=st.sampled_from(["khm-gdi", "tha-ib", "vnm-xnc"]))
def test_it_takes_any_uploaded_bytes_without_losing_or_half_writing(admin_user: Any, data: bytes, source: str) -> None:
    import borderlink.jobs.handlers  # noqa: F401

    if source != "khm-gdi":
        admin_user.scope = "regional"
        admin_user.save()
    token = ApiToken.issue(admin_user, "fuzz")[1]
    before = Crossing.objects.count()
    upload = SimpleUploadedFile("fuzz.bin", data)
    response = Client().post(
        "/api/v1/imports", {"source": source, "file": upload}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code in (202, 400), response.content[:300]
    if response.status_code == 400:
        assert response.json()["detail"]
        return
    drain()
    run = ImportRun.objects.get(pk=response.json()["id"])
    assert run.status in ("done", "refused")
    if run.status == "refused":
        assert run.error and Crossing.objects.count() == before
    else:
        assert run.read == run.stored + run.updated + run.unchanged + run.quarantined
        assert Crossing.objects.count() == before + run.stored
