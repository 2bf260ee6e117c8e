from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from base.dates import DatePrecision, recorded_date
from base.i18n import localised, translations_field
from base.querysets import ScopedQuerySet
from pilots.choices import (
    PilotKind,
    PilotStatus,
    RegionLevel,
    RoadmapStep,
    StepStatus,
    SupportRole,
    TaskTeamRole,
    UNStatus,
)


class Region(models.Model):
    """A UN M49 geographic region, sub-region or intermediate region (reference data)."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    level = models.CharField(max_length=20, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # French and Spanish names (data/regions_translations.json).
    translations = translations_field()

    class Meta:
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["level", "name"], name="region_unique_level_name"),
            models.CheckConstraint(
                condition=Q(level=RegionLevel.REGION, parent__isnull=True)
                | (~Q(level=RegionLevel.REGION) & Q(parent__isnull=False)),
                name="region_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return localised(self, "name")


class Country(models.Model):
    """A UN member or observer state (reference data from data/countries.csv)."""

    iso2 = models.CharField("ISO alpha-2", max_length=2, unique=True)
    iso3 = models.CharField("ISO alpha-3", max_length=3, unique=True)
    m49 = models.CharField("M49 code", max_length=3, unique=True)
    name = models.CharField(max_length=100, unique=True)
    un_status = models.CharField(max_length=10, choices=UNStatus.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="countries")
    sub_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="sub_region_countries"
    )
    intermediate_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intermediate_region_countries",
    )
    # French and Spanish names from a kept source (data/countries.csv, see data/SOURCES.md).
    translations = translations_field()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        # The UN short name in the reader's language; `name` stays the English key.
        return localised(self, "name")


class Cohort(models.Model):
    """A group of pilots that joined the programme together (e.g. the 2019 first cohort)."""

    name = models.CharField(max_length=100, unique=True)
    started_on = models.DateField()
    started_precision = models.CharField(
        _("precision of the start date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["started_on"]

    def __str__(self) -> str:
        return self.name

    @property
    def started_display(self) -> str:
        return recorded_date(self.started_on, self.started_precision)


class PilotQuerySet(ScopedQuerySet):
    # Which countries take part, and how far they are, is public programme information; the
    # private material (unpublished drafts) is scoped on the roadmap side.
    country_path = "country"

    def countries(self) -> PilotQuerySet:
        """Pilot countries: the pilots that go through the six methodology steps. International
        partners (the EU, Japan) take part in the programme but draw up no national roadmap,
        so no step, gap or progress count includes them."""
        return self.filter(kind=PilotKind.NATIONAL)

    def with_progress(self, *, recorded_only: bool = False) -> PilotQuerySet:
        """Annotate `steps_done` and `current_step` (the first step not done; 7 = all done);
        both are None for an international partner, which follows no steps. Also
        `steps_recorded` (how many step rows there are) and `steps_illustrative` (whether any
        is made up for a demonstration), so pages say "not recorded" rather than "step 1" and
        mark illustrative progress.

        `recorded_only` leaves illustrative steps out (the public site shows only what the
        record supports). Subqueries rather than joins, so other filters' joins cannot
        multiply the counts and a list page stays one query however many pilots it shows.
        """
        # order_by() drops PilotStep's default ordering, which would join pilots, countries and
        # organisations into every row's count (a thousand-fold slower at 200 pilots).
        rows = PilotStep.objects.filter(pilot=OuterRef("pk")).order_by()
        if recorded_only:
            rows = rows.filter(illustrative=False)

        def count(qs):
            return Coalesce(
                Subquery(qs.values("pilot").annotate(n=Count("pk")).values("n")), Value(0)
            )

        first_open = rows.exclude(status=StepStatus.DONE).order_by("step").values("step")[:1]
        steps_done = count(rows.filter(status=StepStatus.DONE))
        national = Q(kind=PilotKind.NATIONAL)
        return self.annotate(
            steps_done=Case(When(national, then=steps_done), output_field=IntegerField()),
            current_step=Case(
                When(national, then=Coalesce(Subquery(first_open), steps_done + Value(1))),
                output_field=IntegerField(),
            ),
            steps_recorded=count(rows),
            steps_illustrative=Exists(rows.filter(illustrative=True)),
        )


class Pilot(models.Model):
    """A country (or international partner) taking part in the Global Pilot Programme."""

    kind = models.CharField(
        _("kind"), max_length=30, choices=PilotKind.choices, default=PilotKind.NATIONAL
    )
    country = models.OneToOneField(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="pilot"
    )
    organisation = models.OneToOneField(
        "programme.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilot",
        help_text=_("For an international partner that is an organisation (e.g. the EU)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PilotStatus.choices, default=PilotStatus.INTERESTED
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilots",
        verbose_name=_("cohort"),
    )
    phase = models.CharField(_("phase"), max_length=100, blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    announced_precision = models.CharField(
        _("precision of the announcement date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    # Empty when the record gives no joining date (pages say "not recorded").
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    joined_precision = models.CharField(
        _("precision of the joining date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    lead_institution = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_pilots",
        verbose_name=_("lead institution"),
        help_text=_("The national institution that leads the roadmap process."),
    )
    summary = models.TextField(_("summary"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the pilot's dates, status and summary come from."),
    )
    # Where the country's interest was expressed (a letter, a statement at a meeting, a web
    # page) and when: the record the secretariat answers, kept with the pilot it opened.
    interest_source_url = models.URLField(_("source of the expression of interest"), blank=True)
    interest_source_reference = models.CharField(
        _("document reference"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the letter's reference number, or the meeting where it was said."),
    )
    interest_expressed_on = models.DateField(_("interest expressed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PilotQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=False) | Q(organisation__isnull=False),
                name="pilot_has_country_or_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(kind=PilotKind.NATIONAL) | Q(country__isnull=False),
                name="pilot_national_has_country",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(ended_on__gte=F("joined_on")),
                name="pilot_ends_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return str(self.country or self.organisation)

    @property
    def name(self) -> str:
        return str(self)

    @property
    def joined_display(self) -> str:
        return recorded_date(self.joined_on, self.joined_precision)

    @property
    def announced_display(self) -> str:
        return recorded_date(self.announced_on, self.announced_precision)

    @property
    def follows_steps(self) -> bool:
        """Whether the six methodology steps apply (`PilotQuerySet.countries` is the same rule
        for querysets): a pilot country's do, an international partner's do not."""
        return self.kind == PilotKind.NATIONAL

    def clean(self) -> None:
        errors = {}
        if not self.country_id and not self.organisation_id:
            errors["country"] = _("A pilot is a country or an organisation.")
        if self.kind == PilotKind.NATIONAL and not self.country_id:
            errors["country"] = _("A pilot country needs its country.")
        if self.joined_on and self.ended_on and self.ended_on < self.joined_on:
            errors["ended_on"] = _("A pilot cannot end before it joined.")
        has_source = bool(self.interest_source_url or self.interest_source_reference)
        if self.interest_expressed_on and not has_source:
            errors["interest_source_url"] = _(
                "Say where the interest was expressed: a web address or a document reference."
            )
        if has_source and not self.interest_expressed_on:
            errors["interest_expressed_on"] = _("Say when the interest was expressed.")
        if self.interest_expressed_on and self.interest_expressed_on > timezone.localdate():
            errors["interest_expressed_on"] = _("This date is in the future.")
        if errors:
            raise ValidationError(errors)


class PilotStatusChange(models.Model):
    """One move of a pilot's status: who made it, when and why (the audit trail)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=PilotStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=PilotStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.pilot}: {self.from_status or '-'} -> {self.to_status}"


class TaskTeamMember(models.Model):
    """A member institution of a pilot's national STI for SDGs task team."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="task_team")
    organisation = models.ForeignKey(
        "programme.Organisation", on_delete=models.PROTECT, related_name="task_teams"
    )
    role = models.CharField(max_length=20, choices=TaskTeamRole.choices, default="member")
    notes = models.TextField(blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "organisation"], name="task_team_member_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class TaskTeamPerson(models.Model):
    """A named person on a pilot's national task team. Their contact is shown only to those
    `pilots.rules.task_team_contact_visible` lets read it (the secretariat, the country)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="task_team_people")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=TaskTeamRole.choices, default=TaskTeamRole.MEMBER
    )
    contact = models.CharField(
        _("contact"), max_length=200, blank=True, help_text=_("An email address or a phone.")
    )

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("task team member")
        constraints = [
            models.UniqueConstraint(
                "pilot",
                Lower("name"),
                name="task_team_person_unique",
                violation_error_message=_("This person is already on the task team."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": _("Give the person's name.")})
        if (
            self.pilot_id
            and TaskTeamPerson.objects.filter(pilot_id=self.pilot_id, name__iexact=self.name)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"name": _("This person is already on the task team.")})


class PilotSupportQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_on__isnull=True) | Q(start_on__lte=on)).filter(
            Q(end_on__isnull=True) | Q(end_on__gte=on)
        )


class PilotSupport(models.Model):
    """An organisation supporting a pilot in a role over a period (roles change over time)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="supports")
    organisation = models.ForeignKey(
        "programme.Organisation", on_delete=models.PROTECT, related_name="pilot_supports"
    )
    role = models.CharField(max_length=20, choices=SupportRole.choices)
    start_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where this support is recorded.")
    )

    objects = PilotSupportQuerySet.as_manager()

    class Meta:
        ordering = ["pilot", "role", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(end_on__gte=F("start_on")),
                name="pilot_support_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} - {self.get_role_display()} of {self.pilot}"

    def clean(self) -> None:
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("The end date is before the start date.")})
        if self.pilot_id and self.organisation_id and self.role:
            # The same organisation holds a role for a pilot once at a time (open dates run
            # without limit); a change of role or a renewal is a new, later record.
            overlapping = PilotSupport.objects.filter(
                pilot_id=self.pilot_id, organisation_id=self.organisation_id, role=self.role
            ).exclude(pk=self.pk)
            if self.end_on:
                overlapping = overlapping.filter(
                    Q(start_on__isnull=True) | Q(start_on__lte=self.end_on)
                )
            if self.start_on:
                overlapping = overlapping.filter(
                    Q(end_on__isnull=True) | Q(end_on__gte=self.start_on)
                )
            if overlapping.exists():
                raise ValidationError(
                    {"start_on": "This organisation already holds this role for this pilot then."}
                )


SDG_NUMBERS = [MinValueValidator(1), MaxValueValidator(17)]


def _unique_sorted(values) -> list[int]:
    return sorted(set(values or []))


class PilotSupportScope(models.Model):
    """What a pilot's supporting organisation works on: which of the six steps and which SDGs.

    Kept beside `PilotSupport` (who, in what role, over which dates) so the support
    landscape can show gaps and overlaps step by step; written with it by
    `pilots.services.pilot_support_create`.
    """

    support = models.OneToOneField(PilotSupport, on_delete=models.CASCADE, related_name="scope")
    steps = ArrayField(
        models.PositiveSmallIntegerField(choices=RoadmapStep.choices),
        default=list,
        blank=True,
        verbose_name=_("steps"),
        help_text=_("The methodology steps this support covers."),
    )
    goals = ArrayField(
        models.PositiveSmallIntegerField(validators=SDG_NUMBERS),
        default=list,
        blank=True,
        verbose_name=_("SDGs"),
        help_text=_("Numbers of the SDGs this support focuses on."),
    )

    class Meta:
        # Moved from the programme app with its table (migration programme 0011).
        db_table = "programme_pilotsupportscope"
        verbose_name = _("support scope")

    def __str__(self) -> str:
        return f"{self.support}: steps {self.steps}"

    def clean(self) -> None:
        self.steps = _unique_sorted(self.steps)
        self.goals = _unique_sorted(self.goals)
        bad_steps = [s for s in self.steps if s not in RoadmapStep.values]
        if bad_steps:
            raise ValidationError({"steps": _("Steps run from 1 to 6.")})
        if any(not 1 <= g <= 17 for g in self.goals):
            raise ValidationError({"goals": _("SDGs run from 1 to 17.")})


class FocalPointQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(until__isnull=True) | Q(until__gte=on))


class FocalPoint(models.Model):
    """Links a user to a country they speak for; it scopes that user's view to the country."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_points"
    )
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="focal_points")
    is_primary = models.BooleanField(default=True)
    since = models.DateField(default=timezone.localdate)
    until = models.DateField(null=True, blank=True)

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "country"], name="focal_point_unique"),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="focal_point_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.country}"


# A step's note is a line or two (the document itself is an evidence link).
STEP_NOTE_MAX = 500
STEP_EVIDENCE_MAX = 10

ALL_STEPS_DONE = 7  # `current_step` of a pilot that has finished all six steps


class PilotStep(models.Model):
    """A pilot's progress through one of the six steps of the roadmap methodology."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField(choices=RoadmapStep.choices)
    status = models.CharField(
        max_length=20, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(_("note"), blank=True)
    evidence_links = ArrayField(
        models.URLField(max_length=500),
        default=list,
        blank=True,
        verbose_name=_("evidence links"),
        help_text=_("Links to documents that show the step's progress."),
    )
    # Made up for a demonstration: pages mark it, the API says so, the public site leaves it out.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made-up progress for a demonstration, not the public record."),
    )

    class Meta:
        ordering = ["pilot", "step"]
        constraints = [
            models.UniqueConstraint(fields=["pilot", "step"], name="pilot_step_unique"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=F("started_on")),
                name="pilot_step_completed_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=StepStatus.DONE) | Q(completed_on__isnull=False),
                name="pilot_step_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pilot}: step {self.step} ({self.get_status_display()})"

    @property
    def step_name(self) -> str:
        # A property, not get_step_display: the API reads it for every step of every pilot.
        return RoadmapStep(self.step).label

    def clean(self) -> None:
        errors = {}
        if self.pilot_id and not self.pilot.follows_steps:
            errors["step"] = _("An international partner follows no roadmap steps.")
        if self.status == StepStatus.DONE and not self.completed_on:
            errors["completed_on"] = _("Say when a finished step was completed.")
        if self.started_on and self.completed_on and self.completed_on < self.started_on:
            errors["completed_on"] = _("A step cannot be completed before it started.")
        if len(self.notes or "") > STEP_NOTE_MAX:
            errors["notes"] = _("Keep the note short: at most %(n)s characters.") % {
                "n": STEP_NOTE_MAX
            }
        self.evidence_links = list(dict.fromkeys(self.evidence_links or []))
        if len(self.evidence_links) > STEP_EVIDENCE_MAX:
            errors["evidence_links"] = _("Give at most %(n)s evidence links.") % {
                "n": STEP_EVIDENCE_MAX
            }
        if errors:
            raise ValidationError(errors)
