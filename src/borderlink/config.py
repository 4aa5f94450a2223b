"""Strict parsing of ``BORDERLINK_*`` environment variables.

Settings come from the environment only (twelve-factor). Every value is parsed strictly:
a value that cannot be read stops start-up with a message naming the variable, rather
than being silently replaced by a default. Secrets may also be read from ``<NAME>_FILE``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

PREFIX = "BORDERLINK_"

#: Every setting the node reads, with its meaning; docs/settings.md is checked against this.
DOCUMENTED: dict[str, str] = {
    "DATA_DIR": "Folder for the node's files (SQLite database, secret key, uploads). Default ./var",
    "DATABASE_URL": "sqlite:///absolute/path.sqlite3 or postgresql://user:password@host:port/db",
    "SECRET_KEY": "Django secret key (or SECRET_KEY_FILE). Default: generated once into DATA_DIR",
    "DEBUG": "true or false. Default false",
    "ALLOWED_HOSTS": "Comma-separated host names. Default localhost,127.0.0.1,[::1]",
    "NODE_STATE": "ISO 3166 alpha-3 code of the state that runs this node. Default KHM",
    "TIME_ZONE": "Default time zone for pages when no checkpoint gives one. Default Asia/Bangkok",
    "EMAIL_BACKEND": "Django e-mail backend path. Default console backend",
    "INGEST_BATCH": "Rows written per database batch during ingest. Default 5000",
    "HIT_DEADLINE_HOURS": "Hours the issuing state's focal point has to answer a hit before it escalates. Default 12",
    "ALERT_LOOKBACK_DAYS": "Days of past crossings a new alert is screened over. Default 90",
    "SCREENING_REFRESH_SECONDS": "Longest a process screens before checking alerts for changes. Default 1",
    "SCREENING_ONE_DIGIT_BIRTHS": "true to let a birth date one digit from an alert's still hit. Default false",
    "IDENTITY_BACKEND": "duckdb or spark: where `borderlink identity train|cluster` run Splink. Default duckdb",
    "LOG_LEVEL": "DEBUG, INFO, WARNING or ERROR. Default INFO",
    "HTTPS": "true when the node is served over HTTPS: cookies are then sent over HTTPS only. Default false",
}


@dataclass(frozen=True)
class DatabaseConfig:
    """A parsed ``BORDERLINK_DATABASE_URL``."""

    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""


class Env:
    """Reads ``BORDERLINK_*`` variables from a mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        if name not in DOCUMENTED:
            raise KeyError(f"undocumented setting {name}")
        return self.environ.get(PREFIX + name)

    def string(self, name: str, default: str) -> str:
        """Return the variable, or ``default`` when it is unset."""
        value = self._raw(name)
        return default if value is None else value

    def boolean(self, name: str, default: bool) -> bool:
        """Return ``true``/``false`` (also 1/0, yes/no); anything else stops start-up."""
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.strip().lower()
        if lowered in {"true", "1", "yes"}:
            return True
        if lowered in {"false", "0", "no"}:
            return False
        raise ImproperlyConfigured(f"{PREFIX}{name}={value!r}: expected true or false")

    def integer(self, name: str, default: int, minimum: int = 1) -> int:
        """Return a whole number not below ``minimum``."""
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = int(value.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{PREFIX}{name}={value!r}: expected a whole number") from None
        if number < minimum:
            raise ImproperlyConfigured(f"{PREFIX}{name}={value!r}: must be at least {minimum}")
        return number

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        """Return one of ``choices``."""
        value = self.string(name, default).strip().upper()
        if value not in choices:
            raise ImproperlyConfigured(f"{PREFIX}{name}={value!r}: expected one of {', '.join(choices)}")
        return value

    def secret(self, name: str) -> str | None:
        """Return a secret from ``<NAME>`` or from the file named by ``<NAME>_FILE``."""
        direct = self.environ.get(PREFIX + name)
        path = self.environ.get(PREFIX + name + "_FILE")
        if direct is not None and path is not None:
            raise ImproperlyConfigured(f"set {PREFIX}{name} or {PREFIX}{name}_FILE, not both")
        if path is not None:
            try:
                return Path(path).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ImproperlyConfigured(f"{PREFIX}{name}_FILE={path!r}: {exc.strerror}") from None
        return direct


def parse_database_url(url: str) -> DatabaseConfig:
    """Parse ``sqlite:///abs/path`` or ``postgresql://user:pw@host:port/db``."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///abs/path gives the path /abs/path; a fourth slash is tolerated.
        path = "/" + unquote(parts.path).lstrip("/")
        if parts.netloc or path == "/":
            raise ImproperlyConfigured(f"{PREFIX}DATABASE_URL={url!r}: a SQLite URL is sqlite:///absolute/path.sqlite3")
        return DatabaseConfig(engine="django.db.backends.sqlite3", name=path)
    if parts.scheme in {"postgresql", "postgres"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"{PREFIX}DATABASE_URL={url!r}: no database name after the host")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{PREFIX}DATABASE_URL={url!r}: the port is not a number") from None
        return DatabaseConfig(
            engine="django.db.backends.postgresql",
            name=name,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            host=parts.hostname or "",
            port=str(port or ""),
        )
    raise ImproperlyConfigured(f"{PREFIX}DATABASE_URL={url!r}: expected a sqlite:/// or postgresql:// URL")


def load_or_create_secret_key(data_dir: Path) -> str:
    """Return the node's generated secret key, creating it (mode 0600) on first start."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key
