"""Partners read the programme through the REST API; the web pages are for the people who run
it and for the countries. A partner-only account signed in to the site gets its dashboard (which
points to the API), its account pages and the API docs, and a 403 everywhere else: the same
answer for every page, so nothing about what exists is revealed."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_otp import user_has_device

from programme.roles import partner_may_open
from programme.rules import two_factor_required


class PartnerApiOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        partner = user is not None and user.is_authenticated and user.is_partner_only
        if partner and not partner_may_open(request.path_info):
            raise PermissionDenied(gettext("Partners read the programme through the API."))
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in person's language (chosen on their account or in the header) applies on every
    request, whatever their browser says; with none chosen, LocaleMiddleware's choice (cookie,
    then Accept-Language) stands. Runs after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if language and user.is_authenticated and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Where the site requires a second factor (`programme.rules.two_factor_required`), a
    secretariat member or superuser whose session has not passed one is sent to set it up
    before anything else. A session that signed in around the code step (the admin's sign-in
    page) while a device exists is signed out and sent to the site's sign-in, which asks for
    the code: setting up a new device must never be the way around the old one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and two_factor_required(user)
            and not user.is_verified()
            and not request.path_info.startswith(_two_factor_open_paths())
        ):
            if user_has_device(user, confirmed=True):
                logout(request)
                return redirect_to_login(request.get_full_path())
            if request.path_info.startswith("/api/"):
                raise PermissionDenied(gettext("Set up two-factor sign-in first."))
            setup = reverse("programme:two-factor-setup")
            return redirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _two_factor_open_paths() -> tuple[str, ...]:
    # What a person who must set up a second factor may still open: the set-up itself, signing
    # out, the language switch and the site's files.
    return (
        reverse("programme:two-factor-setup"),
        reverse("logout"),
        reverse("programme:language-set"),
        settings.STATIC_URL,
    )
