"""What every national writer shares: record ids, planted variations and defects, rows with positions.

A writer turns the records of one reporting state (in time order) into rows of its format. On the
way it gives each record its id, draws the variations real exports show (another romanisation, a
typing slip, a swapped birth day and month, MRZ trouble, spreadsheet formulas) and makes a few rows
defective (one defect each) so the importer has something to quarantine. Every row remembers its
record id, the person it is about, its defect and its variations, for truth.csv, defects.csv and
variations.csv.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from borderlink.synth import rates
from borderlink.synth.travel import DAY, Record

LETTERS = "ABCDEFGHIJKLMNOPRSTUVY"
FORMULAS = (
    '=HYPERLINK("http://x","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "=1+2",
    "-2+3+cmd|' /C notepad'!A0",
)
PURPOSES = ("tourism", "work", "business", "family", "study", "transit", "official", "other")
HM = tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(DAY))


@dataclass(slots=True)
class Row:
    """One written row: its record id, the person it is about, its fields, defect and variations."""

    record_id: str
    person_id: str
    fields: Any
    defect: str | None = None
    variations: list[str] = field(default_factory=list)
    position: int = 0


@dataclass
class Written:
    """What a writer wrote: the file, its rows (in file order) and their positions."""

    source: str
    path: Path
    rows: list[Row]

    @property
    def defect_count(self) -> int:
        """Rows made defective."""
        return sum(1 for row in self.rows if row.defect)


def typo(text: str, rng: random.Random) -> str:
    """``text`` with one letter changed, dropped or doubled (never emptied, never unchanged)."""
    positions = [i for i, c in enumerate(text) if c.isalpha()]
    if not positions:
        return text
    i = positions[rng.randrange(len(positions))]
    kind = rng.randrange(3)
    if kind == 0 or len(positions) < 3:
        new = LETTERS[rng.randrange(len(LETTERS))]
        if new == text[i]:
            new = "Z" if text[i] != "Z" else "Q"
        return text[:i] + new + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


class SourceWriter:
    """Base of the three national writers; subclasses say how a record becomes fields and a line."""

    source = ""
    state = ""
    defect_kinds: tuple[str, ...] = (
        "bad_date",
        "unknown_checkpoint",
        "bad_direction",
        "no_name",
        "birth_after_crossing",
        "duplicate_conflict",
        "unknown_code",
    )
    first_position = 1  # position of the first row (CSV: 2, below the header)
    # the general variations this format shows, each with its rate per record (mutually exclusive)
    variation_rates: tuple[tuple[str, float], ...] = (
        ("alt_romanisation", rates.ALT_ROMANISATION_RATE),
        ("name_typo", rates.NAME_TYPO_RATE),
        ("day_month_swap", rates.DAY_MONTH_SWAP_RATE),
        ("formula", rates.FORMULA_RATE),
    )
    native_only_kinds: tuple[str, ...] = ()  # document kinds whose records may carry the native name only

    def __init__(self, rng: random.Random, start: date, days: int) -> None:
        """Write records of a period starting at ``start`` (local midnight), drawing from ``rng``."""
        self.rng = rng
        self.r = rng.random
        self.plain = False  # True while writing a row that gets a defect: no variation on it
        self.start = start
        self.dates = [start + timedelta(days=i) for i in range(days + 3)]
        running_rate = 0.0
        self.variation_bounds: list[tuple[str, float]] = []
        for code, rate in self.variation_rates:
            running_rate += rate
            self.variation_bounds.append((code, running_rate))
        self.variation_total = running_rate
        weights = [rates.DEFECT_WEIGHTS[k] for k in self.defect_kinds]
        total = sum(weights)
        self.defect_cumulative: list[float] = []
        running = 0.0
        for w in weights:
            running += w / total
            self.defect_cumulative.append(running)

    # --- ids ---------------------------------------------------------------------------------------
    def assign_ids(self, records: list[Record]) -> None:
        """Give every record its id in the state's own numbering (file order)."""
        raise NotImplementedError

    # --- fields shared by the formats --------------------------------------------------------------
    def date_of(self, minute: int) -> date:
        """The local date of a minute of the period."""
        day = minute // DAY
        return self.dates[day] if 0 <= day < len(self.dates) else self.start + timedelta(days=day)

    def variation(self) -> str | None:
        """The one general variation this record gets, if any (each at its rate; they exclude each other)."""
        if self.plain:
            return None
        u = self.r()
        if u >= self.variation_total:
            return None
        for code, bound in self.variation_bounds:
            if u < bound:
                return code
        return None

    def latin(self, rec: Record, v: str | None, variations: list[str]) -> tuple[str, str]:
        """``(surname, given names)`` as this state types them: maybe respelled or mistyped."""
        p = rec.person
        if v is None:
            return p.surname, p.given
        if v == "alt_romanisation":
            if p.nationality != self.state and p.has_alternatives:
                variations.append(v)
                return p.alternative(self.rng)
        elif v == "name_typo":
            surname, given = p.surname, p.given
            if given and (not surname or self.r() < 0.5):
                given = typo(given, self.rng)
            else:
                surname = typo(surname, self.rng)
            variations.append(v)
            return surname, given
        return p.surname, p.given

    def birth(self, rec: Record, formatted: str, v: str | None, variations: list[str]) -> str:
        """The birth date as typed: the person's, or its day and month swapped."""
        if v != "day_month_swap":
            return formatted
        y, m, d = rec.person.birth
        if d and d <= 12 and d != m:
            swapped = date(y, d, m)
            if swapped < self.date_of(rec.minute):
                variations.append(v)
                return self.format_birth(swapped)
        return formatted

    def format_birth(self, born: date) -> str:
        """A full birth date in this format."""
        raise NotImplementedError

    def native_only(self, rec: Record, variations: list[str]) -> bool:
        """Whether this record carries the name in the native script only (Latin names left empty)."""
        doc = rec.doc
        if doc is None or rec.person.nationality != self.state or self.plain:
            return False
        if doc.kind in self.native_only_kinds and self.r() < rates.NATIVE_ONLY_RATE:
            variations.append("native_only")
            return True
        return False

    def free_text(self, rec: Record, v: str | None, variations: list[str]) -> tuple[str | None, str | None]:
        """``(vehicle, sponsor)``, one of them a spreadsheet formula when that is the variation drawn."""
        if v != "formula":
            return rec.vehicle, rec.sponsor
        vehicle, sponsor = rec.vehicle, rec.sponsor
        formula = FORMULAS[int(self.r() * len(FORMULAS))]
        if self.r() < 0.7:
            sponsor = formula
        else:
            vehicle = formula
        variations.append(v)
        return vehicle, sponsor

    # --- per format --------------------------------------------------------------------------------
    def fields(self, rec: Record, variations: list[str]) -> Any:
        """The record's fields in this format (a list or a dict), variations drawn."""
        raise NotImplementedError

    def plain_fields(self, rec: Record) -> Any:
        """The record's fields with no variation (for a row that gets a defect)."""
        self.plain = True
        try:
            return self.fields(rec, [])
        finally:
            self.plain = False

    def make_defect(self, fields: Any, kind: str, rec: Record) -> None:
        """Break ``fields`` with the one defect ``kind``."""
        raise NotImplementedError

    def conflicting_copy(self, fields: Any, rec: Record) -> Any:
        """The same record id with other content (a later time or another purpose)."""
        raise NotImplementedError

    def serialise(self, rows: list[Row], path: Path) -> None:
        """Write the rows as a file of this format."""
        raise NotImplementedError

    # --- the run -----------------------------------------------------------------------------------
    def pick_defect(self) -> str:
        """One defect kind, by the weights of rates.DEFECT_WEIGHTS."""
        u = self.r()
        for kind, bound in zip(self.defect_kinds, self.defect_cumulative, strict=True):
            if u < bound:
                return kind
        return self.defect_kinds[-1]

    def rows(self, records: list[Record], defects: bool) -> list[Row]:
        """Rows for the records in order, defects planted; a conflicting duplicate follows 1-5 rows later."""
        self.assign_ids(records)
        r = self.r
        out: list[Row] = []
        pending: list[list[Any]] = []  # [rows still to wait, row]
        for rec in records:
            pid = rec.person.person_id
            if defects and not rec.grouped and r() < rates.DEFECT_RATE:
                kind = self.pick_defect()
                fields = self.plain_fields(rec)
                if kind == "duplicate_conflict":
                    copy = self.conflicting_copy(fields, rec)
                    out.append(Row(rec.record_id, pid, fields, kind))
                    pending.append([1 + int(r() * 5), Row(rec.record_id, pid, copy, kind)])
                else:
                    self.make_defect(fields, kind, rec)
                    out.append(Row(rec.record_id, pid, fields, kind))
            else:
                variations: list[str] = []
                out.append(Row(rec.record_id, pid, self.fields(rec, variations), None, variations))
            if pending:
                for item in pending:
                    item[0] -= 1
                out.extend(item[1] for item in pending if item[0] <= 0)
                pending = [item for item in pending if item[0] > 0]
        out.extend(item[1] for item in pending)
        return out

    def write(self, records: list[Record], path: Path, defects: bool = True, limit: int | None = None) -> Written:
        """Write the file; ``limit`` cuts it to that many rows (a duplicate cut in two is one row again)."""
        rows = self.rows(records, defects)
        if limit is not None and len(rows) > limit:
            rows = rows[:limit]
            seen: dict[str, int] = {}
            for row in rows:
                if row.defect == "duplicate_conflict":
                    seen[row.record_id] = seen.get(row.record_id, 0) + 1
            for row in rows:
                if row.defect == "duplicate_conflict" and seen[row.record_id] == 1:
                    row.defect = None  # its twin was cut: the first row is the original record
        for i, row in enumerate(rows):
            row.position = i + self.first_position
        self.serialise(rows, path)
        return Written(self.source, path, rows)
