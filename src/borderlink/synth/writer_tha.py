"""``tha-ib``: Thailand's JSON Lines export (UTF-8, one object a line, Buddhist Era dates)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from borderlink.synth import rates
from borderlink.synth.documents import BORDER_PASS, ID_CARD, PASSPORT
from borderlink.synth.travel import DAY, Record
from borderlink.synth.writing import HM, Row, SourceWriter

GENDERS = {"M": "MALE", "F": "FEMALE", "X": "UNSPECIFIED"}
DOC_TYPES = {"passport": "PASSPORT", "border_pass": "BORDER_PASS", "id_card": "ID_CARD"}
PURPOSE_CODES = {
    "tourism": "TOURISM",
    "work": "EMPLOYMENT",
    "business": "BUSINESS",
    "family": "VISIT",
    "study": "STUDY",
    "transit": "TRANSIT",
    "official": "OFFICIAL",
    "other": "OTHER",
}
VISAS = {  # purpose -> visa categories an arriving foreigner's record may carry
    "work": ("NON-IMMIGRANT L-A",),
    "business": ("NON-IMMIGRANT B",),
    "study": ("NON-IMMIGRANT ED",),
    "official": ("OFFICIAL",),
    "transit": ("TRANSIT",),
    "tourism": ("VISA-EXEMPT", "VISA-EXEMPT", "TOURIST", "VISA ON ARRIVAL"),
    "family": ("VISA-EXEMPT", "NON-IMMIGRANT O"),
    "other": ("VISA-EXEMPT",),
}
_encode = json.JSONEncoder(ensure_ascii=False).encode
_quote = encode_basestring  # a JSON string literal, non-ASCII kept as is (the C implementation)
_CUT = "__cut__"  # where a truncated line is cut, as a fraction of its length; removed when written


def tha_date(d: date) -> str:
    """DD/MM/YYYY with the year in the Buddhist Era."""
    return f"{d.day:02d}/{d.month:02d}/{d.year + 543}"


class ThaWriter(SourceWriter):
    """Writes records of Thai checkpoints as the Immigration Bureau exports them."""

    source = "tha-ib"
    state = "THA"
    defect_kinds = (*SourceWriter.defect_kinds, "truncated")
    native_only_kinds = (BORDER_PASS, ID_CARD)

    def __init__(self, rng: random.Random, start: date, days: int) -> None:
        """Prepare the period's dates as this format writes them."""
        super().__init__(rng, start, days)
        self.day_text = [tha_date(d) for d in self.dates]
        self.hms = [f"{hm}:00" for hm in HM]

    def assign_ids(self, records: list[Record]) -> None:
        """``TM6-<Buddhist Era year>-<number>``, numbered in file order."""
        dates = self.dates
        for n, rec in enumerate(records, 1):
            rec.record_id = f"TM6-{dates[rec.minute // DAY].year + 543}-{n:07d}"

    def format_birth(self, born: date) -> str:
        """DD/MM/YYYY, Buddhist Era."""
        return tha_date(born)

    def visa(self, rec: Record) -> dict[str, Any] | None:
        """A visa for a foreigner arriving on a passport (workers always, others now and then)."""
        if not rec.entry or rec.doc is None or rec.doc.kind != PASSPORT or rec.person.nationality == "THA":
            return None
        if rec.purpose != "work" and self.r() >= rates.THAI_VISA_RATE:
            return None
        options = VISAS[rec.purpose]
        category = options[int(self.r() * len(options))]
        number = None if category == "VISA-EXEMPT" else f"{category[0]}{self.rng.randrange(10**7, 10**8)}"
        return {"category": category, "number": number}

    def fields(self, rec: Record, variations: list[str]) -> Any:
        """The record as an object, keys in the export's order."""
        p = rec.person
        doc = rec.doc
        minute = rec.minute
        v = self.variation()
        if self.native_only(rec, variations):
            surname = given = ""
        else:
            surname, given = self.latin(rec, v, variations)
        vehicle, sponsor = self.free_text(rec, v, variations)
        return {
            "tm_ref": rec.record_id,
            "checkpoint": rec.checkpoint,
            "direction": "ARRIVAL" if rec.entry else "DEPARTURE",
            "date": self.day_text[minute // DAY],
            "time": self.hms[minute % DAY],
            "first_name": given,
            "last_name": surname,
            "name_th": p.name_th,
            "gender": GENDERS[p.sex],
            "birth_date": self.birth(rec, p.birth_tha, v, variations) if v else p.birth_tha,
            "nationality": p.nationality,
            "document": None
            if doc is None
            else {
                "type": DOC_TYPES[doc.kind],
                "number": doc.number,
                "country": doc.issuer,
                "expiry": doc.expiry_tha,
            },
            "visa": self.visa(rec),
            "vehicle": vehicle,
            "companions": [] if rec.companion is None else [rec.companion.record_id],
            "employer": sponsor,
            "purpose": PURPOSE_CODES[rec.purpose],
        }

    def make_defect(self, fields: Any, kind: str, rec: Record) -> None:
        """Break one thing in the object (or mark the line to be cut off)."""
        rng = self.rng
        day = self.date_of(rec.minute)
        be = day.year + 543
        if kind == "bad_date":
            if rng.random() < 0.75:
                fields["date"] = rng.choice(
                    (
                        f"31/02/{be}",
                        f"30/02/{be}",
                        f"31/{rng.choice((4, 6, 9, 11)):02d}/{be}",
                        f"{day.day:02d}/13/{be}",
                        "not-a-date",
                    )
                )
            else:
                day_month = rng.choice(("31/02", "30/02", "31/04"))
                fields["birth_date"] = f"{day_month}/{rec.person.birth[0] + 543}"
        elif kind == "unknown_checkpoint":
            fields["checkpoint"] = rng.choice(("ZZZ", "XXX", "AR1"))
        elif kind == "bad_direction":
            fields["direction"] = rng.choice(("SIDEWAYS", "X", "TRANSFER"))
        elif kind == "no_name":
            fields["first_name"] = fields["last_name"] = ""
            fields["name_th"] = None
        elif kind == "birth_after_crossing":
            fields["birth_date"] = tha_date(day + timedelta(days=1 + rng.randrange(365)))
        elif kind == "unknown_code":
            if fields["document"] is not None and rng.random() < 0.5:
                fields["document"] = {**fields["document"], "type": rng.choice(("XX", "ZZ"))}
            else:
                fields["gender"] = rng.choice(("ZZ", "Q"))
        elif kind == "truncated":
            fields[_CUT] = 0.1 + 0.8 * rng.random()
        else:
            raise ValueError(f"tha-ib has no defect {kind!r}")

    def conflicting_copy(self, fields: Any, rec: Record) -> Any:
        """The same object with a later time or another purpose."""
        copy = dict(fields)
        if self.r() < 0.5:
            minute = rec.minute + 1 + self.rng.randrange(45)
            copy["date"] = tha_date(self.date_of(minute))
            copy["time"] = f"{HM[minute % DAY]}:00"
        else:
            others = [code for code in PURPOSE_CODES.values() if code != copy["purpose"]]
            copy["purpose"] = others[self.rng.randrange(len(others))]
        return copy

    def serialise(self, rows: list[Row], path: Path) -> None:
        """One JSON object a line, LF; a truncated row is cut off mid-object."""
        lines = []
        for row in rows:
            fields = row.fields
            if _CUT in fields:
                fields = dict(fields)
                cut = fields.pop(_CUT)
                text = json_line(fields)
                lines.append(text[: max(2, int(len(text) * cut))])
            else:
                lines.append(json_line(fields))
        lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8", newline="")


def _value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return _quote(value)
    return _encode(value)


def json_line(fields: dict[str, Any]) -> str:
    """The object as ``json.dumps(fields, ensure_ascii=False)`` writes it, built faster for the known keys."""
    q = _quote
    doc = fields["document"]
    visa = fields["visa"]
    companions = fields["companions"]
    return (
        f'{{"tm_ref": {q(fields["tm_ref"])}, "checkpoint": {q(fields["checkpoint"])}, '
        f'"direction": {q(fields["direction"])}, "date": {q(fields["date"])}, "time": {q(fields["time"])}, '
        f'"first_name": {q(fields["first_name"])}, "last_name": {q(fields["last_name"])}, '
        f'"name_th": {_value(fields["name_th"])}, "gender": {q(fields["gender"])}, '
        f'"birth_date": {q(fields["birth_date"])}, "nationality": {q(fields["nationality"])}, '
        '"document": '
        + (
            "null"
            if doc is None
            else f'{{"type": {q(doc["type"])}, "number": {q(doc["number"])}, "country": {q(doc["country"])}, '
            f'"expiry": {q(doc["expiry"])}}}'
        )
        + ', "visa": '
        + ("null" if visa is None else f'{{"category": {q(visa["category"])}, "number": {_value(visa["number"])}}}')
        + f', "vehicle": {_value(fields["vehicle"])}, '
        f'"companions": [{", ".join(q(c) for c in companions)}], '
        f'"employer": {_value(fields["employer"])}, "purpose": {q(fields["purpose"])}}}'
    )
