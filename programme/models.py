from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from programme.choices import (
    Currency,
    MilestoneKind,
    MilestoneStatus,
    OrganisationKind,
    Role,
)
from programme.querysets import ScopedQuerySet


class User(AbstractUser):
    """A person who signs in: secretariat staff, reviewers, focal points, advisers, partners.

    Roles are auth Groups named after `Role`; a focal point's countries come from
    `pilots.FocalPoint`. Both are read once per request and cached on the instance.
    """

    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        help_text="The organisation this person works for.",
    )
    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_authenticated:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_secretariat(self) -> bool:
        return self.is_superuser or Role.SECRETARIAT in self.roles

    @property
    def is_reviewer(self) -> bool:
        return Role.REVIEWER in self.roles

    @property
    def is_focal_point(self) -> bool:
        return Role.FOCAL_POINT in self.roles

    @property
    def is_partner(self) -> bool:
        return Role.PARTNER in self.roles

    @property
    def is_partner_only(self) -> bool:
        """A partner account with no other role: it reads through the API only."""
        return self.roles == {Role.PARTNER} and not (self.is_superuser or self.is_staff)

    @property
    def is_advisory_member(self) -> bool:
        return Role.ADVISORY_GROUP in self.roles

    @cached_property
    def country_ids(self) -> frozenset[int]:
        """Countries this user is a current focal point for (empty for everyone else)."""
        if not self.is_authenticated or Role.FOCAL_POINT not in self.roles:
            return frozenset()
        from pilots.models import FocalPoint

        return frozenset(
            FocalPoint.objects.current().filter(user=self).values_list("country_id", flat=True)
        )


class Organisation(models.Model):
    """A body that takes part in the programme: UN entities, governments, funders, institutes."""

    name = models.CharField(max_length=255, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    country = models.ForeignKey(
        "pilots.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="Seat or home country, where it has one.",
    )
    is_iatt_member = models.BooleanField(
        "IATT member", default=False, help_text="Member of the Inter-Agency Task Team on STI."
    )
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["acronym"], condition=~Q(acronym=""), name="organisation_unique_acronym"
            )
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class WorkProgrammeComponent(models.Model):
    """One strand of the IATT work programme (peer learning, joint support for pilots, ...)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    lead_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="led_components"
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TrustFundContribution(models.Model):
    """Money a donor pledges to (and pays into) the programme's trust fund."""

    donor = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contributions")
    component = models.ForeignKey(
        WorkProgrammeComponent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        help_text="Earmarked for this component; empty for unearmarked money.",
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    pledged_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-pledged_on"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contribution_amount_positive"),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("pledged_on")),
                name="contribution_received_after_pledge",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donor}: {self.amount} {self.currency}"

    def clean(self) -> None:
        if self.received_on and self.pledged_on and self.received_on < self.pledged_on:
            raise ValidationError({"received_on": "Money cannot arrive before it is pledged."})


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
        WorkProgrammeComponent,
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


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A secret that lets a partner's system read the API without a password.

    Only a SHA-256 hash of the secret is stored (the secret is long and random, so a fast hash
    is enough); the plaintext is shown once, when the token is made. `prefix` (its first
    characters) finds the row and tells tokens apart in lists.
    """

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="Whose access the token carries.",
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'WB data hub'.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty for a token that does not expire."
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def clean(self) -> None:
        if self.expires_at and self.created_at and self.expires_at <= self.created_at:
            raise ValidationError({"expires_at": "A token must expire after it is made."})

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @property
    def is_active(self) -> bool:
        return self.status == "active"
