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
from tests.factories import TEST_PASSWORD, MeetingFactory, PilotFactory, UserFactory

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
    # By its label, as the page names statuses, never the stored code.
    assert str(PilotStatus.ROADMAP_ADOPTED.label) in html


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
    copied = {f.name for f in user.history.model._meta.fields}
    assert "password" not in copied and "calendar_token" not in copied


def test_a_sign_in_adds_no_copy_of_the_person_but_a_change_still_does(client):
    user = UserFactory()
    before = user.history.count()
    signed_in = client.post(
        reverse("login"), {"username": user.username, "password": TEST_PASSWORD}
    )
    assert signed_in.status_code == 302
    user.refresh_from_db()
    assert user.last_login is not None
    # The sign-in stamped `last_login`, which the copies leave out: a copy would repeat the last.
    assert user.history.count() == before
    user.first_name = "Amina"
    user.save(update_fields=["first_name"])
    assert user.history.count() == before + 1
    assert user.history.latest().first_name == "Amina"


def test_a_records_history_is_read_through_one_manager_class(ghana):
    pilot = PilotFactory(country=ghana)
    # simple-history would make a new class at every access, each listing the queryset's
    # methods; the audit's descriptor makes it once.
    assert type(pilot.history) is type(pilot.history) is type(Pilot.history)
    assert [h.history_type for h in pilot.history.all()] == ["+"]
    assert Pilot.history.filter(id=pilot.pk).count() == 1


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


def test_token_changes_show_on_the_token_list_for_the_secretariat(
    staff_client, secretariat_user, partner_user
):
    from programme.services import api_token_create, api_token_revoke

    token, _key = api_token_create(actor=secretariat_user, user=partner_user, name="Data hub")
    token.refresh_from_db()
    api_token_revoke(actor=secretariat_user, token=token)
    page = staff_client.get(reverse("programme:api-token-list"))
    html = page.content.decode()
    assert 'id="audit-recent-' in html
    assert "Data hub" in html and "changed" in html and "created" in html


def test_focal_point_links_show_on_the_pilot_page_by_person(ghana, staff_client):
    from pilots.services import focal_point_link

    pilot = PilotFactory(country=ghana)
    person = UserFactory(roles=[Role.FOCAL_POINT], first_name="Kofi", last_name="Boateng")
    focal_point_link(actor=UserFactory(roles=[Role.SECRETARIAT]), user=person, country=ghana)
    html = staff_client.get(reverse("pilots:pilot-detail", args=[pilot.pk])).content.decode()
    assert "Focal point links: audit history" in html
    assert "Kofi Boateng" in html


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("secretariat", True),
        ("reviewer", False),
        ("focal_own", False),
        ("focal_other", False),
        ("advisory", False),
        ("partner", False),
    ],
)
def test_only_the_secretariat_sees_audit_history_on_any_page(role, sees, role_clients, ghana):
    pilot = PilotFactory(country=ghana)
    meeting = MeetingFactory()
    milestone = Milestone.objects.create(title="Deliver", kind="programme", due_on="2030-01-01")
    milestone.title = "Deliver the report"
    milestone.save()
    from tests.factories import api_token_for

    api_token_for(UserFactory(roles=[Role.PARTNER]))
    pages = [
        reverse("pilots:pilot-detail", args=[pilot.pk]),
        reverse("egm:meeting-detail", args=[meeting.pk]),
        reverse("programme:milestone-list"),
        reverse("programme:api-token-list"),
    ]
    for url in pages:
        html = role_clients[role].get(url).content.decode()
        shown = 'id="audit-history-heading"' in html or 'id="audit-recent-' in html
        assert shown is sees, (role, url)


def test_the_milestone_list_history_costs_the_same_queries_for_few_and_many_changes(
    staff_client, django_assert_num_queries
):
    def changes(n):
        for i in range(n):
            m = Milestone.objects.create(title=f"M{i}", kind="programme", due_on="2030-01-01")
            m.title = f"M{i} renamed"
            m.save()

    url = reverse("programme:milestone-list")
    changes(2)
    staff_client.get(url)  # warm the session and caches
    from tests.querycount import queries_counted

    with queries_counted() as few:
        staff_client.get(url)
    changes(20)
    with django_assert_num_queries(len(few.captured_queries)):
        response = staff_client.get(url)
    assert "M19 renamed" in response.content.decode()
