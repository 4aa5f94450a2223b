"""Every imported crossing is linked to a person by the worker, with the reasons kept apart from the record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from borderlink.accounts.models import AccessLogEntry, ApiToken
from borderlink.crossings.models import Crossing
from borderlink.identity.linking import forget_state
from borderlink.identity.models import LinkDecision, Person
from borderlink.jobs.queue import drain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index() -> Iterator[None]:
    """The linking index lives in the process; each test starts from its own database."""
    forget_state()
    yield
    forget_state()


@pytest.fixture
def linked(ingest_samples: Any) -> None:
    """The three sample files imported and linked by the worker."""
    import borderlink.jobs.handlers  # noqa: F401

    ingest_samples()
    assert drain() == 6  # one screening and one linking job per import run


def _person(uid: str) -> int:
    return LinkDecision.objects.get(crossing__uid=uid, current=True).person_id


def test_it_links_every_stored_crossing_to_exactly_one_person(linked: None) -> None:
    assert LinkDecision.objects.filter(current=True).count() == Crossing.objects.count() == 38
    assert Person.objects.count() < 20


def test_it_links_one_traveller_across_states_scripts_and_name_orders(linked: None) -> None:
    # KIM CHENDA: Khmer script in Cambodia's records, Latin family-name-first in Viet Nam's.
    kim = {_person(uid) for uid in ("khm-gdi:KH-PNH-2026-000004", "khm-gdi:KH-KOR-2026-000005",
                                    "vnm-xnc:VN-VINHXUONG-0000004", "vnm-xnc:VN-NOIBAI-0000013")}  # fmt: skip
    assert len(kim) == 1
    # PROMMA CHANPEN is also written PHROMMA JANPEN; the same passport and birth date.
    assert _person("vnm-xnc:VN-VINHXUONG-0000011") == _person("khm-gdi:KH-POI-2026-000017")
    # Thailand's SOMBOON SOMSAK with the Thai-script name is Cambodia's and Viet Nam's.
    assert _person("tha-ib:TM6-2569-0000004") == _person("khm-gdi:KH-CYM-2026-000008")


def test_it_keeps_two_people_of_one_name_apart(linked: None) -> None:
    # Another PROMMA CHANPEN: born 1990, another passport.
    assert _person("vnm-xnc:VN-CAUTREO-0000001") != _person("khm-gdi:KH-POI-2026-000017")


def test_it_explains_every_automatic_link(linked: None) -> None:
    decision = LinkDecision.objects.get(crossing__uid="vnm-xnc:VN-VINHXUONG-0000011", current=True)
    assert decision.kind == "automatic" and decision.probability and decision.probability > 0.9
    assert decision.model_version
    by_field = {line["comparison"]: line for line in decision.explanation}
    assert {"prior", "name", "birth_date", "document"} <= set(by_field)
    assert by_field["document"]["level"] == "exact"
    assert by_field["name"]["weight"] > 0


def test_it_leaves_the_crossing_records_untouched(linked: None) -> None:
    assert set(Crossing.objects.values_list("version", flat=True)) == {1}


def test_it_does_not_link_a_crossing_twice(linked: None) -> None:
    from borderlink.identity.linking import link_crossings

    assert link_crossings(list(Crossing.objects.values_list("id", flat=True))) == []
    assert LinkDecision.objects.count() == 38


def test_it_shows_a_person_page_with_only_the_users_crossings(linked: None, owner: Any, outsider: Any) -> None:
    person = _person("khm-gdi:KH-PNH-2026-000004")
    client = Client()
    client.force_login(owner)
    page = client.get(f"/persons/{person}/").content.decode()
    assert "KIM CHENDA" in page and "គីម ចិន្តា" in page and "N91983884" in page
    assert "VN-VINHXUONG" not in page  # Viet Nam's records are outside a Cambodian analyst's scope
    assert "matched khm-gdi:KH-PNH-2026-000004" in page
    thai = Client()
    thai.force_login(outsider)
    assert thai.get(f"/persons/{person}/").status_code == 404
    assert AccessLogEntry.objects.filter(user=owner, object_type="person").exists()


def test_it_serves_a_person_through_the_api(linked: None, make_user: Any) -> None:
    hub = make_user("hub", "analyst", "KHM", "regional")
    token = ApiToken.issue(hub, "t")[1]
    person = _person("khm-gdi:KH-PNH-2026-000004")
    body = Client().get(f"/api/v1/persons/{person}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["id"] == person
    assert {"KIM CHENDA", "គីម ចិន្តា"} <= set(body["names"])
    assert len(body["crossings"]) == 4
    linked_ones = [c for c in body["crossings"] if c["matched_crossing_id"]]
    assert linked_ones and all(c["explanation"] for c in linked_ones)
    assert Client().get("/api/v1/persons/999999", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404


def test_it_exports_the_person_of_every_crossing(linked: None) -> None:
    out = StringIO()
    call_command("export", "crossings", stdout=out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == 38
    assert all(isinstance(r["person_id"], int) and 0 < r["person_score"] <= 1 for r in records)


def test_it_evaluates_the_links_against_a_truth_file(linked: None, tmp_path: Any) -> None:
    truth = tmp_path / "truth.csv"
    rows = ["record_id,person_id"]
    for uid, person in LinkDecision.objects.filter(current=True).values_list("crossing__uid", "person_id"):
        rows.append(f"{uid},{person}")
    # Tell the evaluation one wrong thing: the other PROMMA CHANPEN is really the same person.
    wrong_person = _person("khm-gdi:KH-POI-2026-000017")
    rows = [
        f"vnm-xnc:VN-CAUTREO-0000001,{wrong_person}" if row.startswith("vnm-xnc:VN-CAUTREO-0000001,") else row
        for row in rows
    ]
    truth.write_text("\n".join(rows) + "\n")
    out = StringIO()
    call_command("identity", "evaluate", "--truth", str(truth), "--json", stdout=out)
    scores = json.loads(out.getvalue())
    assert scores["records"] == 38
    assert scores["pairwise"]["precision"] == 1.0 and scores["pairwise"]["recall"] < 1.0
    assert scores["bcubed"]["recall"] < 1.0


def test_it_refuses_a_truth_file_it_cannot_read(linked: None, tmp_path: Any) -> None:
    bad = tmp_path / "truth.csv"
    bad.write_text("id,who\n1,2\n")
    with pytest.raises(SystemExit) as exit_:
        call_command("identity", "evaluate", "--truth", str(bad))
    assert exit_.value.code == 2


@pytest.mark.parametrize(
    ("query", "expected_uid"),
    [
        ("q=គីម ចិន្តា", "khm-gdi:KH-PNH-2026-000004"),  # Khmer script finds the Latin-only records' person
        ("q=CHENDA KIM&birth_date=1985", "khm-gdi:KH-PNH-2026-000004"),  # other word order, partial birth date
        ("q=PHROMMA JANPEN&birth_date=1999-03-21", "khm-gdi:KH-POI-2026-000017"),
    ],
)
def test_it_finds_a_person_by_a_name_in_any_script(linked: None, make_user: Any, query: str, expected_uid: str) -> None:
    hub = make_user("hub", "analyst", "KHM", "regional")
    token = ApiToken.issue(hub, "t")[1]
    body = Client().get(f"/api/v1/persons/search?{query}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["items"], body
    best = body["items"][0]
    assert best["person_id"] == _person(expected_uid)
    assert best["probability"] > 0.5 and best["explanation"]


def test_it_answers_a_bad_search_clearly(owner: Any) -> None:
    client = Client()
    client.force_login(owner)
    assert (
        "give a name"
        in Client()
        .get("/api/v1/persons/search", HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(owner, 't')[1]}")
        .json()["detail"]
    )
    page = client.get("/persons/search/", {"q": "SOK", "birth_date": "15/03/1998"}).content.decode()
    assert "expected YYYY, YYYY-MM or YYYY-MM-DD" in page


def test_it_searches_only_within_the_users_scope(linked: None, outsider: Any) -> None:
    client = Client()
    client.force_login(outsider)
    page = client.get("/persons/search/", {"q": "KIM CHENDA"}).content.decode()
    assert "KH-PNH-2026-000004" not in page


def test_it_lets_an_analyst_split_a_crossing_off_and_remembers_it(linked: None, owner: Any, colleague: Any) -> None:
    from borderlink.identity.linking import link_crossings
    from borderlink.identity.models import DistinctPair

    person = _person("khm-gdi:KH-PNH-2026-000004")
    officer = Client()
    officer.force_login(colleague)
    form = {"action": "split", "crossing": "khm-gdi:KH-KOR-2026-000005", "reason": "different father's name"}
    assert officer.post(f"/persons/{person}/decide/", form).status_code == 403
    analyst = Client()
    analyst.force_login(owner)
    page = analyst.post(f"/persons/{person}/decide/", form, follow=True).content.decode()
    assert "is now person" in page
    new_person = _person("khm-gdi:KH-KOR-2026-000005")
    assert new_person != person
    decision = LinkDecision.objects.get(crossing__uid="khm-gdi:KH-KOR-2026-000005", current=True)
    assert (decision.kind, decision.user, decision.reason) == ("split", owner, "different father's name")
    assert LinkDecision.objects.filter(crossing__uid="khm-gdi:KH-KOR-2026-000005", current=False).exists()
    assert DistinctPair.objects.filter(first=decision.crossing).count() >= 1
    # Linking again changes nothing: manual decisions stand.
    link_crossings(list(Crossing.objects.values_list("id", flat=True)))
    assert _person("khm-gdi:KH-KOR-2026-000005") == new_person
    # ... and the two persons cannot be merged back without undoing the analyst's decision.
    refused = analyst.post(
        f"/persons/{person}/decide/", {"action": "merge", "other": new_person, "reason": "x"}, follow=True
    )
    assert "not the same person" in refused.content.decode()


def test_it_lets_an_analyst_merge_two_persons(linked: None, make_user: Any) -> None:
    hub = make_user("hub", "analyst", "KHM", "regional")
    keep, other = _person("vnm-xnc:VN-CAUTREO-0000001"), _person("khm-gdi:KH-POI-2026-000017")
    client = Client()
    client.force_login(hub)
    client.post(f"/persons/{keep}/decide/", {"action": "merge", "other": other, "reason": "same mother, new passport"})
    assert _person("khm-gdi:KH-POI-2026-000017") == keep
    merged = LinkDecision.objects.get(crossing__uid="khm-gdi:KH-POI-2026-000017", current=True)
    assert merged.kind == "merge" and merged.reason == "same mother, new passport"
    empty = client.post(f"/persons/{keep}/decide/", {"action": "merge", "other": keep, "reason": "x"}, follow=True)
    assert "cannot be merged with itself" in empty.content.decode()


def test_it_lists_near_misses_and_shared_documents_for_review(linked: None, owner: Any, colleague: Any) -> None:
    decision = LinkDecision.objects.get(crossing__uid="khm-gdi:KH-PNH-2026-000004", current=True)
    LinkDecision.objects.filter(pk=decision.pk).update(needs_review=True, probability=0.7)
    analyst = Client()
    analyst.force_login(owner)
    page = analyst.get("/persons/review/").content.decode()
    assert "khm-gdi:KH-PNH-2026-000004" in page and "near miss" in page
    officer = Client()
    officer.force_login(colleague)
    assert officer.get("/persons/review/").status_code == 403
    form = {"action": "confirm", "crossing": "khm-gdi:KH-PNH-2026-000004", "reason": "checked the passport"}
    analyst.post(f"/persons/{decision.person_id}/decide/", form)
    confirmed = LinkDecision.objects.get(crossing__uid="khm-gdi:KH-PNH-2026-000004", current=True)
    assert (confirmed.kind, confirmed.person_id, confirmed.reason) == (
        "confirm",
        decision.person_id,
        "checked the passport",
    )
    assert "khm-gdi:KH-PNH-2026-000004" not in analyst.get("/persons/review/").content.decode()


def test_it_shows_the_merge_form_in_the_page_not_in_its_title(linked: None, owner: Any) -> None:
    person = _person("khm-gdi:KH-PNH-2026-000004")
    client = Client()
    client.force_login(owner)
    page = client.get(f"/persons/{person}/").content.decode()
    title = page[page.index("<title>") : page.index("</title>")]
    assert "<form" not in title and f"Person {person}" in title
    assert page.index("Merge another person into this one") > page.index("<main>")
