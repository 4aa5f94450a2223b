"""The ``borderlink mrz`` command: JSON on stdout, exit 0 valid, 1 a check digit fails, 2 unreadable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD3_OLD_COMPOSITE = [TD3[0], "L898902C36UTO7408122F1204159ZE184226B<<<<<14"]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "mrz.md"


def run(*lines: str) -> tuple[int, str, str]:
    """Run the command in-process and return its exit status, stdout and stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("mrz", *lines, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_it_prints_the_fields_and_checks_of_a_valid_mrz_and_exits_0():
    status, out, err = run(*TD3)
    assert status == 0
    assert err == ""
    printed = json.loads(out)
    assert printed["document_number"] == "L898902C3"
    assert printed["birth_date"] == "1974-08-12"
    assert printed["valid"] is True
    assert [check["field"] for check in printed["checks"]] == [
        "document_number",
        "birth_date",
        "expiry_date",
        "optional_data",
        "composite",
    ]
    assert all(check["ok"] for check in printed["checks"])


def test_it_prints_indented_json():
    _, out, _ = run(*TD3)
    assert out.startswith('{\n  "format": "TD3",\n')


def test_it_reads_lines_joined_with_a_bar_as_one_argument():
    assert run("|".join(TD3)) == run(*TD3)


def test_it_exits_1_and_still_prints_everything_when_a_check_digit_fails():
    status, out, err = run(*TD3_OLD_COMPOSITE)
    assert status == 1
    assert err == ""
    printed = json.loads(out)
    assert printed["valid"] is False
    assert printed["checks"][-1] == {"field": "composite", "printed": "4", "computed": "0", "ok": False}


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        ((TD3[0], TD3[1][:-1]), "line 2: expected 44 characters, got 43"),
        ((TD3[0],), "line 2 is missing"),
        ((TD3[0].lower(), TD3[1]), "line 1, position 1: lower-case 'p'"),
        (("hello",), "line 1: expected 30, 36 or 44 characters"),
    ],
)
def test_it_exits_2_with_a_one_line_message_when_the_input_is_not_an_mrz(lines, reason):
    status, out, err = run(*lines)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("borderlink mrz: not a readable MRZ: ")
    assert reason in err


def _borderlink(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BORDERLINK_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "borderlink", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (TD3, 0),
        (["|".join(TD3)], 0),
        (["".join(TD3)], 0),
        (TD3_OLD_COMPOSITE, 1),
        ([TD3[0]], 2),
        ([], 2),
    ],
)
def test_it_sets_the_exit_status_of_the_borderlink_command(tmp_path, args, status):
    result = _borderlink(tmp_path, "mrz", *args)
    assert result.returncode == status, result.stderr
    if status < 2:
        assert json.loads(result.stdout)["valid"] is (status == 0)
    else:
        assert result.stdout == ""
        assert result.stderr.strip()


def test_it_documents_exactly_what_it_prints_for_the_utopia_specimen():
    # docs/mrz.md shows the command's output on the TD3 specimen; keep it true.
    example = re.search(r"<!-- example: td3 -->\s*```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert example is not None
    _, out, _ = run(*TD3)
    assert json.loads(example.group(1)) == json.loads(out)
