"""Who may be made a focal point (pilots.rules): never a partner or a reviewer; linking grants
the role, unlinking the last link takes it away, and an API token follows at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from base.errors import NotPermitted
from pilots.models import FocalPoint
from pilots.rules import focal_point_candidates, focal_point_link_refusal
from pilots.services import focal_point_link, focal_point_unlink
from programme.choices import Role
from programme.models import User
from programme.roles import grant_role
from roadmaps.choices import VersionStatus
from tests.api.conftest import token_client
from tests.factories import (
    PilotFactory,
    RoadmapVersionFactory,
    UserFactory,
    api_token_for,
    national_roadmap,
)

pytestmark = pytest.mark.django_db
VERSIONS = "/api/v1/roadmap-versions/"


def _fresh(user) -> User:
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("role", [Role.PARTNER, Role.REVIEWER])
def test_a_partner_or_reviewer_cannot_be_linked(secretariat_user, ghana, role):
    person = UserFactory(roles=[role])
    assert focal_point_link_refusal(secretariat_user, person, ghana) is not None
    with pytest.raises(NotPermitted):
        focal_point_link(actor=secretariat_user, user=person, country=ghana)
    assert not FocalPoint.objects.filter(user=person).exists()
    assert not _fresh(person).is_focal_point


@pytest.mark.parametrize("role", [Role.PARTNER, Role.REVIEWER])
def test_a_focal_point_cannot_be_given_the_partner_or_reviewer_role(ghana, role):
    person = UserFactory(roles=[Role.FOCAL_POINT], countries=[ghana])
    with pytest.raises(NotPermitted):
        grant_role(person, role)
    assert not _fresh(person).has_role(role)


def test_the_pilot_page_offers_only_eligible_accounts(staff_client, ghana):
    pilot = PilotFactory(country=ghana)
    partner = UserFactory(roles=[Role.PARTNER], last_name="Partnerperson")
    reviewer = UserFactory(roles=[Role.REVIEWER], last_name="Reviewerperson")
    inactive = UserFactory(is_active=False, last_name="Gone")
    eligible = UserFactory(roles=[Role.ADVISORY_GROUP], last_name="Eligible")
    # The form is a page of its own, linked from the pilot page.
    form = staff_client.get(reverse("pilots:focal-point-link", args=[pilot.pk])).context["form"]
    offered = set(form.fields["user"].queryset.values_list("pk", flat=True))
    assert eligible.pk in offered
    assert not offered & {partner.pk, reviewer.pk, inactive.pk}
    assert set(focal_point_candidates().values_list("pk", flat=True)) == offered
    # Posting a partner's id anyway is refused by the form, and nothing is linked.
    staff_client.post(reverse("pilots:focal-point-link", args=[pilot.pk]), {"fp-user": partner.pk})
    assert not FocalPoint.objects.filter(user=partner).exists()
    assert not _fresh(partner).is_focal_point


def test_the_admin_refuses_to_link_a_partner(admin_client, ghana):
    partner = UserFactory(roles=[Role.PARTNER])
    response = admin_client.post(
        reverse("admin:pilots_focalpoint_add"),
        {"user": partner.pk, "country": ghana.pk, "is_primary": "on"},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not FocalPoint.objects.filter(user=partner).exists()


def test_the_admin_refuses_reviewer_and_focal_point_groups_together(admin_client):
    from django.contrib.auth.models import Group

    from programme.roles import ensure_role_groups

    ensure_role_groups()
    person = UserFactory(roles=[Role.REVIEWER])
    groups = Group.objects.filter(name__in=[Role.REVIEWER, Role.FOCAL_POINT])
    response = admin_client.post(
        reverse("admin:programme_user_change", args=[person.pk]),
        {
            "username": person.username,
            "email": person.email,
            "first_name": "A",
            "last_name": "B",
            "is_active": "on",
            "groups": [g.pk for g in groups],
            "date_joined_0": "2020-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 200
    assert not _fresh(person).is_focal_point


def test_unlinking_the_last_link_takes_the_role_and_the_token_follows(secretariat_user, ghana):
    PilotFactory(country=ghana)
    draft = RoadmapVersionFactory(roadmap=national_roadmap(ghana), status=VersionStatus.SUBMITTED)
    person = UserFactory(roles=[Role.ADVISORY_GROUP])
    _token, key = api_token_for(person)
    client = token_client(key)
    ids = lambda: {row["id"] for row in client.get(VERSIONS).json()["results"]}  # noqa: E731
    assert draft.pk not in ids()

    link = focal_point_link(actor=secretariat_user, user=person, country=ghana)
    assert _fresh(person).is_focal_point
    assert draft.pk in ids()  # the token reads as the account's current role, at once

    focal_point_unlink(actor=secretariat_user, link=link)
    assert not _fresh(person).is_focal_point
    assert draft.pk not in ids()


def test_a_second_link_keeps_the_role_when_one_ends(secretariat_user, ghana, kenya):
    person = UserFactory()
    first = focal_point_link(actor=secretariat_user, user=person, country=ghana)
    focal_point_link(actor=secretariat_user, user=person, country=kenya)
    focal_point_unlink(actor=secretariat_user, link=first)
    fresh = _fresh(person)
    assert fresh.is_focal_point and fresh.country_ids == {kenya.pk}
