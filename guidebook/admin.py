from django.contrib import admin

from guidebook.models import Chapter, GuidebookEdition


class ChapterInline(admin.TabularInline):
    model = Chapter
    extra = 0


@admin.register(GuidebookEdition)
class GuidebookEditionAdmin(admin.ModelAdmin):
    list_display = ("title", "label", "status", "target_date", "published_on")
    list_filter = ("status",)
    search_fields = ("title", "label")
    inlines = (ChapterInline,)


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "edition", "status", "lead_organisation")
    list_filter = ("status", "edition")
    search_fields = ("title", "summary")
    list_select_related = ("edition", "lead_organisation")
