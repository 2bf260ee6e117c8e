from django.urls import path

from guidebook import views

app_name = "guidebook"

urlpatterns = [
    path("", views.GuidebookEditionListView.as_view(), name="edition-list"),
]
