from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("programme.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("pilots/", include("pilots.urls")),
    path("roadmaps/", include("roadmaps.urls")),
    path("meetings/", include("egm.urls")),
    path("guidebook/", include("guidebook.urls")),
    path("work-programme/", include("programme.workprogramme.urls")),
    path("public/", include("programme.workprogramme.public_urls")),
    path("api/v1/", include("config.api")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Lets developers see the error pages while DEBUG is on.
    from django.views.defaults import page_not_found, permission_denied, server_error

    urlpatterns += [
        path("_errors/403/", permission_denied, {"exception": Exception()}),
        path("_errors/404/", page_not_found, {"exception": Exception()}),
        path("_errors/500/", server_error),
    ]
