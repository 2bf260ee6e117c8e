from django.contrib import admin

from egm.models import (
    AdvisoryGroupMembership,
    Meeting,
    MeetingHost,
    RegionalTrack,
    RegionalTrackPartner,
)


class MeetingHostInline(admin.TabularInline):
    model = MeetingHost
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "start_date", "end_date", "city", "is_public")
    list_filter = ("kind", "status", "track", "is_public")
    search_fields = ("title", "city", "venue", "summary")
    list_select_related = ("country", "track")
    autocomplete_fields = ("country",)
    date_hierarchy = "start_date"
    inlines = (MeetingHostInline,)


@admin.register(MeetingHost)
class MeetingHostAdmin(admin.ModelAdmin):
    list_display = ("meeting", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("meeting__title", "organisation__name")
    list_select_related = ("meeting", "organisation")


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
    list_display = ("organisation", "role", "user", "start_on", "end_on")
    list_filter = ("role",)
    search_fields = ("organisation__name", "organisation__acronym", "user__last_name")
    list_select_related = ("organisation", "user")
    autocomplete_fields = ("organisation", "user")
