"""``borderlink users create|list|set|token``: manage the node's accounts from the command line."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from borderlink.accounts.models import ApiToken, User
from borderlink.accounts.roles import Role, Scope
from borderlink.values.countries import UnknownStateCode, state_code


class Command(BaseCommand):
    help = "Create and list users, change a user's role, country, scope or activity, issue an API token."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a user (the password is asked, or read from a file).")
        create.add_argument("username")
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument("--country", required=True, help="Alpha-3 code of the user's state.")
        create.add_argument("--scope", default=Scope.COUNTRY, choices=Scope.values)
        create.add_argument("--password-file", type=Path, help="Read the password from this file.")
        create.add_argument("--email", default="")
        sub.add_parser("list", help="List users with role, country, scope and whether they are active.")
        change = sub.add_parser("set", help="Change a user's role, country, scope or activity.")
        change.add_argument("username")
        change.add_argument("--role", choices=Role.values)
        change.add_argument("--country")
        change.add_argument("--scope", choices=Scope.values)
        change.add_argument("--active", choices=["true", "false"])
        token = sub.add_parser("token", help="Issue an API token for a user (the key is printed once).")
        token.add_argument("username")
        token.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "do_" + options["action"])(options)

    def _fail(self, message: str) -> None:
        self.stderr.write(f"borderlink users: {message}")
        raise SystemExit(2)

    def _country(self, value: str) -> str:
        try:
            return state_code(value)
        except UnknownStateCode as exc:
            self._fail(str(exc))
            raise

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            self._fail(f"no user {username!r}")
        assert user is not None
        return user

    def do_create(self, options: dict[str, Any]) -> None:
        if User.objects.filter(username=options["username"]).exists():
            self._fail(f"user {options['username']!r} exists already")
        if options["password_file"]:
            password = options["password_file"].read_text(encoding="utf-8").strip()
        elif sys.stdin.isatty():
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                self._fail("the passwords differ")
        else:
            password = sys.stdin.readline().strip()
        user = User(
            username=options["username"],
            email=options["email"],
            role=options["role"],
            country=self._country(options["country"]),
            scope=options["scope"],
        )
        try:
            validate_password(password, user)
        except ValidationError as exc:
            self._fail("; ".join(exc.messages))
        user.set_password(password)
        user.save()
        self.stdout.write(f"created {user.username}: {user.get_role_display()}, {user.country}, {user.scope}")

    def do_list(self, options: dict[str, Any]) -> None:
        for user in User.objects.order_by("username"):
            state = "active" if user.is_active else "inactive"
            self.stdout.write(f"{user.username:<20} {user.role:<15} {user.country:<4} {user.scope:<9} {state}")

    def do_set(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        if options["role"]:
            user.role = options["role"]
        if options["country"]:
            user.country = self._country(options["country"])
        if options["scope"]:
            user.scope = options["scope"]
        if options["active"]:
            user.is_active = options["active"] == "true"
        user.save()
        self.stdout.write(f"{user.username}: {user.role}, {user.country}, {user.scope}, active={user.is_active}")

    def do_token(self, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        _token, raw = ApiToken.issue(user, options["name"])
        self.stdout.write(raw)
