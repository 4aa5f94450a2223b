"""Reading crossings on behalf of a user: scoped, filtered, paginated and logged.

Pages and the API both call these functions, so every read of personal data is restricted by
:meth:`CrossingQuerySet.restrict` and written to the access log in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import Http404

from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Action
from borderlink.crossings.filters import CrossingFilter
from borderlink.crossings.models import Crossing
from borderlink.values.dates import PartialDate, age_on

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class CrossingPage:
    """One page of crossings and the total count."""

    items: list[Crossing]
    count: int
    page: int
    page_size: int

    @property
    def has_next(self) -> bool:
        """Whether another page follows."""
        return self.page * self.page_size < self.count

    @property
    def pages(self) -> int:
        """How many pages there are."""
        return max(1, -(-self.count // self.page_size))


def list_crossings(
    user: Any, filters: CrossingFilter, page: int = 1, page_size: int = PAGE_SIZE, channel: str = "web"
) -> CrossingPage:
    """The crossings ``user`` may see that match ``filters``, newest first, one page."""
    page = max(1, page)
    page_size = min(max(1, page_size), MAX_PAGE_SIZE)
    queryset = filters.apply(Crossing.objects.restrict(user, Action.VIEW_CROSSING))
    count = queryset.count()
    start = (page - 1) * page_size
    items = list(queryset.select_related("checkpoint")[start : start + page_size])
    AccessLogEntry.record(user, channel, Action.VIEW_CROSSING, "crossing", [c.uid for c in items], filters.as_query())
    return CrossingPage(items=items, count=count, page=page, page_size=page_size)


def get_crossing(user: Any, uid: str, channel: str = "web") -> Crossing:
    """One crossing by its id, if ``user`` may see it (404 otherwise, whether it exists or not)."""
    crossing = (
        Crossing.objects.restrict(user, Action.VIEW_CROSSING)
        .select_related("checkpoint", "checkpoint__state", "import_run")
        .filter(uid=uid)
        .first()
    )
    if crossing is None:
        raise Http404("no such crossing")
    AccessLogEntry.record(user, channel, Action.VIEW_CROSSING, "crossing", [crossing.uid])
    return crossing


def age_text(crossing: Crossing) -> str:
    """The traveller's age at crossing, as a range when the birth date is partial."""
    if not crossing.birth_date:
        return ""
    try:
        birth = PartialDate.parse(crossing.birth_date)
    except ValueError:
        return ""
    local: date = crossing.local_date
    youngest, oldest = age_on(birth, local)
    return str(youngest) if youngest == oldest else f"{youngest}–{oldest}"


def local_time(crossing: Crossing) -> datetime:
    """The crossing time at the checkpoint."""
    return crossing.crossed_at.astimezone(crossing.checkpoint.zone)


def companions_of(user: Any, crossing: Crossing) -> list[tuple[str, Crossing | None]]:
    """The companions' ids with their stored crossing when the user may see it."""
    uids = list(crossing.companions or [])
    found = {
        c.uid: c
        for c in Crossing.objects.restrict(user, Action.VIEW_CROSSING).filter(uid__in=uids).select_related("checkpoint")
    }
    # The source links one way (a minor's record names the adult's); show the other way too.
    travelling_with = list(
        Crossing.objects.restrict(user, Action.VIEW_CROSSING)
        .filter(companions__icontains=f'"{crossing.uid}"')
        .exclude(pk=crossing.pk)
        .select_related("checkpoint")[:20]
    )
    result: list[tuple[str, Crossing | None]] = [(uid, found.get(uid)) for uid in uids]
    result.extend((c.uid, c) for c in travelling_with if c.uid not in found)
    return result
