"""Dated commitments of the programme."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from programme.choices import (
    MilestoneKind,
    MilestoneStatus,
)
from programme.querysets import ScopedQuerySet


class MilestoneQuerySet(ScopedQuerySet):
    country_path = "country"

    def public_q(self) -> Q:
        return Q(is_public=True)

    def extra_scope_q(self, user, action: str) -> Q | None:
        # People see the milestones they are responsible for (e.g. a reviewer's due date).
        return Q(responsible=user)

    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__gte=today).exclude(
            status__in=[MilestoneStatus.DONE, MilestoneStatus.CANCELLED]
        )


class Milestone(models.Model):
    """A dated commitment of the programme; reminders are sent ahead of `due_on`.

    Other records that carry a deadline (a review assignment, a meeting's preparation) point
    at a milestone, so all reminders come from one place.
    """

    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=MilestoneKind.choices)
    status = models.CharField(
        max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    is_public = models.BooleanField(
        default=False, help_text="Shown to partners and every signed-in user."
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
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "title"]
        # Serves the default ordering: lists and the dashboard read the first rows in order
        # instead of sorting every milestone.
        indexes = [models.Index(fields=["due_on", "title"], name="milestone_due_on_title_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=MilestoneStatus.DONE) | Q(completed_on__isnull=False),
                name="milestone_done_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d %b %Y})"

    def clean(self) -> None:
        if self.status == MilestoneStatus.DONE and not self.completed_on:
            raise ValidationError({"completed_on": "Say when a milestone marked done was done."})
