from rest_framework.routers import SimpleRouter

from egm.api import views

router = SimpleRouter()
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("meeting-participants", views.ParticipantViewSet, basename="meeting-participant")
router.register("meeting-sessions", views.AgendaSessionViewSet, basename="meeting-session")
router.register("meeting-documents", views.DocumentViewSet, basename="meeting-document")
router.register(
    "meeting-document-versions",
    views.DocumentVersionViewSet,
    basename="meeting-document-version",
)
router.register("meeting-outcomes", views.OutcomeViewSet, basename="meeting-outcome")
router.register("meeting-actions", views.ActionItemViewSet, basename="meeting-action")
router.register("meeting-comments", views.PlanningCommentViewSet, basename="meeting-comment")
router.register("meeting-series", views.MeetingSeriesViewSet, basename="meeting-series")
router.register("meeting-themes", views.ThemeViewSet, basename="meeting-theme")
router.register("regional-tracks", views.RegionalTrackViewSet, basename="regional-track")
router.register(
    "advisory-group", views.AdvisoryGroupMembershipViewSet, basename="advisory-membership"
)
router.register(
    "advisory-responsibilities",
    views.AdvisoryResponsibilityViewSet,
    basename="advisory-responsibility",
)

urlpatterns = router.urls
