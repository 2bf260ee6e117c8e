"""Partners read the programme through the REST API; the web pages are for the people who run
it and for the countries. A partner-only account signed in to the site gets its dashboard (which
points to the API), its account pages and the API docs, and a 403 everywhere else: the same
answer for every page, so nothing about what exists is revealed."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext

from programme.roles import partner_may_open


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
