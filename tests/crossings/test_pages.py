"""The crossing pages as an officer, an analyst and an outsider use them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from borderlink.accounts.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_sends_anonymous_visitors_to_sign_in() -> None:
    response = Client().get("/crossings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_signs_in_with_a_password(owner: Any) -> None:
    client = Client()
    response = client.post("/login/", {"username": "owner", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get("/crossings/").status_code == 200


def test_it_lists_only_the_users_countrys_crossings(ingest_samples: Any, owner: Any, outsider: Any) -> None:
    ingest_samples()
    mine = _client(owner).get("/crossings/").content.decode()
    assert "17 crossings" in mine
    assert "SUN BOPHA" in mine and "ស៊ុន បុប្ផា" in mine
    theirs = _client(outsider).get("/crossings/").content.decode()
    assert "6 crossings" in theirs and "ស៊ុន បុប្ផា" not in theirs


def test_it_searches_names_in_native_script(ingest_samples: Any, owner: Any) -> None:
    ingest_samples()
    page = _client(owner).get("/crossings/", {"q": "គីម"}).content.decode()
    assert "2 crossings" in page and "KIM CHENDA" in page


def test_it_shows_a_bad_filter_as_a_message_not_an_error(owner: Any) -> None:
    response = _client(owner).get("/crossings/", {"date_from": "31/12/2026"})
    assert response.status_code == 200
    assert "expected a date as YYYY-MM-DD" in response.content.decode()


def test_it_shows_one_crossing_with_raw_record_age_and_minor_mark(ingest_samples: Any, owner: Any) -> None:
    ingest_samples()
    page = _client(owner).get("/crossings/khm-gdi:KH-PNH-2026-000003/").content.decode()
    assert "MINOR" in page
    assert "Age at crossing" in page and ">15<" in page.replace(" ", "").replace("\n", "")
    assert "KH-PNH-2026-000003,PNH,OUT,02/11/2026 06:59,RATANAPAN,SOMCHAI" in page  # the raw source record
    assert "2026-11-02 06:59" in page and "2026-11-01 23:59" in page  # local time with UTC beside it
    assert "KIM CHENDA" in page  # the adult the minor travels with


def test_it_hides_another_states_crossing_behind_404(ingest_samples: Any, outsider: Any, colleague: Any) -> None:
    ingest_samples()
    assert _client(outsider).get("/crossings/khm-gdi:KH-PNH-2026-000003/").status_code == 404
    assert _client(colleague).get("/crossings/khm-gdi:KH-PNH-2026-000003/").status_code == 200


def test_it_renders_formula_strings_as_inert_text(ingest_samples: Any, owner: Any) -> None:
    ingest_samples()
    page = _client(owner).get("/crossings/khm-gdi:KH-PNH-2026-000013/").content.decode()
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;click&quot;)" in page
    assert '<a href="http://x"' not in page
    assert "formula_text" in page


def test_it_logs_page_reads(ingest_samples: Any, owner: Any) -> None:
    ingest_samples()
    _client(owner).get("/crossings/khm-gdi:KH-PNH-2026-000003/")
    entry = AccessLogEntry.objects.get(user=owner)
    assert (entry.channel, entry.object_ids) == ("web", ["khm-gdi:KH-PNH-2026-000003"])


def test_it_keeps_pages_a_role_lacks_closed(colleague: Any, owner: Any) -> None:
    officer = _client(colleague)
    assert officer.get("/quarantine/").status_code == 403
    assert officer.get("/imports/upload/").status_code == 403
    assert officer.get("/access-log/").status_code == 403
    assert _client(owner).get("/quarantine/").status_code == 200
