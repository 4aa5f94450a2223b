"""The mapping language as a user writes it: check-mapping's problems and what each key does to data.

The first part runs ``borderlink check-mapping`` on a small valid mapping with one line changed and
asserts the exact line it reports. The second part imports a few inline rows through small
mappings and checks the common-model values a user would see (docs/mapping.md is the reference).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from borderlink.crossings.models import Crossing
from borderlink.crossings.serialize import crossing_to_dict
from borderlink.ingest.catalogue import get_mapping, mapping_paths
from borderlink.ingest.mapping.spec import MappingError, parse_mapping
from borderlink.ingest.models import ImportRun, QuarantinedRecord
from borderlink.ingest.services import import_file

# Line numbers matter below: each test changes one line of this mapping.
GOOD = """\
source: test-csv
reporting_state: KHM
format:
  type: csv
  columns: [ref, post, move, time, family, given, sex, purpose]
fields:
  id: ref
  checkpoint: post
  direction: {from: move, codes: {IN: entry, OUT: exit}}
  crossed_at: {from: time, datetime: "DD/MM/YYYY HH:mm"}
  traveller.family_name: family
  traveller.given_names: given
  traveller.sex: {from: sex, codes: {M: M, F: F}}
  purpose: {from: purpose, codes: {TOUR: tourism}}
"""


def edit(number: int, new: str) -> str:
    """GOOD with line ``number`` replaced by ``new`` (several lines, or none when empty)."""
    lines = GOOD.splitlines()
    lines[number - 1 : number] = new.splitlines()
    return "\n".join(lines) + "\n"


def check(tmp_path: Path, text: str, *args: str) -> tuple[int, str, str, str]:
    """Write ``text`` as a mapping file and run check-mapping on it: status, stdout, stderr, path."""
    path = tmp_path / "test-csv.yaml"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command("check-mapping", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue(), str(path)
    return 0, out.getvalue(), err.getvalue(), str(path)


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(MappingError) as caught:
        parse_mapping(text, "test-csv.yaml")
    return caught.value.problems


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    """A fresh node data directory (installed mappings, kept import files) for every test."""
    settings.DATA_DIR = tmp_path / "var"
    return Path(settings.DATA_DIR)


#
# check-mapping: problems with their line numbers
#


def test_it_accepts_the_valid_mapping_the_other_tests_break() -> None:
    spec = parse_mapping(GOOD, "test-csv.yaml")
    assert spec.source == "test-csv"
    assert len(spec.fields) == 8


def test_it_reports_an_unknown_top_level_key_on_its_line() -> None:
    found = problems(edit(2, "reporting_state: KHM\nowner: GDI"))
    assert [line for line, _ in found] == [3]
    assert "unknown key 'owner'" in found[0][1]


def test_it_reports_an_unknown_key_of_a_field_on_its_line() -> None:
    found = problems(edit(11, "  traveller.family_name: {from: family, uppercase: true}"))
    assert found == [(11, "traveller.family_name: unknown key 'uppercase'")]


def test_it_reports_an_unknown_target_field_on_its_line() -> None:
    found = problems(edit(12, "  traveller.given_name: given"))
    assert [line for line, _ in found] == [12]
    assert "unknown target field 'traveller.given_name'" in found[0][1]


def test_it_reports_a_missing_required_target_on_the_fields_line() -> None:
    assert problems(edit(10, "")) == [(6, "fields: crossed_at is required")]


def test_it_reports_a_converter_the_target_does_not_take_on_its_line() -> None:
    assert problems(edit(10, '  crossed_at: {from: time, date: "DD/MM/YYYY"}')) == [
        (10, "crossed_at: expects datetime")
    ]
    assert problems(GOOD + "  traveller.nationality: sex\n") == [(15, "traveller.nationality: expects country")]


def test_it_reports_a_code_mapped_outside_the_closed_vocabulary_on_the_code_line() -> None:
    text = edit(14, "  purpose:\n    from: purpose\n    codes:\n      TOUR: tourism\n      JOB: employment")
    assert problems(text) == [
        (18, "purpose.codes: JOB -> 'employment' is not one of "
             "tourism, work, business, family, study, transit, official, other"),
    ]  # fmt: skip


def test_it_reports_a_bad_timezone_on_its_line() -> None:
    text = edit(10, '  crossed_at: {from: time, datetime: "DD/MM/YYYY HH:mm", timezone: Asia/Phnom Penh}')
    text = text.replace("reporting_state: KHM\n", "reporting_state: KHM\ntimezone: UTC+7\n")
    found = problems(text)
    assert [line for line, _ in found] == [3, 11]
    assert all("use checkpoint, an offset such as +07:00, or an IANA name" in message for _, message in found)


def test_it_reports_a_csv_column_that_is_not_in_the_header_on_its_line() -> None:
    assert problems(edit(12, "  traveller.given_names: given_name")) == [
        (12, "traveller.given_names.from: 'given_name' is not one of format.columns")
    ]


@pytest.mark.parametrize(
    ("number", "line", "expected_line", "message"),
    [
        (8, "  checkpoint: post: x", 8, "mapping values are not allowed here"),
        (9, "\tdirection: move", 9, "found character '\\t' that cannot start any token"),
    ],
)
def test_it_reports_invalid_yaml_on_its_line(number: int, line: str, expected_line: int, message: str) -> None:
    assert problems(edit(number, line)) == [(expected_line, f"not valid YAML: {message}")]


def test_it_reports_a_key_given_twice_on_the_second_one() -> None:
    assert problems(edit(12, "  traveller.family_name: given")) == [
        (12, "not valid YAML: duplicate key 'traveller.family_name'")
    ]


def test_it_reports_a_code_list_that_does_not_fit_a_closed_vocabulary_even_from_a_codes_file(
    tmp_path: Path,
) -> None:
    (tmp_path / "moves.csv").write_text("code,value\nIN,entry\nOUT,exit\nTR,transit\n", encoding="utf-8")
    text = edit(9, "  direction: {from: move, codes_file: moves.csv}")
    with pytest.raises(MappingError) as caught:
        parse_mapping(text, "test-csv.yaml", base_dir=tmp_path)
    assert caught.value.problems == [(9, "direction.codes: TR -> 'transit' is not one of entry, exit")]


def test_it_prints_every_problem_as_file_line_message_and_exits_2(tmp_path: Path) -> None:
    text = edit(12, "  traveller.given_name: given").replace("codes: {TOUR: tourism}", "codes: {TOUR: holiday}")
    status, out, err, path = check(tmp_path, text)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:12: unknown target field 'traveller.given_name'")
    assert lines[1] == (
        f"{path}:14: purpose.codes: TOUR -> 'holiday' is not one of "
        "tourism, work, business, family, study, transit, official, other"
    )
    assert lines[2] == f"{path}: 2 problems"


def test_it_exits_2_for_a_mapping_file_that_cannot_be_read(tmp_path: Path) -> None:
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("check-mapping", str(tmp_path / "missing.yaml"), stdout=out, stderr=err)
    assert exited.value.code == 2
    assert err.getvalue().startswith(f"{tmp_path / 'missing.yaml'}:1: cannot read the file")


def test_it_prints_a_summary_and_exits_0_for_a_valid_mapping(tmp_path: Path) -> None:
    status, out, err, path = check(tmp_path, GOOD)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{path}: ok",
        "  source: test-csv (test-csv)",
        "  reporting state: KHM",
        "  format: csv, utf-8, delimiter ',', 8 columns",
        "  times without an offset: the checkpoint's local time",
        "  fields: 8 (id, checkpoint, direction, crossed_at, traveller.family_name, traveller.given_names, "
        "traveller.sex, purpose)",
        "  checkpoints declared: 0",
    ]


def test_it_installs_a_valid_mapping_where_the_node_finds_it(tmp_path: Path, data_dir: Path) -> None:
    assert "test-csv" not in mapping_paths()
    status, out, _, _ = check(tmp_path, GOOD, "--install")
    assert status == 0
    target = data_dir / "mappings" / "test-csv.yaml"
    assert f"installed as {target}" in out
    assert mapping_paths()["test-csv"] == target
    assert target.read_text(encoding="utf-8") == GOOD
    assert get_mapping("test-csv").source == "test-csv"


def test_it_installs_nothing_when_the_mapping_has_problems(tmp_path: Path, data_dir: Path) -> None:
    status, _out, err, _ = check(tmp_path, edit(10, ""), "--install")
    assert status == 2
    assert "nothing installed" in err
    assert not (data_dir / "mappings").exists()
    assert "test-csv" not in mapping_paths()


def test_it_installs_a_mapping_that_still_finds_its_codes_file(tmp_path: Path) -> None:
    # A mapping that passes check-mapping must still load once installed; its codes_file is
    # relative to the mapping, so it has to travel with it.
    (tmp_path / "purposes.csv").write_text("code,value\nTOUR,tourism\nJOB,work\n", encoding="utf-8")
    status, _, err, _ = check(tmp_path, edit(14, "  purpose: {from: purpose, codes_file: purposes.csv}"), "--install")
    assert status == 0, err
    spec = get_mapping("test-csv")
    assert spec.fields["purpose"].codes == {"TOUR": "tourism", "JOB": "work"}


@pytest.mark.parametrize(("text", "status"), [(GOOD, 0), (edit(10, ""), 2)])
def test_it_sets_the_exit_status_of_the_borderlink_command(tmp_path: Path, text: str, status: int) -> None:
    path = tmp_path / "test-csv.yaml"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "BORDERLINK_DATA_DIR": str(tmp_path / "var")}
    result = subprocess.run(
        [sys.executable, "-m", "borderlink", "check-mapping", str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == status, result.stderr
    if status == 0:
        assert result.stdout.startswith(f"{path}: ok")
    else:
        assert result.stderr.startswith(f"{path}:6: fields: crossed_at is required")


#
# What each key does to data: small inline mappings and rows, imported for real
#

CORE = """\
source: probe
reporting_state: KHM
timezone: "{timezone}"
format: {{type: csv, columns: [{columns}]}}
fields:
  id: {id_field}
  checkpoint: {checkpoint}
  direction: {direction}
  crossed_at: {crossed_at}
"""


@dataclass
class Imported:
    """What a small import produced: stored records and quarantine reasons, by record id."""

    run: ImportRun
    stored: dict[str, dict[str, Any]]
    rejected: dict[str, tuple[str, str]]


def ingest(
    fields: str,
    rows: list[dict[str, str]],
    *,
    timezone: str = "checkpoint",
    id_field: str = "id",
    checkpoint: str = "{value: POI}",
    direction: str = "{value: entry}",
    crossed_at: str = '{from: time, datetime: "YYYY-MM-DD HH:mm"}',
) -> Imported:
    """Import ``rows`` (a CSV with an ``id`` and a ``time`` column added) through a small mapping."""
    full = [{"id": str(number), "time": "2026-11-01 10:00", **row} for number, row in enumerate(rows, 1)]
    columns = list(dict.fromkeys(key for row in full for key in row))
    names = ("traveller.family_name", "traveller.given_names", "traveller.name", "traveller.native_name")
    if not any(name in fields for name in names):
        fields += "  traveller.family_name: {value: SOK}\n"
    text = CORE.format(
        timezone=timezone,
        columns=", ".join(columns),
        id_field=id_field,
        checkpoint=checkpoint,
        direction=direction,
        crossed_at=crossed_at,
    )
    spec = parse_mapping(text + fields, "probe.yaml")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(full)
    return _result(import_file(spec, buffer.getvalue().encode("utf-8"), "probe.csv"))


def _result(run: ImportRun) -> Imported:
    return Imported(
        run=run,
        stored={
            c.source_record_id: crossing_to_dict(c)
            for c in Crossing.objects.filter(import_run=run).select_related("checkpoint")
        },
        rejected={q.record_id: (q.reason, q.detail) for q in QuarantinedRecord.objects.filter(import_run=run)},
    )


def traveller(result: Imported, record: str, key: str) -> Any:
    return result.stored[record]["traveller"][key]


@pytest.mark.django_db
def test_it_joins_two_columns_into_one_value_skipping_empty_parts() -> None:
    result = ingest(
        "  traveller.family_name: family\n  traveller.given_names: {from: [first, middle], join: ' '}\n",
        [
            {"day": "01.11.2026", "clock": "10:00", "family": "SOK", "first": "DARA", "middle": ""},
            {"day": "01.11.2026", "clock": "23:30", "family": "SOK", "first": "CHAN", "middle": "THY"},
        ],
        crossed_at='{from: [day, clock], join: " ", datetime: "DD.MM.YYYY HH:mm"}',
    )
    assert traveller(result, "1", "given_names") == "DARA"
    assert traveller(result, "2", "given_names") == "CHAN THY"
    assert result.stored["1"]["crossed_at"] == "2026-11-01T03:00:00Z"
    assert result.stored["2"]["crossed_at"] == "2026-11-01T16:30:00Z"


@pytest.mark.django_db
def test_it_converts_buddhist_era_dates_and_times() -> None:
    result = ingest(
        "  traveller.birth_date: {from: born, partial_date: DD/MM/YYYY, calendar: buddhist}\n"
        "  document.number: doc\n"
        "  document.expiry_date: {from: expiry, date: DD/MM/YYYY, calendar: buddhist}\n",
        [{"when": "03/11/2569 16:08:00", "born": "15/03/2541", "doc": "AA1", "expiry": "30/03/2574"}],
        crossed_at='{from: when, datetime: "DD/MM/YYYY HH:mm:ss", calendar: buddhist}',
    )
    record = result.stored["1"]
    assert record["crossed_at"] == "2026-11-03T09:08:00Z"
    assert record["traveller"]["birth_date"] == "1998-03-15"
    assert record["document"]["expiry_date"] == "2031-03-30"


@pytest.mark.django_db
def test_it_keeps_what_is_known_of_a_partial_birth_date() -> None:
    result = ingest(
        '  traveller.birth_date: {from: born, partial_date: ["DD/MM/YYYY", "YYYY"], unknown: "00"}\n',
        [{"born": "00/00/1985"}, {"born": "00/06/1985"}, {"born": "1985"}, {"born": "15/06/1985"}],
    )
    assert [traveller(result, str(n), "birth_date") for n in range(1, 5)] == [
        "1985",
        "1985-06",
        "1985",
        "1985-06-15",
    ]


@pytest.mark.django_db
def test_it_quarantines_a_birth_date_whose_day_is_known_but_not_its_month() -> None:
    result = ingest(
        '  traveller.birth_date: {from: born, partial_date: DD/MM/YYYY, unknown: "00"}\n',
        [{"born": "15/00/1985"}],
    )
    reason, detail = result.rejected["1"]
    assert reason == "bad_date"
    assert detail == "traveller.birth_date: '15/00/1985': day 15 is given without a month"


@pytest.mark.django_db
def test_it_quarantines_a_zero_day_when_the_mapping_names_no_unknown_marker() -> None:
    result = ingest("  traveller.birth_date: {from: born, partial_date: DD/MM/YYYY}\n", [{"born": "00/00/1985"}])
    assert result.rejected["1"][0] == "bad_date"


@pytest.mark.django_db
def test_it_quarantines_a_code_missing_from_the_list_by_default_with_the_targets_reason() -> None:
    result = ingest(
        "  purpose: {from: why, codes: {TOUR: tourism}}\n",
        [
            {"post": "POI", "move": "IN", "why": "JOB"},
            {"post": "POI", "move": "SIDEWAYS", "why": "TOUR"},
            {"post": "XXX", "move": "IN", "why": "TOUR"},
            {"post": "POI", "move": "IN", "why": "TOUR"},
        ],
        checkpoint="{from: post, codes: {POI: POI}}",
        direction="{from: move, codes: {IN: entry, OUT: exit}}",
    )
    assert {record: reason for record, (reason, _) in result.rejected.items()} == {
        "1": "unknown_code",
        "2": "bad_direction",
        "3": "unknown_checkpoint",
    }
    assert result.stored["4"]["purpose"] == "tourism"


@pytest.mark.django_db
def test_it_keeps_an_unknown_code_as_written_with_unknown_code_keep() -> None:
    result = ingest(
        "  visa.category: {from: visa, upper: true, codes: {TR: tourist}, unknown_code: keep}\n",
        [{"visa": "tr"}, {"visa": "b1"}],
    )
    assert result.stored["1"]["visa"] == {"category": "tourist", "number": None}
    assert result.stored["2"]["visa"] == {"category": "B1", "number": None}


@pytest.mark.django_db
def test_it_stores_null_for_an_unknown_code_with_unknown_code_null() -> None:
    result = ingest(
        '  purpose: {from: why, codes: {TOUR: tourism}, unknown_code: "null"}\n',
        [{"why": "PILGRIMAGE"}],
    )
    assert result.rejected == {}
    assert result.stored["1"]["purpose"] is None


@pytest.mark.django_db
def test_it_reads_codes_from_a_codes_file_beside_the_mapping(tmp_path: Path) -> None:
    (tmp_path / "purposes.csv").write_text("code,value\nTOUR,tourism\nJOB,work\nNA,\n", encoding="utf-8")
    text = edit(14, "  purpose: {from: purpose, codes_file: purposes.csv}")
    spec = parse_mapping(text, "test-csv.yaml", base_dir=tmp_path)
    data = (
        b"ref,post,move,time,family,given,sex,purpose\n"
        b"1,POI,IN,01/11/2026 10:00,SOK,DARA,M,JOB\n"
        b"2,POI,IN,01/11/2026 10:00,SOK,DARA,M,NA\n"
    )
    result = _result(import_file(spec, data, "codes.csv"))
    assert result.stored["1"]["purpose"] == "work"
    assert result.stored["2"]["purpose"] is None


@pytest.mark.django_db
def test_it_uses_the_default_when_a_value_is_empty_or_its_code_means_nothing() -> None:
    result = ingest(
        "  traveller.sex: {from: sex, codes: {M: M, F: F}, default: X}\n"
        "  purpose: {from: why, codes: {TOUR: tourism, NA: ~}, default: other}\n",
        [{"sex": "", "why": "NA"}, {"sex": "F", "why": "TOUR"}],
    )
    assert (traveller(result, "1", "sex"), result.stored["1"]["purpose"]) == ("X", "other")
    assert (traveller(result, "2", "sex"), result.stored["2"]["purpose"]) == ("F", "tourism")


@pytest.mark.django_db
def test_it_quarantines_an_empty_required_field_as_missing_field() -> None:
    result = ingest("  document.number: {from: doc, required: true}\n", [{"doc": " "}, {"doc": "N1"}])
    assert result.rejected["1"] == ("missing_field", "document.number: no value")
    assert result.stored["2"]["document"]["number"] == "N1"


@pytest.mark.django_db
def test_it_treats_every_listed_null_value_as_no_value() -> None:
    result = ingest(
        '  vehicle: {from: plate, null_values: ["", "-", "N/A"]}\n',
        [{"plate": "-"}, {"plate": " N/A "}, {"plate": ""}, {"plate": "2A-1234"}],
    )
    assert [result.stored[str(n)]["vehicle"] for n in range(1, 5)] == [None, None, None, "2A-1234"]


@pytest.mark.django_db
def test_it_splits_a_list_and_prefixes_companion_ids_with_the_source() -> None:
    result = ingest(
        "  companions: {from: with, list: ';'}\n",
        [{"with": "A; B;;"}, {"with": "khm-gdi:KH-1"}, {"with": ""}],
    )
    assert result.stored["1"]["companions"] == ["probe:A", "probe:B"]
    assert result.stored["2"]["companions"] == ["khm-gdi:KH-1"]
    assert result.stored["3"]["companions"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("order", "name", "family", "given"),
    [
        ("family_first", "Nguyễn Văn An", "NGUYỄN", "VĂN AN"),
        ("given_first", "VAN AN NGUYEN", "NGUYEN", "VAN AN"),
        ("given_first", "SISOMPHONE", "SISOMPHONE", None),
        ("no_family_name", "AUNG SAN SUU KYI", None, "AUNG SAN SUU KYI"),
    ],
)
def test_it_splits_a_full_name_by_the_sources_convention(
    order: str, name: str, family: str | None, given: str | None
) -> None:
    result = ingest(f"  traveller.name: {{from: name, upper: true, split_name: {order}}}\n", [{"name": name}])
    assert (traveller(result, "1", "family_name"), traveller(result, "1", "given_names")) == (family, given)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("timezone", "field_zone", "text", "utc"),
    [
        ("checkpoint", "", "2026-11-01 10:00", "2026-11-01T03:00:00Z"),  # Poipet is UTC+07:00
        ("+00:00", "", "2026-11-01 10:00", "2026-11-01T10:00:00Z"),
        ("Asia/Tokyo", "", "2026-11-01 10:00", "2026-11-01T01:00:00Z"),
        ("+00:00", ", timezone: checkpoint", "2026-11-01 10:00", "2026-11-01T03:00:00Z"),
        ("checkpoint", ", timezone: '-05:30'", "2026-11-01 10:00", "2026-11-01T15:30:00Z"),
        ("+00:00", "", "2026-11-01T10:00:00+07:00", "2026-11-01T03:00:00Z"),  # its own offset wins
    ],
)
def test_it_reads_local_times_in_the_mappings_or_the_fields_time_zone(
    timezone: str, field_zone: str, text: str, utc: str
) -> None:
    result = ingest(
        "",
        [{"when": text}],
        timezone=timezone,
        crossed_at=f'{{from: when, datetime: ["YYYY-MM-DD HH:mm", iso8601]{field_zone}}}',
    )
    assert result.stored["1"]["crossed_at"] == utc


@pytest.mark.django_db
def test_it_judges_birth_after_crossing_on_the_checkpoints_local_day_whatever_the_time_zone() -> None:
    born_next_day = [{"time": "2026-11-01 20:00", "born": "02/11/2026"}]
    fields = "  traveller.birth_date: {from: born, partial_date: DD/MM/YYYY}\n"
    # 20:00 UTC is 03:00 on 2 November at Poipet: the baby was born that day, not after.
    in_utc = ingest(fields, born_next_day, timezone="+00:00")
    assert in_utc.rejected == {}
    assert traveller(in_utc, "1", "birth_date") == "2026-11-02"
    # 20:00 local time is still 1 November at Poipet.
    local = ingest(fields, born_next_day)
    assert local.rejected["1"][0] == "birth_after_crossing"


@pytest.mark.django_db
def test_it_upper_cases_trims_and_lower_cases_before_looking_up_codes() -> None:
    result = ingest(
        "  traveller.family_name: {from: family, upper: true}\n"
        "  traveller.sex: {from: sex, lower: true, codes: {m: M, f: F}}\n",
        [{"family": "  Nguyễn ", "sex": " F"}],
    )
    assert traveller(result, "1", "family_name") == "NGUYỄN"
    assert traveller(result, "1", "sex") == "F"


@pytest.mark.django_db
def test_it_reads_state_codes_and_quarantines_an_unknown_one() -> None:
    result = ingest(
        "  traveller.nationality: {from: nat, country: true}\n"
        "  document.number: {value: N1}\n"
        "  document.issuing_state: {value: LAO, country: true}\n",
        [{"nat": "lao"}, {"nat": "D"}, {"nat": "XYZ"}],
    )
    assert traveller(result, "1", "nationality") == "LAO"
    assert result.stored["1"]["document"]["issuing_state"] == "LAO"
    assert traveller(result, "2", "nationality") == "DEU"
    assert result.rejected["3"][0] == "unknown_country"


@pytest.mark.django_db
def test_it_stores_a_whole_number_id_without_leading_zeros_and_refuses_other_ids() -> None:
    result = ingest("", [{"id": "007"}, {"id": "7A"}], id_field="{from: id, integer: true}")
    assert set(result.stored) == {"7"}
    assert result.stored["7"]["id"] == "probe:7"
    assert list(QuarantinedRecord.objects.values_list("reason", "detail")) == [
        ("bad_value", "id: '7A' is not a whole number")
    ]


@pytest.mark.django_db
def test_it_keeps_a_row_with_an_unreadable_mrz_and_notes_it() -> None:
    result = ingest("  mrz: {from: mrz, mrz: {separator: '|'}}\n", [{"mrz": "P<KHMSOK<<DARA|garbage"}])
    assert result.stored["1"]["quality"] == ["mrz_unreadable"]


@pytest.mark.django_db
def test_it_quarantines_both_copies_of_an_id_sent_twice_with_different_content() -> None:
    result = ingest(
        "  traveller.family_name: family\n",
        [
            {"id": "9", "family": "SOK"},
            {"id": "9", "family": "SOKH"},
            {"id": "8", "family": "SOK"},
            {"id": "8", "family": "SOK"},
        ],
    )
    assert list(QuarantinedRecord.objects.values_list("reason", flat=True)) == ["duplicate_conflict"] * 2
    assert set(result.stored) == {"8"}
    assert result.run.counts() == {"read": 4, "stored": 1, "updated": 0, "unchanged": 1, "quarantined": 2}


XML_MAPPING = """\
source: probe-xml
reporting_state: VNM
format: {type: xml, root: Export, record: Rec}
fields:
  id: "@so"
  checkpoint: CuaKhau
  direction: {from: Loai, codes: {NC: entry, XC: exit}}
  crossed_at: {from: ThoiGian, datetime: iso8601}
  traveller.family_name: Ten/Ho
  traveller.given_names: Ten/Dem
  document.number: GiayTo/@so
  document.type: {from: GiayTo/@loai, codes: {HC: passport}}
  companions: {from: NguoiDiCung, list: ","}
  sponsor: GhiChu
"""


@pytest.mark.django_db
def test_it_reads_xml_attributes_nested_elements_and_repeated_elements() -> None:
    data = (
        b"<Export><Rec so='R1'><CuaKhau>MOCBAI</CuaKhau><Loai>XC</Loai>"
        b"<ThoiGian>2026-11-03T23:59:00+07:00</ThoiGian><Ten><Ho>SON</Ho><Dem>BOPHA</Dem></Ten>"
        b"<GiayTo loai='HC' so='N77017924'/><NguoiDiCung>R2</NguoiDiCung><NguoiDiCung>R3</NguoiDiCung>"
        b"<GhiChu>ABC</GhiChu><GhiChu>LTD</GhiChu></Rec></Export>"
    )
    run = import_file(parse_mapping(XML_MAPPING, "probe-xml.yaml"), data, "probe.xml")
    record = _result(run).stored["R1"]
    assert record["crossed_at"] == "2026-11-03T16:59:00Z"
    assert (record["traveller"]["family_name"], record["traveller"]["given_names"]) == ("SON", "BOPHA")
    assert record["document"] == {"type": "passport", "number": "N77017924", "issuing_state": None,
                                  "expiry_date": None}  # fmt: skip
    assert record["companions"] == ["probe-xml:R2", "probe-xml:R3"]
    assert record["sponsor"] == "ABC LTD"  # a repeated element read as text: its values joined


@pytest.mark.django_db
def test_it_refuses_a_whole_xml_file_with_another_root_element() -> None:
    run = import_file(parse_mapping(XML_MAPPING, "probe-xml.yaml"), b"<Other><Rec so='1'/></Other>", "x.xml")
    assert (run.status, run.exit_status) == (ImportRun.Status.REFUSED, 2)
    assert run.error == "the root element is <Other>, expected <Export>"


JSONL_MAPPING = """\
source: probe-json
reporting_state: THA
format: {type: jsonl}
fields:
  id: ref
  checkpoint: cp
  direction: {from: dir, codes: {A: entry, D: exit}}
  crossed_at: {from: at, datetime: iso8601}
  traveller.family_name: name.family
  traveller.given_names: name.given
  document.number: doc.number
  companions: {from: with, list: ","}
  vehicle: seats
"""


@pytest.mark.django_db
def test_it_reads_json_lines_by_dotted_paths_arrays_and_numbers() -> None:
    lines = [
        {"ref": "T1", "cp": "NKI", "dir": "D", "at": "2026-11-04T22:51:00+07:00",
         "name": {"family": "SRISUK", "given": "NATTHAPHON"}, "doc": {"number": "AA7782929"},
         "with": ["T2", "T3"], "seats": 12},
        {"ref": "T2", "cp": "NKI", "dir": "D", "at": "2026-11-04T22:51:00+07:00",
         "name": {"family": {"th": "ศรีสุข"}}, "doc": None},
    ]  # fmt: skip
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    result = _result(import_file(parse_mapping(JSONL_MAPPING, "probe-json.yaml"), data, "probe.jsonl"))
    record = result.stored["T1"]
    assert record["crossed_at"] == "2026-11-04T15:51:00Z"
    assert (record["traveller"]["family_name"], record["traveller"]["given_names"]) == ("SRISUK", "NATTHAPHON")
    assert record["document"]["number"] == "AA7782929"
    assert record["companions"] == ["probe-json:T2", "probe-json:T3"]
    assert record["vehicle"] == "12"
    assert result.rejected["T2"] == ("bad_value", "traveller.family_name: expected text, found dict")


@pytest.mark.django_db
def test_it_never_stores_a_direction_outside_entry_and_exit() -> None:
    # DESIGN.md section 3: direction is entry or exit, and bad_direction is its quarantine reason.
    # A mapping without a code list must either be refused by check-mapping or quarantine the row.
    try:
        result = ingest("", [{"move": "SIDEWAYS"}], direction="move")
    except MappingError:
        return
    assert result.stored == {}
    assert result.rejected["1"][0] == "bad_direction"
