"""Hits as the lines of ``borderlink export hits``: what an evaluation or a partner's audit reads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from borderlink.screening.models import Hit


def hit_records() -> Iterator[dict[str, Any]]:
    """One dict per hit, oldest first: the subject (crossing or expected arrival), alert, score and status."""
    rows = Hit.objects.order_by("id").values_list(
        "id", "crossing__uid", "expected_arrival_id", "alert__issuing_state", "alert__ref", "alert__type", "score",
        "status", "created_at", "retrospective",
    )  # fmt: skip
    for hit_id, uid, arrival, state, ref, kind, score, status, created, retro in rows.iterator(2000):
        subject: dict[str, Any] = {"crossing_id": uid} if uid else {"expected_arrival_id": arrival}
        yield {
            **subject,
            "alert_ref": ref,
            "score": score,
            "status": status,
            "hit_id": hit_id,
            "alert_issuing_state": state,
            "alert_type": kind,
            "hit_at": created.isoformat(),
            "retrospective": retro,
        }
