from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from programme.models import (
    ApiToken,
    Invitation,
    Milestone,
    NotificationMute,
    Organisation,
    OutboxEmail,
    ReminderDelivery,
    ReminderSchedule,
    User,
    WorkProgrammeComponent,
)
from programme.roles import role_combination_refusal
from programme.services import milestone_owners_check


class UserAdminForm(BaseUserAdmin.form):
    """The admin grants roles (groups) under the same rule as `grant_role`."""

    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        if groups is not None:
            refusal = role_combination_refusal(g.name for g in groups)
            if refusal is not None:
                raise forms.ValidationError(refusal.message)
        return groups


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserAdminForm
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("groups", "is_active", "is_staff", "organisation__kind")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            "Programme",
            {"fields": ("organisation", "job_title", "mute_noncritical_reminders")},
        ),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "country", "is_iatt_member")
    list_filter = ("kind", "is_iatt_member")
    search_fields = ("name", "acronym")
    prepopulated_fields = {"slug": ("acronym",)}
    autocomplete_fields = ("country",)
    list_select_related = ("country",)


@admin.register(WorkProgrammeComponent)
class WorkProgrammeComponentAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    search_fields = ("name", "description")
    filter_horizontal = ("lead_organisations",)
    prepopulated_fields = {"slug": ("name",)}


class MilestoneAdminForm(forms.ModelForm):
    """Owners go through the same rule as the services: people of the programme only."""

    class Meta:
        model = Milestone
        fields = [
            "title",
            "description",
            "kind",
            "status",
            "due_on",
            "completed_on",
            "is_public",
            "country",
            "component",
            "owners",
            "reminder_days_before",
            "reminder_overdue_every_days",
        ]

    def clean_owners(self):
        owners = self.cleaned_data["owners"]
        milestone_owners_check(owners)
        return owners


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "due_on", "country", "is_public")
    list_filter = ("kind", "status", "is_public", "component")
    search_fields = ("title", "description", "owners__username", "owners__last_name")
    list_select_related = ("country",)
    autocomplete_fields = ("country", "owners")
    date_hierarchy = "due_on"
    form = MilestoneAdminForm


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(admin.ModelAdmin):
    """When each kind of milestone is reminded (kinds without a row use the defaults)."""

    list_display = ("kind", "days_before", "overdue_every_days")
    list_filter = ("kind",)


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    """The record of reminders claimed and sent; written only by the reminder sweep."""

    list_display = ("milestone", "recipient", "due_on", "days_before", "status", "sent_at")
    list_filter = ("status",)
    search_fields = ("milestone__title", "recipient__username")
    list_select_related = ("milestone", "recipient")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Emails owed and sent (programme.outbox); written only by the services and the sweep,
    so what is shown is what happened. It holds ids, never an email's text."""

    list_display = ("kind", "recipient", "email", "status", "attempts", "created_at", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("recipient__username", "email", "key")
    list_select_related = ("recipient",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued and revoked on the secretariat's token pages (the key is shown once,
    only there); the admin only lists them."""

    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "name", "user__username")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent, replaced and used on the People pages (the signed link is in the
    email only); the admin only lists them."""

    list_display = ("user", "role", "country", "organisation", "created_at", "expires_at")
    list_filter = ("role", "accepted_at", "voided_at")
    search_fields = ("user__username", "user__email", "user__last_name")
    list_select_related = ("user", "country", "organisation")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationMute)
class NotificationMuteAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "created_at")
    list_filter = ("kind",)
    search_fields = ("user__username", "user__email", "kind")
    raw_id_fields = ("user",)
