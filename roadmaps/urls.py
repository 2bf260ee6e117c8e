from django.urls import path

from roadmaps import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.RoadmapListView.as_view(), name="roadmap-list"),
    path("<int:pk>/", views.RoadmapDetailView.as_view(), name="roadmap-detail"),
    path("<int:pk>/upload/", views.VersionUploadView.as_view(), name="version-upload"),
    path("<int:pk>/sdgs/", views.RoadmapGoalSetView.as_view(), name="roadmap-goal-set"),
    path(
        "<int:pk>/sdgs/<int:link_pk>/remove/",
        views.RoadmapGoalRemoveView.as_view(),
        name="roadmap-goal-remove",
    ),
    path("versions/<int:pk>/", views.VersionDetailView.as_view(), name="version-detail"),
    path("versions/<int:pk>/move/", views.VersionTransitionView.as_view(), name="version-move"),
    path("versions/<int:pk>/delete/", views.VersionDeleteView.as_view(), name="version-delete"),
    path(
        "versions/<int:pk>/download/", views.VersionDownloadView.as_view(), name="version-download"
    ),
]
