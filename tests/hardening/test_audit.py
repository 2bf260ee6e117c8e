"""Audit history: every tracked change keeps who, when and what, and the secretariat reads it
on the record's page (nobody else does)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from audit.models import tracked_models
from audit.selectors import record_history
from egm.models import Meeting
from pilots.choices import PilotStatus
from pilots.models import FocalPoint, Pilot
from programme.choices import Role
from programme.models import ApiToken, Milestone
from programme.roles import grant_role
from roadmaps.models import Assessment, Roadmap, RoadmapVersion
from tests.factories import MeetingFactory, PilotFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_model_the_issue_names_keeps_history():
    from django.contrib.auth import get_user_model

    expected = {
        Pilot,
        Roadmap,
        RoadmapVersion,
        Assessment,
        Meeting,
        Milestone,
        ApiToken,
        FocalPoint,
        get_user_model(),
    }
    assert expected <= set(tracked_models())
    for model in expected:
        assert model.history.model._meta.app_label == "audit"


def test_a_status_change_through_the_page_records_who_and_what(
    ghana, staff_client, secretariat_user
):
    pilot = PilotFactory(country=ghana, status=PilotStatus.ACTIVE)
    response = staff_client.post(
        reverse("pilots:pilot-transition", args=[pilot.pk]),
        {"status-to_status": PilotStatus.ROADMAP_ADOPTED, "status-reason": "Adopted by cabinet"},
    )
    assert response.status_code == 302
    latest = pilot.history.latest()
    assert latest.history_user == secretariat_user
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("status", PilotStatus.ACTIVE, PilotStatus.ROADMAP_ADOPTED)
    ]

    page = staff_client.get(reverse("pilots:pilot-detail", args=[pilot.pk]))
    html = page.content.decode()
    assert 'id="audit-history-heading"' in html
    assert "Changed" in html and str(secretariat_user) in html
    assert PilotStatus.ROADMAP_ADOPTED in html


def test_the_history_panel_is_for_the_secretariat_only(ghana, focal_point_client, focal_point_user):
    pilot = PilotFactory(country=ghana)
    page = focal_point_client.get(reverse("pilots:pilot-detail", args=[pilot.pk]))
    assert page.status_code == 200
    assert 'id="audit-history-heading"' not in page.content.decode()
    assert record_history(user=focal_point_user, obj=pilot) == []


def test_meeting_page_shows_its_history_to_the_secretariat(staff_client, secretariat_user):
    meeting = MeetingFactory()
    meeting.title = "Renamed meeting"
    meeting.save()
    entries = record_history(user=secretariat_user, obj=meeting)
    assert [e.kind for e in entries] == ["Changed", "Created"]
    assert entries[0].changes[0].new == "Renamed meeting"
    page = staff_client.get(reverse("egm:meeting-detail", args=[meeting.pk]))
    assert 'id="audit-history-heading"' in page.content.decode()


def test_saves_that_change_nothing_are_not_listed(secretariat_user):
    meeting = MeetingFactory()
    meeting.save()
    meeting.save()
    assert [e.kind for e in record_history(user=secretariat_user, obj=meeting)] == ["Created"]


def test_role_grants_keep_history():
    user = UserFactory()
    before = user.history.count()
    grant_role(user, Role.REVIEWER)
    after = user.history.order_by("-history_id").first()
    assert user.history.count() == before + 1
    reviewer_group = Group.objects.get(name=Role.REVIEWER)
    assert [g.group_id for g in after.groups.all()] == [reviewer_group.pk]
    assert "password" not in {f.name for f in user.history.model._meta.fields}


def test_focal_point_links_through_the_page_keep_who_made_them(
    ghana, staff_client, secretariat_user
):
    pilot = PilotFactory(country=ghana)
    person = UserFactory(roles=[Role.FOCAL_POINT])
    response = staff_client.post(
        reverse("pilots:focal-point-link", args=[pilot.pk]),
        {"fp-user": person.pk, "fp-is_primary": "on"},
    )
    assert response.status_code == 302
    link = FocalPoint.objects.get(user=person, country=ghana)
    created = link.history.get()
    assert created.history_type == "+"
    assert created.history_user == secretariat_user


def test_token_history_never_copies_the_key_hash():
    fields = {f.name for f in ApiToken.history.model._meta.fields}
    assert "key_hash" not in fields
    assert "name" in fields and "revoked_at" in fields


def test_the_admin_offers_history_for_tracked_models(secretariat_user):
    from django.test import Client

    secretariat_user.is_staff = True
    secretariat_user.is_superuser = True
    secretariat_user.save()
    client = Client()
    client.force_login(secretariat_user)
    milestone = Milestone.objects.create(title="Deliver", kind="programme", due_on="2030-01-01")
    response = client.get(reverse("admin:programme_milestone_history", args=[milestone.pk]))
    assert response.status_code == 200
    assert "Deliver" in response.content.decode()
