"""The portal pages: query budgets, filters and the secretariat's actions."""

import datetime as dt

import pytest
from django.urls import reverse

from pilots.choices import PilotStatus, RoadmapStep, StepStatus, SupportRole
from pilots.models import PilotStep, PilotSupport
from roadmaps.choices import Priority, VersionStatus
from roadmaps.models import RoadmapGoal
from tests.factories import (
    OrganisationFactory,
    PilotFactory,
    RoadmapVersionFactory,
    national_roadmap,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(ghana, kenya):
    roadmap = national_roadmap(ghana)
    other_roadmap = national_roadmap(kenya)
    return {
        "pilot_own": PilotFactory(country=ghana),
        "pilot_other": PilotFactory(country=kenya),
        "roadmap_own": roadmap,
        "roadmap_other": other_roadmap,
        "draft_own": RoadmapVersionFactory(roadmap=roadmap, number=1),
        "draft_other": RoadmapVersionFactory(roadmap=other_roadmap, number=1),
        "published_other": RoadmapVersionFactory(
            roadmap=other_roadmap, number=2, status=VersionStatus.PUBLISHED
        ),
    }


# Which role may open each portal page, and act on it, is asked of every role in the web
# permission table (tests/web/routes_pilots.py and routes_roadmaps.py).


def _pilots(n, regions_from):
    from pilots.models import Country

    countries = Country.objects.exclude(pilot__isnull=False).order_by("name")[:n]
    org = OrganisationFactory()
    for c in countries:
        pilot = PilotFactory(country=c)
        PilotStep.objects.create(pilot=pilot, step=1, status=StepStatus.IN_PROGRESS)
        PilotSupport.objects.create(pilot=pilot, organisation=org, role=SupportRole.CO_LEAD)
        RoadmapVersionFactory(roadmap=national_roadmap(c), number=1)


@pytest.mark.parametrize("client_name", ["staff_client", "reviewer_client"])
def test_pilot_list_query_count_does_not_grow(
    request, client_name, reference_data, django_assert_num_queries
):
    client = request.getfixturevalue(client_name)
    url = reverse("pilots:pilot-list")
    client.get(url)  # warm per-request caches that do not depend on rows
    _pilots(2, None)
    with django_assert_num_queries(QUERIES[client_name]) as few:
        response = client.get(url)
    assert response.context["paginator"].count == 2
    _pilots(12, None)
    with django_assert_num_queries(QUERIES[client_name]):
        response = client.get(url)
    assert response.context["paginator"].count == 14
    assert len(few.captured_queries) == QUERIES[client_name]


# The person with their roles (the session comes from the cache), count, page of pilots,
# current supports, and the filter form's choice lists (regions, cohorts, SDGs, supporting
# organisations).
QUERIES = {"staff_client": 8, "reviewer_client": 8}


def test_country_page_query_count_does_not_grow_with_versions(
    focal_point_client, portal, django_assert_num_queries
):
    url = reverse("pilots:pilot-detail", args=[portal["pilot_own"].pk])
    focal_point_client.get(url)
    with django_assert_num_queries(COUNTRY_PAGE_QUERIES):
        focal_point_client.get(url)
    for number in range(2, 8):
        RoadmapVersionFactory(roadmap=portal["roadmap_own"], number=number)
    with django_assert_num_queries(COUNTRY_PAGE_QUERIES):
        response = focal_point_client.get(url)
    assert len(response.context["shown"]["versions"]) == 7


# One more for the country's records on other sources (STIP Compass, GO-SPIN); one fewer since
# the page stopped prefetching the list's current supporters it never shows; one more for the
# link to the roadmap's results (whether a framework exists); six more for what the country
# keeps itself: its task team's people, its peer-exchange requests and the history of its
# steps, people, records on other sources and requests (one query each, whatever their rows);
# two fewer since the session comes from the cache and the roles with the person.
COUNTRY_PAGE_QUERIES = 20


def test_pilot_list_filters(staff_client, ghana, kenya):
    from roadmaps.models import Goal

    gha, ken = PilotFactory(country=ghana), PilotFactory(country=kenya, status=PilotStatus.ACCEPTED)
    PilotStep.objects.create(
        pilot=gha, step=1, status=StepStatus.DONE, completed_on=dt.date(2020, 1, 1)
    )
    donor = OrganisationFactory()
    PilotSupport.objects.create(pilot=ken, organisation=donor, role=SupportRole.DONOR)
    RoadmapGoal.objects.create(
        roadmap=national_roadmap(ghana), goal=Goal.objects.get(number=9), priority=Priority.PRIMARY
    )
    url = reverse("pilots:pilot-list")

    def names(**params):
        return [str(p) for p in staff_client.get(url, params).context["object_list"]]

    assert names(step=2) == ["Ghana"]
    assert names(step=1) == ["Kenya"]
    assert names(status="accepted") == ["Kenya"]
    assert names(sdg=Goal.objects.get(number=9).pk) == ["Ghana"]
    assert names(supporter=donor.pk) == ["Kenya"]
    assert names(region=ghana.region_id) == ["Ghana", "Kenya"]
    assert names(ordering="-country") == ["Kenya", "Ghana"]
    assert names(ordering="-step") == ["Ghana", "Kenya"]


def test_focal_point_dashboard_shows_versions_and_feedback(focal_point_client, portal):
    from roadmaps.models import VersionTransition

    VersionTransition.objects.create(
        version=portal["draft_own"], from_status="under_review", to_status="returned",
        comment="Add SDG 9 baselines.",
    )  # fmt: skip
    page = focal_point_client.get(reverse("pilots:pilot-detail", args=[portal["pilot_own"].pk]))
    html = page.content.decode()
    assert "My country" in html
    assert "Add SDG 9 baselines." in html
    assert reverse("roadmaps:version-upload", args=[portal["roadmap_own"].pk]) in html
    assert reverse("roadmaps:version-detail", args=[portal["draft_own"].pk]) in html
    # Secretariat-only record keeping is not offered to the country.
    assert reverse("pilots:pilot-transition", args=[portal["pilot_own"].pk]) not in html


def test_other_countrys_drafts_do_not_show_on_its_public_page(focal_point_client, portal):
    page = focal_point_client.get(reverse("pilots:pilot-detail", args=[portal["pilot_other"].pk]))
    html = page.content.decode()
    assert reverse("roadmaps:version-detail", args=[portal["draft_other"].pk]) not in html
    assert reverse("roadmaps:version-detail", args=[portal["published_other"].pk]) in html


def test_secretariat_moves_a_pilot_and_sees_refusals(staff_client, portal):
    pilot = portal["pilot_own"]
    url = reverse("pilots:pilot-transition", args=[pilot.pk])
    ok = staff_client.post(
        url, {"status-to_status": "roadmap_adopted", "status-reason": "Cabinet"}, follow=True
    )
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.ROADMAP_ADOPTED
    assert "now roadmap adopted" in ok.content.decode()
    bad = staff_client.post(url, {"status-to_status": "interested"}, follow=True)
    pilot.refresh_from_db()
    assert pilot.status == PilotStatus.ROADMAP_ADOPTED
    assert "Select a valid choice" in bad.content.decode()


def test_secretariat_keeps_the_pilot_record(staff_client, portal):
    from programme.models import User

    pilot, org = portal["pilot_own"], OrganisationFactory()
    person = User.objects.create(username="new-fp", email="n@example.org")
    base = {"pk": pilot.pk}
    staff_client.post(
        reverse("pilots:pilot-step", kwargs={**base, "step": 2}),
        {"step2-step": 2, "step2-status": "in_progress", "step2-started_on": "2021-03-01"},
    )
    staff_client.post(
        reverse("pilots:support-create", kwargs=base),
        {"support-organisation": org.pk, "support-role": "donor", "support-start_on": "2021-01-01"},
    )
    staff_client.post(
        reverse("pilots:task-team-add", kwargs=base),
        {"team-organisation": org.pk, "team-role": "chair"},
    )
    staff_client.post(
        reverse("pilots:focal-point-link", kwargs=base),
        {"fp-user": person.pk, "fp-is_primary": "on"},
    )
    step = pilot.steps.get(step=RoadmapStep.CURRENT_SITUATION)
    assert (step.status, step.started_on) == ("in_progress", dt.date(2021, 3, 1))
    support = pilot.supports.get(organisation=org)
    member = pilot.task_team.get(organisation=org)
    link = person.focal_points.get()
    staff_client.post(reverse("pilots:support-end", kwargs={**base, "item": support.pk}))
    staff_client.post(reverse("pilots:task-team-remove", kwargs={**base, "item": member.pk}))
    staff_client.post(reverse("pilots:focal-point-unlink", kwargs={**base, "item": link.pk}))
    support.refresh_from_db()
    assert support.end_on is not None
    assert not pilot.task_team.exists()
    assert not person.focal_points.exists()  # linked and unlinked the same day


@pytest.mark.parametrize("client_name", ["focal_point_client", "reviewer_client"])
def test_record_keeping_is_for_the_secretariat_only(request, client_name, portal):
    client = request.getfixturevalue(client_name)
    org = OrganisationFactory()
    url = reverse("pilots:support-create", args=[portal["pilot_own"].pk])
    response = client.post(url, {"support-organisation": org.pk, "support-role": "donor"})
    assert response.status_code == 403
    assert not PilotSupport.objects.exists()


def test_the_step_filter_is_off_until_chosen(staff_client, ghana):
    pilot = PilotFactory(country=ghana)
    PilotStep.objects.create(
        pilot=pilot, step=1, status=StepStatus.DONE, completed_on=dt.date(2020, 1, 1)
    )
    response = staff_client.get(reverse("pilots:pilot-list"))
    assert '<option value="" selected>' in response.content.decode()
    assert list(response.context["object_list"]) == [pilot]


def test_a_focal_point_for_two_countries_chooses_between_them(client, ghana, kenya):
    from tests.factories import PilotFactory, UserFactory

    gha, ken = PilotFactory(country=ghana), PilotFactory(country=kenya)
    user = UserFactory(roles=["focal_point"], countries=[ghana, kenya])
    client.force_login(user)
    response = client.get(reverse("pilots:my-country"))
    assert response.status_code == 200
    page = response.content.decode()
    for pilot in (gha, ken):
        assert reverse("pilots:pilot-detail", args=[pilot.pk]) in page
