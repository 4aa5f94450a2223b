"""Shared fixtures.

Fixture policy: tests use the small sample files of each national format in tests/fixtures/
(copied from shared/samples, written from DESIGN.md) or build a few rows inline; anything larger
comes from ``borderlink synth`` with a fixed seed. Users come in three kinds for every access
test: an owner (Cambodian analyst), a colleague in scope (Cambodian officer) and an outsider
(Thai analyst), who must get 404 for Cambodian records.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from borderlink.accounts.roles import Role, Scope

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = FIXTURES / "samples"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run PostgreSQL-only tests only against PostgreSQL; run the Spark tests last.

    A local Spark session leaves the JVM gateway's threads in the test process, and a process with
    threads must not fork: the ingest tests that split work over two processes would see it.
    """
    on_postgres = os.environ.get("BORDERLINK_DATABASE_URL", "").startswith("postgres")
    skip = pytest.mark.skip(reason="needs BORDERLINK_DATABASE_URL=postgresql://...")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip)
    items.sort(key=lambda item: "spark" in item.keywords)


@pytest.fixture(autouse=True)
def _fresh_linking_index() -> Any:
    """The identity linking index lives in the process; every test starts from its own database."""
    from borderlink.identity.linking import forget_state

    forget_state()
    yield
    forget_state()


@pytest.fixture
def sample_bytes() -> Callable[[str], bytes]:
    """Read one of the national sample files."""
    return lambda name: (SAMPLES / name).read_bytes()


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    """Create a user with a role, a country and a scope."""
    from borderlink.accounts.models import User

    def make(username: str, role: str = Role.ANALYST, country: str = "KHM", scope: str = Scope.COUNTRY) -> User:
        user = User.objects.create_user(username=username, password="correct-horse-battery", role=role)
        user.country = country
        user.scope = scope
        user.save()
        return user

    return make


@pytest.fixture
def owner(make_user: Callable[..., Any]) -> Any:
    """A Cambodian analyst: Cambodian records are theirs to read."""
    return make_user("owner", Role.ANALYST, "KHM")


@pytest.fixture
def colleague(make_user: Callable[..., Any]) -> Any:
    """A Cambodian border officer: in scope, with a narrower role."""
    return make_user("colleague", Role.BORDER_OFFICER, "KHM")


@pytest.fixture
def outsider(make_user: Callable[..., Any]) -> Any:
    """A Thai analyst: Cambodian records are out of scope."""
    return make_user("outsider", Role.ANALYST, "THA")


@pytest.fixture
def admin_user(make_user: Callable[..., Any]) -> Any:
    """A Cambodian administrator (may upload and retry)."""
    return make_user("admin", Role.ADMINISTRATOR, "KHM")


@pytest.fixture
def ingest_samples(db: Any) -> Callable[[], list[Any]]:
    """Import the three sample files through the installed mappings."""
    from borderlink.ingest.catalogue import get_mapping
    from borderlink.ingest.services import import_file

    def run() -> list[Any]:
        return [
            import_file(get_mapping(source), (SAMPLES / name).read_bytes(), name)
            for source, name in (
                ("khm-gdi", "khm-gdi.csv"),
                ("tha-ib", "tha-ib.jsonl"),
                ("vnm-xnc", "vnm-xnc.xml"),
            )
        ]

    return run


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Chromium driven through chromedriver (Debian packages chromium, chromium-driver)."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="borderlink-chromium-")
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--window-size=1400,1000",
    ):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
