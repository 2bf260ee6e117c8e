from django.urls import path

from roadmaps import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.RoadmapListView.as_view(), name="roadmap-list"),
    path("new/", views.RoadmapCreateView.as_view(), name="roadmap-create"),
    path("<int:pk>/edit/", views.RoadmapUpdateView.as_view(), name="roadmap-update"),
    path("<int:pk>/targets/", views.RoadmapTargetSetView.as_view(), name="roadmap-target-set"),
    path(
        "<int:pk>/targets/<int:link_pk>/remove/",
        views.RoadmapTargetRemoveView.as_view(),
        name="roadmap-target-remove",
    ),
    path("<int:pk>/", views.RoadmapDetailView.as_view(), name="roadmap-detail"),
    path("<int:pk>/upload/", views.VersionUploadView.as_view(), name="version-upload"),
    path("<int:pk>/sdgs/", views.RoadmapGoalSetView.as_view(), name="roadmap-goal-set"),
    path(
        "<int:pk>/sdgs/<int:link_pk>/remove/",
        views.RoadmapGoalRemoveView.as_view(),
        name="roadmap-goal-remove",
    ),
    path("<int:pk>/target-links/new/", views.TargetLinkAddView.as_view(), name="target-link-add"),
    path(
        "<int:pk>/target-links/<int:link_pk>/remove/",
        views.TargetLinkRemoveView.as_view(),
        name="target-link-remove",
    ),
    path("versions/<int:pk>/consent/", views.ConsentGiveView.as_view(), name="consent-give"),
    path(
        "versions/<int:pk>/consent/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="consent-withdraw",
    ),
    path("versions/<int:pk>/reply/", views.FeedbackReplyView.as_view(), name="feedback-reply"),
    path("versions/queue/", views.VersionQueueView.as_view(), name="version-queue"),
    path("versions/<int:pk>/", views.VersionDetailView.as_view(), name="version-detail"),
    path("versions/<int:pk>/move/", views.VersionTransitionView.as_view(), name="version-move"),
    path("versions/<int:pk>/delete/", views.VersionDeleteView.as_view(), name="version-delete"),
    path(
        "versions/<int:pk>/download/", views.VersionDownloadView.as_view(), name="version-download"
    ),
]

# Assessment against the effectiveness criteria (its own list, so tests can check that every
# page is in the permission table).
assessment_urlpatterns = [
    path("reviews/", views.ReviewAssignmentListView.as_view(), name="review-list"),
    path("reviews/<int:pk>/", views.ReviewEditView.as_view(), name="review-edit"),
    path("reviews/<int:pk>/answer/", views.ReviewAnswerView.as_view(), name="review-answer"),
    path(
        "versions/<int:pk>/assessment/",
        views.AssessmentDetailView.as_view(),
        name="version-assessment",
    ),
    path("versions/<int:pk>/scorecard/", views.ScorecardView.as_view(), name="version-scorecard"),
    path("assessments/heatmap/", views.HeatmapView.as_view(), name="assessment-heatmap"),
    path("rubrics/", views.RubricListView.as_view(), name="rubric-list"),
    path("rubrics/new/", views.RubricNewVersionView.as_view(), name="rubric-create"),
    path("assessments/heatmap.csv", views.HeatmapCsvView.as_view(), name="assessment-heatmap-csv"),
    path(
        "assessments/heatmap.xlsx",
        views.HeatmapXlsxView.as_view(),
        name="assessment-heatmap-xlsx",
    ),
]
urlpatterns += assessment_urlpatterns

# Outside experts: the secretariat's actions on an expert's assignment, and the expert's
# personal link (a signed token where a pk would stand; not a sign-in). Their permission rows
# are in the web table (tests/web/routes_roadmaps.py), with the link's own tests.
expert_urlpatterns = [
    path(
        "reviews/<int:pk>/withdraw/",
        views.ExpertAssignmentWithdrawView.as_view(),
        name="expert-assignment-withdraw",
    ),
    path(
        "reviews/<int:pk>/resend-link/",
        views.ExpertLinkResendView.as_view(),
        name="expert-link-resend",
    ),
    path("expert/<str:token>/", views.ExpertReviewView.as_view(), name="expert-review"),
    path(
        "expert/<str:token>/versions/<int:pk>/download/",
        views.ExpertDraftView.as_view(),
        name="expert-draft",
    ),
]
urlpatterns += expert_urlpatterns
