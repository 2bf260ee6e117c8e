"""The admin goes through the models' own rules (full_clean on save); action items are made
in the meeting pages, where their milestone is created with them."""

from django.contrib import admin

from egm.models import (
    ActionItem,
    AdvisoryGroupMembership,
    AdvisoryResponsibility,
    AgendaSession,
    Document,
    DocumentVersion,
    Meeting,
    MeetingHost,
    MeetingSeries,
    Outcome,
    Participant,
    PlanningComment,
    RegionalTrack,
    RegionalTrackPartner,
    Theme,
)


class MeetingHostInline(admin.TabularInline):
    model = MeetingHost
    extra = 0
    autocomplete_fields = ("organisation",)


class AgendaSessionInline(admin.TabularInline):
    model = AgendaSession
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "start_date", "end_date", "city", "is_public")
    list_filter = ("kind", "status", "track", "series", "themes", "is_public")
    search_fields = ("title", "city", "venue", "summary")
    list_select_related = ("country", "track")
    autocomplete_fields = ("country",)
    filter_horizontal = ("themes",)
    date_hierarchy = "start_date"
    inlines = (MeetingHostInline, AgendaSessionInline)


@admin.register(MeetingHost)
class MeetingHostAdmin(admin.ModelAdmin):
    list_display = ("meeting", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("meeting__title", "organisation__name")
    list_select_related = ("meeting", "organisation")


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "source")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("full_name", "meeting", "organisation", "country", "level", "status")
    list_filter = ("status", "level", "category")
    search_fields = ("full_name", "affiliation", "meeting__title")
    list_select_related = ("meeting", "organisation", "country")
    autocomplete_fields = ("organisation", "country")


@admin.register(AgendaSession)
class AgendaSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "day", "start_time", "end_time")
    search_fields = ("title", "meeting__title", "chairs")
    list_select_related = ("meeting",)


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ("number", "original_filename", "content_type", "size", "note", "created_at")
    readonly_fields = fields
    can_delete = False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "session", "kind")
    list_filter = ("kind",)
    search_fields = ("title", "meeting__title")
    list_select_related = ("meeting", "session")
    inlines = (DocumentVersionInline,)


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    """Versions are added from the meeting page (the upload rules and numbering); here they
    are read."""

    list_display = ("document", "number", "original_filename", "created_by", "created_at")
    search_fields = ("document__title", "original_filename", "note")
    list_select_related = ("document", "created_by")
    readonly_fields = (
        "document", "number", "file", "original_filename", "content_type", "size", "sha256",
        "body", "note", "created_by",
    )  # fmt: skip

    def has_add_permission(self, request):
        return False


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "source")
    search_fields = ("title", "description", "meeting__title")
    list_select_related = ("meeting",)
    filter_horizontal = ("pilots", "criteria", "chapters")


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "owner", "status")
    list_filter = ("status",)
    search_fields = ("title", "meeting__title")
    list_select_related = ("meeting", "owner", "milestone")
    readonly_fields = ("milestone",)

    def has_add_permission(self, request):
        # An action item needs its milestone; the meeting page's form makes both together.
        return False


@admin.register(PlanningComment)
class PlanningCommentAdmin(admin.ModelAdmin):
    list_display = ("meeting", "author", "created_at")
    search_fields = ("body", "meeting__title")
    list_select_related = ("meeting", "author")


class RegionalTrackPartnerInline(admin.TabularInline):
    model = RegionalTrackPartner
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(RegionalTrack)
class RegionalTrackAdmin(admin.ModelAdmin):
    list_display = ("name", "region")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (RegionalTrackPartnerInline,)


@admin.register(RegionalTrackPartner)
class RegionalTrackPartnerAdmin(admin.ModelAdmin):
    list_display = ("track", "organisation", "role")
    list_filter = ("role", "track")
    search_fields = ("organisation__name",)
    list_select_related = ("track", "organisation")


@admin.register(AdvisoryGroupMembership)
class AdvisoryGroupMembershipAdmin(admin.ModelAdmin):
    list_display = ("organisation", "role", "start_on", "end_on")
    list_filter = ("role",)
    search_fields = ("organisation__name", "organisation__acronym")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation", "representatives")


@admin.register(AdvisoryResponsibility)
class AdvisoryResponsibilityAdmin(admin.ModelAdmin):
    list_display = ("text", "order", "source")
    search_fields = ("text",)
