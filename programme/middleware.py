"""Partners read the programme through the REST API; the web pages are for the people who run
it and for the countries. A partner-only account signed in to the site gets its dashboard (which
points to the API), its account pages and the API docs, and a 403 everywhere else: the same
answer for every page, so nothing about what exists is revealed."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

# Paths a partner-only account may open in the browser.
# Calendar feeds and email mute links are opened by calendar apps and from mail, signed in
# or not: they show a partner nothing beyond what their secret or signed link grants.
PARTNER_PREFIXES = ("/api/", "/accounts/", "/static/", "/calendar/", "/reminders/", "/public/")


class PartnerApiOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_partner_only:
            path = request.path_info
            if path != reverse("programme:dashboard") and not path.startswith(PARTNER_PREFIXES):
                raise PermissionDenied("Partners read the programme through the API.")
        return self.get_response(request)
