from rest_framework.routers import SimpleRouter

from portal.pilots.api import views

router = SimpleRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("countries", views.CountryViewSet, basename="country")
router.register("pilots", views.PilotViewSet, basename="pilot")
router.register("pilot-steps", views.CountryStepViewSet, basename="pilot-step")
router.register("task-team-people", views.TaskTeamPersonViewSet, basename="task-team-person")

urlpatterns = router.urls
