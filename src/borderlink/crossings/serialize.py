"""The common-model JSON of a crossing (DESIGN.md section 3), used by the API, exports and history."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from borderlink.crossings.models import Crossing


def iso_utc(value: datetime) -> str:
    """UTC, ISO 8601, seconds precision, with a ``Z``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def crossing_to_dict(crossing: Crossing) -> dict[str, Any]:
    """Return the crossing exactly as DESIGN.md section 3 gives it (checkpoint must be loaded)."""
    document = None
    if crossing.document_number is not None or crossing.document_type is not None:
        document = {
            "type": crossing.document_type,
            "number": crossing.document_number,
            "issuing_state": crossing.document_issuing_state,
            "expiry_date": crossing.document_expiry.isoformat() if crossing.document_expiry else None,
        }
    return {
        "id": crossing.uid,
        "source": crossing.source,
        "source_record_id": crossing.source_record_id,
        "reporting_state": crossing.reporting_state,
        "checkpoint": crossing.checkpoint.code,
        "direction": crossing.direction,
        "crossed_at": iso_utc(crossing.crossed_at),
        "traveller": {
            "family_name": crossing.family_name or None,
            "given_names": crossing.given_names or None,
            "native_name": crossing.native_name,
            "sex": crossing.sex,
            "birth_date": crossing.birth_date,
            "nationality": crossing.nationality,
        },
        "document": document,
        "purpose": crossing.purpose,
        "companions": list(crossing.companions or []),
        "vehicle": crossing.vehicle,
        "sponsor": crossing.sponsor,
        "visa": crossing.visa,
        "quality": list(crossing.quality or []),
    }
