"""The reading rules common to every source (DESIGN.md section 4), applied after mapping.

They turn mapped values into a common-model :class:`Record`: resolve the checkpoint, place the
crossing in the checkpoint's local day, refuse what breaks a rule (quarantine) and note what
should not block a record (quality findings).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from borderlink.crossings.choices import ADULT_AGE, Quality
from borderlink.ingest.mapping.transforms import FieldError
from borderlink.values.dates import PartialDate, age_on
from borderlink.values.mrz import Mrz

#: Crossing times outside these years are typing or calendar mistakes (a Buddhist year read as Gregorian).
PLAUSIBLE_YEARS = (1900, 2199)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class CheckpointInfo:
    """What the rules need to know of a checkpoint."""

    id: int
    code: str
    zone: ZoneInfo


#: The common-model columns rules produce for each stored row, in this order.
MODEL_COLUMNS = (
    "uid", "source", "source_record_id", "reporting_state", "checkpoint_id", "direction", "crossed_at",
    "local_date", "family_name", "given_names", "native_name", "sex", "birth_date", "nationality",
    "age_at_crossing", "is_minor", "document_type", "document_number", "document_issuing_state",
    "document_expiry", "purpose", "companions", "vehicle", "sponsor", "visa", "quality", "search_text",
    "raw", "raw_position", "content_hash",
)  # fmt: skip
UID, COMPANIONS, QUALITY, RAW, POSITION, HASH = 0, 21, 25, 27, 28, 29


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Upper-case and strip diacritics (NGUYỄN -> NGUYEN, Đ -> D); other scripts stay as they are."""
    decomposed = unicodedata.normalize("NFKD", text.upper().replace("Đ", "D").replace("đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _mrz_name(text: str) -> str:
    return "".join(c if "A" <= c <= "Z" else "<" for c in fold(text)).replace(" ", "<")


def raw_hash(raw: str) -> str:
    """Identify a record's source text; equal text means nothing changed."""
    return hashlib.blake2b(raw.encode("utf-8", errors="surrogateescape"), digest_size=16).hexdigest()


class RuleContext:
    """Per-file state the rules need: the source, its state, its checkpoints and the database kind."""

    def __init__(
        self, source: str, reporting_state: str, checkpoints: dict[str, CheckpointInfo], postgres: bool
    ) -> None:
        self.source = source
        self.reporting_state = reporting_state
        self.checkpoints = checkpoints
        self.prefix = source + ":"
        self.time_suffix = "+00:00" if postgres else ""
        self._offsets: dict[tuple[Any, date, int], timedelta] = {}
        self._day_texts: dict[date, str] = {}
        self._mrz_findings: dict[tuple[Any, ...], list[str]] = {}
        self._ages: dict[tuple[PartialDate, date], tuple[int, bool | None]] = {}

    def place_in_time(self, value: datetime, checkpoint: CheckpointInfo) -> tuple[str, date, str]:
        """The stored UTC time, and the checkpoint's local date (and its ISO text), of a crossing time.

        The zone's offset is looked up once per zone and local hour (offsets change at most on the
        hour), so the per-row work is one subtraction and one formatting.
        """
        zone = checkpoint.zone
        if not PLAUSIBLE_YEARS[0] <= value.year <= PLAUSIBLE_YEARS[1]:
            raise FieldError(
                "bad_date", "crossed_at", f"crossed_at: {value.isoformat()} is not a plausible crossing time"
            )
        if value.tzinfo is None:
            key = (zone, value.date(), value.hour)
            offset = self._offsets.get(key)
            if offset is None:
                offset = self._offsets[key] = value.replace(tzinfo=zone).utcoffset() or timedelta(0)
            utc = value - offset
            local = value.date()
        else:
            utc = value.astimezone(UTC).replace(tzinfo=None)
            local = value.astimezone(zone).date()
        local_text = self._day_texts.get(local)
        if local_text is None:
            local_text = self._day_texts[local] = local.isoformat()
        return utc.isoformat(" ") + self.time_suffix, local, local_text

    def mrz_findings(
        self, mrz: Any, family: Any, given: Any, number: Any, birth: Any, sex: Any, expiry: Any
    ) -> list[str]:
        """Quality codes for an MRZ against the typed fields (memoised: a passport crosses often)."""
        key = (id(mrz), family, given, number, birth, sex, expiry)
        found = self._mrz_findings.get(key)
        if found is None:
            found = []
            if not isinstance(mrz, Mrz):
                found.append(Quality.MRZ_UNREADABLE)
            else:
                if not mrz.valid:
                    found.append(Quality.MRZ_CHECK_DIGIT)
                if _mrz_disagrees(mrz, family, given, number, birth, sex, expiry):
                    found.append(Quality.MRZ_MISMATCH)
            self._mrz_findings[key] = found
        return found

    def age(self, birth: PartialDate, on: date) -> tuple[int, bool | None]:
        """Youngest age at crossing and the minor flag (None when the birth date leaves it open)."""
        if birth.day is not None and birth.month is not None:
            # Complete birth date, the common case: plain arithmetic, nothing to cache.
            born = (birth.year, birth.month, birth.day)
            if born > (on.year, on.month, on.day):
                raise FieldError(
                    "birth_after_crossing",
                    "traveller.birth_date",
                    f"traveller.birth_date: {birth} is after the crossing on {on}",
                )
            years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
            return years, years < ADULT_AGE
        key = (birth, on)
        found = self._ages.get(key)
        if found is None:
            if birth.earliest() > on:
                raise FieldError(
                    "birth_after_crossing",
                    "traveller.birth_date",
                    f"traveller.birth_date: {birth} is after the crossing on {on}",
                )
            youngest, oldest = age_on(birth, on)
            found = (youngest, True if oldest < ADULT_AGE else (False if youngest >= ADULT_AGE else None))
            self._ages[key] = found
        return found

    def finish(
        self,
        columns: dict[str, list[Any]],
        errors: dict[int, FieldError],
        raws: list[str],
        positions: list[int],
    ) -> tuple[list[tuple[Any, ...]], dict[int, FieldError]]:
        """Apply the common rules to mapped columns; return stored-row tuples and per-row errors.

        This loop runs once per record of every file, so its common case (a naive local time, a
        complete birth date) is written out here rather than called: the rarer cases go through
        :meth:`place_in_time` and :meth:`age`, which hold the same rules.
        """
        count = len(raws)
        nothing: list[Any] = [None] * count
        col = lambda name: columns.get(name, nothing)  # noqa: E731
        if "traveller.name" in columns:
            split = [v if isinstance(v, tuple) else (None, None) for v in columns["traveller.name"]]
            families: list[Any] = [f for f, _ in split]
            givens: list[Any] = [g for _, g in split]
        else:
            families, givens = col("traveller.family_name"), col("traveller.given_names")
        checkpoints = self.checkpoints
        prefix, source, state = self.prefix, self.source, self.reporting_state
        rows: list[tuple[Any, ...]] = []
        dumps = json.dumps
        blake2b = hashlib.blake2b
        suffix = self.time_suffix
        offsets, day_texts = self._offsets, self._day_texts
        earliest, latest = PLAUSIBLE_YEARS
        # Texts that a spreadsheet would run as a formula, found once per distinct value.
        formula_like = {
            text
            for column in (col("sponsor"), col("vehicle"), families, givens, col("traveller.native_name"))
            for text in set(column)
            if isinstance(text, str) and text.startswith(FORMULA_PREFIXES)
        }
        text_cache: dict[Any, str] = {}

        for index, (
            record_id, checkpoint_code, direction, crossed, family, given, native, sex, birth, nationality, doc_type,
            number, issuing, expiry, mrz, purpose, companions, vehicle, sponsor, visa_category, visa_number,
        ) in enumerate(
            zip(
                col("id"), col("checkpoint"), col("direction"), col("crossed_at"), families, givens,
                col("traveller.native_name"), col("traveller.sex"), col("traveller.birth_date"),
                col("traveller.nationality"), col("document.type"), col("document.number"),
                col("document.issuing_state"), col("document.expiry_date"), col("mrz"), col("purpose"),
                col("companions"), col("vehicle"), col("sponsor"), col("visa.category"), col("visa.number"),
                strict=True,
            )
        ):  # fmt: skip
            if index in errors:
                continue
            try:
                checkpoint = checkpoints.get(checkpoint_code)
                if checkpoint is None:
                    raise FieldError(
                        "unknown_checkpoint",
                        "checkpoint",
                        f"checkpoint: {checkpoint_code!r} is not a checkpoint of {state}",
                    )
                if crossed.tzinfo is None and earliest <= crossed.year <= latest:
                    # place_in_time's common case: a local time, its zone's offset known for that hour
                    local_date = crossed.date()
                    offset = offsets.get((checkpoint.zone, local_date, crossed.hour))
                    if offset is None:
                        crossed_text, local_date, local_text = self.place_in_time(crossed, checkpoint)
                    else:
                        crossed_text = (crossed - offset).isoformat(" ") + suffix
                        local_text = day_texts[local_date]
                else:
                    crossed_text, local_date, local_text = self.place_in_time(crossed, checkpoint)
                if not (family or given or native):
                    raise FieldError("no_name", "traveller", "traveller: no name in any script")
                if (family and len(family) > 200) or (given and len(given) > 200):
                    raise FieldError("too_long", "traveller.name", "traveller.name: a part is longer than 200")
                if birth is None:
                    age = minor = None
                    birth_text = None
                else:
                    if isinstance(birth, date):
                        birth = PartialDate(birth.year, birth.month, birth.day)
                    month, day = birth.month, birth.day
                    if (
                        day is not None
                        and month is not None
                        and (month, day) <= (local_date.month, local_date.day)
                        and birth.year <= local_date.year
                    ):
                        # age's common case: a complete birth date, birthday already past this year
                        age = local_date.year - birth.year
                        minor = age < ADULT_AGE
                    else:
                        age, minor = self.age(birth, local_date)
                    birth_text = text_cache.get(birth)
                    if birth_text is None:
                        birth_text = text_cache[birth] = str(birth)
            except FieldError as error:
                errors[index] = error.detached()
                continue
            quality: list[str] = []
            if number is None and doc_type is None:
                expiry_text = issuing = None
            else:
                doc_type = doc_type or "other"
                if expiry is None:
                    expiry_text = None
                else:
                    if expiry < local_date:
                        quality.append(Quality.DOCUMENT_EXPIRED)
                    expiry_text = text_cache.get(expiry)
                    if expiry_text is None:
                        expiry_text = text_cache[expiry] = expiry.isoformat()
            if mrz is not None:
                quality.extend(self.mrz_findings(mrz, family, given, number, birth, sex, expiry))
            if formula_like and (
                sponsor in formula_like
                or vehicle in formula_like
                or family in formula_like
                or given in formula_like
                or native in formula_like
            ):
                quality.append(Quality.FORMULA_TEXT)
            visa = (
                None
                if visa_category is None and visa_number is None
                else dumps({"category": visa_category, "number": visa_number})
            )
            if companions:
                companions = [c if ":" in c else prefix + c for c in companions]
            family = family or ""
            given = given or ""
            search = f"{fold(family)} {fold(given)} {native or ''} {number or ''}".strip()
            raw = raws[index]
            rows.append(
                (
                    prefix + record_id, source, record_id, state, checkpoint.id, direction, crossed_text,
                    local_text, family, given, native, sex, birth_text, nationality, age, minor, doc_type, number,
                    issuing, expiry_text, purpose, companions or [], vehicle, sponsor, visa, quality, search, raw,
                    positions[index], blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest(),
                )
            )  # fmt: skip
        return rows, errors


def _mrz_disagrees(
    mrz: Mrz,
    family: str | None,
    given: str | None,
    number: str | None,
    birth: PartialDate | None,
    sex: str | None,
    expiry: date | None,
) -> bool:
    """Whether the MRZ contradicts a typed field (names compared in MRZ form, truncation allowed)."""
    if number and mrz.document_number and number.replace(" ", "") != mrz.document_number:
        return True
    if birth is not None and mrz.birth_date is not None and birth != mrz.birth_date:
        return True
    if sex and mrz.sex and sex != mrz.sex:
        return True
    if expiry is not None and mrz.expiry_date is not None and expiry != mrz.expiry_date:
        return True
    if family and mrz.primary_identifier:
        typed = _mrz_name(family).replace("<", " ").strip()
        read = mrz.primary_identifier.strip()
        if not (typed.startswith(read) or read.startswith(typed)):
            return True
    if given and mrz.secondary_identifier:
        typed = _mrz_name(given).replace("<", " ").strip()
        read = mrz.secondary_identifier.strip()
        if not (typed.startswith(read) or read.startswith(typed)):
            return True
    return False
