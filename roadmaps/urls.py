from django.urls import path

from roadmaps import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.RoadmapListView.as_view(), name="roadmap-list"),
    path("<int:pk>/", views.RoadmapDetailView.as_view(), name="roadmap-detail"),
]

# Assessment against the effectiveness criteria (its own list, so tests can check that every
# page is in the permission table).
assessment_urlpatterns = [
    path("reviews/", views.ReviewAssignmentListView.as_view(), name="review-list"),
    path("reviews/<int:pk>/", views.ReviewEditView.as_view(), name="review-edit"),
    path(
        "versions/<int:pk>/assessment/",
        views.AssessmentDetailView.as_view(),
        name="version-assessment",
    ),
    path("versions/<int:pk>/scorecard/", views.ScorecardView.as_view(), name="version-scorecard"),
    path("assessments/heatmap/", views.HeatmapView.as_view(), name="assessment-heatmap"),
    path("assessments/heatmap.csv", views.HeatmapCsvView.as_view(), name="assessment-heatmap-csv"),
    path(
        "assessments/heatmap.xlsx",
        views.HeatmapXlsxView.as_view(),
        name="assessment-heatmap-xlsx",
    ),
]
urlpatterns += assessment_urlpatterns
