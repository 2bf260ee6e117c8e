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
    # user -> an expression on Milestone, true where `user` may not read the owners (who
    # reviews a draft is blind). None: owners are shown with the milestone.
    owners_hidden: Callable[[Any], Any] | None = None


_REGISTRY: dict[str, MilestoneSubject] = {}


def register_milestone_subject(
    *,
    model: str,
    accessor: str,
    label: Any,
    url: Callable[[Any], str],
    owners_hidden: Callable[[Any], Any] | None = None,
) -> None:
    """Tell the programme that `model` owns milestones through Milestone.<accessor>."""
    _REGISTRY[accessor] = MilestoneSubject(
        model=model, accessor=accessor, label=label, url=url, owners_hidden=owners_hidden
    )


def milestone_owners_hidden(user):
    """An expression on Milestone, true where `user` may not read who owns it (each subject's
    own rule, e.g. blind review), or None when every owner shown is readable."""
    expression = None
    for subject in _REGISTRY.values():
        if subject.owners_hidden is None:
            continue
        part = subject.owners_hidden(user)
        if part is None:
            continue
        expression = part if expression is None else expression | part
    return expression


def subject_app_labels() -> set[str]:
    """The apps whose records own milestones (what a cached read of milestones depends on:
    their subjects and the rules that hide owners)."""
    return {subject.model.split(".")[0] for subject in _REGISTRY.values()}


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
