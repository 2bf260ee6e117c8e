"""What roadmaps asks of a person now, for the dashboard's "Your tasks": reviews to score,
drafts to submit or delete, returned roadmaps to revise, and the secretariat's next step on
each version in the review queue. Each list is one query, however many rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from base.worklist import Task, days_since
from roadmaps.choices import CLOSED_ASSIGNMENT_STATUSES, ReviewStatus, VersionStatus
from roadmaps.models import ReviewAssignment, Roadmap, RoadmapVersion
from roadmaps.rules import (
    SUBMIT,
    NextStep,
    assessment_can_open,
    review_list_can_open,
)
from roadmaps.selectors.roadmaps import next_step_for, next_step_link, version_queue

# The secretariat's steps that are tasks (waiting for reviewers is not theirs to do).
_SECRETARIAT_TASKS = (NextStep.ASSIGN, NextStep.CONSOLIDATE, NextStep.ACCEPT, NextStep.PUBLISH)
# How many of those versions the dashboard names one by one (the longest waiting); the queue
# page lists them all, however many.
QUEUE_STEPS_SHOWN = 5


def _name(version: RoadmapVersion) -> str:
    """A version as people say it: "Ethiopia v2" for a national roadmap, else its title."""
    roadmap = version.roadmap
    subject = roadmap.country.name if roadmap.country_id else roadmap.title
    return _("%(subject)s v%(number)s") % {"subject": subject, "number": version.number}


def review_task_list(*, user, today: dt.date) -> list[Task]:
    """A reviewer's reviews not yet submitted, each due on its milestone's date."""
    if not review_list_can_open(user):
        return []
    rows = (
        ReviewAssignment.objects.visible_to(user)
        .filter(reviewer=user)
        .exclude(review__status=ReviewStatus.SUBMITTED)
        .exclude(status__in=CLOSED_ASSIGNMENT_STATUSES)  # declined: nothing left to do
        .select_related("version__roadmap__country", "milestone")
    )
    return [
        Task(
            label=_("Score %(version)s") % {"version": _name(a.version)},
            url=reverse("roadmaps:review-edit", args=[a.pk]),
            due_on=a.milestone.due_on,
            context=a.version.roadmap.title,
        )
        for a in rows
    ]


def draft_task_list(*, user, today: dt.date) -> list[Task]:
    """Drafts a person uploaded, or of their own country, never submitted: submit or delete
    each, before another version piles up on top."""
    rows = (
        RoadmapVersion.objects.restrict(user, SUBMIT)
        .filter(status=VersionStatus.DRAFT)
        .filter(Q(created_by_id=user.pk) | Q(roadmap__country_id__in=user.country_ids))
        .select_related("roadmap__country")
        .order_by("created_at", "pk")
    )
    return [
        Task(
            label=_("Submit or delete draft v%(number)s") % {"number": v.number},
            url=reverse("roadmaps:version-detail", args=[v.pk]),
            waiting_days=days_since(v.created_at, today),
            context=v.roadmap.title,
        )
        for v in rows
    ]


def revision_task_list(*, user, today: dt.date) -> list[Task]:
    """A country's roadmaps whose latest version was returned: revise and upload a new one.
    (A roadmap with a newer draft is the draft's task instead.)"""
    if not user.country_ids:
        return []
    latest = RoadmapVersion.objects.filter(roadmap=OuterRef("pk")).order_by("-number")
    rows = (
        Roadmap.objects.restrict(user, "upload")
        .filter(country_id__in=user.country_ids)
        .annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_number=Subquery(latest.values("number")[:1]),
        )
        .filter(latest_status=VersionStatus.RETURNED)
        .order_by("title", "pk")
    )
    return [
        Task(
            label=_("Upload a revised version (v%(number)s was returned)")
            % {"number": r.latest_number},
            url=reverse("roadmaps:version-upload", args=[r.pk]),
            context=r.title,
        )
        for r in rows
    ]


def queue_task_list(*, user, today: dt.date, shown: int = QUEUE_STEPS_SHOWN) -> list[Task]:
    """The secretariat's review queue as tasks: a line for the queue (how many versions, the
    oldest's age), then the `shown` longest-waiting versions whose next step is the
    secretariat's, each with its step, and a line for how many more there are (the queue
    page lists them all)."""
    if not assessment_can_open(user):
        return []
    rows = next_step_for(user, list(version_queue(user=user)), today=today, links=False)
    if not rows:
        return []
    queue = reverse("roadmaps:version-queue")
    oldest = max(v.age_days for v in rows)
    tasks = [
        Task(
            label=ngettext(
                "%(count)d version in the review queue",
                "%(count)d versions in the review queue",
                len(rows),
            )
            % {"count": len(rows)},
            url=queue,
            waiting_days=oldest,
            oldest=True,
        )
    ]
    steps = sorted(
        (v for v in rows if v.next_step in _SECRETARIAT_TASKS),
        key=lambda v: (-v.age_days, v.submitted_at or v.created_at, v.pk),
    )
    for v in steps[:shown]:
        label, url = next_step_link(v.next_step, v)
        tasks.append(
            Task(
                label=_("%(step)s: %(version)s") % {"step": label, "version": _name(v)},
                url=url,
                waiting_days=v.age_days,
                context=v.roadmap.title,
            )
        )
    if len(steps) > shown:
        more = len(steps) - shown
        tasks.append(
            Task(
                label=ngettext(
                    "%(count)d more version waits for the secretariat's next step",
                    "%(count)d more versions wait for the secretariat's next step",
                    more,
                )
                % {"count": more},
                url=queue,
                waiting_days=steps[shown].age_days,
                oldest=True,
            )
        )
    return tasks


def roadmap_task_list(*, user, today: dt.date) -> list[Task]:
    """Everything roadmaps asks of `user` now."""
    return [
        *review_task_list(user=user, today=today),
        *draft_task_list(user=user, today=today),
        *revision_task_list(user=user, today=today),
        *queue_task_list(user=user, today=today),
    ]
