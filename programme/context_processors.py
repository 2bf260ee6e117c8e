from django.urls import reverse
from django.utils.translation import gettext as _

from programme.choices import Role
from programme.roles import page_allows


def navigation(request):
    """The main navigation, by role: each person sees the sections they can use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_tools": []}
    items = [(_("Dashboard"), reverse("programme:dashboard"), "dashboard")]
    if user.is_partner_only:
        # Partners read through the API (programme.middleware.PartnerApiOnlyMiddleware).
        return {
            "nav_items": [*items, (_("API docs"), "/api/v1/docs/", "api")],
            "nav_tools": [
                (_("Reminders and calendar"), reverse("programme:account-reminders"), "programme")
            ],
        }
    if user.is_secretariat or user.has_role(Role.REVIEWER) or user.has_role(Role.ADVISORY_GROUP):
        items.append((_("Pilots"), reverse("pilots:pilot-list"), "pilots"))
    if user.is_focal_point:
        items.append((_("My country"), reverse("pilots:my-country"), "pilots"))
    items += [
        (_("Timeline"), reverse("programme:timeline"), "programme"),
        (_("Roadmaps"), reverse("roadmaps:roadmap-list"), "roadmaps"),
        (_("Meetings"), reverse("egm:meeting-list"), "egm"),
        (_("Guidebook"), reverse("guidebook:edition-list"), "guidebook"),
    ]
    # Role-limited pages are listed when their view lets the user in (programme.roles).
    for label, url in (
        (_("My reviews"), reverse("roadmaps:review-list")),
        (_("Assessments"), reverse("roadmaps:assessment-heatmap")),
    ):
        if page_allows(url, user):
            items.append((label, url, "roadmaps"))
    items.append((_("Criteria"), reverse("roadmaps:rubric-list"), "roadmaps"))
    progress = reverse("monitoring:programme")
    if page_allows(progress, user):
        items.append((_("Progress"), progress, "monitoring"))
    items.append((_("Work programme"), reverse("workprogramme:overview"), "workprogramme"))
    # Record-keeping pages live in the account menu so the main bar stays on one line.
    tools = [(_("Reminders and calendar"), reverse("programme:account-reminders"), "programme")]
    if user.is_secretariat:
        tools.append((_("Organisations"), reverse("programme:organisation-list"), "programme"))
        tools.append((_("API tokens"), reverse("programme:api-token-list"), "programme"))
        tools.append((_("Trust fund"), reverse("workprogramme:trust-fund"), "workprogramme"))
        tools.append((_("Public release"), reverse("workprogramme:consent-list"), "workprogramme"))
    # Asked of the page's own rule (programme.rules), like the role-limited pages above.
    signin_locks = reverse("programme:signin-lock-list")
    if page_allows(signin_locks, user):
        tools.append((_("Sign-in locks"), signin_locks, "programme"))
    return {"nav_items": items, "nav_tools": tools}
