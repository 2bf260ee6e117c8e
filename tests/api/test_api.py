"""API behaviour: published-only for partners, files, filters, pagination, exports, writes
through services, the error shape and rate limits."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse
from rest_framework.test import APIRequestFactory

from base.api.exceptions import api_exception_handler
from base.errors import DomainError
from programme.models import Milestone, Organisation
from roadmaps.choices import VersionStatus
from roadmaps.models import Goal, RoadmapGoal
from tests.factories import (
    MINIMAL_PDF,
    MilestoneFactory,
    OrganisationFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
)

pytestmark = pytest.mark.django_db


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _streamed(response) -> str:
    return b"".join(response.streaming_content).decode()


# --- Partners see published material only --------------------------------------------------


@pytest.fixture
def roadmaps(ghana, kenya):
    """Kenya's roadmap has a published version (and a newer draft); Ghana's only drafts."""
    kenya_map = RoadmapFactory(country=kenya)
    published = RoadmapVersionFactory(roadmap=kenya_map, status=VersionStatus.PUBLISHED)
    kenya_draft = RoadmapVersionFactory(roadmap=kenya_map, status=VersionStatus.SUBMITTED)
    ghana_map = RoadmapFactory(country=ghana)
    ghana_draft = RoadmapVersionFactory(roadmap=ghana_map, status=VersionStatus.UNDER_REVIEW)
    return {
        "kenya": kenya_map,
        "ghana": ghana_map,
        "published": published,
        "kenya_draft": kenya_draft,
        "ghana_draft": ghana_draft,
    }


def test_partners_never_see_unpublished_roadmaps_or_versions(partner_api_client, roadmaps):
    assert _ids(partner_api_client.get("/api/v1/roadmaps/")) == {roadmaps["kenya"].pk}
    assert _ids(partner_api_client.get("/api/v1/roadmap-versions/")) == {roadmaps["published"].pk}
    for version in ("kenya_draft", "ghana_draft"):
        pk = roadmaps[version].pk
        assert partner_api_client.get(f"/api/v1/roadmap-versions/{pk}/").status_code == 404
        assert partner_api_client.get(f"/api/v1/roadmap-versions/{pk}/file/").status_code == 404
    assert partner_api_client.get(f"/api/v1/roadmaps/{roadmaps['ghana'].pk}/").status_code == 404
    exported = json.loads(_streamed(partner_api_client.get("/api/v1/roadmap-versions/export/")))
    assert [row["id"] for row in exported] == [roadmaps["published"].pk]


def test_focal_points_see_their_own_countrys_drafts_only(focal_point_client, roadmaps):
    assert _ids(focal_point_client.get("/api/v1/roadmaps/")) == {
        roadmaps["kenya"].pk,
        roadmaps["ghana"].pk,
    }
    assert _ids(focal_point_client.get("/api/v1/roadmap-versions/")) == {
        roadmaps["published"].pk,
        roadmaps["ghana_draft"].pk,
    }


def test_file_url_only_where_the_file_may_be_read(focal_point_client, partner_api_client, roadmaps):
    own = focal_point_client.get(f"/api/v1/roadmap-versions/{roadmaps['ghana_draft'].pk}/").json()
    assert own["file_url"].endswith(f"/api/v1/roadmap-versions/{roadmaps['ghana_draft'].pk}/file/")
    public = partner_api_client.get(f"/api/v1/roadmap-versions/{roadmaps['published'].pk}/")
    file_url = public.json()["file_url"]
    assert file_url.startswith("http://testserver/")
    download = partner_api_client.get(file_url.removeprefix("http://testserver"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == MINIMAL_PDF
    assert "attachment" in download["Content-Disposition"]


def test_a_reviewer_sees_published_versions_without_draft_files(reviewer_client, roadmaps):
    rows = reviewer_client.get("/api/v1/roadmap-versions/").json()["results"]
    assert [(r["id"], r["file_url"] is not None) for r in rows] == [
        (roadmaps["published"].pk, True)
    ]


# --- Filters, search, ordering, pagination -------------------------------------------------


def test_roadmaps_filter_by_country_region_and_sdg_with_the_ui_filterset(
    staff_api_client, roadmaps, ghana
):
    RoadmapGoal.objects.create(roadmap=roadmaps["ghana"], goal=Goal.objects.get(number=9))
    by_country = staff_api_client.get("/api/v1/roadmaps/", {"country": ghana.pk})
    assert _ids(by_country) == {roadmaps["ghana"].pk}
    by_region = staff_api_client.get("/api/v1/roadmaps/", {"region": ghana.region_id})
    assert _ids(by_region) == {roadmaps["ghana"].pk, roadmaps["kenya"].pk}
    sdg9 = Goal.objects.get(number=9).pk
    assert _ids(staff_api_client.get("/api/v1/roadmaps/", {"sdg": sdg9})) == {roadmaps["ghana"].pk}
    bad = staff_api_client.get("/api/v1/roadmaps/", {"kind": "imaginary"})
    assert bad.status_code == 400
    assert "kind" in bad.json()["error"]["fields"]


def test_search_and_ordering(staff_api_client, db):
    OrganisationFactory(name="Zeta Institute", acronym="ZI")
    OrganisationFactory(name="Alpha Agency", acronym="AA")
    found = staff_api_client.get("/api/v1/organisations/", {"search": "zeta"}).json()
    assert [r["name"] for r in found["results"]] == ["Zeta Institute"]
    ordered = staff_api_client.get("/api/v1/organisations/", {"ordering": "-name"}).json()
    names = [r["name"] for r in ordered["results"]]
    assert names == sorted(names, reverse=True)


def test_pages_of_fifty_by_default_and_at_most_five_hundred(staff_api_client, db):
    Organisation.objects.bulk_create(
        Organisation(name=f"Body {n:03}", slug=f"body-{n}", kind="other") for n in range(520)
    )
    first = staff_api_client.get("/api/v1/organisations/").json()
    assert first["count"] == 520 and len(first["results"]) == 50 and first["next"]
    capped = staff_api_client.get("/api/v1/organisations/", {"page_size": 10000}).json()
    assert len(capped["results"]) == 500


# --- Export --------------------------------------------------------------------------------


def test_csv_export_streams_every_matching_row(staff_api_client, db):
    OrganisationFactory(name="Alpha Agency", kind="funder")
    OrganisationFactory(name="Beta Bureau", kind="research")
    response = staff_api_client.get(
        "/api/v1/organisations/export/", {"format": "csv", "kind": "funder"}
    )
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_streamed(response))))
    assert [r["name"] for r in rows] == ["Alpha Agency"]
    assert set(rows[0]) >= {"id", "name", "acronym", "kind", "country"}


def test_json_and_csv_export_of_pilots_with_nested_rows(partner_api_client, ghana, kenya):
    from tests.factories import PilotFactory, PilotSupportFactory

    pilot = PilotFactory(country=ghana)
    PilotSupportFactory(pilot=pilot)
    PilotFactory(country=kenya, status="accepted")
    as_json = json.loads(
        _streamed(partner_api_client.get("/api/v1/pilots/export/", {"status": "active"}))
    )
    assert [p["name"] for p in as_json] == ["Ghana"]
    assert len(as_json[0]["supporting_organisations"]) == 1
    as_csv = _streamed(partner_api_client.get("/api/v1/pilots/export/", {"format": "csv"}))
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert sorted(r["name"] for r in rows) == ["Ghana", "Kenya"]
    ghana_row = next(r for r in rows if r["name"] == "Ghana")
    assert json.loads(ghana_row["country"])["iso3"] == "GHA"


def test_export_keeps_scoping(partner_api_client, db):
    MilestoneFactory(title="Public", is_public=True)
    MilestoneFactory(title="Internal", is_public=False)
    rows = csv.DictReader(
        io.StringIO(
            _streamed(partner_api_client.get("/api/v1/milestones/export/", {"format": "csv"}))
        )
    )
    assert [r["title"] for r in rows] == ["Public"]


def test_export_refuses_unknown_formats(partner_api_client):
    response = partner_api_client.get("/api/v1/pilots/export/", {"format": "xml"})
    assert response.status_code == 400
    assert "format" in response.json()["error"]["fields"]


# --- Writes through services ---------------------------------------------------------------


def test_staff_create_and_change_through_services(staff_api_client, db):
    created = staff_api_client.post(
        "/api/v1/milestones/",
        {"title": "Guidebook launch", "kind": "guidebook", "due_on": "2030-07-15"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    milestone = Milestone.objects.get(pk=created.json()["id"])
    changed = staff_api_client.patch(
        f"/api/v1/milestones/{milestone.pk}/",
        {"status": "done", "completed_on": "2030-07-14"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    milestone.refresh_from_db()
    assert milestone.status == "done"


def test_model_validation_is_a_400_with_field_errors(staff_api_client, db):
    milestone = MilestoneFactory()
    response = staff_api_client.patch(
        f"/api/v1/milestones/{milestone.pk}/", {"status": "done"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "status": 400,
            "code": "invalid",
            "message": "Some fields are not valid; see `fields`.",
            "fields": {"completed_on": ["Say when a milestone marked done was done."]},
        }
    }
    milestone.refresh_from_db()
    assert milestone.status == "planned"


def test_meeting_rules_apply_to_api_writes(staff_api_client, db):
    response = staff_api_client.post(
        "/api/v1/meetings/",
        {"kind": "egm", "title": "EGM", "status": "held"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "start_date" in response.json()["error"]["fields"]


def test_unique_acronym_constraint_is_a_400(staff_api_client, db):
    OrganisationFactory(acronym="WB")
    response = staff_api_client.post(
        "/api/v1/organisations/",
        {"name": "Another", "slug": "another", "kind": "funder", "acronym": "WB"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


# --- Errors and limits ---------------------------------------------------------------------


def test_domain_errors_are_409_with_their_code():
    request = APIRequestFactory().get("/")
    response = api_exception_handler(
        DomainError("That move is not allowed.", code="illegal_move"), {"request": request}
    )
    assert response.status_code == 409
    assert response.data == {
        "error": {"status": 409, "code": "illegal_move", "message": "That move is not allowed."}
    }


def test_not_found_and_method_not_allowed_have_the_error_shape(partner_api_client, db):
    missing = partner_api_client.get("/api/v1/pilots/999999999/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    delete = partner_api_client.delete("/api/v1/pilots/")
    assert delete.status_code == 405
    assert delete.json()["error"]["code"] == "method_not_allowed"


def test_rate_limit_per_token_is_429_with_retry_after(
    settings, partner_api_client, staff_api_client
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"burst": "3/min", "sustained": "1000/hour"},
    }
    statuses = [partner_api_client.get("/api/v1/sdgs/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = partner_api_client.get("/api/v1/sdgs/")
    assert limited.json()["error"]["code"] == "throttled"
    assert int(limited["Retry-After"]) > 0
    # Another token has its own allowance.
    assert staff_api_client.get("/api/v1/sdgs/").status_code == 200


def test_api_root_lists_every_resource(partner_api_client):
    body = partner_api_client.get(reverse("api:root")).json()
    assert body["resources"]["pilots"].endswith("/api/v1/pilots/")
    assert body["resources"]["roadmap-versions"].endswith("/api/v1/roadmap-versions/")
    assert body["docs"].endswith("/api/v1/docs/")
