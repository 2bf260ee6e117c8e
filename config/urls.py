from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from portal.signin import SignInView
from portal.views import PasswordResetConfirmView
from programme.forms import QueuedPasswordResetForm

urlpatterns = [
    path("", include("portal.urls")),
    # Before Django's own: the reset email is queued, so the page never tells who has an account.
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    # Before Django's own: a new password chosen through the link also lifts sign-in pauses.
    path(
        "accounts/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # Before Django's own: with a second factor on, a right password leads to the code step.
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("people/", include("portal.people.urls")),
    path("pilots/", include("portal.pilots.urls")),
    path("roadmaps/", include("roadmaps.urls")),
    path("meetings/", include("egm.urls")),
    path("guidebook/", include("guidebook.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("work-programme/", include("portal.workprogramme.urls")),
    path("public/progress/", include("monitoring.public_urls")),
    path("public/", include("portal.workprogramme.public_urls")),
    path("api/v1/", include("config.api")),
    # The admin signs in through the site's own page, so a second factor is asked there too.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
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
