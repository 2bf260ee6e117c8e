from django.urls import path

from egm import views

app_name = "egm"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
]
