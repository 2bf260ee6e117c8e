from rest_framework.routers import SimpleRouter

from roadmaps.api import views

router = SimpleRouter()
router.register("sdgs", views.GoalViewSet, basename="goal")
router.register("sdg-targets", views.TargetViewSet, basename="target")
router.register("rubrics", views.RubricViewSet, basename="rubric")
router.register("criteria", views.CriterionViewSet, basename="criterion")
router.register("roadmaps", views.RoadmapViewSet, basename="roadmap")
router.register("roadmap-versions", views.RoadmapVersionViewSet, basename="roadmap-version")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("roadmap-targets", views.RoadmapTargetViewSet, basename="roadmap-target")
router.register("target-links", views.TargetLinkViewSet, basename="target-link")
router.register(
    "public-release-consents", views.PublicReleaseConsentViewSet, basename="public-release-consent"
)
router.register("feedback-replies", views.FeedbackReplyViewSet, basename="feedback-reply")

urlpatterns = router.urls
