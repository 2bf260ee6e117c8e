"""The Guidebook in the Django admin. Model rules (clean(), constraints) apply here as
everywhere; workflow fields and version numbers are read-only, since only the services move a
chapter or number a version."""

from django.contrib import admin

from guidebook.models import (
    BackgroundPaper,
    Chapter,
    ChapterDraft,
    ChapterTransition,
    Comment,
    DocumentVersion,
    EditionDocument,
    GuidebookEdition,
    Invitation,
    OutlineVersion,
)


class AddedThroughServicesMixin:
    """Versions and moves are numbered and recorded by the services (under a lock); the admin
    shows and corrects them but does not add them."""

    def has_add_permission(self, request, obj=None):
        return False


class ChapterInline(admin.TabularInline):
    model = Chapter
    extra = 0
    fields = ("number", "title", "language", "status", "lead_organisation")
    readonly_fields = ("status",)
    show_change_link = True


@admin.register(GuidebookEdition)
class GuidebookEditionAdmin(admin.ModelAdmin):
    list_display = ("title", "label", "status", "published_year", "target_milestone")
    list_filter = ("status",)
    search_fields = ("title", "label", "series_number", "doi")
    readonly_fields = ("target_milestone",)
    inlines = (ChapterInline,)


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ("user", "organisation", "invited_by", "created_at")
    readonly_fields = ("invited_by", "created_at")
    autocomplete_fields = ()


@admin.register(Chapter)
class ChapterAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "edition", "language", "status", "lead_organisation")
    list_filter = ("status", "edition", "language")
    search_fields = ("title", "summary", "author_names")
    list_select_related = ("edition", "lead_organisation")
    readonly_fields = ("status", "due_milestone")
    filter_horizontal = ("authors", "background_papers")
    inlines = (InvitationInline,)


@admin.register(ChapterDraft)
class ChapterDraftAdmin(AddedThroughServicesMixin, admin.ModelAdmin):
    list_display = ("chapter", "number", "created_by", "created_at")
    list_filter = ("chapter__edition",)
    search_fields = ("chapter__title", "change_summary")
    list_select_related = ("chapter", "created_by")
    readonly_fields = ("number", "original_filename", "content_type", "size", "sha256")


@admin.register(ChapterTransition)
class ChapterTransitionAdmin(AddedThroughServicesMixin, admin.ModelAdmin):
    list_display = ("chapter", "from_status", "to_status", "actor", "created_at")
    list_filter = ("to_status",)
    search_fields = ("chapter__title", "comment")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("draft", "author", "section_title", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("body", "response")
    list_select_related = ("draft__chapter", "author")


class DocumentVersionInline(AddedThroughServicesMixin, admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ("number", "change_summary", "created_by", "created_at")
    readonly_fields = fields


@admin.register(DocumentVersion)
class DocumentVersionAdmin(AddedThroughServicesMixin, admin.ModelAdmin):
    list_display = ("document", "number", "created_by", "created_at")
    list_filter = ("document__kind",)
    search_fields = ("text", "change_summary")
    readonly_fields = ("number", "original_filename", "content_type", "size", "sha256")


@admin.register(EditionDocument)
class EditionDocumentAdmin(admin.ModelAdmin):
    list_display = ("edition", "kind", "title")
    list_filter = ("kind",)
    search_fields = ("title",)
    inlines = (DocumentVersionInline,)


@admin.register(OutlineVersion)
class OutlineVersionAdmin(AddedThroughServicesMixin, admin.ModelAdmin):
    list_display = ("edition", "number", "meeting", "created_at")
    list_filter = ("edition",)
    search_fields = ("text", "change_summary")
    readonly_fields = ("number",)


@admin.register(BackgroundPaper)
class BackgroundPaperAdmin(admin.ModelAdmin):
    list_display = ("title", "authors", "year", "reference")
    list_filter = ("year",)
    search_fields = ("title", "authors", "reference")
    readonly_fields = ("original_filename", "content_type")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("chapter", "user", "organisation", "created_at")
    search_fields = ("chapter__title", "user__username", "organisation__name")
    list_select_related = ("chapter", "user", "organisation")
