"""``borderlink ingest SOURCE FILE...``: the summary line, ``--json`` and the exit statuses (DESIGN.md section 4).

Most tests run the real command in a subprocess against a node of its own (a data directory
migrated once per module and copied per test); the exit-status combinations go through
``call_command`` to stay fast.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from borderlink.crossings.models import Crossing
from borderlink.ingest.catalogue import SHIPPED_DIR
from borderlink.ingest.models import ImportRun
from tests.conftest import SAMPLES

BORDERLINK = Path(sys.executable).parent / "borderlink"
JSON_KEYS = {
    "import_run",
    "source",
    "file",
    "sha256",
    "status",
    "error",
    "read",
    "stored",
    "updated",
    "unchanged",
    "quarantined",
}
SUMMARY = re.compile(
    r"(?P<file>\S+): read (?P<read>\d+), stored (?P<stored>\d+), updated (?P<updated>\d+), "
    r"unchanged (?P<unchanged>\d+), quarantined (?P<quarantined>\d+) \(import run (?P<run>\d+)\)"
)


@pytest.fixture(scope="module")
def migrated_node(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with a migrated database, made once for the module."""
    data_dir = tmp_path_factory.mktemp("template-node")
    subprocess.run([str(BORDERLINK), "migrate", "-v0"], env=node_env(data_dir), check=True, timeout=120)
    return data_dir


def node_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BORDERLINK_", "DJANGO_"))}
    env["BORDERLINK_DATA_DIR"] = str(data_dir)
    return env


@pytest.fixture
def node(migrated_node: Path, tmp_path: Path) -> Path:
    """A fresh node for one test (a copy of the migrated one)."""
    data_dir = tmp_path / "node"
    shutil.copytree(migrated_node, data_dir)
    return data_dir


def borderlink(node: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BORDERLINK), *map(str, args)], env=node_env(node), capture_output=True, text=True, timeout=120
    )


def node_rows(node: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(node / "borderlink.sqlite3") as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Input files: a sample with defects, a clean one, an empty one, one with only defects."""
    folder = tmp_path / "in"
    folder.mkdir()
    data = (SAMPLES / "khm-gdi.csv").read_bytes()
    lines = data.split(b"\r\n")
    defects = {7, 10, 16}  # file lines of the rows the sample must quarantine (samples/quarantined.json)
    made = {
        "sample": data,
        "clean": b"\r\n".join(line for number, line in enumerate(lines, 1) if number not in defects),
        "empty": b"",
        "all-bad": b"\r\n".join([lines[0], *(lines[n - 1] for n in sorted(defects))]) + b"\r\n",
    }
    paths = {}
    for name, content in made.items():
        paths[name] = folder / f"{name}.csv"
        paths[name].write_bytes(content)
    return paths


# --- Through the real command --------------------------------------------------------------------


def test_it_prints_one_summary_line_per_file(node: Path, files: dict[str, Path]) -> None:
    done = borderlink(node, "ingest", "khm-gdi", files["sample"])
    assert done.returncode == 3, done.stderr
    assert done.stderr == ""
    [line] = done.stdout.splitlines()
    match = SUMMARY.fullmatch(line)
    assert match, line
    assert match.group("file", "read", "stored", "updated", "unchanged", "quarantined") == (
        "sample.csv",
        "20",
        "17",
        "0",
        "0",
        "3",
    )
    assert node_rows(node, "SELECT id, status FROM ingest_importrun") == [(int(match["run"]), "done")]
    assert node_rows(node, "SELECT count(*) FROM crossings_crossing") == [(17,)]


def test_it_prints_the_documented_keys_with_json(node: Path) -> None:
    path = SAMPLES / "tha-ib.jsonl"
    done = borderlink(node, "ingest", "tha-ib", path, "--json")
    assert done.returncode == 3, done.stderr
    [line] = done.stdout.splitlines()
    summary = json.loads(line)
    assert set(summary) == JSON_KEYS
    assert isinstance(summary["import_run"], int)
    assert {k: v for k, v in summary.items() if k != "import_run"} == {
        "source": "tha-ib",
        "file": "tha-ib.jsonl",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "status": "done",
        "error": None,
        "read": 9,
        "stored": 6,
        "updated": 0,
        "unchanged": 0,
        "quarantined": 3,
    }


def test_it_exits_0_when_nothing_is_quarantined_and_again_when_nothing_is_new(
    node: Path, files: dict[str, Path]
) -> None:
    first = borderlink(node, "ingest", "khm-gdi", files["clean"])
    again = borderlink(node, "ingest", "khm-gdi", files["clean"])
    assert (first.returncode, again.returncode) == (0, 0), (first.stderr, again.stderr)
    assert "read 17, stored 17, updated 0, unchanged 0, quarantined 0" in first.stdout
    assert "read 17, stored 0, updated 0, unchanged 17, quarantined 0" in again.stdout


def test_it_exits_2_and_says_nothing_was_stored_when_a_file_is_refused(node: Path, files: dict[str, Path]) -> None:
    done = borderlink(node, "ingest", "khm-gdi", files["empty"])
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == "empty.csv: refused, nothing stored: the file is empty"
    assert node_rows(node, "SELECT status, error FROM ingest_importrun") == [("refused", "the file is empty")]
    assert node_rows(node, "SELECT count(*) FROM crossings_crossing") == [(0,)]

    as_json = borderlink(node, "ingest", "khm-gdi", files["empty"], "--json")
    assert as_json.returncode == 2
    summary = json.loads(as_json.stdout)
    assert set(summary) == JSON_KEYS
    assert (summary["status"], summary["error"], summary["read"], summary["stored"]) == (
        "refused",
        "the file is empty",
        0,
        0,
    )


def test_it_exits_with_the_worst_status_of_several_files(node: Path, files: dict[str, Path]) -> None:
    done = borderlink(node, "ingest", "khm-gdi", files["clean"], files["sample"], files["empty"], "--json")
    assert done.returncode == 2
    summaries = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(s["file"], s["status"], s["quarantined"]) for s in summaries] == [
        ("clean.csv", "done", 0),
        ("sample.csv", "done", 3),
        ("empty.csv", "refused", 0),
    ]


def test_it_exits_2_listing_the_installed_mappings_for_an_unknown_source(node: Path, files: dict[str, Path]) -> None:
    done = borderlink(node, "ingest", "lao-xyz", files["clean"])
    assert done.returncode == 2
    assert "no mapping installed for source 'lao-xyz'" in done.stderr
    assert "installed: khm-gdi, tha-ib, vnm-xnc" in done.stderr
    assert "Traceback" not in done.stderr
    assert node_rows(node, "SELECT count(*) FROM ingest_importrun") == [(0,)]


def test_it_exits_2_naming_a_missing_file(node: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-export.csv"
    done = borderlink(node, "ingest", "khm-gdi", missing)
    assert done.returncode == 2
    assert str(missing) in done.stderr and "No such file" in done.stderr
    assert "Traceback" not in done.stderr
    assert node_rows(node, "SELECT count(*) FROM ingest_importrun") == [(0,)]


# --- Through call_command (the test database) ----------------------------------------------------


def run_command(*args: Any) -> tuple[int, str, str]:
    """``call_command("ingest", ...)``: exit status, standard output and error."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def _data_dir(settings: Any, tmp_path: Path) -> None:
    settings.DATA_DIR = tmp_path / "data"


@pytest.mark.django_db
@pytest.mark.usefixtures("_data_dir")
@pytest.mark.parametrize(
    ("names", "status"),
    [
        (["clean"], 0),
        (["all-bad"], 3),
        (["clean", "sample"], 3),
        (["sample", "clean"], 3),
        (["empty", "clean"], 2),
        (["clean", "empty"], 2),
        (["sample", "empty", "clean"], 2),
        (["all-bad", "clean", "clean"], 3),
    ],
)
def test_it_exits_with_the_worst_of_0_3_and_2(files: dict[str, Path], names: list[str], status: int) -> None:
    code, out, err = run_command("khm-gdi", *(files[name] for name in names), "--json")
    assert code == status, err
    reported = [json.loads(line)["file"] for line in out.splitlines()]
    assert reported == [f"{name}.csv" for name in names]  # every file is tried, refused or not
    assert ImportRun.objects.count() == len(names)


@pytest.mark.django_db
@pytest.mark.usefixtures("_data_dir")
def test_it_counts_every_row_quarantined_as_exit_3(files: dict[str, Path]) -> None:
    code, out, _err = run_command("khm-gdi", files["all-bad"])
    assert code == 3
    assert "read 3, stored 0, updated 0, unchanged 0, quarantined 3" in out
    assert not Crossing.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("_data_dir")
def test_it_reads_with_a_mapping_file_given_instead_of_a_source(files: dict[str, Path]) -> None:
    code, out, err = run_command(files["clean"], "--mapping", SHIPPED_DIR / "khm-gdi.yaml")
    assert code == 0, err
    assert SUMMARY.fullmatch(out.strip())
    assert Crossing.objects.count() == 17


@pytest.mark.django_db
@pytest.mark.usefixtures("_data_dir")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give a SOURCE (or --mapping FILE) and at least one FILE"),
        (["khm-gdi"], "give at least one FILE to import"),
        (["nope", "x.csv"], "(installed: khm-gdi, tha-ib, vnm-xnc)"),
    ],
)
def test_it_exits_2_on_a_usage_error_saying_what_is_missing(args: list[str], message: str) -> None:
    code, out, err = run_command(*args)
    assert (code, out) == (2, "")
    assert message in err
    assert not ImportRun.objects.exists()
