from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path("milestones/", views.MilestoneListView.as_view(), name="milestone-list"),
]
