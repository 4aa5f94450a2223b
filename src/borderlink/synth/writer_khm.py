"""``khm-gdi``: Cambodia's CSV export (UTF-8 with BOM, RFC 4180 quoting, CRLF)."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from borderlink.synth import rates
from borderlink.synth.documents import BORDER_PASS, break_check_digit, mistype_number
from borderlink.synth.travel import DAY, Record
from borderlink.synth.writing import HM, PURPOSES, Row, SourceWriter

HEADER = (
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
)
(
    NO,
    CHECKPOINT,
    MOVEMENT,
    TIME,
    SURNAME,
    GIVEN,
    NAME_KM,
    SEX,
    BIRTH,
    NATIONALITY,
    DOC_TYPE,
    DOC_NUMBER,
    DOC_ISSUER,
    DOC_EXPIRY,
    MRZ,
    PURPOSE,
    ACCOMPANYING,
    VEHICLE,
    SPONSOR,
) = range(len(HEADER))

DOC_TYPES = {"passport": "PP", "border_pass": "BP", "id_card": "NID"}
PURPOSE_CODES = {p: p.upper() for p in PURPOSES}
MRZ_VARIATION_RATE = rates.MRZ_CHECK_DIGIT_RATE + rates.MRZ_MISMATCH_RATE


def khm_date(d: date) -> str:
    """DD/MM/YYYY."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


class KhmWriter(SourceWriter):
    """Writes records of Cambodian checkpoints as the General Department of Immigration exports them."""

    source = "khm-gdi"
    state = "KHM"
    first_position = 2
    native_only_kinds = (BORDER_PASS,)

    def __init__(self, rng: random.Random, start: date, days: int) -> None:
        """Prepare the period's dates as this format writes them."""
        super().__init__(rng, start, days)
        self.day_text = [khm_date(d) + " " for d in self.dates]

    def assign_ids(self, records: list[Record]) -> None:
        """``KH-<checkpoint>-<year>-<number>``, numbered in file order."""
        dates = self.dates
        for n, rec in enumerate(records, 1):
            rec.record_id = f"KH-{rec.checkpoint}-{dates[rec.minute // DAY].year}-{n:06d}"

    def format_birth(self, born: date) -> str:
        """DD/MM/YYYY."""
        return khm_date(born)

    def time(self, minute: int) -> str:
        """``DD/MM/YYYY HH:MM`` local."""
        day = minute // DAY
        if day < len(self.day_text):
            return self.day_text[day] + HM[minute % DAY]
        return f"{khm_date(self.date_of(minute))} {HM[minute % DAY]}"

    def fields(self, rec: Record, variations: list[str]) -> Any:
        """The 19 columns of the record."""
        p = rec.person
        doc = rec.doc
        r = self.r
        v = self.variation()
        if self.native_only(rec, variations):
            surname = given = ""
        else:
            surname, given = self.latin(rec, v, variations)
        birth = self.birth(rec, p.birth_khm, v, variations) if v else p.birth_khm
        if doc is None:
            doc_type, number, issuer, expiry, mrz = "NONE", "", "", "", ""
        else:
            doc_type, number, issuer, expiry = DOC_TYPES[doc.kind], doc.number, doc.issuer, doc.expiry_khm
            mrz = ""
            lines = doc.mrz() if doc.mrz_args is not None and r() < rates.MRZ_PRESENT_RATE else None
            if lines is not None:
                line1, line2 = lines
                u = r()
                if self.plain or u >= MRZ_VARIATION_RATE:
                    pass
                elif u < rates.MRZ_CHECK_DIGIT_RATE:
                    line2 = break_check_digit(line2, self.rng)
                    variations.append("mrz_check_digit")
                else:
                    number = mistype_number(number, self.rng)
                    variations.append("mrz_mismatch")
                mrz = f"{line1}|{line2}"
        vehicle, sponsor = self.free_text(rec, v, variations)
        return [
            rec.record_id,
            rec.checkpoint,
            "IN" if rec.entry else "OUT",
            self.time(rec.minute),
            surname,
            given,
            p.name_km,
            p.sex,
            birth,
            p.nationality,
            doc_type,
            number,
            issuer,
            expiry,
            mrz,
            PURPOSE_CODES[rec.purpose],
            rec.companion.record_id if rec.companion is not None else "",
            vehicle or "",
            sponsor or "",
        ]

    def make_defect(self, fields: Any, kind: str, rec: Record) -> None:
        """Break one thing in the row."""
        rng = self.rng
        day = self.date_of(rec.minute)
        y = day.year
        if kind == "bad_date":
            if rng.random() < 0.75:
                hm = HM[rec.minute % DAY]
                fields[TIME] = rng.choice(
                    (
                        f"31/02/{y} {hm}",
                        f"30/02/{y} {hm}",
                        f"31/{rng.choice((4, 6, 9, 11)):02d}/{y} {hm}",
                        f"{day.day:02d}/13/{y} {hm}",
                        f"00/{day.month:02d}/{y} {hm}",
                        "not-a-date",
                    )
                )
            else:
                fields[BIRTH] = f"{rng.choice(('31/02', '30/02', '31/04', '31/09'))}/{rec.person.birth[0]}"
        elif kind == "unknown_checkpoint":
            fields[CHECKPOINT] = rng.choice(("ZZZ", "XXX", "QQQ", "P0I"))
        elif kind == "bad_direction":
            fields[MOVEMENT] = rng.choice(("SIDEWAYS", "X", "INOUT", "BOTH"))
        elif kind == "no_name":
            fields[SURNAME] = fields[GIVEN] = fields[NAME_KM] = fields[MRZ] = ""
        elif kind == "birth_after_crossing":
            fields[BIRTH] = khm_date(day + timedelta(days=1 + rng.randrange(365)))
        elif kind == "unknown_code":
            if rec.doc is not None and rng.random() < 0.5:
                fields[DOC_TYPE] = rng.choice(("XX", "PPT", "ZZ"))
            else:
                fields[SEX] = rng.choice(("Q", "Z", "9"))
        else:
            raise ValueError(f"khm-gdi has no defect {kind!r}")

    def conflicting_copy(self, fields: Any, rec: Record) -> Any:
        """The same row with a later time or another purpose."""
        copy = list(fields)
        if self.r() < 0.5:
            copy[TIME] = self.time(rec.minute + 1 + self.rng.randrange(45))
        else:
            others = [code for code in PURPOSE_CODES.values() if code != copy[PURPOSE]]
            copy[PURPOSE] = others[self.rng.randrange(len(others))]
        return copy

    def serialise(self, rows: list[Row], path: Path) -> None:
        """UTF-8 with BOM, the header, then one CRLF-terminated line per row."""
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(HEADER)
            writer.writerows(row.fields for row in rows)
