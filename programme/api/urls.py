from rest_framework.routers import SimpleRouter

from programme.api import views

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("milestones", views.MilestoneViewSet, basename="milestone")

urlpatterns = router.urls
