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

urlpatterns = router.urls
