from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from programme.models import (
    ApiToken,
    CountryRecordLink,
    ExchangeRate,
    Milestone,
    Organisation,
    OutboxEmail,
    PeerExchange,
    PilotSupportScope,
    PublicReleaseConsent,
    ReminderDelivery,
    ReminderSchedule,
    SupportOutput,
    TrustFund,
    TrustFundContribution,
    TrustFundReceipt,
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


@admin.register(TrustFund)
class TrustFundAdmin(admin.ModelAdmin):
    list_display = ("name", "established_on", "administered_by")
    search_fields = ("name",)


class TrustFundReceiptInline(admin.TabularInline):
    model = TrustFundReceipt
    extra = 0
    fields = ("amount", "received_on", "reference")


@admin.register(TrustFundContribution)
class TrustFundContributionAdmin(admin.ModelAdmin):
    list_display = ("donor", "amount", "currency", "pledged_on", "component", "fund")
    list_filter = ("currency", "component", "fund")
    inlines = [TrustFundReceiptInline]
    search_fields = ("donor__name", "donor__acronym", "note")
    list_select_related = ("donor", "component")
    autocomplete_fields = ("donor",)
    date_hierarchy = "pledged_on"


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


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("currency", "usd_per_unit", "rate_on", "source", "recorded_by")
    list_filter = ("currency",)
    date_hierarchy = "rate_on"


@admin.register(PeerExchange)
class PeerExchangeAdmin(admin.ModelAdmin):
    list_display = ("learner", "peer", "held_on", "topic")
    search_fields = ("topic", "participants", "notes")
    list_select_related = ("learner__country", "peer__country")
    date_hierarchy = "held_on"


@admin.register(SupportOutput)
class SupportOutputAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "published_on", "is_public")
    list_filter = ("kind", "is_public", "components")
    search_fields = ("title", "summary")
    filter_horizontal = ("organisations", "components")


@admin.register(PublicReleaseConsent)
class PublicReleaseConsentAdmin(admin.ModelAdmin):
    list_display = ("version", "given_by", "given_on", "withdrawn_on", "recorded_by")
    list_filter = ("withdrawn_on",)
    search_fields = ("given_by", "evidence", "version__roadmap__title")
    list_select_related = ("version__roadmap", "recorded_by")
    raw_id_fields = ("version",)


@admin.register(CountryRecordLink)
class CountryRecordLinkAdmin(admin.ModelAdmin):
    list_display = ("country", "source", "record")
    list_filter = ("source",)
    search_fields = ("country__name", "record")
    autocomplete_fields = ("country",)


@admin.register(TrustFundReceipt)
class TrustFundReceiptAdmin(admin.ModelAdmin):
    list_display = ("pledge", "amount", "received_on", "reference")
    list_filter = ("pledge__currency",)
    search_fields = ("pledge__donor__name", "pledge__donor__acronym", "reference")
    list_select_related = ("pledge__donor",)
    raw_id_fields = ("pledge",)
    date_hierarchy = "received_on"


@admin.register(PilotSupportScope)
class PilotSupportScopeAdmin(admin.ModelAdmin):
    list_display = ("support", "steps", "goals")
    list_filter = ("support__role",)
    search_fields = ("support__organisation__name", "support__pilot__country__name")
    list_select_related = ("support__organisation", "support__pilot__country")
    raw_id_fields = ("support",)
