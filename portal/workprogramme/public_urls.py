from django.urls import path

from portal.workprogramme import public_views as views

app_name = "public"

urlpatterns = [
    path("", views.PublicHomeView.as_view(), name="home"),
    path("pilots/<int:pk>/", views.PublicPilotView.as_view(), name="pilot"),
    path("roadmaps/<int:pk>/", views.PublicRoadmapView.as_view(), name="roadmap"),
    path("roadmaps/<int:pk>/file/", views.PublicRoadmapFileView.as_view(), name="roadmap-file"),
    path("language/", views.PublicLanguageView.as_view(), name="language"),
    path("data/", views.PublicDataView.as_view(), name="data"),
    path("data/<slug:dataset>.<str:fmt>", views.PublicDownloadView.as_view(), name="download"),
]
