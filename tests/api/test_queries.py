"""Every list endpoint runs the same number of queries for 2 rows as for 8."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Max

from base.cache import generation_bump_all
from egm.models import MeetingHost
from guidebook.choices import EditionStatus
from guidebook.models import DocumentVersion, EditionDocument
from pilots.choices import RoadmapStep
from pilots.models import Country, PilotStep
from programme.choices import Role
from roadmaps.choices import VersionStatus
from roadmaps.models import Goal, RoadmapGoal, RoadmapTarget, Rubric, Target
from tests.factories import (
    AdvisoryGroupMembershipFactory,
    BackgroundPaperFactory,
    ChapterDraftFactory,
    ChapterFactory,
    CommentFactory,
    GuidebookEditionFactory,
    MeetingFactory,
    MilestoneFactory,
    OrganisationFactory,
    OutlineVersionFactory,
    PilotFactory,
    PilotSupportFactory,
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    UserFactory,
    finalised_assessment,
    reporting_period,
    results_framework,
)
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db


def _countries(n, start=0):
    return list(Country.objects.order_by("pk")[start : start + n])


def make_organisations(n, start):
    OrganisationFactory.create_batch(n, country=_countries(1)[0])


def make_milestones(n, start):
    MilestoneFactory.create_batch(n, is_public=True)


def make_pilots(n, start):
    for country in _countries(n, start):
        pilot = PilotFactory(country=country, lead_institution=OrganisationFactory())
        PilotStep.objects.create(pilot=pilot, step=RoadmapStep.OBJECTIVES)
        PilotSupportFactory(pilot=pilot)


def make_roadmaps(n, start):
    goal, target = Goal.objects.get(number=9), Target.objects.get(code="9.5")
    for country in _countries(n, start):
        roadmap = RoadmapFactory(country=country)
        RoadmapVersionFactory(roadmap=roadmap, status=VersionStatus.PUBLISHED)
        RoadmapGoal.objects.create(roadmap=roadmap, goal=goal)
        RoadmapTarget.objects.create(roadmap=roadmap, target=target)


def make_versions(n, start):
    roadmap = RoadmapFactory(country=_countries(1)[0])
    RoadmapVersionFactory.create_batch(n, roadmap=roadmap, status=VersionStatus.PUBLISHED)


def make_assessments(n, start):
    # Each with a reviewer, so the secretariat's rows name reviewers too.
    for country in _countries(n, start):
        version = RoadmapVersionFactory(
            roadmap=RoadmapFactory(country=country), status=VersionStatus.PUBLISHED
        )
        ReviewAssignmentFactory(version=version)
        finalised_assessment(version, {1: 3, 2: None, 5: 2, 9: 4}, show_reviewer_names=True)


def make_meetings(n, start):
    for meeting in MeetingFactory.create_batch(n, is_public=True, country=_countries(1)[0]):
        MeetingHost.objects.create(meeting=meeting, organisation=OrganisationFactory())


def make_advisory(n, start):
    AdvisoryGroupMembershipFactory.create_batch(n, start_on=dt.date(2019, 1, 1))


def make_editions(n, start):
    for edition in GuidebookEditionFactory.create_batch(n, status=EditionStatus.PUBLISHED):
        OutlineVersionFactory(edition=edition)
        DocumentVersion.objects.create(
            document=EditionDocument.objects.create(edition=edition, kind="terms_of_reference"),
            number=1,
            text="Terms",
        )


def make_chapters(n, start):
    edition = GuidebookEditionFactory(status=EditionStatus.PUBLISHED, published_on=dt.date.today())
    ChapterFactory.create_batch(n, edition=edition, lead_organisation=OrganisationFactory())


def make_drafts(n, start):
    ChapterDraftFactory.create_batch(n)


def make_guidebook_comments(n, start):
    CommentFactory.create_batch(n)


def make_outlines(n, start):
    OutlineVersionFactory.create_batch(n, meeting=MeetingFactory())


def make_papers(n, start):
    BackgroundPaperFactory.create_batch(n)


def make_rubrics(n, start):
    # Numbered after the reference data's rubrics (v1 and v2 today), whichever they are.
    first = (Rubric.objects.aggregate(last=Max("version"))["last"] or 0) + 1
    for version in range(first, first + n):
        Rubric.objects.create(version=version, title="Rubric", published_at="2020-01-01T00:00Z")


def _egm_meetings(n):
    return MeetingFactory.create_batch(n, is_public=True)


def make_participants(n, start):
    from tests.factories import ParticipantFactory

    for meeting in _egm_meetings(n):
        ParticipantFactory(meeting=meeting, organisation=OrganisationFactory())


def make_sessions(n, start):
    from tests.factories import AgendaSessionFactory

    for meeting in _egm_meetings(n):
        AgendaSessionFactory(meeting=meeting)


def make_documents(n, start):
    from egm.services import document_version_add
    from tests.factories import meeting_document

    for meeting in _egm_meetings(n):
        version = meeting_document(meeting)
        document_version_add(actor=version.created_by, document=version.document, body="v2")


def make_document_versions(n, start):
    from tests.factories import meeting_document

    for meeting in _egm_meetings(n):
        meeting_document(meeting, pdf=True)


def make_outcomes(n, start):
    from egm.models import Outcome

    edition = GuidebookEditionFactory(status=EditionStatus.PUBLISHED, published_on=dt.date.today())
    for meeting in _egm_meetings(n):
        outcome = Outcome.objects.create(meeting=meeting, title="Outcome")
        outcome.pilots.add(
            PilotFactory(kind="international_partner", organisation=OrganisationFactory())
        )
        outcome.chapters.add(ChapterFactory(edition=edition))
        outcome.criteria.add(*Rubric.objects.get(version=1).criteria.all()[:2])


def make_actions(n, start):
    from tests.factories import action_item

    for meeting in _egm_meetings(n):
        action_item(meeting)


def make_planning_comments(n, start):
    from egm.models import PlanningComment
    from tests.factories import UserFactory

    for meeting in _egm_meetings(n):
        PlanningComment.objects.create(meeting=meeting, author=UserFactory(), body="Remark")


def make_tracks(n, start):
    from egm.models import RegionalTrack, RegionalTrackPartner

    for i in range(start, start + n):
        track = RegionalTrack.objects.create(name=f"Track {i}", slug=f"track-{i}")
        RegionalTrackPartner.objects.create(
            track=track, organisation=OrganisationFactory(), role="partner"
        )


def make_series(n, start):
    from egm.models import MeetingSeries

    for i in range(start, start + n):
        MeetingSeries.objects.create(name=f"Series {i}", slug=f"series-{i}")


def make_themes(n, start):
    from egm.models import Theme

    for i in range(start, start + n):
        Theme.objects.create(name=f"Theme {i}", slug=f"theme-{i}")


def make_responsibilities(n, start):
    from egm.models import AdvisoryResponsibility

    for i in range(start, start + n):
        AdvisoryResponsibility.objects.create(order=i, text=f"Responsibility {i}")


def make_components(n, start):
    from programme.models import Milestone, WorkProgrammeComponent

    for i in range(start, start + n):
        component = WorkProgrammeComponent.objects.create(name=f"Component {i}", slug=f"c-{i}")
        component.lead_organisations.add(OrganisationFactory(), OrganisationFactory())
        MilestoneFactory(component=component, is_public=True)
        Milestone.objects.filter(component=component).update(
            status="done", completed_on="2020-01-01"
        )


def make_supports(n, start):
    from portal.workprogramme.services import pilot_support_record
    from tests.factories import UserFactory

    actor = UserFactory(roles=["secretariat"])
    for country in _countries(n, start + 20):
        pilot = PilotFactory(country=country)
        pilot_support_record(
            actor=actor, pilot=pilot, organisation=OrganisationFactory(), role="supporter",
            steps=[1, 2], goals=[9],
        )  # fmt: skip


def nothing(n, start):
    """Reference data already holds many rows: the page size (2 vs 8) varies instead."""


def _published_version(start):
    roadmap = RoadmapFactory(country=_countries(1, start)[0])
    return RoadmapVersionFactory(roadmap=roadmap, status=VersionStatus.PUBLISHED)


def make_results_frameworks(n, start):
    for offset in range(n):
        results_framework(_published_version(start + offset), indicators=2)


def make_results_indicators(n, start):
    results_framework(_published_version(start), indicators=n)


def make_reporting_periods(n, start):
    roadmap = _published_version(start).roadmap
    for offset in range(n):
        reporting_period(roadmap, year=2000 + offset)


def make_country_updates(n, start):
    from monitoring import services as monitoring_services

    version = _published_version(start)
    actor = UserFactory(roles=[Role.SECRETARIAT])
    results_framework(version, actor=actor)
    for offset in range(n):
        period = reporting_period(version.roadmap, actor=actor, year=2000 + offset)
        monitoring_services.update_start(actor=actor, period=period)


# (list URL, how to add n rows, whether to vary page_size instead of rows)
LISTS = [
    ("/api/v1/organisations/", make_organisations, False),
    ("/api/v1/milestones/", make_milestones, False),
    ("/api/v1/pilots/", make_pilots, False),
    ("/api/v1/roadmaps/", make_roadmaps, False),
    ("/api/v1/roadmap-versions/", make_versions, False),
    ("/api/v1/assessments/", make_assessments, False),
    ("/api/v1/meetings/", make_meetings, False),
    ("/api/v1/advisory-group/", make_advisory, False),
    ("/api/v1/guidebook-editions/", make_editions, False),
    ("/api/v1/guidebook-chapters/", make_chapters, False),
    ("/api/v1/guidebook-drafts/", make_drafts, False),
    ("/api/v1/guidebook-comments/", make_guidebook_comments, False),
    ("/api/v1/guidebook-outline-versions/", make_outlines, False),
    ("/api/v1/guidebook-background-papers/", make_papers, False),
    ("/api/v1/rubrics/", make_rubrics, False),
    ("/api/v1/regions/", nothing, True),
    ("/api/v1/countries/", nothing, True),
    ("/api/v1/sdgs/", nothing, True),
    ("/api/v1/sdg-targets/", nothing, True),
    ("/api/v1/criteria/", nothing, True),
    # Meetings' records (egm).
    ("/api/v1/meeting-participants/", make_participants, False),
    ("/api/v1/meeting-sessions/", make_sessions, False),
    ("/api/v1/meeting-documents/", make_documents, False),
    ("/api/v1/meeting-document-versions/", make_document_versions, False),
    ("/api/v1/meeting-outcomes/", make_outcomes, False),
    ("/api/v1/meeting-actions/", make_actions, False),
    ("/api/v1/meeting-comments/", make_planning_comments, False),
    ("/api/v1/regional-tracks/", make_tracks, False),
    ("/api/v1/meeting-series/", make_series, False),
    ("/api/v1/meeting-themes/", make_themes, False),
    ("/api/v1/advisory-responsibilities/", make_responsibilities, False),
    ("/api/v1/components/", make_components, False),
    ("/api/v1/support-landscape/", make_supports, False),
    # Monitoring (results frameworks, periods, countries' updates).
    ("/api/v1/sdg-indicators/", nothing, True),
    ("/api/v1/results-frameworks/", make_results_frameworks, False),
    ("/api/v1/results-indicators/", make_results_indicators, False),
    ("/api/v1/reporting-periods/", make_reporting_periods, False),
    ("/api/v1/country-updates/", make_country_updates, False),
]
# Summaries rather than lists, measured in their own area's tests.
MEASURED_ELSEWHERE = {
    "/api/v1/trust-fund-totals/",  # tests/workprogramme/test_queries.py
    # What a country keeps, measured as its focal point: tests/api/test_country_writes.py.
    "/api/v1/pilot-steps/",
    "/api/v1/task-team-people/",
    "/api/v1/roadmap-targets/",
    "/api/v1/target-links/",
    "/api/v1/public-release-consents/",
    "/api/v1/feedback-replies/",
    "/api/v1/country-records/",
    "/api/v1/peer-exchange-requests/",
}


def _count(client, url, params) -> tuple[int, int]:
    # A first call does the once-a-minute bookkeeping (the token's last use); then measure.
    client.get(url, params)
    generation_bump_all()  # measure the read itself, not its cached copy
    with queries_counted() as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


def test_every_list_endpoint_is_measured():
    from config.api import ROUTERS

    routed = {f"/api/v1/{prefix}/" for router in ROUTERS for prefix, _v, _b in router.registry}
    assert routed == {url for url, _make, _ in LISTS} | MEASURED_ELSEWHERE


@pytest.mark.parametrize(("url", "make", "by_page_size"), LISTS, ids=[u for u, _m, _p in LISTS])
def test_list_queries_do_not_grow_with_rows(
    url, make, by_page_size, staff_api_client, reference_data, django_assert_num_queries
):
    if by_page_size:
        small, small_rows = _count(staff_api_client, url, {"page_size": 2})
        with django_assert_num_queries(small):
            response = staff_api_client.get(url, {"page_size": 8})
        assert (small_rows, len(response.json()["results"])) == (2, 8)
        return
    make(2, 0)
    small, small_rows = _count(staff_api_client, url, {})
    make(6, 2)
    with django_assert_num_queries(small):
        response = staff_api_client.get(url)
    assert len(response.json()["results"]) == small_rows + 6


def test_roadmap_filters_on_assessments_do_not_grow_with_rows(
    partner_api_client, reference_data, django_assert_num_queries
):
    """The latest-status and minimum-score filters are subqueries, not a query per roadmap."""
    params = {"status": "published", "min_overall_score": "1"}
    make_assessments(2, 0)
    small, small_rows = _count(partner_api_client, "/api/v1/roadmaps/", params)
    make_assessments(6, 2)
    with django_assert_num_queries(small):
        response = partner_api_client.get("/api/v1/roadmaps/", params)
    assert (small_rows, len(response.json()["results"])) == (2, 8)
