"""Tests of borderlink.synth, and readers of the three national formats written apart from the generator.

The readers here re-check every row with the standard library only, so a defect the generator
claims to have planted (or a variation that would break a format) is found independently.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

KHM_HEADER = [
    "record_no",
    "checkpoint",
    "movement",
    "movement_time",
    "surname",
    "given_names",
    "name_km",
    "sex",
    "birth_date",
    "nationality",
    "doc_type",
    "doc_number",
    "doc_issuer",
    "doc_expiry",
    "mrz",
    "purpose",
    "accompanying_record_no",
    "vehicle",
    "sponsor",
]
KHM_PURPOSES = ("TOURISM", "WORK", "BUSINESS", "FAMILY", "STUDY", "TRANSIT", "OFFICIAL", "OTHER")
THA_PURPOSES = ("TOURISM", "EMPLOYMENT", "BUSINESS", "VISIT", "STUDY", "TRANSIT", "OFFICIAL", "OTHER")
THA_KEYS = [
    "tm_ref",
    "checkpoint",
    "direction",
    "date",
    "time",
    "first_name",
    "last_name",
    "name_th",
    "gender",
    "birth_date",
    "nationality",
    "document",
    "visa",
    "vehicle",
    "companions",
    "employer",
    "purpose",
]
VNM_CHILDREN = ["SoHieu", "CuaKhau", "Loai", "ThoiGian", "HoTen", "GioiTinh", "NgaySinh", "QuocTich"]

CHECKPOINTS = {
    "khm-gdi": {"POI", "CYM", "BAV", "KOR", "PNH"},
    "tha-ib": {"ARY", "HLK", "NKI", "BKK"},
    "vnm-xnc": {"MOCBAI", "VINHXUONG", "CAUTREO", "NOIBAI"},
}
# (source, checkpoint) of a land exit -> (source, checkpoint) where the entry is written
FACING = {
    ("khm-gdi", "POI"): ("tha-ib", "ARY"),
    ("tha-ib", "ARY"): ("khm-gdi", "POI"),
    ("khm-gdi", "CYM"): ("tha-ib", "HLK"),
    ("tha-ib", "HLK"): ("khm-gdi", "CYM"),
    ("khm-gdi", "BAV"): ("vnm-xnc", "MOCBAI"),
    ("vnm-xnc", "MOCBAI"): ("khm-gdi", "BAV"),
    ("khm-gdi", "KOR"): ("vnm-xnc", "VINHXUONG"),
    ("vnm-xnc", "VINHXUONG"): ("khm-gdi", "KOR"),
}
AIRPORTS = {("khm-gdi", "PNH"), ("tha-ib", "BKK"), ("vnm-xnc", "NOIBAI")}
SOURCES = ("khm-gdi", "tha-ib", "vnm-xnc")
FILES = {"khm-gdi": "khm-gdi.csv", "tha-ib": "tha-ib.jsonl", "vnm-xnc": "vnm-xnc.xml"}

Birth = tuple[int, int, int]


@dataclass
class Row:
    """One row of a national file as the tests read it, and the problems found in it."""

    source: str
    position: int
    record_id: str
    raw: Any  # the csv row as a dict, the JSON object, or the BanGhi element
    checkpoint: str = ""
    entry: bool | None = None
    at: datetime | None = None  # local time
    birth: Birth | None = None
    sex: str | None = None
    companions: list[str] = field(default_factory=list)
    doc_type: str | None = None
    doc_number: str | None = None
    doc_expiry: date | None = None
    content: str = ""
    problems: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        """The common-model id."""
        return f"{self.source}:{self.record_id}"

    def age_on(self, day: date) -> int:
        """Completed years on ``day``, counting an unknown month or day as the earliest possible."""
        assert self.birth is not None
        y, m, d = self.birth
        born = date(y, m or 1, d or 1)
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _birth(y: int, m: int, d: int) -> Birth:
    if m == 0 and d != 0:
        raise ValueError("a known day with an unknown month")
    if m and d:
        date(y, m, d)
    elif m and not 1 <= m <= 12:
        raise ValueError("month")
    return y, m, d


def _dmy(text: str, offset: int = 0) -> Birth:
    parts = text.split("/")
    if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) == 4:
        return _birth(int(parts[0]) - offset, 0, 0)
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        raise ValueError(text)
    return _birth(int(parts[2]) - offset, int(parts[1]), int(parts[0]))


def _full(birth: Birth) -> date:
    y, m, d = birth
    return date(y, m, d)


def _check(row: Row, valid_direction: bool, names: tuple[object, ...], codes_ok: bool) -> None:
    if row.checkpoint not in CHECKPOINTS[row.source]:
        row.problems.add("unknown_checkpoint")
    if not valid_direction:
        row.problems.add("bad_direction")
    if not any(names):
        row.problems.add("no_name")
    if not codes_ok:
        row.problems.add("unknown_code")
    if row.at is not None and row.birth is not None:
        y, m, d = row.birth
        if date(y, m or 1, d or 1) > row.at.date():
            row.problems.add("birth_after_crossing")


def read_khm(path: Path) -> list[Row]:
    """Rows of khm-gdi.csv (position: physical line, the header is line 1)."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        assert next(reader) == KHM_HEADER
        for line, cells in enumerate(reader, 2):
            assert len(cells) == len(KHM_HEADER), line
            r = dict(zip(KHM_HEADER, cells, strict=True))
            row = Row("khm-gdi", line, r["record_no"], r, checkpoint=r["checkpoint"], content=",".join(cells))
            row.entry = {"IN": True, "OUT": False}.get(r["movement"])
            try:
                row.at = datetime.strptime(r["movement_time"], "%d/%m/%Y %H:%M")
            except ValueError:
                row.problems.add("bad_date")
            try:
                row.birth = _dmy(r["birth_date"])
            except ValueError:
                row.problems.add("bad_date")
            row.sex = r["sex"]
            row.doc_type, row.doc_number = r["doc_type"], r["doc_number"]
            if r["doc_expiry"]:
                row.doc_expiry = datetime.strptime(r["doc_expiry"], "%d/%m/%Y").date()
            row.companions = [r["accompanying_record_no"]] if r["accompanying_record_no"] else []
            codes_ok = (
                r["sex"] in ("M", "F", "X", "")
                and r["doc_type"] in ("PP", "BP", "NID", "NONE")
                and r["purpose"] in KHM_PURPOSES
            )
            _check(row, row.entry is not None, (r["surname"], r["given_names"], r["name_km"]), codes_ok)
            rows.append(row)
    return rows


def read_tha(path: Path) -> list[Row]:
    """Rows of tha-ib.jsonl (position: line number); a line that is not JSON is ``truncated``."""
    rows = []
    text = path.read_bytes().decode("utf-8")
    assert text.endswith("\n") and "\r" not in text
    for line, raw in enumerate(text.split("\n")[:-1], 1):
        try:
            r = json.loads(raw)
        except ValueError:
            rows.append(Row("tha-ib", line, "", raw, content=raw, problems={"truncated"}))
            continue
        assert list(r) == THA_KEYS, line
        row = Row("tha-ib", line, r["tm_ref"], r, checkpoint=r["checkpoint"], content=raw)
        row.entry = {"ARRIVAL": True, "DEPARTURE": False}.get(r["direction"])
        try:
            d, m, y = (int(p) for p in r["date"].split("/"))
            hh, mm, ss = (int(p) for p in r["time"].split(":"))
            row.at = datetime(y - 543, m, d, hh, mm, ss)
        except ValueError:
            row.problems.add("bad_date")
        try:
            row.birth = _dmy(r["birth_date"], 543)
        except ValueError:
            row.problems.add("bad_date")
        row.sex = r["gender"]
        doc = r["document"]
        if doc is not None:
            row.doc_type, row.doc_number = doc["type"], doc["number"]
            d, m, y = (int(p) for p in doc["expiry"].split("/"))
            row.doc_expiry = date(y - 543, m, d)
        row.companions = list(r["companions"])
        codes_ok = (
            r["gender"] in ("MALE", "FEMALE", "UNSPECIFIED", None)
            and (doc is None or doc["type"] in ("PASSPORT", "BORDER_PASS", "ID_CARD"))
            and r["purpose"] in THA_PURPOSES
        )
        _check(row, row.entry is not None, (r["first_name"], r["last_name"], r["name_th"]), codes_ok)
        rows.append(row)
    return rows


def read_vnm(path: Path) -> list[Row]:
    """Records of vnm-xnc.xml (position: the ``BanGhi`` ordinal)."""
    root = ET.parse(path).getroot()
    assert root.tag == "DuLieuXuatNhapCanh"
    rows = []
    for n, rec in enumerate(root, 1):
        assert rec.tag == "BanGhi"
        tags = [child.tag for child in rec]
        assert tags[:8] == VNM_CHILDREN, tags
        text = {child.tag: child.text or "" for child in rec}
        row = Row(
            "vnm-xnc",
            n,
            text["SoHieu"],
            rec,
            checkpoint=text["CuaKhau"],
            content=ET.tostring(rec, encoding="unicode"),
        )
        row.entry = {"NC": True, "XC": False}.get(text["Loai"])
        try:
            at = datetime.fromisoformat(text["ThoiGian"])
            assert at.utcoffset() == timedelta(hours=7), text["ThoiGian"]
            row.at = at.replace(tzinfo=None)
        except ValueError:
            row.problems.add("bad_date")
        try:
            parts = [int(p) for p in text["NgaySinh"].split("-")]
            if len(parts) not in (1, 3) or len(text["NgaySinh"].split("-")[0]) != 4:
                raise ValueError(text["NgaySinh"])
            year, month, day = [*parts, 0, 0][:3]
            row.birth = _birth(year, month, day)
        except ValueError:
            row.problems.add("bad_date")
        row.sex = text["GioiTinh"]
        doc = rec.find("GiayTo")
        if doc is not None:
            row.doc_type, row.doc_number = doc.get("loai"), doc.get("so")
            row.doc_expiry = date.fromisoformat(doc.get("hetHan") or "")
        row.companions = [c.text or "" for c in rec.findall("NguoiDiCung")]
        codes_ok = (
            text["GioiTinh"] in ("Nam", "Nữ", "Khác")
            and (doc is None or doc.get("loai") in ("HC", "GTT", "CCCD"))
            and text["MucDich"]
            in ("DU LỊCH", "LAO ĐỘNG", "CÔNG TÁC", "THĂM THÂN", "HỌC TẬP", "QUÁ CẢNH", "CÔNG VỤ", "KHÁC")
        )
        _check(row, row.entry is not None, (text["HoTen"].strip(),), codes_ok)
        rows.append(row)
    return rows


READERS = {"khm-gdi": read_khm, "tha-ib": read_tha, "vnm-xnc": read_vnm}


def read_table(path: Path) -> list[dict[str, str]]:
    """A ground-truth CSV file as dicts."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Dataset:
    """Everything one generation wrote, read back."""

    out: Path
    rows: dict[str, list[Row]]
    truth: list[dict[str, str]]
    defects: list[dict[str, str]]
    variations: list[dict[str, str]]

    @property
    def person(self) -> dict[str, str]:
        """record id -> person id."""
        return {t["record_id"]: t["person_id"] for t in self.truth}

    def by_position(self, source: str) -> dict[int, Row]:
        """The rows of one file by position."""
        return {row.position: row for row in self.rows[source]}


def read_dataset(out: Path) -> Dataset:
    """Read every file generate() wrote in ``out``."""
    return Dataset(
        out=out,
        rows={source: READERS[source](out / FILES[source]) for source in SOURCES},
        truth=read_table(out / "truth.csv"),
        defects=read_table(out / "defects.csv"),
        variations=read_table(out / "variations.csv"),
    )
