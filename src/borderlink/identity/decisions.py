"""Analysts' decisions on persons: split a crossing off, merge two persons.

A decision supersedes the crossing's current one and keeps who decided, when and why. A split also
remembers "not the same person" for the crossing against every crossing it leaves, so that no later
automatic link puts them together again.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from borderlink.accounts.roles import Action
from borderlink.crossings.models import Crossing
from borderlink.identity.linking import forget_state
from borderlink.identity.models import DistinctPair, LinkDecision, Person


class DecisionRefused(ValueError):
    """A decision that cannot be taken; the message says why."""


def _visible(user: Any, uid: str) -> Crossing:
    crossing = Crossing.objects.restrict(user, Action.VIEW_CROSSING).filter(uid=uid).first()
    if crossing is None:
        raise DecisionRefused(_("no such crossing"))
    return crossing


def _check(user: Any, reason: str) -> None:
    if not user.can(Action.DECIDE_LINK):
        raise PermissionError(_("your role may not split or merge persons"))
    if not reason.strip():
        raise DecisionRefused(_("give a reason: it is kept with the decision"))


def split(user: Any, uid: str, reason: str) -> Person:
    """Take one crossing out of its person into a new person, and remember they are not the same."""
    _check(user, reason)
    crossing = _visible(user, uid)
    with transaction.atomic():
        current = LinkDecision.objects.select_for_update().filter(crossing=crossing, current=True).first()
        if current is None:
            raise DecisionRefused(_("the crossing is not linked yet"))
        others = list(
            LinkDecision.objects.filter(person_id=current.person_id, current=True)
            .exclude(crossing=crossing)
            .values_list("crossing_id", flat=True)
        )
        if not others:
            raise DecisionRefused(_("the crossing is the person's only one"))
        person = Person.objects.create()
        LinkDecision.objects.filter(pk=current.pk).update(current=False)
        LinkDecision.objects.create(
            crossing=crossing, person=person, kind=LinkDecision.Kind.SPLIT, user=user, reason=reason
        )
        DistinctPair.objects.bulk_create(
            [DistinctPair(first=crossing, second_id=other, user=user, reason=reason) for other in others],
            ignore_conflicts=True,
        )
    forget_state()
    return person


def merge(user: Any, keep_id: int, other_id: int, reason: str) -> Person:
    """Move every crossing of person ``other_id`` to person ``keep_id`` (the user must see both)."""
    _check(user, reason)
    if keep_id == other_id:
        raise DecisionRefused(_("a person cannot be merged with itself"))
    visible = Crossing.objects.restrict(user, Action.VIEW_CROSSING)
    keep = LinkDecision.objects.filter(person_id=keep_id, current=True, crossing__in=visible)
    moving = list(LinkDecision.objects.filter(person_id=other_id, current=True, crossing__in=visible))
    if not keep.exists() or not moving:
        raise DecisionRefused(_("no such person"))
    kept_crossings = list(keep.values_list("crossing_id", flat=True))
    moving_crossings = [d.crossing_id for d in moving]
    if DistinctPair.objects.filter(first_id__in=moving_crossings, second_id__in=kept_crossings).exists() or (
        DistinctPair.objects.filter(first_id__in=kept_crossings, second_id__in=moving_crossings).exists()
    ):
        raise DecisionRefused(_("an analyst recorded that these are not the same person"))
    with transaction.atomic():
        LinkDecision.objects.filter(pk__in=[d.pk for d in moving]).update(current=False)
        LinkDecision.objects.bulk_create(
            [
                LinkDecision(
                    crossing_id=d.crossing_id, person_id=keep_id, kind=LinkDecision.Kind.MERGE, user=user,
                    reason=reason,
                )
                for d in moving
            ]
        )  # fmt: skip
    forget_state()
    return Person.objects.get(pk=keep_id)


def confirm(user: Any, uid: str, reason: str) -> LinkDecision:
    """Confirm a crossing's current person: the review flag is answered and the link kept."""
    _check(user, reason)
    crossing = _visible(user, uid)
    with transaction.atomic():
        current = LinkDecision.objects.select_for_update().filter(crossing=crossing, current=True).first()
        if current is None:
            raise DecisionRefused(_("the crossing is not linked yet"))
        LinkDecision.objects.filter(pk=current.pk).update(current=False)
        decision = LinkDecision.objects.create(
            crossing=crossing, person_id=current.person_id, kind=LinkDecision.Kind.CONFIRM, user=user, reason=reason
        )
    forget_state()
    return decision


def review_queue(user: Any) -> list[LinkDecision]:
    """Automatic links an analyst should look at: near misses and documents shared by two people."""
    visible = Crossing.objects.restrict(user, Action.VIEW_CROSSING)
    return list(
        LinkDecision.objects.filter(current=True, kind=LinkDecision.Kind.AUTOMATIC, crossing__in=visible)
        .filter(models.Q(needs_review=True) | models.Q(shared_document=True))
        .select_related("crossing", "crossing__checkpoint", "matched_crossing")
        .order_by("-crossing__crossed_at")[:500]
    )
