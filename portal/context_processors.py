from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from base.cache import scope_key
from programme.roles import page_allows
from roadmaps.rules import assessment_can_open

# The menus drawn in this process, by reader's scope and language: every page a person opens
# draws the same menu, and each entry's rule reads only what the scope names (roles,
# countries, the account's state). Bounded: emptied when it holds this many.
_MENUS: dict[tuple[str, str], dict] = {}
_MENUS_HELD = 512


def navigation(request):
    """The main navigation, by role: each person sees the sections they can use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_more": [], "nav_tools": []}
    key = (scope_key(user), get_language() or settings.LANGUAGE_CODE)
    menu = _MENUS.get(key)
    if menu is None:
        if len(_MENUS) >= _MENUS_HELD:
            _MENUS.clear()
        menu = _MENUS[key] = _menu(user)
    return menu


def _menu(user) -> dict:
    items = [(_("Dashboard"), reverse("programme:dashboard"), "dashboard")]
    if user.is_partner_only:
        # Partners read through the API (programme.middleware.PartnerApiOnlyMiddleware).
        return {
            "nav_items": [*items, (_("API docs"), "/api/v1/docs/", "api")],
            "nav_more": [],
            "nav_tools": [
                (_("Reminders and calendar"), reverse("programme:account-reminders"), "programme"),
                (_("Two-factor sign-in"), reverse("programme:two-factor"), "programme"),
            ],
        }
    # Every role-limited entry is listed when its page lets the user in: the page's own rule
    # (its view's `allows`, programme.roles.page_allows), never the menu's list of roles.
    # The bar holds where people work every day; reference pages sit under "More", so the bar
    # stays on one line at 1280 px in every language.
    queue = reverse("roadmaps:version-queue")
    if assessment_can_open(user):
        items.append((_("Review queue"), queue, "roadmaps"))
    for label, url in (
        (_("My reviews"), reverse("roadmaps:review-list")),
        (_("My country"), reverse("pilots:my-country")),
        (_("Pilots"), reverse("pilots:pilot-list")),
    ):
        if page_allows(url, user):
            items.append((label, url, "pilots" if "pilots" in url else "roadmaps"))
    items += [
        (_("Roadmaps"), reverse("roadmaps:roadmap-list"), "roadmaps"),
        (_("Meetings"), reverse("egm:meeting-list"), "egm"),
        (_("Guidebook"), reverse("guidebook:edition-list"), "guidebook"),
    ]
    more = [(_("Timeline"), reverse("programme:timeline"), "programme")]
    heatmap = reverse("roadmaps:assessment-heatmap")
    if page_allows(heatmap, user):
        more.append((_("Assessments"), heatmap, "roadmaps"))
    more.append((_("Criteria"), reverse("roadmaps:rubric-list"), "roadmaps"))
    progress = reverse("monitoring:programme")
    if page_allows(progress, user):
        more.append((_("Progress"), progress, "monitoring"))
    more.append((_("Work programme"), reverse("workprogramme:overview"), "workprogramme"))
    # Record-keeping pages live in the account menu so the main bar stays on one line.
    tools = [
        (_("Reminders and calendar"), reverse("programme:account-reminders"), "programme"),
        (_("Two-factor sign-in"), reverse("programme:two-factor"), "programme"),
    ]
    for label, url, section in (
        (_("People"), reverse("people:person-list"), "programme"),
        (_("Organisations"), reverse("programme:organisation-list"), "programme"),
        (_("Cohorts"), reverse("pilots:cohort-list"), "pilots"),
        (_("API tokens"), reverse("programme:api-token-list"), "programme"),
        (_("Trust fund"), reverse("workprogramme:trust-fund"), "workprogramme"),
        (_("Public release"), reverse("workprogramme:consent-list"), "workprogramme"),
        (_("Sign-in locks"), reverse("programme:signin-lock-list"), "programme"),
    ):
        if page_allows(url, user):
            tools.append((label, url, section))
    return {"nav_items": items, "nav_more": more, "nav_tools": tools}
