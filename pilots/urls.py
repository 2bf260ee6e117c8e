from django.urls import path

from pilots import views

app_name = "pilots"

urlpatterns = [
    path("", views.PilotListView.as_view(), name="pilot-list"),
    path("mine/", views.MyCountryView.as_view(), name="my-country"),
    path("<int:pk>/", views.PilotDetailView.as_view(), name="pilot-detail"),
]
