"""A focal point issues an at-risk alert, a crossing hits it, and the officer works the hit, in headless Chromium."""

from __future__ import annotations

from typing import Any

import pytest

SCREENSHOT = "/tmp/hit.png"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_takes_an_at_risk_alert_from_the_focal_point_to_the_officers_acknowledgement(
    live_server: Any, browser: Any, ingest_samples: Any, focal_points: dict[str, Any], colleague: Any, in_a_year: Any
) -> None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as shown
    from selenium.webdriver.support.ui import Select, WebDriverWait

    import borderlink.jobs.handlers  # noqa: F401
    from borderlink.jobs.queue import drain
    from borderlink.screening.models import Hit

    def main_text_with(text: str) -> str:
        # While the next page replaces the current one, Chromium may answer that the element it just found
        # "does not belong to the document": a moment of the navigation, not a failure, so the wait goes on.
        WebDriverWait(browser, 15, ignored_exceptions=(WebDriverException,)).until(
            shown.text_to_be_present_in_element((By.TAG_NAME, "main"), text)
        )
        return str(browser.find_element(By.TAG_NAME, "main").text)

    def sign_in(username: str, path: str) -> None:
        browser.delete_all_cookies()
        browser.get(f"{live_server.url}{path}")
        assert "/login/" in browser.current_url
        browser.find_element(By.NAME, "username").send_keys(username)
        browser.find_element(By.NAME, "password").send_keys("correct-horse-battery")
        browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()

    # The focal point issues the alert on a Thai girl of 15.
    sign_in("fp-primary", "/alerts/new/")
    main_text_with("New alert")
    for name, value in (
        ("alert_ref", "KH-AR-0042"),
        ("family_name", "RATANAPAN"),
        ("given_names", "SOMCHAI"),
        ("birth_date", "2011-05-07"),
        ("nationality", "THA"),
        ("reason", "Recruited by an agent for work in a karaoke bar; mother reported her missing."),
    ):
        browser.find_element(By.NAME, name).send_keys(value)
    Select(browser.find_element(By.NAME, "type")).select_by_value("at_risk")
    Select(browser.find_element(By.NAME, "sex")).select_by_value("F")
    review = browser.find_element(By.NAME, "review_date")
    browser.execute_script("arguments[0].value = arguments[1];", review, in_a_year.isoformat())
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    assert "Stop, protect and refer" in main_text_with("Alert KH-AR-0042 was created.")

    # The border's exports arrive and are screened as they are ingested.
    drain()
    ingest_samples()
    drain()
    hit = Hit.objects.get(alert__ref="KH-AR-0042", crossing__uid="khm-gdi:KH-PNH-2026-000003")

    # The officer at the airport opens the queue and the hit.
    sign_in("colleague", "/hits/")
    queue = main_text_with("Hits at our border")
    assert "2 hits" in queue and "RATANAPAN SOMCHAI" in queue
    browser.find_element(By.CSS_SELECTOR, f'#hit-queue a[href="/hits/{hit.pk}/"]').click()
    main_text_with("Why it matched")
    action = browser.find_element(By.ID, "action-box").text
    assert "Stop, protect and refer" in action and "do not release them to companions" in action
    assert "KIM CHENDA" in browser.find_element(By.ID, "companions").text
    assert "Recruited by an agent" not in browser.page_source  # the checkpoint sees what to do, not why

    Select(browser.find_element(By.NAME, "status")).select_by_value("acknowledged")
    browser.find_element(By.NAME, "note").send_keys("Held at gate 4; escort KIM CHENDA kept apart.")
    browser.find_element(By.CSS_SELECTOR, "#status-form button[type=submit]").click()
    page = main_text_with("The hit is now: Acknowledged.")
    assert "Held at gate 4" in browser.find_element(By.ID, "events").text
    assert "KIM CHENDA" in page
    browser.set_window_size(1400, 1900)
    browser.save_screenshot(SCREENSHOT)
    hit.refresh_from_db()
    assert (hit.status, hit.status_by_id) == ("acknowledged", colleague.pk)
