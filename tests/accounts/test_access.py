"""Roles, scopes and the role-by-action table users read in docs/access.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from borderlink.accounts.roles import ROLE_ACTIONS, Action, Role
from borderlink.crossings.models import Crossing

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_it_documents_exactly_the_role_table_the_code_enforces() -> None:
    text = (DOCS / "access.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z.]+)`[^|]*\|(.*)\|\s*$", text, flags=re.MULTILINE)
    documented = {action: [cell.strip() == "✓" for cell in cells.split("|")] for action, cells in rows}
    roles = list(Role)
    expected = {action.value: [action.value in ROLE_ACTIONS[role] for role in roles] for action in Action}
    assert documented == expected


@pytest.mark.django_db
def test_it_restricts_crossings_to_owner_and_colleague_not_outsider(
    ingest_samples: Any, owner: Any, colleague: Any, outsider: Any
) -> None:
    ingest_samples()
    khm = set(Crossing.objects.filter(reporting_state="KHM").values_list("uid", flat=True))
    assert set(Crossing.objects.restrict(owner, Action.VIEW_CROSSING).values_list("uid", flat=True)) == khm
    assert set(Crossing.objects.restrict(colleague, Action.VIEW_CROSSING).values_list("uid", flat=True)) == khm
    assert not khm & set(Crossing.objects.restrict(outsider, Action.VIEW_CROSSING).values_list("uid", flat=True))


@pytest.mark.django_db
def test_it_lets_a_regional_user_read_every_state(ingest_samples: Any, make_user: Any) -> None:
    ingest_samples()
    hub = make_user("hub", Role.ANALYST, "KHM", "regional")
    assert Crossing.objects.restrict(hub, Action.VIEW_CROSSING).count() == 38


@pytest.mark.django_db
def test_it_gives_nothing_to_a_role_without_the_action_or_an_inactive_account(
    ingest_samples: Any, colleague: Any, owner: Any
) -> None:
    ingest_samples()
    assert Crossing.objects.restrict(colleague, Action.EXPORT_CROSSING).count() == 0
    owner.is_active = False
    assert Crossing.objects.restrict(owner, Action.VIEW_CROSSING).count() == 0
    assert Crossing.objects.restrict(None, Action.VIEW_CROSSING).count() == 0
