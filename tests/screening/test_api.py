"""The screening API: alerts with role-limited reasons, screening in milliseconds, hit queues, three actors."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderlink.accounts.models import AccessLogEntry, ApiToken
from borderlink.accounts.roles import Role
from borderlink.screening.models import Alert, Hit

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    _token, raw = ApiToken.issue(user, "test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body, default=str), content_type="application/json")


@pytest.fixture
def focal(make_user: Any) -> Any:
    """Cambodia's focal point: manages alerts, reads reasons."""
    return make_user("focal", role=Role.FOCAL_POINT, country="KHM")


@pytest.fixture
def officer(colleague: Any) -> Any:
    """A Cambodian border officer (the conftest colleague)."""
    return colleague


def _alert_body(in_a_year: dt.date, **values: Any) -> dict[str, Any]:
    body = {
        "alert_ref": "KHM-AR-2026-0001",
        "type": "at_risk",
        "family_name": "SOK",
        "given_names": "DARA",
        "native_name": "សុខ ដារ៉ា",
        "sex": "F",
        "birth_date": "2010-03-15",
        "nationality": "KHM",
        "reason": "Recruited online for work in Bangkok; mother reported her missing",
        "review_date": in_a_year.isoformat(),
    }
    body.update(values)
    return body


def test_a_focal_point_creates_an_alert_and_an_officer_sees_the_action_not_the_reason(
    focal: Any, officer: Any, outsider: Any, in_a_year: dt.date
) -> None:
    created = _post(_client(focal), "/api/v1/alerts", _alert_body(in_a_year))
    assert created.status_code == 201, created.content
    alert = created.json()
    assert alert["issuing_state"] == "KHM" and alert["status"] == "active"
    assert alert["reason"].startswith("Recruited online")
    seen_by_officer = _client(officer).get(f"/api/v1/alerts/{alert['id']}").json()
    assert "reason" not in seen_by_officer or seen_by_officer["reason"] is None
    assert seen_by_officer["action"].startswith("Stop, protect and refer")
    assert _client(outsider).get(f"/api/v1/alerts/{alert['id']}").status_code == 404
    assert _client(outsider).get("/api/v1/alerts").json()["count"] == 0


def test_an_officer_may_not_create_alerts(officer: Any, in_a_year: dt.date) -> None:
    response = _post(_client(officer), "/api/v1/alerts", _alert_body(in_a_year))
    assert response.status_code == 403
    assert not Alert.objects.exists()


def test_a_second_alert_on_the_same_person_is_refused_naming_the_first(focal: Any, in_a_year: dt.date) -> None:
    client = _client(focal)
    first = _post(client, "/api/v1/alerts", _alert_body(in_a_year)).json()
    again = _post(client, "/api/v1/alerts", _alert_body(in_a_year, alert_ref="KHM-AR-2026-0002", family_name="SOKH"))
    assert again.status_code == 409
    assert again.json()["existing_alert_ref"] == first["alert_ref"]
    assert first["alert_ref"] in again.json()["detail"]
    by_document = {
        "alert_ref": "KHM-TD-1",
        "type": "travel_document",
        "document_number": "N0123456",
        "document_issuing_state": "KHM",
        "reason": "stolen",
        "review_date": in_a_year.isoformat(),
    }
    assert _post(client, "/api/v1/alerts", by_document).status_code == 201
    twice = _post(client, "/api/v1/alerts", {**by_document, "alert_ref": "KHM-TD-2", "document_number": "n0123-456"})
    assert twice.status_code == 409
    assert Alert.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "kidnapped"}, "type"),
        ({"sex": "Q"}, "sex"),
        ({"birth_date": "2010-02-30"}, "birth_date"),
        ({"nationality": "ZZZ"}, "nationality"),
        ({"reason": "  "}, "reason"),
        ({"family_name": "", "given_names": "", "native_name": ""}, "family_name"),
        ({"review_date": "2001-01-01"}, "review_date"),
    ],
)
def test_a_bad_alert_is_refused_naming_the_field(
    focal: Any, in_a_year: dt.date, change: dict[str, str], field: str
) -> None:
    response = _post(_client(focal), "/api/v1/alerts", _alert_body(in_a_year, **change))
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not Alert.objects.exists()


def test_extend_and_withdraw(focal: Any, in_a_year: dt.date) -> None:
    client = _client(focal)
    alert = _post(client, "/api/v1/alerts", _alert_body(in_a_year)).json()
    later = (in_a_year + dt.timedelta(days=30)).isoformat()
    assert _post(client, f"/api/v1/alerts/{alert['id']}/extend", {"review_date": later}).json()["review_date"] == later
    withdrawn = _post(client, f"/api/v1/alerts/{alert['id']}/withdraw", {"reason": "found safe"})
    assert withdrawn.status_code == 200
    assert withdrawn.json()["alert"]["status"] == "withdrawn"
    assert _post(client, f"/api/v1/alerts/{alert['id']}/withdraw", {"reason": "again"}).status_code == 422


def test_screen_answers_a_checkpoint_with_the_hit_and_what_to_do(focal: Any, officer: Any, in_a_year: dt.date) -> None:
    _post(_client(focal), "/api/v1/alerts", _alert_body(in_a_year))
    response = _post(
        _client(officer),
        "/api/v1/screen",
        {"traveller": {"family_name": "DARA", "given_names": "SOKH", "sex": "F", "birth_date": "2010-03-15"},
         "document": {"number": "N1234567", "issuing_state": "KHM"}},
    )  # fmt: skip
    assert response.status_code == 200
    answer = response.json()
    assert [h["alert_ref"] for h in answer["hits"]] == ["KHM-AR-2026-0001"]
    assert answer["hits"][0]["action"].startswith("Stop, protect and refer")
    assert answer["elapsed_ms"] < 1000
    assert {line["comparison"] for line in answer["hits"][0]["explanation"]} >= {"name", "birth_date", "sex"}
    assert AccessLogEntry.objects.filter(action="screen.query").exists()
    nobody = _post(_client(officer), "/api/v1/screen", {"traveller": {"family_name": "CHAN", "birth_date": "1970"}})
    assert nobody.json()["hits"] == []


def test_screen_refuses_a_request_without_name_or_document(officer: Any) -> None:
    response = _post(_client(officer), "/api/v1/screen", {"traveller": {"sex": "F"}})
    assert response.status_code == 422


def test_hit_queues_and_status_changes_keep_country_scope(
    make_alert: Any, officer: Any, outsider: Any, focal: Any, ingest_samples: Any
) -> None:
    import borderlink.jobs.handlers  # noqa: F401
    from borderlink.jobs.queue import drain

    make_alert(family_name="MIN", given_names="KYAW", sex="F", birth_date="1988-06-07", type="discreet_check")
    drain()
    ingest_samples()
    drain()
    queue = _client(officer).get("/api/v1/hits?queue=border").json()
    assert queue["count"] == 2  # the two Cambodian crossings; the Thai ones are Thailand's border
    assert queue["counts"]["new"] == 2
    hit_id = queue["items"][0]["id"]
    assert queue["items"][0]["alert"]["action"].startswith("Do not alert the person")
    assert _client(outsider).get(f"/api/v1/hits/{hit_id}").status_code == 404
    assert _post(_client(outsider), f"/api/v1/hits/{hit_id}/status", {"status": "closed"}).status_code == 404
    acknowledged = _post(_client(officer), f"/api/v1/hits/{hit_id}/status", {"status": "acknowledged"})
    assert acknowledged.json()["status"] == "acknowledged"
    refused = _post(_client(officer), f"/api/v1/hits/{hit_id}/status", {"status": "new"})
    assert refused.status_code == 422
    focal_queue = _client(focal).get("/api/v1/hits?queue=focal").json()
    assert focal_queue["count"] == 4  # every hit on Cambodia's alert, wherever it happened
    assert Hit.objects.get(pk=hit_id).events.count() == 2


TEXT = st.text(max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "traveller": st.one_of(
                st.none(),
                st.integers(),
                st.dictionaries(
                    st.sampled_from(["family_name", "given_names", "native_name", "sex", "birth_date", "nationality"]),
                    st.one_of(TEXT, st.integers(), st.none()),
                ),
            ),
            "document": st.one_of(st.none(), st.dictionaries(st.sampled_from(["number", "issuing_state"]), TEXT)),
        },
    )
)
def test_screen_answers_any_body_without_a_server_error(colleague: Any, body: dict[str, Any]) -> None:
    _token, raw = ApiToken.issue(colleague, "fuzz")
    text = json.dumps(body).replace("\\u0000", "")
    response = Client().post(
        "/api/v1/screen", data=text, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code in (200, 422), response.content[:300]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.dictionaries(
        st.sampled_from(["alert_ref", "type", "family_name", "given_names", "native_name", "sex", "birth_date",
                         "nationality", "document_number", "document_issuing_state", "reason", "review_date"]),
        st.one_of(TEXT, st.sampled_from(["at_risk", "travel_document", "2030-01-01", "KHM", "F"])),
    )
)  # fmt: skip
def test_alert_creation_answers_any_body_without_a_server_error_or_a_half_alert(
    make_user: Any, body: dict[str, Any]
) -> None:
    from borderlink.accounts.models import User

    user = User.objects.filter(username="fuzz-focal").first() or make_user("fuzz-focal", role=Role.FOCAL_POINT)
    before = Alert.objects.count()
    _token, raw = ApiToken.issue(user, "fuzz")
    text = json.dumps(body).replace("\\u0000", "")
    response = Client().post(
        "/api/v1/alerts", data=text, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code in (201, 409, 422), response.content[:300]
    assert Alert.objects.count() == before + (1 if response.status_code == 201 else 0)
