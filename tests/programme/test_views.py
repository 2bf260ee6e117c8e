"""Sign-in pages and navigation by role."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from egm.models import Meeting
from pilots.models import Pilot
from tests.factories import MeetingFactory, PilotFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(ghana, kenya):
    return {
        "pilot_own": PilotFactory(country=ghana),
        "pilot_other": PilotFactory(country=kenya),
        "meeting": MeetingFactory(is_public=True),
        "meeting_private": MeetingFactory(is_public=False),
    }


# Which role may open each foundation page is asked of every role in the web permission table
# (tests/web/routes_<app>.py).


def test_my_country_takes_a_focal_point_to_their_own_pilot(focal_point_client, objects):
    response = focal_point_client.get(reverse("pilots:my-country"))
    assert response["Location"] == reverse("pilots:pilot-detail", args=[objects["pilot_own"].pk])


def test_navigation_shows_what_each_role_can_use(role_clients, objects):
    staff_page = role_clients["secretariat"].get(reverse("programme:dashboard")).content.decode()
    focal_page = role_clients["focal_own"].get(reverse("programme:dashboard")).content.decode()

    def link(name):
        return f'href="{reverse(name)}"'

    assert link("programme:organisation-list") in staff_page
    assert link("pilots:pilot-list") in staff_page
    assert link("pilots:my-country") in focal_page
    assert link("programme:organisation-list") not in focal_page
    assert link("pilots:pilot-list") not in focal_page


def test_sign_in_and_out(client, db):
    UserFactory(username="amina")
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert b'name="username"' in page.content
    bad = client.post(reverse("login"), {"username": "amina", "password": "wrong"})
    assert bad.status_code == 200
    assert b"enter a correct username and password" in bad.content
    ok = client.post(reverse("login"), {"username": "amina", "password": "pw-for-tests-1"})
    assert ok.status_code == 302
    assert client.get(reverse("programme:dashboard")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("programme:dashboard")).status_code == 302


def test_password_change(client, db):
    user = UserFactory(username="amina")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-for-tests-1",
            "new_password1": "a-much-longer-pass-2030",
            "new_password2": "a-much-longer-pass-2030",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-much-longer-pass-2030")


def test_password_reset_sends_a_working_link(client, db, django_capture_on_commit_callbacks):
    from config.celery import app

    UserFactory(username="amina", email="amina@example.org")
    app.conf.task_always_eager = True  # the email is queued; send it here
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("password_reset"), {"email": "amina@example.org"})
    finally:
        app.conf.task_always_eager = False
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/accounts/reset/" in line)
    assert link.startswith(settings.SITE_URL)  # the site's own address, not the request's Host
    path = link[len(settings.SITE_URL.rstrip("/")) :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert b"new_password1" in form_page.content


def test_not_found_page_is_the_projects_own(staff_client):
    response = staff_client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_private_meeting_hidden_not_forbidden(reviewer_client, objects):
    url = reverse("egm:meeting-detail", args=[objects["meeting_private"].pk])
    response = reviewer_client.get(url)
    assert response.status_code == 404
    assert objects["meeting_private"].title.encode() not in response.content
    assert Meeting.objects.count() == 2 and Pilot.objects.count() == 2


def test_partners_use_the_api_and_their_dashboard_says_so(partner_client, partner_user, objects):
    from tests.factories import api_token_for

    token, _key = api_token_for(partner_user, name="WB data hub")
    page = partner_client.get(reverse("programme:dashboard")).content.decode()
    assert "Your access: the STI Roadmaps API" in page
    assert "WB data hub" in page and f"{token.prefix}…" in page
    assert 'href="/api/v1/docs/"' in page
    # The navigation offers only what a partner may open.
    assert f'href="{reverse("roadmaps:roadmap-list")}"' not in page
    assert partner_client.get("/api/v1/docs/").status_code == 200
    assert partner_client.get(reverse("password_change")).status_code == 200
    # The same 403 for every other page, whether or not what it names exists.
    for path in ["/roadmaps/", "/pilots/999999/", f"/pilots/{objects['pilot_own'].pk}/"]:
        assert partner_client.get(path).status_code == 403


def test_a_partner_with_another_role_keeps_the_web_pages(partner_user, client, objects):
    from programme.roles import grant_role

    grant_role(partner_user, "advisory_group")
    client.force_login(partner_user)
    assert client.get(reverse("pilots:pilot-list")).status_code == 200


def test_milestone_filter_asks_for_dates_with_date_inputs_and_plain_labels(staff_client):
    import datetime as dt

    from tests.factories import MilestoneFactory

    early = MilestoneFactory(title="Early one", due_on=dt.date(2031, 3, 1))
    late = MilestoneFactory(title="Late one", due_on=dt.date(2031, 9, 1))
    url = reverse("programme:milestone-list")
    response = staff_client.get(url, {"due_after": "2031-06-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="date" name="due_after" value="2031-06-01"' in html
    assert 'type="date" name="due_before"' in html
    for field, label in (("due_after", "Due on or after"), ("due_before", "Due on or before")):
        assert f'for="id_{field}">{label}</label>' in html
    assert "greater than" not in html
    shown = list(response.context["object_list"])
    assert late in shown
    assert early not in shown
