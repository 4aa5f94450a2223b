"""The reading rules common to every source (DESIGN.md section 4), applied after mapping.

They turn mapped values into a common-model :class:`Record`: resolve the checkpoint, place the
crossing in the checkpoint's local day, refuse what breaks a rule (quarantine) and note what
should not block a record (quality findings).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from borderlink.crossings.choices import ADULT_AGE, Quality
from borderlink.ingest.mapping.transforms import FieldError
from borderlink.values.dates import PartialDate, age_on
from borderlink.values.mrz import Mrz

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class CheckpointInfo:
    """What the rules need to know of a checkpoint."""

    id: int
    code: str
    zone: ZoneInfo


@dataclass(slots=True)
class Record:
    """One crossing in the common model, ready to store; ``content_hash`` covers the mapped content."""

    uid: str
    source: str
    source_record_id: str
    reporting_state: str
    checkpoint_id: int
    checkpoint_code: str
    direction: str
    crossed_at: datetime
    local_date: date
    family_name: str
    given_names: str
    native_name: str | None
    sex: str | None
    birth_date: str | None
    nationality: str | None
    age_at_crossing: int | None
    is_minor: bool | None
    document_type: str | None
    document_number: str | None
    document_issuing_state: str | None
    document_expiry: date | None
    purpose: str | None
    companions: list[str]
    vehicle: str | None
    sponsor: str | None
    visa: dict[str, Any] | None
    quality: list[str]
    search_text: str
    raw: str
    raw_position: int
    content_hash: str


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Upper-case and strip diacritics (NGUYỄN -> NGUYEN, Đ -> D); other scripts stay as they are."""
    decomposed = unicodedata.normalize("NFKD", text.upper().replace("Đ", "D").replace("đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _mrz_name(text: str) -> str:
    return "".join(c if "A" <= c <= "Z" else "<" for c in fold(text)).replace(" ", "<")


class RuleContext:
    """Per-file state the rules need: the source, its state and its checkpoints."""

    def __init__(self, source: str, reporting_state: str, checkpoints: dict[str, CheckpointInfo]) -> None:
        self.source = source
        self.reporting_state = reporting_state
        self.checkpoints = checkpoints
        self.prefix = source + ":"

    def finish(self, mapped: dict[str, Any], raw: str, position: int) -> Record:
        """Apply the common rules to one mapped record; raise :class:`FieldError` to quarantine it."""
        record_id = str(mapped["id"])
        checkpoint = self.checkpoints.get(mapped["checkpoint"])
        if checkpoint is None:
            raise FieldError(
                "unknown_checkpoint",
                "checkpoint",
                f"checkpoint: {mapped['checkpoint']!r} is not a checkpoint of {self.reporting_state}",
            )
        crossed_at: datetime = mapped["crossed_at"]
        if crossed_at.tzinfo is None:
            crossed_at = crossed_at.replace(tzinfo=checkpoint.zone).astimezone(UTC)
        local_date = crossed_at.astimezone(checkpoint.zone).date()

        family, given = mapped.get("traveller.family_name"), mapped.get("traveller.given_names")
        if "traveller.name" in mapped:
            split = mapped["traveller.name"]
            family, given = split if split else (None, None)
        native = mapped.get("traveller.native_name")
        if not (family or given or native):
            raise FieldError("no_name", "traveller", "traveller: no name in any script")

        birth: PartialDate | None = mapped.get("traveller.birth_date")
        if isinstance(birth, date):
            birth = PartialDate(birth.year, birth.month, birth.day)
        age: int | None = None
        minor: bool | None = None
        if birth is not None:
            if birth.earliest() > local_date:
                raise FieldError(
                    "birth_after_crossing",
                    "traveller.birth_date",
                    f"traveller.birth_date: {birth} is after the crossing on {local_date}",
                )
            youngest, oldest = age_on(birth, local_date)
            age = youngest
            minor = True if oldest < ADULT_AGE else (False if youngest >= ADULT_AGE else None)

        quality: list[str] = []
        number = mapped.get("document.number")
        doc_type = mapped.get("document.type")
        expiry: date | None = mapped.get("document.expiry_date")
        issuing = mapped.get("document.issuing_state")
        if number is None and doc_type is None:
            expiry = issuing = None
        else:
            doc_type = doc_type or "other"
            if expiry is not None and expiry < local_date:
                quality.append(Quality.DOCUMENT_EXPIRED)
        sex = mapped.get("traveller.sex")
        nationality = mapped.get("traveller.nationality")

        mrz = mapped.get("mrz")
        if mrz is not None:
            if not isinstance(mrz, Mrz):
                quality.append(Quality.MRZ_UNREADABLE)
            else:
                if not mrz.valid:
                    quality.append(Quality.MRZ_CHECK_DIGIT)
                if _mrz_disagrees(mrz, family, given, number, birth, sex, expiry):
                    quality.append(Quality.MRZ_MISMATCH)

        companions = [c if ":" in c else self.prefix + c for c in mapped.get("companions") or []]
        sponsor, vehicle = mapped.get("sponsor"), mapped.get("vehicle")
        for text in (sponsor, vehicle, family, given):
            if text and text.startswith(FORMULA_PREFIXES) and Quality.FORMULA_TEXT not in quality:
                quality.append(Quality.FORMULA_TEXT)
        visa_category, visa_number = mapped.get("visa.category"), mapped.get("visa.number")
        visa = (
            None
            if visa_category is None and visa_number is None
            else {"category": visa_category, "number": visa_number}
        )
        family = family or ""
        given = given or ""
        search = " ".join(part for part in (fold(family), fold(given), native or "", number or "") if part)
        birth_text = str(birth) if birth is not None else None
        content = "\x1f".join(
            str(v)
            for v in (
                checkpoint.code,
                mapped["direction"],
                crossed_at.isoformat(),
                family,
                given,
                native,
                sex,
                birth_text,
                nationality,
                doc_type,
                number,
                issuing,
                expiry,
                mapped.get("purpose"),
                ",".join(companions),
                vehicle,
                sponsor,
                visa,
                ",".join(quality),
            )
        )
        return Record(
            uid=self.prefix + record_id,
            source=self.source,
            source_record_id=record_id,
            reporting_state=self.reporting_state,
            checkpoint_id=checkpoint.id,
            checkpoint_code=checkpoint.code,
            direction=mapped["direction"],
            crossed_at=crossed_at,
            local_date=local_date,
            family_name=family,
            given_names=given,
            native_name=native,
            sex=sex,
            birth_date=birth_text,
            nationality=nationality,
            age_at_crossing=age,
            is_minor=minor,
            document_type=doc_type,
            document_number=number,
            document_issuing_state=issuing,
            document_expiry=expiry,
            purpose=mapped.get("purpose"),
            companions=companions,
            vehicle=vehicle,
            sponsor=sponsor,
            visa=visa,
            quality=quality,
            search_text=search,
            raw=raw,
            raw_position=position,
            content_hash=hashlib.blake2b(content.encode("utf-8"), digest_size=16).hexdigest(),
        )


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
    if birth is not None and mrz.birth_date is not None and str(birth) != str(mrz.birth_date):
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
