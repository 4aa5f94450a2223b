"""``POST /api/v1/passenger-lists`` and ``borderlink paxlst import`` with good, broken and undecodable input."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderlink.accounts.models import ApiToken
from borderlink.accounts.roles import Role
from borderlink.screening.models import ExpectedArrival, Hit, PassengerList, QuarantinedEntry
from tests.screening.test_arrivals import FLIGHT

pytestmark = pytest.mark.django_db


def _post(user: Any, body: Any) -> Any:
    _token, raw = ApiToken.issue(user, "test")
    return Client().post(
        "/api/v1/passenger-lists",
        data=body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )


@pytest.fixture
def administrator(make_user: Any) -> Any:
    """Cambodia's node administrator, who receives the airlines' lists."""
    return make_user("admin-khm", role=Role.ADMINISTRATOR, country="KHM")


def test_a_passenger_list_is_received_screened_and_counted(administrator: Any, make_alert: Any) -> None:
    make_alert(family_name="YOS", given_names="SOTHEA", sex="F", birth_date="1983-10-27")
    response = _post(administrator, {"text": FLIGHT, "file_name": "pg931.edi"})
    assert response.status_code == 201, response.content
    assert response.json() == {"lists": 1, "expected_arrivals": 1, "quarantined": 1, "hits": 1}
    assert Hit.objects.get().expected_arrival == ExpectedArrival.objects.get()


def test_an_officer_may_not_submit_passenger_lists(colleague: Any) -> None:
    response = _post(colleague, {"text": FLIGHT})
    assert response.status_code == 403
    assert not PassengerList.objects.exists()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"text": FLIGHT.replace("UNT+24", "UNT+23")}, "UNT"),  # the control count is wrong
        ({"text": FLIGHT[: len(FLIGHT) // 2]}, ""),  # cut short
        ({"text": "PASSENGER LIST\nSOK DARA 1990"}, ""),  # not EDIFACT at all
        ({"text": ""}, ""),
    ],
)
def test_a_broken_list_is_refused_with_its_reason_and_nothing_kept(
    administrator: Any, body: dict[str, str], says: str
) -> None:
    response = _post(administrator, body)
    assert response.status_code == 422, response.content
    assert says in response.json()["detail"] and response.json()["detail"]
    assert not PassengerList.objects.exists() and not ExpectedArrival.objects.exists()


@pytest.mark.parametrize("body", ["{", '{"file_name": "x.edi"}', '{"text": 42}', "[]"])
def test_a_body_that_is_not_a_list_request_is_refused(administrator: Any, body: str) -> None:
    assert _post(administrator, body).status_code in (400, 422)
    assert not PassengerList.objects.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.lists(st.sampled_from(FLIGHT.splitlines()), max_size=30).map("\n".join),
    )
)
def test_any_text_is_either_received_or_refused_whole_never_a_server_error(make_user: Any, text: str) -> None:
    from borderlink.accounts.models import User

    user = User.objects.filter(username="fuzz-admin").first() or make_user("fuzz-admin", role=Role.ADMINISTRATOR)
    lists, arrivals = PassengerList.objects.count(), ExpectedArrival.objects.count()
    response = _post(user, {"text": text.replace("\x00", "")})
    assert response.status_code in (201, 422), response.content[:300]
    if response.status_code == 422:
        assert (PassengerList.objects.count(), ExpectedArrival.objects.count()) == (lists, arrivals)


def test_the_command_refuses_an_undecodable_file_and_still_receives_the_others(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.edi"
    latin1.write_bytes(FLIGHT.replace("SMITH", "MÜLLER").encode("latin-1"))
    good = tmp_path / "pg931.edi"
    good.write_text(FLIGHT, encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("paxlst", "import", str(latin1), str(good), stdout=out, stderr=err)
    assert exit.value.code == 2
    assert "latin1.edi: refused" in err.getvalue() and "utf-8" in err.getvalue()
    assert out.getvalue().startswith("file pg931.edi, lists 1")
    assert PassengerList.objects.count() == 1  # only the readable file
    assert QuarantinedEntry.objects.count() == 1  # SMITH ANNA of the readable file, nothing of the other
