from django.urls import path

from monitoring import views

app_name = "public-progress"

urlpatterns = [
    path("", views.PublicProgressListView.as_view(), name="list"),
    path("<int:pk>/", views.PublicProgressView.as_view(), name="roadmap"),
]
