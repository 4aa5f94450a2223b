"""The crossings API: exact common-model JSON, filters, pagination, tokens and country scope."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from borderlink.accounts.models import AccessLogEntry, ApiToken
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


def _bearer(user: Any) -> dict[str, str]:
    _token, raw = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_it_refuses_anonymous_callers() -> None:
    response = Client().get("/api/v1/crossings")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required"}


def test_it_refuses_a_wrong_or_revoked_token(owner: Any) -> None:
    assert Client().get("/api/v1/crossings", HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    token, raw = ApiToken.issue(owner, "old")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at="2026-01-01T00:00:00Z")
    assert Client().get("/api/v1/crossings", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_it_returns_exactly_the_documented_json_for_one_crossing(ingest_samples: Any, owner: Any) -> None:
    ingest_samples()
    expected = {
        json.loads(line)["id"]: json.loads(line) for line in (SAMPLES / "expected.jsonl").read_text().splitlines()
    }
    response = Client().get("/api/v1/crossings/khm-gdi:KH-CYM-2026-000001", **_bearer(owner))
    assert response.status_code == 200
    assert response.json() == expected["khm-gdi:KH-CYM-2026-000001"]


def test_it_scopes_crossings_to_the_users_country(
    ingest_samples: Any, owner: Any, colleague: Any, outsider: Any
) -> None:
    ingest_samples()
    uid = "khm-gdi:KH-CYM-2026-000001"
    assert Client().get(f"/api/v1/crossings/{uid}", **_bearer(owner)).status_code == 200
    assert Client().get(f"/api/v1/crossings/{uid}", **_bearer(colleague)).status_code == 200
    assert Client().get(f"/api/v1/crossings/{uid}", **_bearer(outsider)).status_code == 404
    listed = Client().get("/api/v1/crossings", **_bearer(outsider)).json()
    assert {item["reporting_state"] for item in listed["items"]} == {"THA"}
    assert listed["count"] == 6


def test_it_paginates_with_a_next_link(ingest_samples: Any, owner: Any) -> None:
    ingest_samples()
    first = Client().get("/api/v1/crossings?page_size=5", **_bearer(owner)).json()
    assert first["count"] == 17 and len(first["items"]) == 5
    assert "page=2" in first["next"]
    seen = [item["id"] for item in first["items"]]
    url = first["next"]
    while url:
        page = Client().get(url, **_bearer(owner)).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 17


@pytest.mark.parametrize(
    ("query", "expected_ids"),
    [
        ("q=ស៊ុន", {"khm-gdi:KH-CYM-2026-000001", "khm-gdi:KH-BAV-2026-000012"}),
        ("q=bopha sun", {"khm-gdi:KH-CYM-2026-000001", "khm-gdi:KH-BAV-2026-000012"}),
        ("document=N91983884", {"khm-gdi:KH-PNH-2026-000004", "khm-gdi:KH-KOR-2026-000005"}),
        ("checkpoint=KHM-KOR&direction=entry", {"khm-gdi:KH-KOR-2026-000005"}),
        ("date_from=2026-11-08&date_to=2026-11-08", {"khm-gdi:KH-BAV-2026-000020"}),
        (
            "minor=true",
            {"khm-gdi:KH-PNH-2026-000003", "khm-gdi:KH-BAV-2026-000011", "khm-gdi:KH-PNH-2026-000013"},
        ),
    ],
)
def test_it_filters_and_searches(ingest_samples: Any, owner: Any, query: str, expected_ids: set[str]) -> None:
    ingest_samples()
    body = Client().get(f"/api/v1/crossings?{query}&page_size=100", **_bearer(owner)).json()
    assert {item["id"] for item in body["items"]} == expected_ids


@pytest.mark.parametrize(
    "query",
    ["date_from=yesterday", "direction=sideways", "minor=perhaps", "page=0", "page_size=100000", "page=x"],
)
def test_it_answers_bad_filters_with_422_naming_the_parameter(owner: Any, query: str) -> None:
    response = Client().get(f"/api/v1/crossings?{query}", **_bearer(owner))
    assert response.status_code == 422
    assert response.json()["detail"]


def test_it_logs_every_read_of_personal_data(ingest_samples: Any, owner: Any) -> None:
    ingest_samples()
    Client().get("/api/v1/crossings/khm-gdi:KH-CYM-2026-000001", **_bearer(owner))
    Client().get("/api/v1/crossings?q=SUN", **_bearer(owner))
    entries = list(AccessLogEntry.objects.filter(user=owner).order_by("at"))
    assert [e.channel for e in entries] == ["api", "api"]
    assert entries[0].object_ids == ["khm-gdi:KH-CYM-2026-000001"]
    assert entries[1].query == {"q": "SUN"}
    assert set(entries[1].object_ids) == {"khm-gdi:KH-CYM-2026-000001", "khm-gdi:KH-BAV-2026-000012"}


def test_it_publishes_an_openapi_document() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/crossings" in schema["paths"]
    assert "/api/v1/crossings/{crossing_id}" in schema["paths"]
