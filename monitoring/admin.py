"""The admin reads monitoring records; every change goes through the pages and services, which
hold the workflow's rules (an approved update is never edited, moves are locked and kept)."""

from django.contrib import admin

from monitoring.models import (
    Action,
    ActionReport,
    CountryUpdate,
    Evidence,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Objective,
    ReportingPeriod,
    ResultsFramework,
    SdgIndicator,
    UpdateTransition,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through services or the reference data loader."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SdgIndicator)
class SdgIndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "target", "title")
    list_filter = ("target__goal",)
    search_fields = ("code", "title")
    list_select_related = ("target",)


class ObjectiveInline(ReadOnlyInline):
    model = Objective


@admin.register(ResultsFramework)
class ResultsFrameworkAdmin(ReadOnlyAdmin):
    list_display = ("version", "roadmap", "created_at")
    list_select_related = ("version__roadmap", "roadmap")
    search_fields = ("roadmap__title",)
    inlines = (ObjectiveInline,)


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ("title", "objective", "lead_institution", "starts_on", "ends_on")
    list_select_related = ("objective", "lead_institution")
    search_fields = ("title",)


class IndicatorTargetInline(ReadOnlyInline):
    model = IndicatorTarget


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "direction", "baseline_value", "baseline_year")
    list_filter = ("direction",)
    search_fields = ("title", "sdg_indicator__code")
    inlines = (IndicatorTargetInline,)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ("roadmap", "starts_on", "ends_on", "due_on")
    list_select_related = ("roadmap",)
    search_fields = ("roadmap__title",)


class ValueInline(ReadOnlyInline):
    model = IndicatorValue


class ActionReportInline(ReadOnlyInline):
    model = ActionReport


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    exclude = ("file", "sha256")


class TransitionInline(ReadOnlyInline):
    model = UpdateTransition


@admin.register(CountryUpdate)
class CountryUpdateAdmin(ReadOnlyAdmin):
    list_display = ("period", "status", "submitted_at", "approved_at", "corrects")
    list_filter = ("status",)
    list_select_related = ("period__roadmap", "corrects")
    search_fields = ("period__roadmap__title", "narrative")
    inlines = (ValueInline, ActionReportInline, EvidenceInline, TransitionInline)
