"""Monitoring a roadmap once it is adopted: its results framework (objectives, actions,
indicators with baselines and targets), reporting periods, and the countries' updates.

The global SDG indicator list is reference data, loaded like the SDG targets it belongs to."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from base.i18n import localised, translations_field
from base.querysets import VIEW, ScopedQuerySet
from base.storage import private_storage
from base.uploads import inspect_upload
from monitoring.choices import ActionStatus, Direction, UpdateStatus
from roadmaps.choices import VersionStatus

# Values are decimals in the indicator's unit: up to 12 digits before the point, 4 after.
VALUE_DIGITS = 16
VALUE_PLACES = 4


class SdgIndicator(models.Model):
    """An indicator of the SDG global indicator framework, e.g. 9.5.1 (reference data)."""

    target = models.ForeignKey(
        "roadmaps.Target", on_delete=models.PROTECT, related_name="sdg_indicators"
    )
    code = models.CharField(_("code"), max_length=10, unique=True)
    title = models.TextField(_("title"))
    order = models.PositiveSmallIntegerField(help_text=_("Position in the framework's order."))
    translations = translations_field()

    class Meta:
        ordering = ["order"]
        verbose_name = _("SDG indicator")
        verbose_name_plural = _("SDG indicators")

    def __str__(self) -> str:
        return gettext("Indicator %(code)s: %(title)s") % {
            "code": self.code,
            "title": localised(self, "title"),
        }


# --- Scoping --------------------------------------------------------------------------------

# The ScopedQuerySet action for writing a roadmap's monitoring records: the country's focal
# points keep their own roadmap's framework and updates; the secretariat everything.
EDIT = "edit"


def _published_roadmap_q(path: str) -> Q:
    """Rows of roadmaps with a published version (public to every signed-in role)."""
    return Q(**{f"{path}versions__status": VersionStatus.PUBLISHED})


class FrameworkQuerySet(ScopedQuerySet):
    country_path = "roadmap__country"
    country_actions = frozenset({VIEW, EDIT})

    def public_q(self) -> Q:
        return _published_roadmap_q("roadmap__")


class ObjectiveQuerySet(ScopedQuerySet):
    country_path = "framework__roadmap__country"
    country_actions = frozenset({VIEW, EDIT})

    def public_q(self) -> Q:
        return _published_roadmap_q("framework__roadmap__")


class ActionQuerySet(ScopedQuerySet):
    country_path = "objective__framework__roadmap__country"
    country_actions = frozenset({VIEW, EDIT})

    def public_q(self) -> Q:
        return _published_roadmap_q("objective__framework__roadmap__")


class IndicatorQuerySet(ScopedQuerySet):
    country_path = "action__objective__framework__roadmap__country"
    country_actions = frozenset({VIEW, EDIT})

    def public_q(self) -> Q:
        return _published_roadmap_q("action__objective__framework__roadmap__")


class PeriodQuerySet(ScopedQuerySet):
    country_path = "roadmap__country"
    country_actions = frozenset({VIEW, EDIT})

    def public_q(self) -> Q:
        return _published_roadmap_q("roadmap__")


class UpdateQuerySet(ScopedQuerySet):
    country_path = "period__roadmap__country"
    country_actions = frozenset({VIEW, EDIT})

    def public_q(self) -> Q:
        # Beyond the country and the secretariat, only approved updates of published roadmaps:
        # drafts and returned updates are work in progress.
        return Q(status=UpdateStatus.APPROVED) & _published_roadmap_q("period__roadmap__")


# --- The results framework ------------------------------------------------------------------


class ResultsFramework(models.Model):
    """What a roadmap version will do and how anyone will know it worked. A roadmap keeps one
    framework per version; a new version starts from a copy of the previous one."""

    roadmap = models.ForeignKey(
        "roadmaps.Roadmap", on_delete=models.CASCADE, related_name="results_frameworks"
    )
    version = models.OneToOneField(
        "roadmaps.RoadmapVersion",
        on_delete=models.PROTECT,
        related_name="results_framework",
        verbose_name=_("roadmap version"),
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    # Demo and benchmark data say so on every page that shows them: they are not the record.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made-up figures for a demonstration, not the public record."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["roadmap", "-version__number"]
        verbose_name = _("results framework")

    def __str__(self) -> str:
        return gettext("Results framework of %(version)s") % {"version": self.version}

    def clean(self) -> None:
        if self.version_id and self.roadmap_id and self.version.roadmap_id != self.roadmap_id:
            raise ValidationError({"version": _("Choose a version of this roadmap.")})


class Objective(models.Model):
    """A result the roadmap aims for (IATI: a result)."""

    framework = models.ForeignKey(
        ResultsFramework, on_delete=models.CASCADE, related_name="objectives"
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "order", "pk"]
        verbose_name = _("objective")

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """Something the roadmap commits to do towards an objective, led by one institution."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    lead_institution = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="monitoring_actions",
        verbose_name=_("lead institution"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    targets = models.ManyToManyField(
        "roadmaps.Target",
        blank=True,
        related_name="monitoring_actions",
        verbose_name=_("SDG targets"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["objective", "order", "pk"]
        verbose_name = _("action")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="monitoring_action_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("An action cannot end before it starts.")})


class Indicator(models.Model):
    """How anyone will know an action worked: a measure with a baseline and yearly targets,
    optionally an official SDG indicator."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    title = models.CharField(_("title"), max_length=255)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("E.g. %, USD million, people."))
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    baseline_source = models.CharField(_("baseline source"), max_length=255, blank=True)
    sdg_indicator = models.ForeignKey(
        SdgIndicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("SDG indicator"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["action", "order", "pk"]
        verbose_name = _("indicator")

    def __str__(self) -> str:
        return self.title


class IndicatorTarget(models.Model):
    """The value an indicator should reach by the end of a year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    value = models.DecimalField(
        _("target value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES
    )

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("indicator target")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="monitoring_indicator_target_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.year}"

    def clean(self) -> None:
        if self.indicator_id and self.year and self.year <= self.indicator.baseline_year:
            raise ValidationError(
                {"year": _("A target year comes after the indicator's baseline year.")}
            )


# --- Reporting periods and country updates --------------------------------------------------


class ReportingPeriod(models.Model):
    """A span a country reports on, with the date its update is due. The due date is a
    milestone of the country's focal points, so the programme's reminders ask for it."""

    roadmap = models.ForeignKey(
        "roadmaps.Roadmap", on_delete=models.CASCADE, related_name="reporting_periods"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("update due on"))
    milestone = models.OneToOneField(
        "programme.Milestone",
        on_delete=models.PROTECT,
        related_name="reporting_period",
        editable=False,
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["roadmap", "starts_on"]
        verbose_name = _("reporting period")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="monitoring_period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("ends_on")), name="monitoring_period_due_after_end"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(start)s to %(end)s") % {
            "start": date_format(self.starts_on),
            "end": date_format(self.ends_on),
        }

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("A period ends after it starts.")
        if self.ends_on and self.due_on and self.due_on < self.ends_on:
            errors["due_on"] = _("The update is due on or after the period's last day.")
        if not errors and self.roadmap_id and self.starts_on and self.ends_on:
            overlapping = (
                ReportingPeriod.objects.filter(
                    roadmap_id=self.roadmap_id,
                    starts_on__lte=self.ends_on,
                    ends_on__gte=self.starts_on,
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if overlapping:
                errors["starts_on"] = _("This period overlaps another period of the roadmap.")
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        """The year whose targets the period's actuals are compared with."""
        return self.ends_on.year


class CountryUpdate(models.Model):
    """A country's report on one period: each indicator's actual value, each action's status,
    a narrative and evidence. Once approved it is never edited; a correction is a new update
    that names the one it corrects and says why."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="updates")
    framework = models.ForeignKey(
        ResultsFramework, on_delete=models.PROTECT, related_name="updates"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=UpdateStatus.choices, default=UpdateStatus.DRAFT
    )
    narrative = models.TextField(_("narrative"), blank=True)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects"),
    )
    correction_reason = models.TextField(_("why it is corrected"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["period", "created_at", "pk"]
        verbose_name = _("country update")
        constraints = [
            # One update per period; after that, only corrections of approved ones.
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(corrects__isnull=True),
                name="monitoring_update_one_per_period",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="monitoring_correction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Update for %(period)s") % {"period": self.period}

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None

    def clean(self) -> None:
        errors = {}
        if (
            self.framework_id
            and self.period_id
            and self.framework.roadmap_id != self.period.roadmap_id
        ):
            errors["framework"] = _("Choose a framework of the period's roadmap.")
        if self.corrects_id:
            original = self.corrects
            if original.status != UpdateStatus.APPROVED:
                errors["corrects"] = _("Only an approved update is corrected.")
            elif original.period_id != self.period_id:
                errors["corrects"] = _("A correction reports on the same period.")
            if not self.correction_reason.strip():
                errors["correction_reason"] = _("Say why the approved update is corrected.")
        elif self.correction_reason:
            errors["correction_reason"] = _("Only a correction says why it corrects.")
        if not errors and self.pk:
            stored = type(self)._base_manager.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] == UpdateStatus.APPROVED:
                raise ValidationError(
                    _("An approved update cannot be changed; correct it with a new update."),
                    code="immutable",
                )
        if errors:
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    """An indicator's actual value for the update's period, in the indicator's unit."""

    update = models.ForeignKey(CountryUpdate, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(
        _("actual value"), max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["update", "indicator__order", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["update", "indicator"], name="monitoring_value_once_per_update"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class ActionReport(models.Model):
    """Where an action stands in the update's period."""

    update = models.ForeignKey(
        CountryUpdate, on_delete=models.CASCADE, related_name="action_reports"
    )
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["update", "action__order", "action_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["update", "action"], name="monitoring_action_report_once_per_update"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_status_display()}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    # Never the uploader's name (path tricks, clashes); that is kept in `original_filename`.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"monitoring/{instance.update_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """What backs an update: a file (checked by the upload rules, stored privately) or a link."""

    update = models.ForeignKey(CountryUpdate, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=evidence_upload_to, blank=True, max_length=255
    )
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["update", "added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="monitoring_evidence_file_xor_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        has_file, has_url = bool(self.file), bool(self.url)
        if has_file == has_url:
            raise ValidationError(_("Give either a file or a link, not both."))
        if has_file and not self.file._committed:
            try:
                info = inspect_upload(self.file.file, self.original_filename or self.file.name)
            except ValidationError as exc:
                raise ValidationError({"file": exc.error_list}) from exc
            self.original_filename = info.filename
            self.content_type, self.size, self.sha256 = info.content_type, info.size, info.sha256
            self.file.name = f"evidence{info.extension}"


class UpdateTransition(models.Model):
    """One move of a country update through its workflow, with who made it and their comment."""

    update = models.ForeignKey(CountryUpdate, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=UpdateStatus.choices)
    to_status = models.CharField(max_length=20, choices=UpdateStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.update}: {self.from_status} -> {self.to_status}"
