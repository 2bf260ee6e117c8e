"""Cached parts of pages: a write shows up on the next read, and no one gets another's copy."""

from __future__ import annotations

import pytest

from pilots.choices import PilotStatus
from pilots.services import pilot_transition
from programme.choices import MilestoneStatus
from roadmaps.choices import VersionStatus
from tests.factories import MilestoneFactory, PilotFactory, RoadmapFactory, RoadmapVersionFactory
from tests.programme.test_cache_language import settle

pytestmark = pytest.mark.django_db


def _rows(client, url="/pilots/") -> str:
    return client.get(url).content.decode().split("<tbody>")[1].split("</tbody>")[0]


def test_dashboard_shows_a_new_milestone_and_a_new_draft_on_the_next_read(staff_client, ghana):
    assert "Launch of the portal" not in staff_client.get("/").content.decode()
    MilestoneFactory(title="Launch of the portal", is_public=True)
    page = staff_client.get("/").content.decode()
    assert "Launch of the portal" in page
    awaiting = '<div class="stat-value">{}</div><a class="stretched-link text-muted"'
    assert awaiting.format(0) in page
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status=VersionStatus.SUBMITTED)
    assert awaiting.format(1) in staff_client.get("/").content.decode()


def test_dashboard_parts_are_per_reader(staff_client, focal_point_client, kenya):
    MilestoneFactory(title="Kenya's own deadline", is_public=False, country=kenya)
    assert "Kenya&#x27;s own deadline" in staff_client.get("/").content.decode()
    # The focal point for Ghana never gets the secretariat's cached copy.
    assert "Kenya&#x27;s own deadline" not in focal_point_client.get("/").content.decode()


def test_milestone_list_shows_a_change_on_the_next_read(staff_client):
    milestone = MilestoneFactory(title="Guidebook consultation", is_public=True)
    assert "Planned" in _rows(staff_client, "/milestones/")
    milestone.status = MilestoneStatus.SLIPPED
    milestone.save()
    rows = _rows(staff_client, "/milestones/")
    assert "Slipped" in rows and "Planned" not in rows


def test_milestone_list_filters_are_part_of_the_key(staff_client):
    MilestoneFactory(title="A done thing", is_public=True, status="cancelled")
    MilestoneFactory(title="A planned thing", is_public=True)
    # The rows only: the secretariat's audit panel below them lists every recent change.
    page = _rows(staff_client, "/milestones/?status=planned")
    assert "A planned thing" in page and "A done thing" not in page
    page = _rows(staff_client, "/milestones/?status=cancelled")
    assert "A done thing" in page and "A planned thing" not in page


def test_pilot_list_shows_a_status_change_on_the_next_read(staff_client, secretariat_user, ghana):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACCEPTED)
    assert "Accepted" in _rows(staff_client)
    pilot_transition(actor=secretariat_user, pilot=pilot, to_status=PilotStatus.ACTIVE)
    rows = _rows(staff_client)
    assert "Active" in rows and "Accepted" not in rows


def test_pilot_list_shows_a_new_draft_of_the_country(staff_client, ghana):
    PilotFactory(country=ghana)
    roadmap = RoadmapFactory(country=ghana)
    assert "v1 " not in _rows(staff_client)
    RoadmapVersionFactory(roadmap=roadmap, number=1)
    assert "v1 " in _rows(staff_client)


def test_pilot_page_shows_a_new_milestone_and_draft_on_the_next_read(
    staff_client, focal_point_client, ghana
):
    pilot = PilotFactory(country=ghana)
    url = f"/pilots/{pilot.pk}/"
    assert "Ghana validation workshop" not in staff_client.get(url).content.decode()
    MilestoneFactory(title="Ghana validation workshop", is_public=True, country=ghana)
    assert "Ghana validation workshop" in staff_client.get(url).content.decode()
    roadmap = RoadmapFactory(country=ghana)
    assert len(staff_client.get(url).context["shown"]["versions"]) == 0
    RoadmapVersionFactory(roadmap=roadmap, number=1)
    assert len(staff_client.get(url).context["shown"]["versions"]) == 1
    # Ghana's focal point reads their own draft on their page; the cached copy is per reader.
    assert len(focal_point_client.get(url).context["shown"]["versions"]) == 1


def test_pilot_page_does_not_share_a_draft_across_readers(staff_client, advisory_client, kenya):
    pilot = PilotFactory(country=kenya)
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya), number=1)
    url = f"/pilots/{pilot.pk}/"
    assert len(staff_client.get(url).context["shown"]["versions"]) == 1
    # The advisory group does not read unpublished drafts: the secretariat's copy is not theirs.
    assert len(advisory_client.get(url).context["shown"]["versions"]) == 0


def test_the_menu_follows_a_role_given_on_the_next_page(
    reviewer_user, reviewer_client, secretariat_user
):
    from django.urls import reverse

    from programme.choices import Role
    from programme.services import role_grant

    def menu() -> list[str]:
        ctx = reviewer_client.get("/").context
        return [url for _label, url, _s in [*ctx["nav_items"], *ctx["nav_more"], *ctx["nav_tools"]]]

    queue, people = reverse("roadmaps:version-queue"), reverse("people:person-list")
    assert queue not in menu() and people not in menu()
    role_grant(actor=secretariat_user, person=reviewer_user, role=Role.ADVISORY_GROUP)
    assert reverse("roadmaps:assessment-heatmap") in menu()
    assert people not in menu()


def test_the_menu_is_drawn_in_the_readers_language(staff_client, secretariat_user):
    def labels() -> list[str]:
        return [label for label, _url, _s in staff_client.get("/").context["nav_items"]]

    assert "Pilots" in labels()
    secretariat_user.language = "fr"
    secretariat_user.save(update_fields=["language"])
    assert "Pays pilotes" in labels() and "Pilots" not in labels()


def _history(client) -> str:
    page = client.get("/milestones/").content.decode()
    return page.split('id="audit-recent-programme-milestone"')[1].split("</section>")[0]


def test_the_milestone_history_panel_shows_a_change_on_the_next_read(
    staff_client, secretariat_user
):
    from programme.services import milestone_update

    milestone = MilestoneFactory(title="Guidebook consultation", is_public=True)
    settle()
    assert "Slipped" not in _history(staff_client)
    assert _history(staff_client) == _history(staff_client)  # kept
    milestone_update(actor=secretariat_user, milestone=milestone, status=MilestoneStatus.SLIPPED)
    settle()
    assert "Slipped" in _history(staff_client)


def test_the_review_queue_shows_a_new_version_on_the_next_read(staff_client, ghana):
    RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana, title="First plan"), status="submitted"
    )
    settle()
    assert "First plan" in staff_client.get("/roadmaps/versions/queue/").content.decode()
    RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana, title="Second plan"), status="submitted"
    )
    settle()
    assert "Second plan" in staff_client.get("/roadmaps/versions/queue/").content.decode()


def test_the_pilot_pages_history_shows_a_change_on_the_next_read(staff_client, ghana):
    from django.urls import reverse

    def history() -> str:
        page = staff_client.get(url).content.decode()
        return page.split('id="audit-history-heading"')[1].split("</section>")[0]

    pilot = PilotFactory(country=ghana, status=PilotStatus.INTERESTED)
    url = reverse("pilots:pilot-detail", args=[pilot.pk])
    pilot.summary = "First words"
    pilot.save()
    settle()
    assert "First words" in history() and "Second words" not in history()
    pilot.summary = "Second words"
    pilot.save()
    settle()
    assert "Second words" in history()
