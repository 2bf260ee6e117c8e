"""Reads that span apps for the portal's pages: the timeline's and the calendars' meetings
beside the plan's milestones, each read through its own model's scoping."""

from __future__ import annotations

from django.db.models import QuerySet

from base.dates import DatePrecision
from egm.models import Meeting
from programme.choices import MilestoneKind
from programme.models import Milestone

# Filters of the milestone FilterSet that meetings have no counterpart for: when any is set,
# the timeline shows milestones only.
_MILESTONE_ONLY_FILTERS = ("owner", "component", "status", "overdue", "q")


def timeline_meetings(*, user, filters: dict) -> QuerySet:
    """Dated meetings for the timeline, narrowed by the filters that apply to meetings
    (country, dates, kind "meeting"); read through the meetings' own scoping."""
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
    return meetings


def calendar_public_items() -> tuple[QuerySet, QuerySet]:
    """(milestones, meetings) that anyone may see, dated, for the public calendar feed."""
    milestones = Milestone.objects.all()
    meetings = Meeting.objects.all()
    return (
        milestones.filter(milestones.public_q(), due_on__isnull=False).select_related("country"),
        meetings.filter(meetings.public_q(), start_date__isnull=False)
        .filter(date_precision=DatePrecision.DAY)
        .select_related("country"),
    )


def calendar_user_items(*, user) -> tuple[QuerySet, QuerySet]:
    """(milestones, meetings) `user` may see, dated, for their private calendar feed."""
    return (
        Milestone.objects.visible_to(user).filter(due_on__isnull=False).select_related("country"),
        # A meeting the record dates only to the month has no day to put in a calendar.
        Meeting.objects.visible_to(user)
        .filter(start_date__isnull=False, date_precision=DatePrecision.DAY)
        .select_related("country"),
    )
