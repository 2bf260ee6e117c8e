"""Reads that span apps for the portal's pages: the timeline's and the calendars' meetings
beside the plan's milestones, each read through its own model's scoping."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet, Window
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from base.dates import DatePrecision
from base.worklist import Task, days_since, tasks_sorted
from egm.models import Meeting
from guidebook.selectors import chapter_task_list
from monitoring.selectors import updates_to_review
from portal.calendars import MEETING_FIELDS, MILESTONE_FIELDS
from programme.choices import MilestoneKind
from programme.models import Milestone
from programme.selectors import milestone_task_list
from roadmaps.selectors import roadmap_task_list

# Filters of the milestone FilterSet that meetings have no counterpart for: when any is set,
# the timeline shows milestones only.
_MILESTONE_ONLY_FILTERS = ("owner", "component", "status", "overdue", "q")


def timeline_meetings(*, user, filters: dict, within: tuple | None = None) -> QuerySet:
    """Dated meetings for the timeline, narrowed by the filters that apply to meetings
    (country, dates, kind "meeting") and to those with a day in `within` (first, last; either
    None for open-ended); read through the meetings' own scoping."""
    if any(filters.get(name) not in (None, "") for name in _MILESTONE_ONLY_FILTERS):
        return Meeting.objects.none()
    kind = filters.get("kind")
    if kind and kind != MilestoneKind.MEETING:
        return Meeting.objects.none()
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(start_date__isnull=False)
        .select_related("country")
        .order_by("start_date", "title")
    )
    if filters.get("country"):
        meetings = meetings.filter(country=filters["country"])
    if filters.get("due_after"):
        meetings = meetings.filter(end_date__gte=filters["due_after"])
    if filters.get("due_before"):
        meetings = meetings.filter(start_date__lte=filters["due_before"])
    first, last = within or (None, None)
    if first is not None:
        meetings = meetings.filter(
            Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first)
        )
    if last is not None:
        meetings = meetings.filter(start_date__lte=last)
    return meetings


def _meetings_within(meetings: QuerySet, window: tuple[dt.date, dt.date] | None) -> QuerySet:
    if window is None:
        return meetings
    first, last = window
    return meetings.filter(
        Q(end_date__gte=first) | Q(end_date__isnull=True, start_date__gte=first),
        start_date__lte=last,
    )


def _milestones_within(milestones: QuerySet, window: tuple[dt.date, dt.date] | None) -> QuerySet:
    if window is None:
        return milestones
    return milestones.filter(due_on__range=window)


def calendar_public_items(*, window: tuple[dt.date, dt.date]) -> tuple[QuerySet, QuerySet]:
    """(milestones, meetings) that anyone may see, dated within `window` (first and last day,
    both included; a meeting counts if any of its days does), as the feed's values."""
    milestones = Milestone.objects.all()
    meetings = Meeting.objects.all()
    return (
        _milestones_within(milestones.filter(milestones.public_q(), due_on__isnull=False), window)
        .order_by("due_on", "pk")
        .values(*MILESTONE_FIELDS),
        _meetings_within(
            meetings.filter(
                meetings.public_q(), start_date__isnull=False, date_precision=DatePrecision.DAY
            ),
            window,
        )
        .order_by("start_date", "pk")
        .values(*MEETING_FIELDS),
    )


def calendar_user_items(
    *, user, window: tuple[dt.date, dt.date] | None = None
) -> tuple[QuerySet, QuerySet]:
    """(milestones, meetings) `user` may see, dated (within `window` when given), as the
    feed's values."""
    return (
        _milestones_within(Milestone.objects.visible_to(user).filter(due_on__isnull=False), window)
        .order_by("due_on", "pk")
        .values(*MILESTONE_FIELDS),
        # A meeting the record dates only to the month has no day to put in a calendar.
        _meetings_within(
            Meeting.objects.visible_to(user).filter(
                start_date__isnull=False, date_precision=DatePrecision.DAY
            ),
            window,
        )
        .order_by("start_date", "pk")
        .values(*MEETING_FIELDS),
    )


def dashboard_tasks(*, user, today: dt.date) -> list[Task]:
    """ "Your tasks": what each app asks of `user` now (each app's task selector asks its own
    rules, so no role is named here), dated ones first. Long lists (the secretariat's review
    queue, the updates to review) come as their longest-waiting few and a line for the rest.
    A fixed number of queries."""
    return tasks_sorted(
        [
            *roadmap_task_list(user=user, today=today),
            *chapter_task_list(user=user, today=today),
            *milestone_task_list(user=user, today=today),
            *_update_tasks(user=user, today=today),
        ]
    )


# How many updates to review "Your tasks" names one by one (the longest waiting).
UPDATES_SHOWN = 5


def _update_tasks(*, user, today: dt.date) -> list[Task]:
    # The longest waiting, each with how many there are in all (one query, however many).
    shown = list(
        updates_to_review(user=user).annotate(total=Window(Count("pk")))[: UPDATES_SHOWN + 1]
    )
    tasks = [
        Task(
            label=_("Review the update: %(update)s") % {"update": u},
            url=reverse("monitoring:update-detail", args=[u.pk]),
            waiting_days=days_since(u.submitted_at, today),
            context=str(u.period.roadmap.country or u.period.roadmap),
        )
        for u in shown[:UPDATES_SHOWN]
    ]
    if len(shown) > UPDATES_SHOWN:
        more = shown[0].total - UPDATES_SHOWN
        tasks.append(
            Task(
                label=ngettext(
                    "%(count)d more update waits for review",
                    "%(count)d more updates wait for review",
                    more,
                )
                % {"count": more},
                url=reverse("monitoring:programme"),
                waiting_days=days_since(shown[UPDATES_SHOWN].submitted_at, today),
                oldest=True,
            )
        )
    return tasks
