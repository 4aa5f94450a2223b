"""Administrators manage accounts from the command line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from borderlink.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("users", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_it_creates_a_user_with_role_country_and_scope(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("a long enough passphrase\n")
    status, out, _ = _run("create", "dara", "--role", "analyst", "--country", "khm", "--password-file", str(secret))
    assert status == 0 and "created dara" in out
    user = User.objects.get(username="dara")
    assert (user.role, user.country, user.scope) == ("analyst", "KHM", "country")
    assert user.check_password("a long enough passphrase")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--country", "ZZZ"), "ZZZ"),
        (("--country", "KHM"), "too short"),
    ],
)
def test_it_refuses_a_bad_country_or_a_weak_password(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    secret = tmp_path / "pw"
    secret.write_text("short" if message == "too short" else "a long enough passphrase")
    status, _, err = _run("create", "x", "--role", "analyst", *args, "--password-file", str(secret))
    assert status == 2 and message in err
    assert not User.objects.filter(username="x").exists()


def test_it_changes_a_user_and_issues_a_token(make_user: object) -> None:
    User.objects.create_user("somchai", password="irrelevant-here", role="border_officer", country="THA")
    assert _run("set", "somchai", "--role", "focal_point", "--active", "false")[0] == 0
    user = User.objects.get(username="somchai")
    assert (user.role, user.is_active) == ("focal_point", False)
    status, out, _ = _run("token", "somchai", "checkpoint software")
    assert status == 0 and out.startswith("bl_")
    assert ApiToken.objects.authenticate(out.strip()) is None  # inactive users' tokens do not work
    assert "somchai" in _run("list")[1]
    assert _run("set", "nobody", "--role", "analyst")[0] == 2
