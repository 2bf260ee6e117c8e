"""The one scoping mechanism: every model whose rows are not for everyone uses ScopedQuerySet.

UI views, API viewsets, selectors and tasks all call `Model.objects.visible_to(user)` (what a
user may read) or `.restrict(user, action)` (what a user may act on), so a rule lives in one
place. Rows outside a user's scope are simply absent: callers answer 404, never 403, so nobody
learns that a hidden object exists.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.constants import LOOKUP_SEP

VIEW = "view"
CHANGE = "change"


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which rows each user may see and change.

    Subclasses describe their rows with three hooks:
    - `country_path`: lookup path from this model to `pilots.Country` (None if not per-country);
      focal points see and act on their own countries' rows.
    - `public_q()`: rows any signed-in user may read (None means every row is public).
    - `country_actions`: which actions that country link grants (default: reading only).
    - `extra_scope_q(user, action)`: further rows for this user (e.g. a reviewer's assignments).
    Secretariat staff and superusers see and change everything.
    """

    country_path: str | None = None
    # Actions a focal point may take on their own countries' rows (reading, by default only).
    country_actions: frozenset[str] = frozenset({VIEW})

    def public_q(self) -> Q | None:
        return None

    def extra_scope_q(self, user, action: str) -> Q | None:
        return None

    def _own_country_q(self, user) -> Q | None:
        if self.country_path is None or not user.country_ids:
            return None
        return Q(**{f"{self.country_path}__in": user.country_ids})

    def restrict(self, user, action: str = VIEW) -> ScopedQuerySet:
        """Rows `user` may perform `action` on."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.is_secretariat:
            return self
        clauses: list[Q] = []
        if action == VIEW:
            public = self.public_q()
            if public is None:
                return self
            clauses.append(public)
        own = self._own_country_q(user) if action in self.country_actions else None
        if own is not None:
            clauses.append(own)
        extra = self.extra_scope_q(user, action)
        if extra is not None:
            clauses.append(extra)
        if not clauses:
            return self.none()
        combined = clauses[0]
        for clause in clauses[1:]:
            combined |= clause
        if not _crosses_to_many(self.model, combined):
            return self.filter(combined)
        # A condition through a to-many relation would repeat rows; a correlated EXISTS on the
        # primary key keeps each row once, without DISTINCT (which fights ordering and
        # annotations), and stays an index probe per row whatever the planner's statistics.
        matching = self.model._base_manager.filter(combined, pk=OuterRef("pk"))
        return self.filter(Exists(matching))

    def visible_to(self, user) -> ScopedQuerySet:
        """Rows `user` may read."""
        return self.restrict(user, VIEW)


def _crosses_to_many(model: type[models.Model], q: Q) -> bool:
    """Whether any lookup in `q` walks through a one-to-many or many-to-many relation."""
    for child in q.children:
        if isinstance(child, Q):
            if _crosses_to_many(model, child):
                return True
            continue
        if not isinstance(child, tuple):
            continue  # an expression such as Exists(): it cannot repeat rows
        opts = model._meta
        for name in child[0].split(LOOKUP_SEP):
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                break  # a lookup or transform such as "in" or "year"
            if field.many_to_many or field.one_to_many:
                return True
            if not field.is_relation:
                break
            opts = field.related_model._meta
    return False
