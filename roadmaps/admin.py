from django.contrib import admin

from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Criterion,
    CriterionGroup,
    FeedbackReply,
    Goal,
    LevelDescriptor,
    OutsideExpert,
    PublicReleaseConsent,
    Review,
    ReviewAssignment,
    ReviewScore,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
    Rubric,
    ScoreChange,
    Target,
    TargetLink,
    VersionTransition,
)
from roadmaps.rules import version_can_delete
from roadmaps.services import roadmap_version_delete


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("number", "short_title", "title")
    search_fields = ("short_title", "title")
    inlines = (TargetInline,)


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("code", "goal", "text")
    list_filter = ("goal",)
    search_fields = ("code", "text")
    list_select_related = ("goal",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through services (which keep their rules and audit trails)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RubricPartAdmin(ReadOnlyAdmin):
    """A rubric and its parts are read-only and never deleted: assessments refer to them."""

    def has_delete_permission(self, request, obj=None):
        return False


class LevelDescriptorInline(admin.TabularInline):
    model = LevelDescriptor
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# A rubric is published when it is made (rubric_load, rubric_publish_new_version) and never
# edited afterwards: assessments made with it must keep meaning what they meant. A revision is a
# new version, published from the criteria page.
@admin.register(Rubric)
class RubricAdmin(RubricPartAdmin):
    list_display = ("version", "title", "published_at")
    search_fields = ("title",)


@admin.register(CriterionGroup)
class CriterionGroupAdmin(RubricPartAdmin):
    list_display = ("name", "rubric", "order")
    list_filter = ("rubric",)
    search_fields = ("name",)


@admin.register(Criterion)
class CriterionAdmin(RubricPartAdmin):
    list_display = ("number", "short_name", "group", "rubric")
    list_filter = ("rubric", "group__code")
    search_fields = ("name", "short_name", "description")
    list_select_related = ("group", "rubric")
    inlines = (LevelDescriptorInline,)


@admin.register(LevelDescriptor)
class LevelDescriptorAdmin(RubricPartAdmin):
    list_display = ("criterion", "score", "descriptor")
    list_filter = ("score", "criterion__rubric")
    search_fields = ("descriptor",)
    list_select_related = ("criterion",)


class RoadmapGoalInline(admin.TabularInline):
    model = RoadmapGoal
    extra = 0


class RoadmapTargetInline(admin.TabularInline):
    model = RoadmapTarget
    extra = 0
    autocomplete_fields = ("target",)


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "country", "owner", "updated_at")
    list_filter = ("kind", "country__region")
    search_fields = ("title", "summary", "country__name", "owner__name")
    list_select_related = ("country", "owner")
    autocomplete_fields = ("country", "owner")
    inlines = (RoadmapGoalInline, RoadmapTargetInline)


@admin.register(RoadmapGoal)
class RoadmapGoalAdmin(admin.ModelAdmin):
    list_display = ("roadmap", "goal", "priority")
    list_filter = ("priority", "goal")
    search_fields = ("roadmap__title",)
    list_select_related = ("roadmap", "goal")


@admin.register(RoadmapTarget)
class RoadmapTargetAdmin(admin.ModelAdmin):
    list_display = ("roadmap", "target", "priority")
    list_filter = ("priority",)
    search_fields = ("roadmap__title", "target__code")
    list_select_related = ("roadmap", "target")


@admin.register(TargetLink)
class TargetLinkAdmin(admin.ModelAdmin):
    """Synergies and trade-offs between a roadmap's targets; the model's `clean()` decides."""

    list_display = ("__str__", "roadmap", "kind", "version")
    list_filter = ("kind",)
    search_fields = ("roadmap__title", "from_target__code", "to_target__code", "note")
    list_select_related = ("roadmap", "from_target", "to_target", "version__roadmap")
    autocomplete_fields = ("from_target", "to_target")
    raw_id_fields = ("roadmap", "version")


@admin.register(FeedbackReply)
class FeedbackReplyAdmin(admin.ModelAdmin):
    list_display = ("version", "author", "created_at")
    search_fields = ("body", "version__roadmap__title")
    list_select_related = ("version__roadmap", "author")
    raw_id_fields = ("version", "author")


@admin.register(RoadmapVersion)
class RoadmapVersionAdmin(admin.ModelAdmin):
    list_display = ("roadmap", "number", "status", "original_filename", "size", "created_at")
    list_filter = ("status",)
    search_fields = ("roadmap__title", "original_filename", "sha256")
    list_select_related = ("roadmap",)
    # Versions are immutable once submitted and move only through the workflow service.
    readonly_fields = (
        "roadmap", "number", "status", "file", "original_filename", "content_type", "size",
        "sha256", "created_by", "submitted_at", "published_at",
    )  # fmt: skip

    def has_add_permission(self, request):
        return False  # uploads go through the upload page or the API, which check the file

    def has_delete_permission(self, request, obj=None):
        # The service's rule: only a draft, by its uploader or the secretariat.
        return obj is not None and version_can_delete(request.user, obj)

    def delete_model(self, request, obj):
        roadmap_version_delete(actor=request.user, version=obj)


@admin.register(VersionTransition)
class VersionTransitionAdmin(admin.ModelAdmin):
    list_display = ("version", "from_status", "to_status", "actor", "created_at")
    list_filter = ("to_status",)
    search_fields = ("version__roadmap__title", "comment")
    list_select_related = ("version__roadmap", "actor")

    def has_change_permission(self, request, obj=None):
        return False  # the audit trail is append-only


# --- Assessment against the effectiveness criteria -----------------------------------------
# Read-only: scores change only through the assessment services, which keep the audit trail.


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("version", "reviewer", "expert", "status", "assigned_by", "created_at")
    list_filter = ("status", "review__status")
    search_fields = (
        "version__roadmap__title",
        "reviewer__username",
        "reviewer__last_name",
        "expert__name",
    )
    list_select_related = ("version__roadmap", "reviewer", "expert", "assigned_by")
    # The link's nonce is part of a personal link: never shown.
    exclude = ("link_nonce",)


@admin.register(OutsideExpert)
class OutsideExpertAdmin(ReadOnlyAdmin):
    """Invited through the assessment page only (the service keeps one record per address)."""

    list_display = ("name", "organisation", "email", "language", "created_at")
    list_filter = ("language",)
    search_fields = ("name", "organisation", "email")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ("version", "rubric", "status", "finalised_at")
    list_filter = ("status", "rubric")
    search_fields = ("version__roadmap__title", "summary")
    list_select_related = ("version__roadmap", "rubric")


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyAdmin):
    list_display = ("changed_at", "kind", "criterion", "field", "old_value", "new_value", "actor")
    list_filter = ("kind", "field")
    search_fields = ("old_value", "new_value")
    list_select_related = ("criterion", "actor")


class ReviewScoreInline(admin.TabularInline):
    model = ReviewScore
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "rubric", "status", "submitted_at")
    list_filter = ("status", "rubric")
    search_fields = ("assignment__version__roadmap__title", "assignment__reviewer__username")
    list_select_related = ("assignment__version__roadmap", "assignment__reviewer", "rubric")
    inlines = (ReviewScoreInline,)


@admin.register(ReviewScore)
class ReviewScoreAdmin(ReadOnlyAdmin):
    list_display = ("review", "criterion", "score", "insufficient_information")
    list_filter = ("score", "insufficient_information")
    search_fields = ("justification", "evidence")
    list_select_related = ("review__assignment__version__roadmap", "criterion")


@admin.register(ConsolidatedScore)
class ConsolidatedScoreAdmin(ReadOnlyAdmin):
    list_display = ("assessment", "criterion", "score", "needs_moderation")
    list_filter = ("needs_moderation", "insufficient_information")
    search_fields = ("comment", "assessment__version__roadmap__title")
    list_select_related = ("assessment__version__roadmap", "criterion")


@admin.register(PublicReleaseConsent)
class PublicReleaseConsentAdmin(admin.ModelAdmin):
    list_display = ("version", "given_by", "given_on", "withdrawn_on", "recorded_by")
    list_filter = ("withdrawn_on",)
    search_fields = ("given_by", "evidence", "version__roadmap__title")
    list_select_related = ("version__roadmap", "recorded_by")
    raw_id_fields = ("version",)
