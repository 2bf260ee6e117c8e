from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.ProgrammeView.as_view(), name="programme"),
    path("roadmaps/<int:pk>/", views.ResultsView.as_view(), name="results"),
    path(
        "roadmaps/<int:pk>/framework/", views.FrameworkCreateView.as_view(), name="framework-create"
    ),
    path("roadmaps/<int:pk>/periods/new/", views.PeriodCreateView.as_view(), name="period-create"),
    path("frameworks/<int:pk>/", views.FrameworkEditView.as_view(), name="framework-edit"),
    path(
        "frameworks/<int:pk>/objectives/new/",
        views.ObjectiveCreateView.as_view(),
        name="objective-create",
    ),
    path("objectives/<int:pk>/", views.ObjectiveUpdateView.as_view(), name="objective-update"),
    path(
        "objectives/<int:pk>/actions/new/", views.ActionCreateView.as_view(), name="action-create"
    ),
    path("actions/<int:pk>/", views.ActionUpdateView.as_view(), name="action-update"),
    path(
        "actions/<int:pk>/indicators/new/",
        views.IndicatorCreateView.as_view(),
        name="indicator-create",
    ),
    path("indicators/<int:pk>/", views.IndicatorUpdateView.as_view(), name="indicator-update"),
    path("periods/<int:pk>/", views.PeriodUpdateView.as_view(), name="period-update"),
    path("periods/<int:pk>/update/", views.UpdateStartView.as_view(), name="update-start"),
    path("updates/<int:pk>/", views.UpdateDetailView.as_view(), name="update-detail"),
    path("updates/<int:pk>/edit/", views.UpdateEditView.as_view(), name="update-edit"),
    path("updates/<int:pk>/move/", views.UpdateTransitionView.as_view(), name="update-move"),
    path("updates/<int:pk>/correct/", views.UpdateCorrectView.as_view(), name="update-correct"),
    path("updates/<int:pk>/evidence/", views.EvidenceAddView.as_view(), name="evidence-add"),
    path(
        "evidence/<int:pk>/download/",
        views.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
]
