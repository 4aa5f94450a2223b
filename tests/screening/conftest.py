"""Fixtures of the screening tests: a fresh in-process index, alerts and focal points."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _fresh_screening_index() -> Any:
    """The screening index lives in the process; every test starts from its own database."""
    from borderlink.screening.runtime import forget_index

    forget_index()
    yield
    forget_index()


@pytest.fixture
def in_a_year() -> dt.date:
    """A review date safely in the future."""
    return timezone.localdate() + dt.timedelta(days=365)


@pytest.fixture
def make_alert(db: Any, in_a_year: dt.date) -> Callable[..., Any]:
    """Create an alert through the service, as the pages and the API do."""
    from borderlink.screening.alerts import AlertInput, create_alert

    counter = iter(range(1, 10_000))

    def make(state: str = "KHM", ref: str | None = None, user: Any = None, **values: Any) -> Any:
        values.setdefault("type", "at_risk")
        values.setdefault("reason", "Reported missing by her mother in Siem Reap")
        values.setdefault("review_date", in_a_year)
        return create_alert(
            AlertInput.from_mapping(values), issuing_state=state, ref=ref or f"A-{next(counter):04d}", user=user
        )

    return make


@pytest.fixture
def focal_points(db: Any, make_user: Callable[..., Any]) -> dict[str, Any]:
    """Cambodia's focal point, deputy and 24/7 desk, each with an account."""
    from borderlink.accounts.roles import Role
    from borderlink.registry.models import FocalPoint

    people = {}
    for duty in ("primary", "deputy", "desk"):
        user = make_user(f"fp-{duty}", role=Role.FOCAL_POINT, country="KHM")
        FocalPoint.objects.create(state_id="KHM", duty=duty, name=f"KHM {duty}", email=f"{duty}@khm.example", user=user)
        people[duty] = user
    return people
