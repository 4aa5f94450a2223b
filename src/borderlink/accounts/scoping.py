"""The one rule for reading personal data: a role that includes the action, within the user's states."""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class ScopedQuerySet(models.QuerySet[M]):
    """A queryset whose rows belong to a state; ``state_field`` says where that state is."""

    state_field = "reporting_state"

    def restrict(self, user: Any, action: str) -> Self:
        """Limit to the rows ``user`` may perform ``action`` on (none if the role lacks it).

        A user with country scope sees their state's rows only; a regional user sees all. Every page,
        API endpoint and service reads personal data through this method.
        """
        if user is None or not getattr(user, "is_authenticated", False) or not user.can(action):
            return self.none()
        states = user.visible_states()
        if states is None:
            return self
        return self.filter(**{f"{self.state_field}__in": states})
