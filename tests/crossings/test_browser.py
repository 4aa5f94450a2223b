"""An officer signs in and works the crossing pages in a real headless Chromium."""

from __future__ import annotations

import tempfile
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_it_lets_an_officer_sign_in_filter_and_open_a_minors_crossing(
    live_server: Any, browser: Any, ingest_samples: Any, colleague: Any
) -> None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as shown
    from selenium.webdriver.support.ui import WebDriverWait

    def main_text_with(text: str) -> str:
        # While the next page replaces the current one, Chromium may answer that the element it just found
        # "does not belong to the document": a moment of the navigation, not a failure, so the wait goes on.
        WebDriverWait(browser, 15, ignored_exceptions=(WebDriverException,)).until(
            shown.text_to_be_present_in_element((By.TAG_NAME, "main"), text)
        )
        return str(browser.find_element(By.TAG_NAME, "main").text)

    ingest_samples()
    browser.get(f"{live_server.url}/crossings/")
    assert "/login/" in browser.current_url
    browser.find_element(By.NAME, "username").send_keys("colleague")
    browser.find_element(By.NAME, "password").send_keys("correct-horse-battery")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert "17 crossings" in main_text_with("17 crossings")

    browser.find_element(By.NAME, "q").send_keys("ស៊ុន")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    main = main_text_with("2 crossings")
    assert "SUN BOPHA" in main

    browser.get(f"{live_server.url}/crossings/?minor=true")
    main_text_with("3 crossings")
    browser.find_element(By.LINK_TEXT, "2026-11-02 06:59").click()
    detail = main_text_with("Raw source record")
    assert "MINOR" in detail
    assert "RATANAPAN SOMCHAI" in detail
    assert "KH-PNH-2026-000003,PNH,OUT" in browser.find_element(By.CSS_SELECTOR, "pre.raw").text
    browser.save_screenshot(f"{tempfile.gettempdir()}/borderlink-crossing.png")
