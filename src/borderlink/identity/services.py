"""Reading persons on behalf of a user: only through crossings the user may see, and logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Action
from borderlink.crossings.models import Crossing
from borderlink.identity.models import LinkDecision


@dataclass(frozen=True)
class PersonView:
    """A person as one user may see them: their visible crossings with the decision linking each."""

    person_id: int
    links: list[tuple[Crossing, LinkDecision]]

    @property
    def names(self) -> list[str]:
        """Every distinct name form seen on the crossings (Latin and native script)."""
        seen: list[str] = []
        for crossing, _decision in self.links:
            for name in (f"{crossing.family_name} {crossing.given_names}".strip(), crossing.native_name or ""):
                if name and name not in seen:
                    seen.append(name)
        return seen

    @property
    def documents(self) -> list[tuple[str, str, str]]:
        """Every distinct document (type, number, issuing state) shown at the crossings."""
        seen: list[tuple[str, str, str]] = []
        for crossing, _decision in self.links:
            if crossing.document_number:
                document = (
                    crossing.document_type or "",
                    crossing.document_number,
                    crossing.document_issuing_state or "",
                )
                if document not in seen:
                    seen.append(document)
        return seen


def get_person(user: Any, person_id: int, channel: str = "web") -> PersonView:
    """A person by id, showing only the crossings ``user`` may see (404 if none)."""
    visible = Crossing.objects.restrict(user, Action.VIEW_CROSSING)
    decisions = (
        LinkDecision.objects.filter(person_id=person_id, current=True, crossing__in=visible)
        .select_related("crossing", "crossing__checkpoint", "matched_crossing")
        .order_by("crossing__crossed_at", "crossing_id")
    )
    links = [(decision.crossing, decision) for decision in decisions]
    if not links:
        raise Http404("no such person")
    AccessLogEntry.record(user, channel, Action.VIEW_CROSSING, "person", [f"person:{person_id}"])
    return PersonView(person_id=person_id, links=links)


def person_of(crossing: Crossing) -> LinkDecision | None:
    """The current decision linking a crossing to a person, if it is linked yet."""
    return LinkDecision.objects.filter(crossing=crossing, current=True).first()
