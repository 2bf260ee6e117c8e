"""The pages and endpoints `make bench` measures: every page and endpoint a person or partner
meets, each with who asks for it and the bar it must reach (devtools/management/commands/
bench_http.py). The query-count test walks the same table (tests/bench/test_bench_queries.py),
so a page added here is also held to a query count that does not grow with rows.

The objects named in the paths (a pilot, a version, a meeting...) are the busiest of the
database: at programme scale the synthetic country with the most drafts; in a small world
whatever there is. A page whose object does not exist is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

from config.api import ROUTERS
from egm.models import Meeting
from guidebook.models import Chapter, GuidebookEdition
from monitoring.choices import UpdateStatus
from monitoring.models import CountryUpdate, ResultsFramework
from monitoring.selectors import framework_list, public_progress_roadmaps
from pilots.models import FocalPoint
from portal.workprogramme.selectors import public_pilot_list, public_version_list
from programme.models import User
from programme.services import calendar_token_reset
from roadmaps.choices import AssessmentStatus, VersionStatus
from roadmaps.models import Roadmap, RoadmapVersion

# The bar each row must reach (share of the floor, %) and the p99 every row must stay under.
BAR = 3.0
BAR_HIGH = 10.0  # anonymous pages and feeds; the dashboard, pilot list, scorecard, API lists
P99_LIMIT_MS = 250.0
# Busy signed-in pages held to the high bar.
BUSIEST = {"dashboard", "pilot list", "scorecard"}


@dataclass
class Endpoint:
    label: str
    path: str
    auth: str  # "secretariat"/"focal"/"reviewer" (session cookie), "partner" (API token), "none"
    bar: float = 0.0  # 0: by kind (anonymous and busiest pages BAR_HIGH, others BAR)

    def __post_init__(self):
        if not self.bar:
            busiest = self.label in BUSIEST or (
                self.label.startswith("API") and "a page" in self.label
            )
            self.bar = BAR_HIGH if self.auth == "none" or busiest else BAR


def busiest_roadmap() -> Roadmap | None:
    """The roadmap with the most drafts (at programme scale, a synthetic one with twenty)."""
    return (
        Roadmap.objects.filter(country__isnull=False)
        .annotate(drafts=Count("versions"))
        .order_by("-drafts", "pk")
        .first()
    )


def focal_user() -> User | None:
    """A current focal point of the busiest roadmap's country (its pilot page as its own
    people see it), else the demo's Ghana focal point."""
    roadmap = busiest_roadmap()
    link = (
        FocalPoint.objects.filter(country=roadmap.country, until__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
        if roadmap
        else None
    )
    return link.user if link else User.objects.filter(username="focal.ghana").first()


def bench_endpoints() -> list[Endpoint]:
    """Every row of the bench's table, in the order it is measured."""
    roadmap = busiest_roadmap()
    pilot = getattr(roadmap.country, "pilot", None) if roadmap else None
    version = (
        RoadmapVersion.objects.filter(
            roadmap=roadmap,
            status=VersionStatus.PUBLISHED,
            assessment__status=AssessmentStatus.FINALISED,
        )
        .order_by("-number")
        .first()
    )
    endpoints = [
        Endpoint("dashboard", "/", "secretariat"),
        Endpoint("pilot list", "/pilots/", "secretariat"),
    ]
    if pilot is not None:
        endpoints.append(Endpoint("pilot detail", f"/pilots/{pilot.pk}/", "secretariat"))
    endpoints += [
        Endpoint("roadmap list", "/roadmaps/", "secretariat"),
        Endpoint("milestone list", "/milestones/", "secretariat"),
    ]
    if version is not None:
        endpoints.append(
            Endpoint("scorecard", f"/roadmaps/versions/{version.pk}/scorecard/", "secretariat")
        )
    endpoints += [
        Endpoint("heatmap", "/roadmaps/assessments/heatmap/", "secretariat"),
        Endpoint("API roadmaps, 500 a page", "/api/v1/roadmaps/?page_size=500", "partner"),
        Endpoint("API pilots, 500 a page", "/api/v1/pilots/?page_size=500", "partner"),
        Endpoint("API assessments, 500 a page", "/api/v1/assessments/?page_size=500", "partner"),
    ]
    if pilot is not None:
        endpoints.append(Endpoint("pilot detail, focal point", f"/pilots/{pilot.pk}/", "focal"))
    if version is not None:
        endpoints.append(
            Endpoint("version page", f"/roadmaps/versions/{version.pk}/", "secretariat")
        )
    return [
        *endpoints,
        *_people_endpoints(),
        *_public_endpoints(),
        *_programme_endpoints(pilot),
        *_monitoring_endpoints(roadmap),
        *_api_endpoints(),
    ]


def _people_endpoints() -> list[Endpoint]:
    """The directory, search, the review queue and each person's own settings."""
    sec = "secretariat"
    endpoints = [
        Endpoint("people", "/people/", sec),
        Endpoint("organisations", "/organisations/", sec),
        Endpoint("search", "/search/?q=roadmap", sec),
        Endpoint("search, one kind", "/search/?q=roadmap&kind=meetings", sec),
        Endpoint("review queue", "/roadmaps/versions/queue/", sec),
        Endpoint("reviews, a reviewer's own", "/roadmaps/reviews/", "reviewer"),
        Endpoint("notification preferences", "/accounts/notifications/", sec),
        Endpoint("reminder preferences", "/accounts/reminders/", sec),
        Endpoint("API tokens", "/api-tokens/", sec),
        Endpoint("pilot cohorts", "/pilots/cohorts/", sec),
        Endpoint("rubrics", "/roadmaps/rubrics/", sec),
    ]
    person = User.objects.filter(username="focal.ghana").first()
    if person is not None:
        endpoints.append(Endpoint("person page", f"/people/{person.pk}/", sec))
    return endpoints


def _public_endpoints() -> list[Endpoint]:
    """What anyone on the internet may ask for: the public site and the calendar feeds."""
    p = "public"
    endpoints = [
        Endpoint(f"{p}: home", "/public/", "none"),
        Endpoint(f"{p}: open data", "/public/data/", "none"),
        Endpoint(f"{p}: open data, pilots CSV", "/public/data/pilots.csv", "none"),
        Endpoint(f"{p}: open data, roadmaps JSON", "/public/data/roadmaps.json", "none"),
        Endpoint(f"{p}: calendar feed", "/calendar/public.ics", "none"),
        Endpoint(
            f"{p}: calendar feed, ten years back",
            "/calendar/public.ics?years_back=10&years_ahead=2",
            "none",
        ),
    ]
    pilot = public_pilot_list().order_by("pk").first()
    if pilot is not None:
        endpoints.append(Endpoint(f"{p}: pilot page", f"/public/pilots/{pilot.pk}/", "none"))
    version = public_version_list().first()
    if version is not None:
        endpoints.append(Endpoint(f"{p}: roadmap page", f"/public/roadmaps/{version.pk}/", "none"))
    secretariat = User.objects.get(username="secretariat")
    token = secretariat.calendar_token or calendar_token_reset(actor=secretariat)
    endpoints.append(
        Endpoint("private calendar feed (secretariat)", f"/calendar/{token}.ics", "none", BAR)
    )
    return endpoints


def _programme_endpoints(pilot) -> list[Endpoint]:
    """The work programme, meetings and the Guidebook as the secretariat meets them."""
    sec = "secretariat"
    endpoints = [
        Endpoint("work programme", "/work-programme/", sec),
        Endpoint("trust fund", "/work-programme/trust-fund/", sec),
        Endpoint("support landscape", "/work-programme/landscape/", sec),
        Endpoint("support outputs", "/work-programme/outputs/", sec),
        Endpoint("public release consents", "/work-programme/consents/", sec),
        Endpoint("timeline", "/timeline/", sec),
        Endpoint("meeting list", "/meetings/", sec),
        Endpoint("meeting tracks", "/meetings/tracks/", sec),
        Endpoint("advisory group", "/meetings/advisory-group/", sec),
        Endpoint("Guidebook editions", "/guidebook/", sec),
        Endpoint("Guidebook papers", "/guidebook/papers/", sec),
    ]
    if pilot is not None:
        endpoints.append(Endpoint("peer learning", f"/work-programme/peers/{pilot.pk}/", sec))
    meeting = Meeting.objects.order_by("-start_date", "pk").first()
    if meeting is not None:
        endpoints += [
            Endpoint("meeting page", f"/meetings/{meeting.pk}/", sec),
            Endpoint("meeting participants", f"/meetings/{meeting.pk}/participants/", sec),
        ]
    edition = GuidebookEdition.objects.order_by("-pk").first()
    if edition is not None:
        endpoints += [
            Endpoint("Guidebook edition", f"/guidebook/editions/{edition.pk}/", sec),
            Endpoint("Guidebook chapter board", f"/guidebook/editions/{edition.pk}/board/", sec),
        ]
    chapter = Chapter.objects.order_by("-pk").first()
    if chapter is not None:
        endpoints.append(Endpoint("Guidebook chapter", f"/guidebook/chapters/{chapter.pk}/", sec))
    return endpoints


def _api_endpoints() -> list[Endpoint]:
    """Every list of the API as partners read it, 50 a page."""
    seen = {"roadmap", "pilot", "assessment"}  # measured above at 500 a page too
    endpoints = [
        Endpoint("API roadmaps, 50 a page", "/api/v1/roadmaps/", "partner"),
        Endpoint("API pilots, 50 a page", "/api/v1/pilots/", "partner"),
        Endpoint("API assessments, 50 a page", "/api/v1/assessments/", "partner"),
    ]
    for router in ROUTERS:
        for prefix, _viewset, basename in router.registry:
            if basename in seen:
                continue
            seen.add(basename)
            path = reverse(f"api:{basename}-list")
            endpoints.append(
                Endpoint(f"API {prefix.replace('-', ' ')}, 50 a page", path, "partner")
            )
    return endpoints


def _monitoring_endpoints(roadmap) -> list[Endpoint]:
    # The same country's results page, its updates (the approved one and the submitted one the
    # secretariat reviews), its framework's editor, the programme view, the public progress
    # pages and the IATI results export. Labels start "monitoring" so `--only monitoring` runs
    # them all.
    framework = ResultsFramework.objects.filter(roadmap=roadmap).order_by("-pk").first()
    if framework is None:
        return []
    updates = CountryUpdate.objects.filter(period__roadmap=roadmap).order_by("-pk")
    approved = updates.filter(status=UpdateStatus.APPROVED).first()
    submitted = updates.filter(status=UpdateStatus.SUBMITTED).first()
    public = public_progress_roadmaps().filter(pk=roadmap.pk).first()
    m, sec = "monitoring", "secretariat"
    endpoints = [
        Endpoint(f"{m}: programme view", "/monitoring/", sec),
        Endpoint(f"{m}: results page", f"/monitoring/roadmaps/{roadmap.pk}/", sec),
        Endpoint(f"{m}: framework editor", f"/monitoring/frameworks/{framework.pk}/", sec),
    ]
    for label, update in (("approved", approved), ("submitted", submitted)):
        if update is not None:
            endpoints.append(
                Endpoint(f"{m}: {label} update", f"/monitoring/updates/{update.pk}/", sec)
            )
    endpoints.append(Endpoint(f"{m}: public progress list", "/public/progress/", "none"))
    if public is not None:
        endpoints.append(
            Endpoint(f"{m}: public progress page", f"/public/progress/{public.pk}/", "none")
        )
    # The IATI export of a framework the partner may read (the same country's if it may).
    partner = User.objects.filter(username="partner").first()
    readable = framework_list(user=partner).order_by("pk") if partner else None
    shared = readable and (readable.filter(roadmap=roadmap).first() or readable.first())
    if not shared:
        return endpoints
    iati = f"/api/v1/results-frameworks/{shared.pk}/iati/"
    return [
        *endpoints,
        Endpoint(f"{m}: API IATI results export, JSON", iati, "partner"),
        Endpoint(f"{m}: API IATI results export, XML", f"{iati}?format=xml", "partner"),
    ]
