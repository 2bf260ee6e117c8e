"""Reads that need scoping, shared by UI views and the API."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from base.worklist import Task
from programme.choices import MilestoneKind
from programme.models import Milestone, Organisation, ReminderSchedule, User
from programme.reminders import DEFAULT_DAYS_BEFORE, DEFAULT_OVERDUE_EVERY_DAYS
from programme.rules import programme_record_can_keep

CALENDAR_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,128}")


@dataclass(frozen=True)
class SignInLock:
    """A paused sign-in: this username from this address failed too often, lately."""

    username: str
    ip_address: str
    failures: int
    last_failure: dt.datetime
    ends_at: dt.datetime


def signin_lock_list() -> list[SignInLock]:
    """Sign-ins paused now, newest first: each (username, address) pair with at least
    AXES_FAILURE_LIMIT failures within the cool-off, counted as django-axes counts them (the
    pair together, every browser of it summed, only failures newer than the cool-off)."""
    cooloff = settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(
            attempt_time__gte=timezone.now() - cooloff,
            username__isnull=False,
            ip_address__isnull=False,
        )
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_failure=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_failure", "username")
    )
    return [
        SignInLock(
            username=row["username"],
            ip_address=row["ip_address"],
            failures=row["failures"],
            last_failure=row["last_failure"],
            ends_at=row["last_failure"] + cooloff,
        )
        for row in rows
    ]


def get_visible_or_404(queryset: QuerySet, user, action: str = "view", **lookup):
    """Fetch one object by `lookup` and check `user` may `action` it, in one query.

    Anything outside the user's scope is a 404, so nobody learns that it exists.
    """
    try:
        return queryset.restrict(user, action).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404(gettext("Not found.")) from exc


def organisation_list(*, user) -> QuerySet[Organisation]:
    """Organisations, with their seat country; reference data every signed-in user may read."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.select_related("country")


def milestone_list(*, user) -> QuerySet[Milestone]:
    """Milestones this user may see: public ones, their country's, and those they own; with
    `is_overdue`, what each belongs to, and `owners_hidden` where the subject's rule keeps
    its owners from this user (blind review: `programme.subjects.milestone_owners_hidden`)."""
    return (
        Milestone.objects.visible_to(user)
        .with_overdue()
        .with_subjects()
        .with_owners_hidden(user)
        .select_related("country", "component")
        .prefetch_related("owners")
    )


def milestone_attention(*, user, today: dt.date, days: int = 30, limit: int = 10) -> dict:
    """What needs attention on the dashboard: overdue milestones and those due in the next
    `days` days. The secretariat sees all of them, everyone else the ones they own."""
    # Who keeps the plan watches all of it (programme.rules.programme_record_can_keep).
    scope_all = programme_record_can_keep(user)
    rows = Milestone.objects.visible_to(user).select_related("country")
    if not scope_all:
        rows = rows.filter(owners=user)
    overdue = rows.overdue(today).order_by("due_on", "title")
    due_soon = rows.due_within(days, today).order_by("due_on", "title")
    return {
        "scope_all": scope_all,
        "overdue": list(overdue[:limit]),
        "overdue_count": overdue.count(),
        "due_soon": list(due_soon[:limit]),
        "due_soon_count": due_soon.count(),
        "days": days,
    }


def calendar_owner(*, token: str) -> User | None:
    """The active person whose private calendar secret is `token` (None for a wrong, empty
    or reset secret)."""
    # Secrets are URL-safe base64 (secrets.token_urlsafe); anything else, a NUL byte included
    # (which the database refuses outright), cannot be one.
    if not token or not CALENDAR_TOKEN_RE.fullmatch(token):
        return None
    return User.objects.filter(calendar_token=token, is_active=True).first()


def milestone_reminder_rules(milestone: Milestone) -> dict:
    """When a milestone's owners are reminded: each rule is the milestone's own, else its
    kind's (`ReminderSchedule`), else the programme's defaults, as the sweep reads them
    (`programme.reminders._CLAIM_SQL`); `own_*` says which are the milestone's own."""
    schedule = ReminderSchedule.objects.filter(kind=milestone.kind).first()
    if milestone.reminder_days_before is not None:
        days = milestone.reminder_days_before
    else:
        days = schedule.days_before if schedule else list(DEFAULT_DAYS_BEFORE)
    if milestone.reminder_overdue_every_days is not None:
        every = milestone.reminder_overdue_every_days
    else:
        every = schedule.overdue_every_days if schedule else DEFAULT_OVERDUE_EVERY_DAYS
    return {
        "days_before": sorted(days, reverse=True),
        "overdue_every_days": every,
        "own_days": milestone.reminder_days_before is not None,
        "own_every": milestone.reminder_overdue_every_days is not None,
    }


def milestone_task_list(*, user, today: dt.date) -> list[Task]:
    """Overdue milestones as tasks: for who keeps the plan, one line for all of them (how
    many, the oldest's date); for everyone else, each overdue milestone they own, but reviews
    and chapters, which are their apps' tasks. One or two queries, however many rows."""
    if not (user and user.is_authenticated):
        return []
    rows = Milestone.objects.visible_to(user).overdue(today)
    timeline = reverse("programme:timeline")
    if programme_record_can_keep(user):
        oldest = rows.order_by("due_on").values_list("due_on", flat=True).first()
        if oldest is None:
            return []
        count = rows.count()
        return [
            Task(
                label=ngettext("%(count)d overdue milestone", "%(count)d overdue milestones", count)
                % {"count": count},
                url=f"{timeline}?overdue=true",
                due_on=oldest,
                oldest=True,
            )
        ]
    own = (
        rows.filter(owners=user)
        .exclude(kind__in=(MilestoneKind.REVIEW, MilestoneKind.GUIDEBOOK))
        .select_related("country")
        .order_by("due_on", "pk")
    )
    return [
        Task(
            label=m.display_title,
            url=f"{timeline}#milestone-{m.pk}",
            due_on=m.due_on,
            context=m.country.name if m.country_id else "",
        )
        for m in own
    ]
