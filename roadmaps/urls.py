from django.urls import path

from roadmaps import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.RoadmapListView.as_view(), name="roadmap-list"),
    path("<int:pk>/", views.RoadmapDetailView.as_view(), name="roadmap-detail"),
]
