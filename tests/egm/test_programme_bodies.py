"""The advisory group and the regional tracks: an adviser sees their own seat on the advisory
group's page; the secretariat keeps the seats and the tracks from their own pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from base.errors import NotPermitted
from egm.models import AdvisoryGroupMembership, RegionalTrack, RegionalTrackPartner
from egm.services import advisory_membership_save, track_save
from programme.choices import Role
from tests.factories import AdvisoryGroupMembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_adviser_sees_their_own_seat(client):
    mine = UserFactory(roles=[Role.ADVISORY_GROUP])
    other = UserFactory(roles=[Role.ADVISORY_GROUP])
    seat = AdvisoryGroupMembershipFactory(
        organisation=OrganisationFactory(name="UNESCO"),
        start_on=dt.date(2025, 1, 1),
        responsibilities="Guides the planning of EGMs.",
    )
    seat.representatives.add(mine)
    url = reverse("egm:advisory-group")
    client.force_login(mine)
    response = client.get(url)
    assert [s.pk for s in response.context["my_seats"]] == [seat.pk]
    assert "Your membership" in response.content.decode()
    assert (
        reverse("egm:advisory-membership-update", args=[seat.pk]) not in response.content.decode()
    )
    client.force_login(other)
    response = client.get(url)
    assert response.context["my_seats"] == [] and "Your membership" not in response.content.decode()


def test_the_secretariat_adds_and_changes_a_seat(client, secretariat_user):
    org = OrganisationFactory(name="ESCAP")
    adviser = UserFactory(roles=[Role.ADVISORY_GROUP])
    client.force_login(secretariat_user)
    url = reverse("egm:advisory-membership-create")
    bad = client.post(
        url,
        {
            "organisation": org.pk,
            "role": "member",
            "start_on": "2026-05-01",
            "end_on": "2026-01-01",
        },
    )
    assert bad.status_code == 400 and not AdvisoryGroupMembership.objects.exists()
    good = client.post(
        url,
        {"organisation": org.pk, "role": "member", "representatives": [adviser.pk]},
    )
    assert good.status_code == 302
    seat = AdvisoryGroupMembership.objects.get()
    assert list(seat.representatives.all()) == [adviser]
    edit = reverse("egm:advisory-membership-update", args=[seat.pk])
    assert client.post(edit, {"organisation": org.pk, "role": "coordinator"}).status_code == 302
    seat.refresh_from_db()
    assert seat.role == "coordinator" and not seat.representatives.exists()


def test_the_secretariat_keeps_the_tracks(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        reverse("egm:track-create"), {"name": "Africa regional track", "slug": "africa"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("egm:track-detail", args=["africa"])
    duplicate = client.post(
        reverse("egm:track-create"), {"name": "Africa regional track", "slug": "africa-2"}
    )
    assert duplicate.status_code == 400
    client.post(
        reverse("egm:track-update", args=["africa"]),
        {"name": "Africa track", "slug": "africa", "description": "With ECA."},
    )
    assert RegionalTrack.objects.get(slug="africa").description == "With ECA."


def test_only_the_secretariat_keeps_them():
    adviser = UserFactory(roles=[Role.ADVISORY_GROUP])
    with pytest.raises(NotPermitted):
        advisory_membership_save(actor=adviser, organisation=OrganisationFactory(), role="member")
    with pytest.raises(NotPermitted):
        track_save(actor=adviser, name="X", slug="x")


def test_the_secretariat_keeps_a_tracks_partners_on_its_form(client, secretariat_user):
    client.force_login(secretariat_user)
    eca, escap, undp = (OrganisationFactory(name=n) for n in ("ECA", "ESCAP", "UNDP"))
    track = RegionalTrack.objects.create(name="Africa regional track", slug="africa")
    RegionalTrackPartner.objects.create(track=track, organisation=eca, role="lead")
    RegionalTrackPartner.objects.create(track=track, organisation=escap, role="possible")
    url = reverse("egm:track-update", args=["africa"])
    page = client.get(url).content.decode()
    # The multi-select offers the directory's organisations, the track's chosen, with a hint.
    assert '<select name="partners"' in page and "Hold Ctrl" in page
    assert f'<option value="{eca.pk}" selected>' in page
    assert f'<option value="{undp.pk}">' in page
    base = {"name": "Africa regional track", "slug": "africa"}
    response = client.post(url, {**base, "partners": [eca.pk, undp.pk]})
    assert response.status_code == 302
    roles = dict(track.partners.values_list("organisation__name", "role"))
    # ECA keeps its lead, UNDP joins as a partner, ESCAP left out leaves the track.
    assert roles == {"ECA": "lead", "UNDP": "partner"}
    # Only organisations of the directory: anything else is refused beside the field.
    response = client.post(url, {**base, "partners": [eca.pk, 999_999]})
    assert response.status_code == 400
    assert response.context["form"].errors["partners"]
    assert dict(track.partners.values_list("organisation__name", "role")) == roles


def test_a_track_cannot_take_a_word_the_sites_addresses_use(client, secretariat_user):
    slug = "new"
    with pytest.raises(ValidationError) as refused:
        track_save(actor=secretariat_user, name="New markets track", slug=slug)
    assert list(refused.value.message_dict) == ["slug"]
    client.force_login(secretariat_user)
    response = client.post(reverse("egm:track-create"), {"name": "New markets track", "slug": slug})
    assert response.status_code == 400
    [error] = response.context["form"].errors["slug"]
    assert "already part of the site's addresses" in error
    assert not RegionalTrack.objects.exists()
    # A word that is no route's is a slug like any other ("edit" only follows a slug).
    assert track_save(actor=secretariat_user, name="Edit track", slug="edit").slug == "edit"
    assert client.get(reverse("egm:track-detail", args=["edit"])).status_code == 200
