from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("roadmaps/<int:pk>/", views.ResultsView.as_view(), name="results"),
    path("updates/<int:pk>/", views.UpdateDetailView.as_view(), name="update-detail"),
]
