"""Background job handlers of the identity app."""

from __future__ import annotations

from typing import Any

from borderlink.crossings.models import Crossing
from borderlink.identity.linking import link_crossings
from borderlink.jobs.queue import handler


@handler("identity.link_run")
def link_imported(payload: dict[str, Any]) -> None:
    """Link the crossings an import run stored or changed to persons."""
    ids = list(Crossing.objects.filter(import_run_id=payload["import_run"]).values_list("id", flat=True))
    for start in range(0, len(ids), 5000):
        link_crossings(ids[start : start + 5000])
