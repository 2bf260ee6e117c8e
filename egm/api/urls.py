from rest_framework.routers import SimpleRouter

from egm.api import views

router = SimpleRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register(
    "advisory-group", views.AdvisoryGroupMembershipViewSet, basename="advisory-membership"
)

urlpatterns = router.urls
