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
    *(
        route
        for level, parent in (
            ("objective", "frameworks"),
            ("action", "objectives"),
            ("indicator", "actions"),
        )
        for route in (
            path(
                f"{parent}/<int:pk>/{level}s/new/",
                views.FrameworkItemFormView.as_view(level=level, adding=True),
                name=f"{level}-create",
            ),
            path(
                f"{level}s/<int:pk>/",
                views.FrameworkItemFormView.as_view(level=level),
                name=f"{level}-update",
            ),
            path(
                f"{level}s/<int:pk>/remove/",
                views.FrameworkItemDeleteView.as_view(level=level),
                name=f"{level}-delete",
            ),
        )
    ),
    path("periods/<int:pk>/", views.PeriodUpdateView.as_view(), name="period-update"),
    path("periods/<int:pk>/update/", views.UpdateStartView.as_view(), name="update-start"),
    path("updates/<int:pk>/", views.UpdateDetailView.as_view(), name="update-detail"),
    path("updates/<int:pk>/edit/", views.UpdateEditView.as_view(), name="update-edit"),
    path("updates/<int:pk>/move/", views.UpdateTransitionView.as_view(), name="update-move"),
    path("updates/<int:pk>/correct/", views.UpdateCorrectView.as_view(), name="update-correct"),
    path("updates/<int:pk>/evidence/", views.EvidenceAddView.as_view(), name="evidence-add"),
    path("evidence/<int:pk>/remove/", views.EvidenceRemoveView.as_view(), name="evidence-remove"),
    path(
        "evidence/<int:pk>/download/",
        views.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
]
