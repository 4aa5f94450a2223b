"""``vnm-xnc``: Viet Nam's XML export (root ``DuLieuXuatNhapCanh``, one ``BanGhi`` per line)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from borderlink.synth.travel import DAY, Record
from borderlink.synth.writing import HM, Row, SourceWriter, typo

GENDERS = {"M": "Nam", "F": "Nữ", "X": "Khác"}
DOC_TYPES = {"passport": "HC", "border_pass": "GTT", "id_card": "CCCD"}
PURPOSE_CODES = {
    "tourism": "DU LỊCH",
    "work": "LAO ĐỘNG",
    "business": "CÔNG TÁC",
    "family": "THĂM THÂN",
    "study": "HỌC TẬP",
    "transit": "QUÁ CẢNH",
    "official": "CÔNG VỤ",
    "other": "KHÁC",
}
(ID, CHECKPOINT, KIND, TIME, NAME, SEX, BIRTH, NATIONALITY, DOCUMENT, PURPOSE, COMPANIONS) = range(11)


def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text or '"' in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text


class VnmWriter(SourceWriter):
    """Writes records of Vietnamese checkpoints as the Immigration Department exports them."""

    source = "vnm-xnc"
    state = "VNM"
    # Viet Nam's export has no free-text field for a formula to land in
    variation_rates = tuple(item for item in SourceWriter.variation_rates if item[0] != "formula")

    def __init__(self, rng: random.Random, start: date, days: int) -> None:
        """Prepare the period's dates as this format writes them."""
        super().__init__(rng, start, days)
        self.day_text = [d.isoformat() + "T" for d in self.dates]

    def assign_ids(self, records: list[Record]) -> None:
        """``VN-<checkpoint>-<number>``, numbered in file order."""
        for n, rec in enumerate(records, 1):
            rec.record_id = f"VN-{rec.checkpoint}-{n:07d}"

    def format_birth(self, born: date) -> str:
        """YYYY-MM-DD."""
        return born.isoformat()

    def time(self, minute: int) -> str:
        """ISO 8601 local time with its +07:00 offset."""
        day = minute // DAY
        if day < len(self.day_text):
            return f"{self.day_text[day]}{HM[minute % DAY]}:00+07:00"
        return f"{self.date_of(minute).isoformat()}T{HM[minute % DAY]}:00+07:00"

    def full_name(self, rec: Record, v: str | None, variations: list[str]) -> str:
        """HoTen: Vietnamese citizens with diacritics, others as on the passport, family name first."""
        p = rec.person
        if p.nationality == "VNM":
            if v == "name_typo":
                variations.append(v)
                return typo(p.hoten, self.rng)
            return p.hoten
        surname, given = self.latin(rec, v, variations)
        if p.nationality == "MMR":
            return f"{given} {surname}".strip()  # a Burmese name is written in its own order
        return f"{surname} {given}".strip()

    def fields(self, rec: Record, variations: list[str]) -> Any:
        """The record's children as a list (GiayTo as its four attributes, or None)."""
        p = rec.person
        doc = rec.doc
        v = self.variation()
        return [
            rec.record_id,
            rec.checkpoint,
            "NC" if rec.entry else "XC",
            self.time(rec.minute),
            self.full_name(rec, v, variations),
            GENDERS[p.sex],
            self.birth(rec, p.birth_vnm, v, variations) if v else p.birth_vnm,
            p.nationality,
            None if doc is None else [DOC_TYPES[doc.kind], doc.number, doc.issuer, doc.expiry_vnm],
            PURPOSE_CODES[rec.purpose],
            [] if rec.companion is None else [rec.companion.record_id],
        ]

    def make_defect(self, fields: Any, kind: str, rec: Record) -> None:
        """Break one thing in the record."""
        rng = self.rng
        day = self.date_of(rec.minute)
        y = day.year
        hm = HM[rec.minute % DAY]
        if kind == "bad_date":
            if rng.random() < 0.75:
                fields[TIME] = rng.choice(
                    (
                        f"{y}-02-30T{hm}:00+07:00",
                        f"{y}-{rng.choice((4, 6, 9, 11)):02d}-31T{hm}:00+07:00",
                        f"{y}-13-{day.day:02d}T{hm}:00+07:00",
                        "not-a-date",
                    )
                )
            else:
                fields[BIRTH] = f"{rec.person.birth[0]}-{rng.choice(('02-30', '02-31', '04-31'))}"
        elif kind == "unknown_checkpoint":
            fields[CHECKPOINT] = rng.choice(("ZZZ", "XXX", "MOCBAII"))
        elif kind == "bad_direction":
            fields[KIND] = rng.choice(("ZZ", "XN", "X"))
        elif kind == "no_name":
            fields[NAME] = ""
        elif kind == "birth_after_crossing":
            fields[BIRTH] = (day + timedelta(days=1 + rng.randrange(365))).isoformat()
        elif kind == "unknown_code":
            if fields[DOCUMENT] is not None and rng.random() < 0.5:
                fields[DOCUMENT] = [rng.choice(("XX", "ZZ")), *fields[DOCUMENT][1:]]
            else:
                fields[SEX] = rng.choice(("ZZ", "Q"))
        else:
            raise ValueError(f"vnm-xnc has no defect {kind!r}")

    def conflicting_copy(self, fields: Any, rec: Record) -> Any:
        """The same record with a later time or another purpose."""
        copy = list(fields)
        if self.r() < 0.5:
            copy[TIME] = self.time(rec.minute + 1 + self.rng.randrange(45))
        else:
            others = [code for code in PURPOSE_CODES.values() if code != copy[PURPOSE]]
            copy[PURPOSE] = others[self.rng.randrange(len(others))]
        return copy

    def serialise(self, rows: list[Row], path: Path) -> None:
        """The XML declaration, the root, one ``BanGhi`` per line."""
        parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<DuLieuXuatNhapCanh>\n']
        append = parts.append
        for row in rows:
            rid, cp, kind, time, name, sex, birth, nationality, doc, purpose, companions = row.fields
            if doc is None:
                document = ""
            else:
                document = f'<GiayTo loai="{doc[0]}" so="{_escape(doc[1])}" noiCap="{doc[2]}" hetHan="{doc[3]}"/>'
            with_whom = "".join(f"<NguoiDiCung>{c}</NguoiDiCung>" for c in companions)
            append(
                f"<BanGhi><SoHieu>{rid}</SoHieu><CuaKhau>{_escape(cp)}</CuaKhau><Loai>{kind}</Loai>"
                f"<ThoiGian>{time}</ThoiGian><HoTen>{_escape(name)}</HoTen><GioiTinh>{sex}</GioiTinh>"
                f"<NgaySinh>{birth}</NgaySinh><QuocTich>{nationality}</QuocTich>{document}"
                f"<MucDich>{purpose}</MucDich>{with_whom}</BanGhi>\n"
            )
        append("</DuLieuXuatNhapCanh>\n")
        path.write_text("".join(parts), encoding="utf-8", newline="")
