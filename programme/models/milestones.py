"""Dated commitments of the programme, and the rules for reminding their owners."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.dates import DatePrecision
from base.querysets import ScopedQuerySet
from programme.choices import MilestoneKind, MilestoneStatus
from programme.subjects import milestone_owners_hidden, milestone_subject, subject_accessors

# Statuses of a milestone that is still owed: these can be overdue and are reminded.
OPEN_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.SLIPPED)

# Reminders this close to the date (the day before, the day itself, and overdue ones) are
# critical: muting "non-critical reminders" never silences them.
CRITICAL_WITHIN_DAYS = 1


def reminder_is_critical(days_before: int) -> bool:
    """Whether a reminder this many days before the date (negative: overdue) is critical."""
    return days_before <= CRITICAL_WITHIN_DAYS


def overdue_q(today: dt.date) -> Q:
    """The one definition of "overdue": still owed and its date has passed (derived, not stored)."""
    return Q(due_on__lt=today, status__in=OPEN_STATUSES)


def _no_negative_days(values) -> None:
    if values and any(v is None or v < 0 for v in values):
        raise ValidationError(_("Days before the due date cannot be negative."), code="negative")


class MilestoneQuerySet(ScopedQuerySet):
    country_path = "country"

    def public_q(self) -> Q:
        return Q(is_public=True)

    def extra_scope_q(self, user, action: str) -> Q | None:
        # People see the milestones they own (e.g. a reviewer's due date).
        if action != "view":
            return None
        return Q(owners=user)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today)

    def overdue(self, today=None):
        """Milestones still owed whose date has passed."""
        return self.filter(overdue_q(today or timezone.localdate()))

    def due_within(self, days: int, today=None):
        """Open milestones due from today up to `days` days ahead."""
        today = today or timezone.localdate()
        return self.upcoming(today).filter(due_on__lte=today + dt.timedelta(days=days))

    def with_overdue(self, today=None):
        """Annotate `is_overdue`, computed by the database from the same rule as `overdue()`."""
        today = today or timezone.localdate()
        return self.annotate(
            is_overdue=ExpressionWrapper(overdue_q(today), output_field=models.BooleanField())
        )

    def with_owners_hidden(self, user):
        """Annotate `owners_hidden`: whether `user` may not read who owns each milestone."""
        hidden = milestone_owners_hidden(user)
        if hidden is None:
            return self.annotate(owners_hidden=models.Value(False))
        return self.annotate(
            owners_hidden=ExpressionWrapper(hidden, output_field=models.BooleanField())
        )

    def owners_readable(self, user):
        """Only milestones whose owners `user` may read (for filtering by owner: a filter
        must not find what the rows would not show)."""
        hidden = milestone_owners_hidden(user)
        return self if hidden is None else self.exclude(hidden)

    def with_subjects(self):
        """Join what each milestone belongs to (see `programme.subjects`), in the same query."""
        return self.select_related(*subject_accessors())


class Milestone(models.Model):
    """A dated commitment of the programme; its owners are reminded ahead of `due_on`.

    Other records that carry a deadline (a review assignment, a meeting's action item, a
    guidebook chapter) hold a foreign key to a milestone made with
    `programme.services.milestone_attach`, so all reminders come from one place.
    """

    title = models.CharField(_("title"), max_length=255)
    # A title a service makes ("Progress update: %(roadmap)s, %(starts_on)s to %(ends_on)s")
    # is kept as its English pattern and values, and written out in the reader's language
    # when shown (`display_title`); `title` keeps the English for search and the admin.
    title_template = models.CharField(max_length=255, blank=True, editable=False)
    title_args = models.JSONField(default=dict, blank=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    # Empty when the source gives no date: "to be confirmed", never guessed. Such a milestone is
    # listed but never reminded nor drawn on the time axis.
    due_on = models.DateField(
        _("due on"), null=True, blank=True, help_text=_("Empty while the date is to be confirmed.")
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    # The record may say only "by April 2019": the date then stands for that bound.
    completed_precision = models.CharField(
        _("precision of the completion date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to partners and every signed-in user.")
    )
    country = models.ForeignKey(
        "pilots.Country", on_delete=models.CASCADE, null=True, blank=True, related_name="milestones"
    )
    component = models.ForeignKey(
        "programme.WorkProgrammeComponent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="owned_milestones",
        verbose_name=_("owners"),
        help_text=_("The people reminded of this milestone."),
    )
    # Per-milestone reminder rules; empty means "as for its kind" (ReminderSchedule), then the
    # programme's defaults.
    reminder_days_before = ArrayField(
        models.PositiveSmallIntegerField(),
        null=True,
        blank=True,
        validators=[_no_negative_days],
        verbose_name=_("remind days before"),
        help_text=_("E.g. 14, 7, 1, 0 (0 is the day itself). Empty: as for its kind."),
    )
    reminder_overdue_every_days = models.PositiveSmallIntegerField(
        _("remind every … days while overdue"),
        null=True,
        blank=True,
        help_text=_("Empty: as for its kind."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=MilestoneStatus.DONE) | Q(completed_on__isnull=False),
                name="milestone_done_has_date",
            ),
            models.CheckConstraint(
                condition=Q(reminder_overdue_every_days__isnull=True)
                | Q(reminder_overdue_every_days__gte=1),
                name="milestone_overdue_every_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="milestone_status_due"),
            # Serves the default ordering: lists and the dashboard read the first rows in order
            # instead of sorting every milestone.
            models.Index(fields=["due_on", "title"], name="milestone_due_on_title_idx"),
        ]

    def __str__(self) -> str:
        if self.due_on is None:
            return f"{self.display_title} ({_('date to be confirmed')})"
        return f"{self.display_title} ({date_format(self.due_on, 'DATE_FORMAT')})"

    @property
    def display_title(self) -> str:
        """The title in the active language (`generated_title`)."""
        return generated_title(self.title, self.title_template, self.title_args)

    def clean(self) -> None:
        if self.status == MilestoneStatus.DONE and not self.completed_on:
            raise ValidationError({"completed_on": _("Say when a milestone marked done was done.")})
        if self.reminder_overdue_every_days == 0:
            raise ValidationError(
                {"reminder_overdue_every_days": _("Repeat at least every 1 day, or leave empty.")}
            )

    def is_overdue_on(self, today: dt.date) -> bool:
        """The same rule as `overdue_q`, for one milestone already in memory."""
        return self.due_on is not None and self.due_on < today and self.status in OPEN_STATUSES

    @property
    def subject(self):
        """What this milestone belongs to (a review assignment, a chapter...), or None."""
        return milestone_subject(self)


class ReminderSchedule(models.Model):
    """When owners of one kind of milestone are reminded, if not the programme's defaults."""

    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices, unique=True)
    days_before = ArrayField(
        models.PositiveSmallIntegerField(),
        validators=[_no_negative_days],
        verbose_name=_("remind days before"),
        help_text=_("E.g. 14, 7, 1, 0 (0 is the day itself)."),
    )
    overdue_every_days = models.PositiveSmallIntegerField(
        _("remind every … days while overdue"),
        null=True,
        blank=True,
        help_text=_("Empty: no reminders once overdue."),
    )

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overdue_every_days__isnull=True) | Q(overdue_every_days__gte=1),
                name="reminderschedule_overdue_every_positive",
            )
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def clean(self) -> None:
        if self.overdue_every_days == 0:
            raise ValidationError(
                {"overdue_every_days": _("Repeat at least every 1 day, or leave empty.")}
            )


class ReminderStatus(models.TextChoices):
    CLAIMED = "claimed", _("Claimed (waiting to be sent)")
    # Handed to the mail server by the attempt named in `attempt_token`; if that worker dies
    # the row stays here until its lease runs out (the message may or may not be out).
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (gave up)")


class ReminderDelivery(models.Model):
    """One reminder to one person for one occurrence of a milestone's rules.

    A sweep claims the row (INSERT ... ON CONFLICT DO NOTHING) before anything is sent; the
    unique constraint is what makes two sweeps, a repeated sweep or a restarted worker send a
    reminder once. A worker killed between the mail server's acceptance and the row's "sent"
    can cause one resend, under the same Message-ID (see programme.reminders). `days_before`
    is the occurrence: 14, 7, 1, 0 before or on the day, negative while overdue (-7, -14...).
    `due_on` is part of the key, so a rescheduled milestone is reminded again for its new date.
    """

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    due_on = models.DateField()
    days_before = models.SmallIntegerField()
    status = models.CharField(
        max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.CLAIMED
    )
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Which attempt is sending (set with status "sending"): a late answer from an attempt that
    # was given up on cannot overwrite what a newer attempt recorded.
    attempt_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name_plural = _("reminder deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "due_on", "days_before", "recipient"],
                name="reminder_once_per_occurrence",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="reminder_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["claimed_at"],
                name="reminder_unsent_idx",
                condition=Q(status__in=["claimed", "sending"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone_id} → {self.recipient_id} ({self.days_before:+d})"


def generated_title(title: str, title_template: str, title_args: dict) -> str:
    """A milestone's title in the active language: a generated one is translated and its dates
    (values named `*_on`, stored as ISO dates) formatted as the language writes them; a typed
    one is shown as typed. Feeds built from values call it with the three columns."""
    if not title_template:
        return title
    args = {
        key: date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
        if key.endswith("_on") and value
        else value
        for key, value in (title_args or {}).items()
    }
    try:
        return gettext(title_template) % args
    except (KeyError, TypeError, ValueError):
        return title
