"""Filtering and searching crossings: one parser shared by the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from borderlink.crossings.choices import Direction
from borderlink.crossings.models import CrossingQuerySet
from borderlink.ingest.rules import fold

MAX_TERMS = 6


class FilterError(ValueError):
    """A filter value that cannot be used; the message names the parameter."""


@dataclass(frozen=True)
class CrossingFilter:
    """The filters a user can apply to the crossing list; empty means no filter."""

    date_from: date | None = None
    date_to: date | None = None
    checkpoint: str = ""
    direction: str = ""
    nationality: str = ""
    document: str = ""
    q: str = ""
    minor: bool | None = None
    source: str = ""
    terms: tuple[str, ...] = field(default=())

    @classmethod
    def parse(cls, params: Any) -> CrossingFilter:
        """Read filters from a query-string mapping; raise :class:`FilterError` on a bad value."""

        def text(name: str, limit: int = 100) -> str:
            value = (params.get(name) or "").strip()
            if len(value) > limit:
                raise FilterError(_("%(name)s: at most %(limit)d characters") % {"name": name, "limit": limit})
            return value

        def day(name: str) -> date | None:
            value = text(name, 10)
            if not value:
                return None
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise FilterError(_("%(name)s: expected a date as YYYY-MM-DD") % {"name": name}) from None

        direction = text("direction", 5).lower()
        if direction and direction not in Direction.values:
            raise FilterError(_("direction: expected entry or exit"))
        minor_text = text("minor", 5).lower()
        if minor_text not in ("", "true", "false", "1", "0", "yes", "no"):
            raise FilterError(_("minor: expected true or false"))
        minor = None if not minor_text else minor_text in ("true", "1", "yes")
        date_from, date_to = day("date_from"), day("date_to")
        if date_from and date_to and date_from > date_to:
            raise FilterError(_("date_from is after date_to"))
        q = text("q", 200)
        terms = tuple(fold(word) for word in q.split())[:MAX_TERMS]
        return cls(
            date_from=date_from,
            date_to=date_to,
            checkpoint=text("checkpoint", 40).upper(),
            direction=direction,
            nationality=text("nationality", 3).upper(),
            document=text("document", 40).upper().replace(" ", ""),
            q=q,
            minor=minor,
            source=text("source", 40),
            terms=terms,
        )

    def apply(self, queryset: CrossingQuerySet) -> CrossingQuerySet:
        """Narrow ``queryset``; dates are taken in the node's time zone (checkpoints here share UTC+7)."""
        zone = ZoneInfo(settings.TIME_ZONE)
        if self.date_from:
            queryset = queryset.filter(crossed_at__gte=datetime.combine(self.date_from, time.min, zone))
        if self.date_to:
            end = datetime.combine(self.date_to + timedelta(days=1), time.min, zone)
            queryset = queryset.filter(crossed_at__lt=end)
        if self.checkpoint:
            queryset = queryset.filter(checkpoint__code=self.checkpoint)
        if self.direction:
            queryset = queryset.filter(direction=self.direction)
        if self.nationality:
            queryset = queryset.filter(nationality=self.nationality)
        if self.document:
            queryset = queryset.filter(document_number=self.document)
        if self.minor is not None:
            queryset = queryset.filter(is_minor=self.minor)
        if self.source:
            queryset = queryset.filter(source=self.source)
        for term in self.terms:
            queryset = queryset.filter(Q(search_text__contains=term))
        return queryset

    def as_query(self) -> dict[str, str]:
        """The filters as query-string values (for links and the access log)."""
        values = {
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "checkpoint": self.checkpoint,
            "direction": self.direction,
            "nationality": self.nationality,
            "document": self.document,
            "q": self.q,
            "minor": "" if self.minor is None else ("true" if self.minor else "false"),
            "source": self.source,
        }
        return {key: value for key, value in values.items() if value}
