from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("milestones/", views.MilestoneListView.as_view(), name="milestone-list"),
    path("api-tokens/", views.ApiTokenListView.as_view(), name="api-token-list"),
    path("api-tokens/new/", views.ApiTokenCreateView.as_view(), name="api-token-create"),
    path(
        "api-tokens/<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="api-token-revoke"
    ),
]
