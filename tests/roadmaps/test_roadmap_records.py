"""Opening and describing roadmaps: create, edit, SDG targets, and who may do it when."""

import pytest
from django.urls import reverse

from base.errors import NotPermitted
from roadmaps import services
from roadmaps.choices import Priority, RoadmapKind, VersionStatus
from roadmaps.models import Roadmap, RoadmapGoal, RoadmapTarget, Target
from tests.factories import OrganisationFactory, RoadmapFactory, RoadmapVersionFactory

pytestmark = pytest.mark.django_db


def test_focal_point_opens_a_national_roadmap_for_own_country(focal_point_client, ghana):
    response = focal_point_client.post(
        reverse("roadmaps:roadmap-create"),
        {"kind": "national", "country": ghana.pk, "title": "Ghana STI roadmap", "summary": ""},
    )
    roadmap = Roadmap.objects.get()
    assert response["Location"] == reverse("roadmaps:roadmap-detail", args=[roadmap.pk])
    assert (roadmap.country, roadmap.kind) == (ghana, RoadmapKind.NATIONAL)


def test_focal_point_cannot_open_a_roadmap_for_another_country(focal_point_client, kenya):
    response = focal_point_client.post(
        reverse("roadmaps:roadmap-create"),
        {"kind": "national", "country": kenya.pk, "title": "Not mine"},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Roadmap.objects.exists()


def test_service_refuses_a_focal_point_for_another_country(focal_point_user, kenya):
    with pytest.raises(NotPermitted):
        services.roadmap_create(
            actor=focal_point_user, kind=RoadmapKind.NATIONAL, title="x", country=kenya
        )
    assert not Roadmap.objects.exists()


def test_international_roadmap_needs_an_owner(staff_client, reference_data):
    response = staff_client.post(
        reverse("roadmaps:roadmap-create"), {"kind": "international", "title": "Ocean STI"}
    )
    assert response.status_code == 400
    assert "An international roadmap needs an owner." in response.content.decode()
    assert not Roadmap.objects.exists()
    owner = OrganisationFactory()
    response = staff_client.post(
        reverse("roadmaps:roadmap-create"),
        {"kind": "international", "title": "Ocean STI", "owner": owner.pk},
    )
    assert response.status_code == 302
    assert Roadmap.objects.get().owner == owner


# Who may open the create and edit pages: tests/web/routes_roadmaps.py, for every role.


def test_targets_with_a_note(focal_point_client, ghana):
    roadmap = RoadmapFactory(country=ghana)
    target = Target.objects.get(code="9.5")
    focal_point_client.post(
        reverse("roadmaps:roadmap-target-set", args=[roadmap.pk]),
        {
            "target": target.pk,
            "priority": Priority.SECONDARY,
            "notes": "Competes with 9.1 for public funds.",
        },
    )
    link = RoadmapTarget.objects.get(roadmap=roadmap)
    assert (link.target, link.priority, link.notes) == (
        target,
        Priority.SECONDARY,
        "Competes with 9.1 for public funds.",
    )
    # The target's goal joins the roadmap's SDGs.
    assert RoadmapGoal.objects.filter(roadmap=roadmap, goal__number=9).exists()
    page = focal_point_client.get(reverse("roadmaps:roadmap-detail", args=[roadmap.pk]))
    assert "Competes with 9.1 for public funds." in page.content.decode()
    focal_point_client.post(
        reverse("roadmaps:roadmap-target-remove", args=[roadmap.pk, link.pk]), {}
    )
    assert not RoadmapTarget.objects.exists()


def test_other_country_cannot_add_targets(other_focal_point_client, ghana):
    roadmap = RoadmapFactory(country=ghana)
    target = Target.objects.get(code="9.5")
    response = other_focal_point_client.post(
        reverse("roadmaps:roadmap-target-set", args=[roadmap.pk]),
        {"target": target.pk, "priority": Priority.PRIMARY},
    )
    assert response.status_code == 404
    assert not RoadmapTarget.objects.exists()


def test_a_published_roadmap_is_the_secretariats_to_amend(
    focal_point_user, secretariat_user, ghana
):
    roadmap = RoadmapFactory(country=ghana)
    RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.PUBLISHED)
    goal_9 = Target.objects.get(code="9.5").goal
    with pytest.raises(NotPermitted, match="published"):
        services.roadmap_goal_set(actor=focal_point_user, roadmap=roadmap, goal=goal_9)
    with pytest.raises(NotPermitted, match="published"):
        services.roadmap_update(actor=focal_point_user, roadmap=roadmap, title="x", summary="")
    assert not RoadmapGoal.objects.exists()
    services.roadmap_goal_set(actor=secretariat_user, roadmap=roadmap, goal=goal_9)
    assert RoadmapGoal.objects.filter(roadmap=roadmap).count() == 1


def test_editing_title_and_summary(focal_point_client, ghana):
    roadmap = RoadmapFactory(country=ghana)
    url = reverse("roadmaps:roadmap-update", args=[roadmap.pk])
    bad = focal_point_client.post(url, {"title": "", "summary": "s"})
    assert bad.status_code == 400
    assert "This field is required." in bad.content.decode()
    focal_point_client.post(url, {"title": "Ghana 2030", "summary": "Updated."})
    roadmap.refresh_from_db()
    assert (roadmap.title, roadmap.summary) == ("Ghana 2030", "Updated.")
