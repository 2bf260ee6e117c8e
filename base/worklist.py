"""A person's next steps ("Your tasks" on the dashboard), as plain values every app can make.

Each app says which of its records wait for a person (its selectors, asking its rules); the
portal gathers them. Nothing here knows any app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Task:
    """One thing `user` should do next: what (a sentence starting with a verb), where (the page
    where it is done), and when: a due date, or how long it has been waiting."""

    label: str
    url: str
    due_on: dt.date | None = None
    waiting_days: int | None = None
    # Read with the label (the roadmap's title), in a muted voice.
    context: str = ""
    # A task that stands for a list: `waiting_days` is its oldest row's.
    oldest: bool = False

    def is_overdue(self, today: dt.date) -> bool:
        return self.due_on is not None and self.due_on < today


def days_since(moment: dt.datetime | dt.date | None, today: dt.date) -> int | None:
    """Whole days from `moment` (a local date or an aware datetime) to `today`."""
    if moment is None:
        return None
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment).date()
    return max((today - moment).days, 0)


def tasks_sorted(tasks: list[Task]) -> list[Task]:
    """Dated tasks first, soonest due first; then the longest waiting."""
    return sorted(
        tasks,
        key=lambda t: (
            t.due_on is None,
            t.due_on or dt.date.max,
            -(t.waiting_days or 0),
            t.label,
        ),
    )
