"""Settings come from BORDERLINK_* variables, parsed strictly, all documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from borderlink.config import DOCUMENTED, Env, parse_database_url

ROOT = Path(__file__).resolve().parents[1]


def test_it_documents_every_setting_the_code_reads() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `BORDERLINK_([A-Z_]+)`", text, flags=re.MULTILINE))
    assert documented == set(DOCUMENTED)


@pytest.mark.parametrize(
    ("url", "engine", "name", "host"),
    [
        ("sqlite:///tmp/node.sqlite3", "django.db.backends.sqlite3", "/tmp/node.sqlite3", ""),
        ("sqlite:////tmp/node.sqlite3", "django.db.backends.sqlite3", "/tmp/node.sqlite3", ""),
        ("postgresql://postgres@127.0.0.1:5432/test", "django.db.backends.postgresql", "test", "127.0.0.1"),
    ],
)
def test_it_reads_database_urls(url: str, engine: str, name: str, host: str) -> None:
    config = parse_database_url(url)
    assert (config.engine, config.name, config.host) == (engine, name, host)


@pytest.mark.parametrize(
    "url", ["mysql://x/y", "sqlite:///", "sqlite://host/x", "postgresql://h:port/db", "postgresql://h/"]
)
def test_it_refuses_database_urls_it_cannot_use(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="BORDERLINK_DATABASE_URL"):
        parse_database_url(url)


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("0", False), ("No", False)])
def test_it_reads_booleans_strictly(value: str, expected: bool) -> None:
    assert Env({"BORDERLINK_DEBUG": value}).boolean("DEBUG", not expected) is expected


def test_it_stops_on_a_boolean_it_cannot_read() -> None:
    with pytest.raises(ImproperlyConfigured, match="BORDERLINK_DEBUG='maybe'"):
        Env({"BORDERLINK_DEBUG": "maybe"}).boolean("DEBUG", False)


def test_it_reads_a_secret_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    assert Env({"BORDERLINK_SECRET_KEY_FILE": str(secret)}).secret("SECRET_KEY") == "s3cret"
    with pytest.raises(ImproperlyConfigured, match="not both"):
        Env({"BORDERLINK_SECRET_KEY_FILE": str(secret), "BORDERLINK_SECRET_KEY": "x"}).secret("SECRET_KEY")


def test_it_refuses_to_start_with_a_bad_value(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "borderlink", "check"],
        env={"BORDERLINK_DATA_DIR": str(tmp_path), "BORDERLINK_INGEST_BATCH": "lots", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "BORDERLINK_INGEST_BATCH='lots': expected a whole number" in result.stderr


def test_a_new_sqlite_node_gets_large_pages_and_write_ahead_logging(tmp_path: Path) -> None:
    """The page size is fixed when the file is created: it must be asked for before WAL creates it."""
    import sqlite3

    result = subprocess.run(
        [sys.executable, "-m", "borderlink", "migrate", "--verbosity", "0"],
        env={"BORDERLINK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    database = sqlite3.connect(tmp_path / "borderlink.sqlite3")
    try:
        assert database.execute("PRAGMA page_size").fetchone() == (16384,)
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        database.close()
