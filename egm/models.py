from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from egm.choices import AdvisoryRole, HostRole, MeetingKind, MeetingStatus, TrackPartnerRole
from programme.querysets import ScopedQuerySet


class RegionalTrack(models.Model):
    """A regional line of the programme (e.g. Asia with ESCAP) with its own meetings."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    region = models.ForeignKey(
        "pilots.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="tracks"
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionalTrackPartner(models.Model):
    """An organisation leading, or possibly joining, a regional track."""

    track = models.ForeignKey(RegionalTrack, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "programme.Organisation", on_delete=models.PROTECT, related_name="track_roles"
    )
    role = models.CharField(max_length=20, choices=TrackPartnerRole.choices)

    class Meta:
        ordering = ["track", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["track", "organisation"], name="track_partner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()}) in {self.track}"


class MeetingQuerySet(ScopedQuerySet):
    def public_q(self) -> Q:
        return Q(is_public=True)


class Meeting(models.Model):
    """An EGM, regional-track or supplementary meeting, or a session at the STI Forum."""

    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    title = models.CharField(max_length=255)
    sequence = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Ordinal of an EGM (1st, 2nd, ...).")
    )
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # Empty while a meeting is still to be scheduled; never guessed.
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    city = models.CharField(max_length=100, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    country = models.ForeignKey(
        "pilots.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    track = models.ForeignKey(
        RegionalTrack, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    hosts = models.ManyToManyField(
        "programme.Organisation", through="MeetingHost", related_name="hosted_meetings"
    )
    summary = models.TextField(blank=True)
    source = models.CharField(
        max_length=255, blank=True, help_text=_("Where the date and place come from.")
    )
    is_public = models.BooleanField(default=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = [F("start_date").asc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date"))
                | Q(start_date__isnull=True)
                | Q(end_date__isnull=True),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=False)
                | Q(
                    status__in=[
                        MeetingStatus.TO_BE_CONFIRMED,
                        MeetingStatus.POSTPONED,
                        MeetingStatus.CANCELLED,
                    ]
                ),
                name="meeting_scheduled_has_date",
            ),
            models.UniqueConstraint(
                fields=["sequence"],
                condition=Q(kind=MeetingKind.EGM),
                name="meeting_unique_egm_sequence",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A meeting cannot end before it starts.")})
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        if not self.start_date and self.status in (MeetingStatus.PLANNED, MeetingStatus.HELD):
            raise ValidationError({"start_date": _("A planned or held meeting needs its dates.")})


class MeetingHost(models.Model):
    """An organisation hosting or organising a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="host_links")
    organisation = models.ForeignKey(
        "programme.Organisation", on_delete=models.PROTECT, related_name="meeting_host_links"
    )
    role = models.CharField(max_length=20, choices=HostRole.choices, default=HostRole.HOST)

    class Meta:
        ordering = ["meeting", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="meeting_host_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class AdvisoryGroupMembership(models.Model):
    """An organisation's (and optionally a person's) seat on the advisory group."""

    organisation = models.ForeignKey(
        "programme.Organisation", on_delete=models.PROTECT, related_name="advisory_memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisory_memberships",
        help_text=_("The person who holds the seat, where known."),
    )
    role = models.CharField(max_length=20, choices=AdvisoryRole.choices, default="member")
    start_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "start_on"], name="advisory_membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(end_on__gte=F("start_on")),
                name="advisory_membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"
