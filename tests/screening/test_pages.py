"""The screening pages as a focal point, an analyst, a border officer and an outsider use them."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Role
from borderlink.screening.models import Alert, ExpectedArrival, Hit, Notification

pytestmark = pytest.mark.django_db

PAXLST = Path(__file__).parent.parent / "fixtures" / "paxlst"
REASON = "Sold by an agent in Poipet; mother reported her missing"
PROCESSOR = "borderlink.screening.views.unread_notifications"


@pytest.fixture(autouse=True)
def _unread_count_in_navigation(settings: Any) -> None:
    """The navigation's unread count comes from the screening context processor (added if not yet listed)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    if PROCESSOR not in processors:
        processors.append(PROCESSOR)
        settings.TEMPLATES = templates


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(response: Any) -> str:
    """The page's main content as text, tags removed and spaces folded."""
    html = response.content.decode()
    main = html.split("<main>", 1)[-1]
    main = re.sub(r"<style>.*?</style>", " ", main, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def _drain() -> None:
    import borderlink.jobs.handlers  # noqa: F401
    from borderlink.jobs.queue import drain

    drain()


@pytest.fixture
def focal(focal_points: dict[str, Any]) -> Any:
    """Cambodia's focal point: manages Cambodia's alerts and answers for them."""
    return focal_points["primary"]


@pytest.fixture
def girl_at_risk(make_alert: Callable[..., Any], focal: Any) -> Any:
    """Cambodia's at-risk alert on a Thai girl of 15, who crosses with an adult in the samples."""
    alert = make_alert(
        ref="KH-AR-0001",
        user=focal,
        family_name="RATANAPAN",
        given_names="SOMCHAI",
        sex="F",
        birth_date="2011-05-07",
        nationality="THA",
        reason=REASON,
    )
    _drain()
    return alert


@pytest.fixture
def hits(girl_at_risk: Any, ingest_samples: Callable[[], Any]) -> dict[str, Hit]:
    """The girl's hits after the samples are ingested and screened, by crossing id."""
    ingest_samples()
    _drain()
    return {hit.crossing.uid: hit for hit in Hit.objects.filter(alert=girl_at_risk).select_related("crossing")}


# --- alerts --------------------------------------------------------------------------------------------


def test_it_lists_only_the_alerts_of_the_users_state(
    girl_at_risk: Any, owner: Any, colleague: Any, outsider: Any
) -> None:
    for user in (owner, colleague):
        page = _text(_client(user).get("/alerts/"))
        assert "1 alert" in page and "KHM/KH-AR-0001" in page and "RATANAPAN SOMCHAI" in page
    theirs = _text(_client(outsider).get("/alerts/"))
    assert "0 alerts" in theirs and "RATANAPAN" not in theirs
    assert _client(outsider).get(f"/alerts/{girl_at_risk.pk}/").status_code == 404
    assert _client(colleague).get(f"/alerts/{girl_at_risk.pk}/").status_code == 200


def test_it_filters_alerts_by_type_status_and_name_or_document(
    make_alert: Callable[..., Any], owner: Any, admin_user: Any
) -> None:
    from borderlink.screening.alerts import withdraw_alert

    make_alert(ref="P-1", family_name="SOK", given_names="DARA", birth_date="1990-03-15")
    make_alert(ref="D-1", type="travel_document", document_number="N7701 7924", document_issuing_state="KHM")
    lapsed = make_alert(ref="L-1", type="wanted", family_name="MIN", given_names="KYAW", birth_date="1988-06-07")
    Alert.objects.filter(pk=lapsed.pk).update(review_date=timezone.localdate() - dt.timedelta(days=1))
    gone = make_alert(ref="W-1", type="missing_person", family_name="YOS", given_names="SOTHEA")
    withdraw_alert(gone, user=admin_user, reason="found safe")
    client = _client(owner)

    def refs(**query: str) -> set[str]:
        return set(re.findall(r"KHM/([A-Z]-1)", _text(client.get("/alerts/", query))))

    assert refs() == {"P-1", "D-1", "L-1", "W-1"}
    assert refs(type="travel_document") == {"D-1"}
    assert refs(status="active") == {"P-1", "D-1"}
    assert refs(status="lapsed") == {"L-1"}
    assert refs(status="withdrawn") == {"W-1"}
    assert refs(q="sok") == {"P-1"}
    assert refs(q="n77017924") == {"D-1"}
    assert refs(status="nonsense") == {"P-1", "D-1", "L-1", "W-1"}  # a bad filter is ignored, not an error
    page = _text(client.get(f"/alerts/{lapsed.pk}/"))
    assert "lapsed" in page and "This alert lapsed at its review date" in page


def test_it_pages_the_alert_list(owner: Any, in_a_year: dt.date) -> None:
    Alert.objects.bulk_create(
        Alert(
            ref=f"B-{n:03d}",
            type="wanted",
            issuing_state="KHM",
            family_name=f"PERSON{n}",
            reason="r",
            review_date=in_a_year,
        )
        for n in range(55)
    )
    client = _client(owner)
    first = _text(client.get("/alerts/", {"type": "wanted"}))
    assert "55 alerts" in first and "Page 1 of 2" in first and first.count("KHM/B-") == 50
    assert 'href="?type=wanted&amp;page=2"' in client.get("/alerts/", {"type": "wanted"}).content.decode()
    second = _text(client.get("/alerts/", {"type": "wanted", "page": "2"}))
    assert "Page 2 of 2" in second and second.count("KHM/B-") == 5


def test_it_shows_an_alert_with_its_action_review_and_hits(hits: dict[str, Hit], owner: Any, girl_at_risk: Any) -> None:
    page = _text(_client(owner).get(f"/alerts/{girl_at_risk.pk}/"))
    assert "Person at risk: RATANAPAN SOMCHAI" in page
    assert "Issuing state KHM" in page
    assert "Stop, protect and refer" in page
    assert f"Review date {girl_at_risk.review_date.isoformat()} active" in page
    assert "the issuing state's focal points" in page
    assert "KHM-PNH" in page and "KHM-BAV" in page and page.count("New") >= 2


def test_it_never_shows_the_reason_to_a_border_officer(
    hits: dict[str, Hit], girl_at_risk: Any, owner: Any, colleague: Any
) -> None:
    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    officer = _client(colleague)
    for url in ("/alerts/", f"/alerts/{girl_at_risk.pk}/", "/hits/", f"/hits/{hit.pk}/", "/notifications/"):
        response = officer.get(url)
        assert response.status_code == 200, url
        assert REASON not in response.content.decode(), url
    analyst = _client(owner)
    assert REASON in analyst.get(f"/alerts/{girl_at_risk.pk}/").content.decode()
    assert REASON in analyst.get(f"/hits/{hit.pk}/").content.decode()


def test_it_creates_an_alert_in_the_users_state(focal: Any, in_a_year: dt.date) -> None:
    client = _client(focal)
    assert client.get("/alerts/new/").status_code == 200
    response = client.post(
        "/alerts/new/",
        {
            "alert_ref": "KH-AR-0009",
            "type": "at_risk",
            "family_name": "sok",
            "given_names": "dara",
            "native_name": "សុខ ដារ៉ា",
            "sex": "F",
            "birth_date": "2010-03-15",
            "nationality": "khm",
            "reason": REASON,
            "review_date": in_a_year.isoformat(),
        },
    )
    alert = Alert.objects.get(ref="KH-AR-0009")
    assert response.status_code == 302 and response["Location"] == f"/alerts/{alert.pk}/"
    assert (alert.issuing_state, alert.family_name, alert.nationality, alert.created_by) == ("KHM", "SOK", "KHM", focal)
    assert "Alert KH-AR-0009 was created." in _text(client.get(response["Location"]))


def test_it_keeps_the_alert_forms_from_roles_and_states_that_may_not_manage_alerts(
    girl_at_risk: Any, owner: Any, colleague: Any, make_user: Callable[..., Any]
) -> None:
    for user in (owner, colleague):  # an analyst and a border officer may read alerts, not change them
        client = _client(user)
        assert client.get("/alerts/new/").status_code == 403
        assert client.get(f"/alerts/{girl_at_risk.pk}/edit/").status_code == 403
        assert client.post(f"/alerts/{girl_at_risk.pk}/withdraw/", {"reason": "x"}).status_code == 403
        assert "Withdraw the alert" not in client.get(f"/alerts/{girl_at_risk.pk}/").content.decode()
    thai_focal_point = _client(make_user("tha-fp", Role.FOCAL_POINT, "THA"))
    assert thai_focal_point.get(f"/alerts/{girl_at_risk.pk}/edit/").status_code == 404
    assert thai_focal_point.post(f"/alerts/{girl_at_risk.pk}/withdraw/", {"reason": "x"}).status_code == 404
    assert thai_focal_point.post(f"/alerts/{girl_at_risk.pk}/extend/", {"review_date": "2099-01-01"}).status_code == 404
    assert Alert.objects.get(pk=girl_at_risk.pk).status == "active"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"nationality": "QQQ"}, "nationality", "nationality &#x27;QQQ&#x27; is not an ISO 3166"),
        ({"type": "travel_document", "family_name": ""}, "document_number", "needs a document number"),
        ({"review_date": "2020-01-01"}, "review_date", "review date 2020-01-01 is in the past"),
        ({"family_name": "", "given_names": ""}, "family_name", "alert needs a name"),
        ({"reason": " "}, "reason", "an alert needs a reason"),
    ],
)
def test_it_shows_a_refusal_next_to_the_field_at_fault(
    focal: Any, in_a_year: dt.date, values: dict[str, str], field: str, message: str
) -> None:
    form = {"alert_ref": "X-1", "type": "wanted", "family_name": "MIN", "reason": "r", "review_date": in_a_year}
    response = _client(focal).post("/alerts/new/", {**form, **values})
    assert response.status_code == 200
    html = response.content.decode()
    block = html.split(f'id="field-{field}"', 1)[1].split("</p>", 1)[0]
    assert message in block
    assert not Alert.objects.exists()


def test_it_names_the_existing_alert_when_refusing_a_second_one_on_the_same_person(
    girl_at_risk: Any, focal: Any, in_a_year: dt.date
) -> None:
    response = _client(focal).post(
        "/alerts/new/",
        {
            "alert_ref": "KH-AR-0002",
            "type": "at_risk",
            "family_name": "RATANAPAN",
            "given_names": "SOMCHAI",
            "sex": "F",
            "birth_date": "2011-05-07",
            "nationality": "THA",
            "reason": "again",
            "review_date": in_a_year.isoformat(),
        },
    )
    html = response.content.decode()
    block = html.split('id="field-family_name"', 1)[1].split("</p>", 1)[0]
    assert "already has an alert of type at_risk on this person: KH-AR-0001" in block
    assert f'href="/alerts/{girl_at_risk.pk}/"' in block
    assert Alert.objects.count() == 1


def test_it_edits_an_alert(girl_at_risk: Any, focal: Any) -> None:
    client = _client(focal)
    form = client.get(f"/alerts/{girl_at_risk.pk}/edit/").content.decode()
    assert 'value="RATANAPAN"' in form and 'name="alert_ref"' not in form
    values = {**_form_values(girl_at_risk), "native_name": "สมชาย รัตนพันธ์", "action": "Call the hotline at once"}
    response = client.post(f"/alerts/{girl_at_risk.pk}/edit/", values)
    assert response.status_code == 302
    girl_at_risk.refresh_from_db()
    assert girl_at_risk.native_name == "สมชาย รัตนพันธ์"
    assert "Call the hotline at once" in _text(client.get(f"/alerts/{girl_at_risk.pk}/"))


def _form_values(alert: Alert) -> dict[str, str]:
    names = ("type", "family_name", "given_names", "native_name", "sex", "birth_date", "nationality")
    return {
        **{name: getattr(alert, name) for name in names},
        "document_number": alert.document_number,
        "document_issuing_state": alert.document_issuing_state,
        "reason": alert.reason,
        "action": alert.action,
        "notify": alert.notify,
        "review_date": alert.review_date.isoformat(),
    }


def test_it_extends_a_lapsed_alert_and_refuses_an_earlier_date(girl_at_risk: Any, focal: Any) -> None:
    Alert.objects.filter(pk=girl_at_risk.pk).update(review_date=timezone.localdate() - dt.timedelta(days=3))
    client = _client(focal)
    assert "lapsed" in _text(client.get(f"/alerts/{girl_at_risk.pk}/"))
    earlier = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    refused = _text(client.post(f"/alerts/{girl_at_risk.pk}/extend/", {"review_date": earlier}, follow=True))
    assert "the new review date must be after" in refused
    later = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    page = _text(client.post(f"/alerts/{girl_at_risk.pk}/extend/", {"review_date": later}, follow=True))
    assert f"The alert is now reviewed on {later}." in page
    assert f"Review date {later} active" in page


def test_it_withdraws_an_alert_only_with_a_reason_and_closes_its_open_hits(
    hits: dict[str, Hit], girl_at_risk: Any, focal: Any, colleague: Any
) -> None:
    client = _client(focal)
    refused = _text(client.post(f"/alerts/{girl_at_risk.pk}/withdraw/", {"reason": "  "}, follow=True))
    assert "Say why the alert is withdrawn." in refused
    assert Alert.objects.get(pk=girl_at_risk.pk).withdrawn_at is None
    page = _text(client.post(f"/alerts/{girl_at_risk.pk}/withdraw/", {"reason": "found safe"}, follow=True))
    assert "The alert was withdrawn; 4 open hit(s) were closed." in page
    assert "withdrawn" in page and "Withdraw the alert" not in page
    assert page.count("Closed") == 4 and " New " not in page
    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    officer = _text(_client(colleague).get(f"/hits/{hit.pk}/"))
    assert "Closed" in officer and "Record what was done" not in officer


# --- hits ----------------------------------------------------------------------------------------------


def test_it_shows_each_actor_their_hit_queue(
    hits: dict[str, Hit], colleague: Any, focal: Any, owner: Any, outsider: Any
) -> None:
    border = _text(_client(colleague).get("/hits/"))
    assert "Hits at our border" in border and "2 hits" in border
    assert "KHM-PNH" in border and "VNM-" not in border
    answering = _text(_client(focal).get("/hits/"))  # a focal point opens the hits on their state's alerts
    assert "Hits on our alerts" in answering and "4 hits" in answering and "VNM-MOCBAI" in answering
    assert "2 hits" in _text(_client(owner).get("/hits/"))
    assert "4 hits" in _text(_client(colleague).get("/hits/", {"queue": "focal"}))
    assert "0 hits" in _text(_client(outsider).get("/hits/"))
    for hit in hits.values():
        assert _client(outsider).get(f"/hits/{hit.pk}/").status_code == 404


def test_it_puts_overdue_hits_first_and_counts_them(hits: dict[str, Hit], colleague: Any) -> None:
    late = hits["khm-gdi:KH-BAV-2026-000011"]
    Hit.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    html = _client(colleague).get("/hits/").content.decode()
    page = _text(_client(colleague).get("/hits/"))
    assert "Overdue 1" in page and "Open 2" in page and "New 2" in page and "Acknowledged 0" in page
    rows = html.split('id="hit-queue"', 1)[1].split("<tbody>", 1)[1].split("<tr")[1:]
    assert f"/hits/{late.pk}/" in rows[0] and "is-overdue" in rows[0] and "OVERDUE" in rows[0]
    assert "OVERDUE" not in rows[1]
    overdue_only = _text(_client(colleague).get("/hits/", {"status": "overdue"}))
    assert "1 hit" in overdue_only and "KHM-BAV" in overdue_only


def test_it_filters_the_queue_by_status_and_alert_type(hits: dict[str, Hit], colleague: Any) -> None:
    from borderlink.screening.hits import change_status

    change_status(hits["khm-gdi:KH-PNH-2026-000003"], "acknowledged", user=colleague)
    client = _client(colleague)
    assert "1 hit" in _text(client.get("/hits/", {"status": "acknowledged"}))
    assert "1 hit" in _text(client.get("/hits/", {"status": "new"}))
    assert "2 hits" in _text(client.get("/hits/", {"status": "open"}))
    assert "2 hits" in _text(client.get("/hits/", {"type": "at_risk"}))
    assert "0 hits" in _text(client.get("/hits/", {"type": "wanted"}))


def test_it_shows_the_action_companions_explanation_and_deadline_of_a_hit(
    hits: dict[str, Hit], colleague: Any, owner: Any
) -> None:
    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    response = _client(colleague).get(f"/hits/{hit.pk}/")
    html = response.content.decode()
    page = _text(response)
    box = html.split('id="action-box"', 1)[1].split("</div>", 1)[0]
    assert "Stop, protect and refer" in box and "Person at risk" in box
    assert f'href="/crossings/{hit.crossing.uid}/"' in html
    assert "RATANAPAN SOMCHAI" in page and "MINOR" in page
    companions = html.split('id="companions"', 1)[1].split("</table>", 1)[0]
    assert "KIM CHENDA" in companions and "/crossings/khm-gdi:KH-PNH-2026-000004/" in companions
    explanation = _text_of(html.split('id="explanation"', 1)[1].split("</table>", 1)[0])
    assert "birth_date exact same birth date 2011-05-07 14.17" in explanation
    assert f"Answer due {timezone.localtime(hit.due_at):%Y-%m-%d %H:%M}" in page
    assert "Match probability 1.000" in page
    assert "borderlink New score 1.000" in _text_of(html.split('id="events"', 1)[1])
    assert 'id="status-form"' in html
    assert 'id="status-form"' not in _client(owner).get(f"/hits/{hit.pk}/").content.decode()  # an analyst reads


def _text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_it_shows_the_escalation_of_an_overdue_hit(hits: dict[str, Hit], colleague: Any) -> None:
    from borderlink.screening.hits import escalate_overdue

    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    Hit.objects.filter(pk=hit.pk).update(due_at=timezone.now() - dt.timedelta(minutes=5))
    escalate_overdue()
    page = _text(_client(colleague).get(f"/hits/{hit.pk}/"))
    assert "OVERDUE" in page and "escalated" in page and "deadline passed without an answer" in page


def test_it_shows_no_companions_for_a_wanted_person(
    make_alert: Callable[..., Any], ingest_samples: Callable[[], Any], colleague: Any
) -> None:
    alert = make_alert(type="wanted", family_name="RATANAPAN", given_names="SOMCHAI", sex="F", birth_date="2011-05-07")
    _drain()
    ingest_samples()
    _drain()
    hit = Hit.objects.filter(alert=alert, crossing__uid="khm-gdi:KH-PNH-2026-000003").get()
    page = _client(colleague).get(f"/hits/{hit.pk}/").content.decode()
    assert "Detain under national law" in page and 'id="companions"' not in page


def test_it_records_a_status_change_with_who_and_when(hits: dict[str, Hit], colleague: Any) -> None:
    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    client = _client(colleague)
    response = client.post(f"/hits/{hit.pk}/status/", {"status": "acknowledged", "note": "held at gate 4"})
    assert response.status_code == 302 and response["Location"] == f"/hits/{hit.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "The hit is now: Acknowledged." in html
    assert "colleague Acknowledged held at gate 4" in _text_of(html.split('id="events"', 1)[1])
    hit.refresh_from_db()
    assert (hit.status, hit.status_by) == ("acknowledged", colleague)


def test_it_requires_a_note_to_say_not_the_person(hits: dict[str, Hit], colleague: Any) -> None:
    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    client = _client(colleague)
    refused = _text(client.post(f"/hits/{hit.pk}/status/", {"status": "not_the_person"}, follow=True))
    assert "say why this is not the person" in refused
    assert Hit.objects.get(pk=hit.pk).status == "new"
    page = _text(
        client.post(f"/hits/{hit.pk}/status/", {"status": "not_the_person", "note": "other mother"}, follow=True)
    )
    assert "The hit is now: Not the person." in page and "other mother" in page
    assert Hit.objects.get(pk=hit.pk).status == "not_the_person"


def test_it_shows_a_refused_move_as_a_message(hits: dict[str, Hit], colleague: Any) -> None:
    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    client = _client(colleague)
    client.post(f"/hits/{hit.pk}/status/", {"status": "closed", "note": "done"})
    page = _text(client.post(f"/hits/{hit.pk}/status/", {"status": "acknowledged"}, follow=True))
    assert "a hit that is closed cannot become acknowledged" in page
    assert "Choose one of the statuses offered." in _text(
        client.post(f"/hits/{hit.pk}/status/", {"status": "arrested"}, follow=True)
    )


def test_it_lets_only_hit_handlers_in_scope_change_a_hit(
    hits: dict[str, Hit], owner: Any, make_user: Callable[..., Any]
) -> None:
    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    assert _client(owner).post(f"/hits/{hit.pk}/status/", {"status": "acknowledged"}).status_code == 403
    thai_officer = _client(make_user("tha-officer", Role.BORDER_OFFICER, "THA"))
    assert thai_officer.post(f"/hits/{hit.pk}/status/", {"status": "acknowledged"}).status_code == 404
    assert _client(owner).get(f"/hits/{hit.pk}/status/").status_code == 405
    assert Hit.objects.get(pk=hit.pk).status == "new"


# --- notifications -------------------------------------------------------------------------------------


def test_it_lists_a_users_notifications_and_marks_them_read(hits: dict[str, Hit], focal: Any, colleague: Any) -> None:
    client = _client(focal)
    navigation = client.get("/alerts/").content.decode().split("</header>", 1)[0]
    assert re.search(r'id="nav-notifications">Notifications <span class="badge minor"[^>]*>4</span>', navigation)
    html = client.get("/notifications/").content.decode()
    assert html.count('class="unread"') == 4
    assert "[borderlink] Person at risk hit on alert KHM/KH-AR-0001" in html
    assert f'href="/hits/{hits["khm-gdi:KH-PNH-2026-000003"].pk}/"' in html
    assert not Notification.objects.filter(user=focal, read_at__isnull=True).exists()
    again = client.get("/notifications/").content.decode()
    assert 'class="unread"' not in again and 'title="unread"' not in again
    assert "No notification." in _text(_client(colleague).get("/notifications/"))
    assert Client().get("/notifications/").status_code == 302


def test_it_shows_alerts_and_hits_in_the_navigation_only_to_those_who_may_see_them(
    colleague: Any, make_user: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from borderlink.accounts import roles

    navigation = _client(colleague).get("/alerts/").content.decode().split("</header>", 1)[0]
    assert 'href="/alerts/"' in navigation and 'href="/hits/"' in navigation
    # Every role has the screening actions today; a role without them sees neither link.
    monkeypatch.setitem(roles.ROLE_ACTIONS, Role.ANALYST, frozenset({roles.Action.VIEW_CROSSING}))
    reader = _client(make_user("reader", Role.ANALYST, "KHM"))
    navigation = reader.get("/crossings/").content.decode().split("</header>", 1)[0]
    assert 'href="/alerts/"' not in navigation and 'href="/hits/"' not in navigation
    assert reader.get("/alerts/").status_code == 403 and reader.get("/hits/").status_code == 403


# --- expected arrivals ---------------------------------------------------------------------------------


def test_it_lists_expected_arrivals_with_their_hits_and_entries(
    make_alert: Callable[..., Any],
    ingest_samples: Callable[[], Any],
    owner: Any,
    colleague: Any,
    outsider: Any,
) -> None:
    from borderlink.crossings.models import Crossing
    from borderlink.screening.arrivals import receive_passenger_lists

    alert = make_alert(
        type="discreet_check", family_name="SOK", given_names="DARA", birth_date="1998", nationality="KHM"
    )
    ingest_samples()
    _drain()
    text = (PAXLST / "synthetic_two_messages.edi").read_bytes().decode("utf-8")
    receive_passenger_lists(text, file_name="tg580.edi", receiving_state="KHM")
    hit = Hit.objects.get(alert=alert)
    entry = Crossing.objects.get(uid="khm-gdi:KH-PNH-2026-000010")
    ExpectedArrival.objects.filter(family_name="O'BRIEN").update(crossing=entry)
    for user in (owner, colleague):
        html = _client(user).get("/arrivals/").content.decode()
        page = _text_of(html)
        assert "TG TG580 · BKK → PNH" in page and "crew list" in page
        assert "SOK DARA" in page and "O'BRIEN MARY ANN" in html.replace("&#x27;", "'")
        assert f'href="/hits/{hit.pk}/"' in html and "Discreet check" in page
        assert f'href="/crossings/{entry.uid}/"' in html
    assert "No passenger list received." in _text(_client(outsider).get("/arrivals/"))
    detail = _text(_client(colleague).get(f"/hits/{hit.pk}/"))
    assert "Do not alert the person" in detail
    assert "Expected on flight TG TG580 from BKK to PNH" in detail and "not landed yet" in detail
    assert _client(outsider).get(f"/hits/{hit.pk}/").status_code == 404


# --- access log ----------------------------------------------------------------------------------------


def test_it_logs_every_page_that_shows_personal_data(
    hits: dict[str, Hit], girl_at_risk: Any, colleague: Any, focal: Any
) -> None:
    hit = hits["khm-gdi:KH-PNH-2026-000003"]
    client = _client(colleague)
    AccessLogEntry.objects.all().delete()
    client.get("/alerts/", {"q": "ratanapan"})
    client.get(f"/alerts/{girl_at_risk.pk}/")
    client.get("/hits/")
    client.get(f"/hits/{hit.pk}/")
    client.get("/arrivals/")  # nothing received: nothing shown, nothing logged
    _client(focal).get(f"/alerts/{girl_at_risk.pk}/edit/")
    entries = [
        (e.username, e.action, e.object_type, e.object_ids, e.query)
        for e in AccessLogEntry.objects.order_by("at", "id")
    ]
    alert_id, hit_id = str(girl_at_risk.pk), str(hit.pk)
    assert ("colleague", "alert.view", "alert", [alert_id], {"q": "ratanapan"}) in entries
    assert ("colleague", "alert.view", "alert", [alert_id], {}) in entries
    assert ("colleague", "hit.view", "hit", [hit_id], {}) in entries
    assert any(
        e[:3] == ("colleague", "hit.view", "hit") and len(e[3]) == 2 and e[4] == {"queue": "border"} for e in entries
    )
    assert ("colleague", "crossing.view", "crossing", [hit.crossing.uid], {}) in entries
    assert ("colleague", "crossing.view", "crossing", ["khm-gdi:KH-PNH-2026-000004"], {}) in entries  # companion
    assert ("fp-primary", "alert.view", "alert", [alert_id], {}) in entries
