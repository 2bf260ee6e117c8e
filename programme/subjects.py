"""What a milestone belongs to, without the programme app importing the others.

The owning record (a review assignment, an action item, a chapter) holds the foreign key to its
milestone. Each app registers that record here from its `AppConfig.ready()`:

    register_milestone_subject(
        model="roadmaps.ReviewAssignment", accessor="review_assignment",
        label=_("Review assignment"), url=lambda assignment: reverse(...),
    )

`accessor` is the reverse name on Milestone (the owning field's `related_name`; it must be a
OneToOneField so the subject is joined into the same query, see `with_subjects()`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist


@dataclass(frozen=True)
class MilestoneSubject:
    """A kind of record that can own a milestone, and how to show and link it."""

    model: str
    accessor: str
    label: Any
    url: Callable[[Any], str]


_REGISTRY: dict[str, MilestoneSubject] = {}


def register_milestone_subject(
    *, model: str, accessor: str, label: Any, url: Callable[[Any], str]
) -> None:
    """Tell the programme that `model` owns milestones through Milestone.<accessor>."""
    _REGISTRY[accessor] = MilestoneSubject(model=model, accessor=accessor, label=label, url=url)


def subject_accessors() -> list[str]:
    return list(_REGISTRY)


def milestone_subject(milestone) -> tuple[MilestoneSubject, Any] | None:
    """(how to show it, the owning record) for `milestone`, or None if it stands alone."""
    for subject in _REGISTRY.values():
        try:
            obj = getattr(milestone, subject.accessor)
        except ObjectDoesNotExist:
            continue
        if obj is not None:
            return subject, obj
    return None
