"""A focal point keeps its own country's record through the API: bad input is a 400 naming
the fields, nothing half-saved; another country's is refused. Every role and route:
tests/api/test_permissions.py."""

from __future__ import annotations

import datetime as dt

import pytest

from pilots.models import PilotStep
from portal.models import CountryRecordLink, PeerExchangeRequest
from roadmaps.choices import VersionStatus
from roadmaps.models import PublicReleaseConsent, RoadmapTarget, Target, TargetLink
from tests.factories import PilotFactory, RoadmapFactory, RoadmapVersionFactory, country

pytestmark = pytest.mark.django_db

JSON = {"content_type": "application/json"}


@pytest.fixture
def ghana_map(ghana):
    roadmap = RoadmapFactory(country=ghana)
    for code in ("9.5", "4.4"):
        RoadmapTarget.objects.create(roadmap=roadmap, target=Target.objects.get(code=code))
    return roadmap


def test_roadmaps_return_structured_links(focal_point_client, ghana_map):
    response = focal_point_client.post(
        "/api/v1/target-links/",
        {"roadmap": ghana_map.pk, "from_target": "9.5", "to_target": "4.4", "kind": "synergy",
         "note": "Skills feed research."},
        **JSON,
    )  # fmt: skip
    assert response.status_code == 201, response.content
    roadmap = focal_point_client.get(f"/api/v1/roadmaps/{ghana_map.pk}/").json()
    assert roadmap["links"] == [
        {"id": response.json()["id"], "from_target": "9.5", "to_target": "4.4",
         "kind": "synergy", "note": "Skills feed research."}
    ]  # fmt: skip
    assert {t["target"] for t in roadmap["targets"]} == {"9.5", "4.4"}
    assert "synergies" not in roadmap["targets"][0]


def test_a_bad_link_is_a_400_on_its_field(focal_point_client, ghana_map):
    response = focal_point_client.post(
        "/api/v1/target-links/",
        {"roadmap": ghana_map.pk, "from_target": "9.5", "to_target": "9.5", "kind": "synergy"},
        **JSON,
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["to_target"] == [
        "Link a target to another target, not to itself."
    ]
    outside = focal_point_client.post(
        "/api/v1/target-links/",
        {"roadmap": ghana_map.pk, "from_target": "9.5", "to_target": "1.1", "kind": "synergy"},
        **JSON,
    )
    assert outside.status_code == 400
    assert "to_target" in outside.json()["error"]["fields"]
    assert not TargetLink.objects.exists()


def test_a_step_with_a_bad_link_saves_nothing(focal_point_client, ghana):
    pilot = PilotFactory(country=ghana)
    response = focal_point_client.post(
        "/api/v1/pilot-steps/",
        {"pilot": pilot.pk, "step": 1, "status": "done", "evidence_links": ["not a link"]},
        **JSON,
    )
    assert response.status_code == 400
    assert {"completed_on", "evidence_links"} <= set(response.json()["error"]["fields"])
    assert not PilotStep.objects.exists()
    saved = focal_point_client.post(
        "/api/v1/pilot-steps/",
        {"pilot": pilot.pk, "step": 1, "status": "in_progress", "notes": "Kick-off held."},
        **JSON,
    )
    assert saved.status_code == 201, saved.content
    changed = focal_point_client.patch(
        f"/api/v1/pilot-steps/{saved.json()['id']}/", {"notes": "Scope agreed."}, **JSON
    )
    assert changed.status_code == 200
    step = PilotStep.objects.get()
    assert (step.status, step.notes) == ("in_progress", "Scope agreed.")


def test_consent_twice_is_a_400_not_a_constraint(focal_point_client, ghana_map):
    version = RoadmapVersionFactory(roadmap=ghana_map, status=VersionStatus.PUBLISHED)
    body = {"version": version.pk, "given_by": "Minister", "given_on": "2021-03-01",
            "evidence": "Letter"}  # fmt: skip
    assert (
        focal_point_client.post("/api/v1/public-release-consents/", body, **JSON).status_code == 201
    )
    again = focal_point_client.post("/api/v1/public-release-consents/", body, **JSON)
    assert again.status_code == 400
    assert "public_consent_one_in_force" not in again.content.decode()
    assert "version" in again.json()["error"]["fields"]
    consent = PublicReleaseConsent.objects.get()
    withdrawn = focal_point_client.post(
        f"/api/v1/public-release-consents/{consent.pk}/withdraw/", {}, **JSON
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_on"]


def test_another_countrys_record_is_refused(other_focal_point_client, ghana):
    pilot = PilotFactory(country=ghana)
    response = other_focal_point_client.post(
        "/api/v1/country-records/",
        {"country": ghana.pk, "source": "stip_compass", "record": "gha"},
        **JSON,
    )
    assert response.status_code == 400
    assert "country" in response.json()["error"]["fields"]
    request = other_focal_point_client.post(
        "/api/v1/peer-exchange-requests/",
        {"learner": pilot.pk, "suggested_peer": pilot.pk, "topic": "x"},
        **JSON,
    )
    assert request.status_code == 400
    assert not CountryRecordLink.objects.exists() and not PeerExchangeRequest.objects.exists()


def test_a_request_for_an_exchange_with_oneself_is_a_clear_400(focal_point_client, ghana):
    pilot = PilotFactory(country=ghana)
    PilotFactory(country=country("KEN"))
    response = focal_point_client.post(
        "/api/v1/peer-exchange-requests/",
        {"learner": pilot.pk, "suggested_peer": pilot.pk, "topic": "Task teams"},
        **JSON,
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["suggested_peer"] == [
        "Suggest another country than your own."
    ]


def _rows(n: int, ghana, focal_point_user) -> None:
    """`n` more rows of every resource a country keeps, all Ghana's."""
    from pilots.models import PilotStep, TaskTeamPerson
    from roadmaps.models import FeedbackReply

    pilot = PilotFactory(country=ghana) if not hasattr(ghana, "pilot") else ghana.pilot
    peer = PilotFactory(country=country("KEN")) if not hasattr(country("KEN"), "pilot") else None
    peer = peer or country("KEN").pilot
    for _ in range(n):
        i = TaskTeamPerson.objects.count()
        TaskTeamPerson.objects.create(pilot=pilot, name=f"Person {i}", contact=f"{i}@example.org")
        step = (PilotStep.objects.filter(pilot=pilot).count() % 6) + 1
        PilotStep.objects.get_or_create(pilot=pilot, step=step)
        roadmap = RoadmapFactory(country=ghana)
        a, b = Target.objects.get(code="9.5"), Target.objects.get(code="4.4")
        for target in (a, b):
            RoadmapTarget.objects.create(roadmap=roadmap, target=target)
        TargetLink.objects.create(roadmap=roadmap, from_target=a, to_target=b, kind="synergy")
        published = RoadmapVersionFactory(roadmap=roadmap, status=VersionStatus.PUBLISHED)
        PublicReleaseConsent.objects.create(
            version=published, given_by="Minister", given_on=dt.date(2021, 3, 1), evidence="L"
        )
        FeedbackReply.objects.create(version=published, body="Thanks.", author=focal_point_user)
        PeerExchangeRequest.objects.create(
            learner=pilot, suggested_peer=peer, topic="x", requested_by=focal_point_user
        )
    CountryRecordLink.objects.get_or_create(country=ghana, source="go_spin", record="gha")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/pilot-steps/",
        "/api/v1/task-team-people/",
        "/api/v1/roadmap-targets/",
        "/api/v1/target-links/",
        "/api/v1/public-release-consents/",
        "/api/v1/feedback-replies/",
        "/api/v1/country-records/",
        "/api/v1/peer-exchange-requests/",
    ],
)
def test_country_kept_lists_take_as_many_queries_for_many_rows(
    path, focal_point_client, focal_point_user, ghana, django_assert_max_num_queries
):
    from tests.querycount import queries_counted

    _rows(1, ghana, focal_point_user)
    focal_point_client.get(path)
    with queries_counted() as few:
        assert focal_point_client.get(path).status_code == 200
    _rows(4, ghana, focal_point_user)
    with queries_counted() as many:
        response = focal_point_client.get(path)
    assert response.json()["count"] >= 1
    assert len(many) == len(few), f"{path}: {len(few)} queries for few rows, {len(many)} for many"
