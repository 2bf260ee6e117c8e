from django import forms
from django.contrib import admin

from pilots.models import (
    Cohort,
    Country,
    FocalPoint,
    Pilot,
    PilotStatusChange,
    PilotStep,
    PilotSupport,
    PilotSupportScope,
    Region,
    TaskTeamMember,
    TaskTeamPerson,
)
from pilots.rules import focal_point_candidates, focal_point_link_refusal
from pilots.services import focal_point_link, focal_point_role_sync


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name",)
    list_select_related = ("parent",)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("name", "iso2", "iso3", "m49", "region", "sub_region", "un_status")
    list_filter = ("un_status", "region", "sub_region")
    search_fields = ("name", "iso2", "iso3", "m49")
    list_select_related = ("region", "sub_region")


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("name", "started_on")
    search_fields = ("name",)


class PilotStepInline(admin.TabularInline):
    model = PilotStep
    extra = 0


class PilotSupportInline(admin.TabularInline):
    model = PilotSupport
    extra = 0
    autocomplete_fields = ("organisation",)


class TaskTeamMemberInline(admin.TabularInline):
    model = TaskTeamMember
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(TaskTeamPerson)
class TaskTeamPersonAdmin(admin.ModelAdmin):
    list_display = ("name", "pilot", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("name", "organisation", "pilot__country__name")
    list_select_related = ("pilot__country", "pilot__organisation")
    raw_id_fields = ("pilot",)


@admin.register(Pilot)
class PilotAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "status", "cohort", "joined_on")
    list_filter = ("kind", "status", "cohort", "country__region")
    search_fields = ("country__name", "organisation__name")
    list_select_related = ("country", "organisation", "cohort")
    autocomplete_fields = ("country", "organisation", "lead_institution")
    inlines = (PilotStepInline, PilotSupportInline, TaskTeamMemberInline)
    # Status moves go through the workflow service so they are recorded; not edited here.
    readonly_fields = ("status",)


@admin.register(PilotStatusChange)
class PilotStatusChangeAdmin(admin.ModelAdmin):
    list_display = ("pilot", "from_status", "to_status", "actor", "changed_at")
    list_filter = ("to_status",)
    search_fields = ("pilot__country__name", "reason")
    list_select_related = ("pilot__country", "pilot__organisation", "actor")

    def has_change_permission(self, request, obj=None):
        return False  # the audit trail is append-only


class FocalPointAdminForm(forms.ModelForm):
    """The admin's link form asks the same rule as the pilot page (pilots.rules)."""

    class Meta:
        model = FocalPoint
        fields = ("user", "country", "is_primary", "until")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if "user" in self.fields:
            self.fields["user"].queryset = focal_point_candidates()

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("user") and self.request is not None:
            refusal = focal_point_link_refusal(self.request.user, data["user"], data.get("country"))
            if refusal is not None:
                raise forms.ValidationError(refusal.message)
        return data


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    form = FocalPointAdminForm
    list_display = ("user", "country", "is_primary", "since", "until")
    list_filter = ("is_primary", "country__region")
    search_fields = ("user__username", "user__last_name", "country__name")
    list_select_related = ("user", "country")
    autocomplete_fields = ("user", "country")

    def get_readonly_fields(self, request, obj=None):
        # Who and where are set when linking; afterwards a link only ends (its `until`).
        return ("user", "country", "since") if obj is not None else ("since", "until")

    def has_delete_permission(self, request, obj=None):
        return False  # a link is ended, not erased: the focal point's history stays

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithRequest(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return WithRequest

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            # Ending a link here takes the role away when no link is left, as unlinking does.
            focal_point_role_sync(user=obj.user)
            return
        # A new link goes through the service, which also grants the focal-point role.
        link = focal_point_link(
            actor=request.user, user=obj.user, country=obj.country, is_primary=obj.is_primary
        )
        obj.pk, obj.since, obj.until = link.pk, link.since, link.until
        obj._state.adding = False


@admin.register(PilotSupport)
class PilotSupportAdmin(admin.ModelAdmin):
    list_display = ("pilot", "organisation", "role", "start_on", "end_on")
    list_filter = ("role",)
    search_fields = ("pilot__country__name", "organisation__name", "organisation__acronym")
    list_select_related = ("pilot__country", "pilot__organisation", "organisation")


@admin.register(TaskTeamMember)
class TaskTeamMemberAdmin(admin.ModelAdmin):
    list_display = ("pilot", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("pilot__country__name", "organisation__name")
    list_select_related = ("pilot__country", "pilot__organisation", "organisation")


@admin.register(PilotStep)
class PilotStepAdmin(admin.ModelAdmin):
    list_display = ("pilot", "step", "status", "started_on", "completed_on")
    list_filter = ("step", "status")
    search_fields = ("pilot__country__name",)
    list_select_related = ("pilot__country", "pilot__organisation")


@admin.register(PilotSupportScope)
class PilotSupportScopeAdmin(admin.ModelAdmin):
    list_display = ("support", "steps", "goals")
    list_filter = ("support__role",)
    search_fields = ("support__organisation__name", "support__pilot__country__name")
    list_select_related = ("support__organisation", "support__pilot__country")
    raw_id_fields = ("support",)
