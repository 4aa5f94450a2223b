"""Person search: a name in any script, with optional birth date, sex, nationality and document.

Candidates come from the database by the words of every romanisation of the name (and the native
words), within the user's scope; each is scored with the linking model (the trained one when there is
one, ``models_store.realtime_model``) and the best crossing of each person gives that person's rank,
with its explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from borderlink.accounts.models import AccessLogEntry
from borderlink.accounts.roles import Action
from borderlink.crossings.models import Crossing
from borderlink.identity.compare import Traveller
from borderlink.identity.models import LinkDecision
from borderlink.identity.models_store import realtime_model
from borderlink.identity.score import Match, Scorer
from borderlink.ingest.rules import fold
from borderlink.values.countries import UnknownStateCode, state_code
from borderlink.values.dates import PartialDate
from borderlink.values.names import detect_script, romanise

CANDIDATE_LIMIT = 2000
RESULT_LIMIT = 20
MIN_PROBABILITY = 0.01


class SearchError(ValueError):
    """A search that cannot be run; the message names the parameter."""


@dataclass(frozen=True)
class Candidate:
    """One person found: the best-matching crossing of theirs and why it matched."""

    person_id: int | None
    crossing: Crossing
    match: Match


def parse_query(params: Any) -> Traveller:
    """The traveller a search describes; raise :class:`SearchError` on a bad value."""
    name = (params.get("q") or "").strip()
    if not name:
        raise SearchError(_("q: give a name (any script)"))
    if len(name) > 200:
        raise SearchError(_("q: at most 200 characters"))
    birth = None
    if params.get("birth_date"):
        try:
            birth = PartialDate.parse(params["birth_date"].strip())
        except ValueError:
            raise SearchError(_("birth_date: expected YYYY, YYYY-MM or YYYY-MM-DD")) from None
    sex = (params.get("sex") or "").strip().upper() or None
    if sex not in (None, "M", "F", "X"):
        raise SearchError(_("sex: expected M, F or X"))
    nationality = None
    if params.get("nationality"):
        try:
            nationality = state_code(params["nationality"])
        except UnknownStateCode:
            raise SearchError(_("nationality: not a state code")) from None
    document = (params.get("document") or "").strip().upper().replace(" ", "") or None
    latin = detect_script(name) == "latin"
    return Traveller(
        given=name.upper() if latin else "",
        native="" if latin else name,
        sex=sex,
        birth_date=birth,
        nationality=nationality,
        document_number=document,
    )


def search_persons(user: Any, query: Traveller, channel: str = "web") -> list[Candidate]:
    """The persons (best crossing each) that match ``query`` among the crossings ``user`` may see."""
    words: set[str] = set()
    for form in romanise(query.native or query.given):
        words.update(fold(word) for word in form.split() if len(word) > 1)
    words.update(word for word in query.native.split() if word)
    condition = Q()
    for word in sorted(words)[:40]:
        condition |= Q(search_text__contains=word)
    if query.document_number:
        condition |= Q(document_number=query.document_number)
    visible = Crossing.objects.restrict(user, Action.VIEW_CROSSING)
    crossings = list(visible.filter(condition).select_related("checkpoint").order_by("-crossed_at")[:CANDIDATE_LIMIT])
    people = dict(
        LinkDecision.objects.filter(current=True, crossing__in=[c.pk for c in crossings]).values_list(
            "crossing_id", "person_id"
        )
    )
    scorer = Scorer(realtime_model())
    best: dict[Any, Candidate] = {}
    for crossing in crossings:
        other = Traveller.from_mapping(
            {field: getattr(crossing, field) for field in (
                "family_name", "given_names", "native_name", "sex", "nationality", "document_number",
                "document_issuing_state",
            )} | {"birth_date": crossing.birth_date}
        )  # fmt: skip
        match = scorer.score(query, other)
        if match.probability < MIN_PROBABILITY:
            continue
        person = people.get(crossing.pk)
        key = person if person is not None else f"crossing:{crossing.pk}"
        if key not in best or match.weight > best[key].match.weight:
            best[key] = Candidate(person, crossing, match)
    ranked = sorted(best.values(), key=lambda c: c.match.weight, reverse=True)[:RESULT_LIMIT]
    terms = {
        "q": query.native or query.given,
        "birth_date": str(query.birth_date or ""),
        "document": query.document_number,
    }
    AccessLogEntry.record(user, channel, Action.VIEW_CROSSING, "person_search", [c.crossing.uid for c in ranked], terms)
    return ranked
