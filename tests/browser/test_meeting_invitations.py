"""Meeting invitations in a real browser, on the demo programme: the secretariat invites three
people (by address) to a planned meeting; one accepts from the link in their email, in a fresh
browser with no account, and agrees to be named to partners; another declines; the third does
not answer. The partner API then lists only the one who agreed, and the reminder before the
meeting goes to the one who accepted, once. The meeting is made for the test (illustrative)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings
from django.core import mail
from django.utils import timezone

from egm.services import meeting_create, meeting_reminders_send
from programme.models import OutboxEmail, User
from programme.outbox import outbox_send
from programme.services import api_token_create
from tests.browser.conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# For people to look at (not committed).
SCREENS = Path(settings.BASE_DIR) / ".local" / "screens"

PEOPLE = {
    "ama@example.org": "Ama Mensah",
    "kofi@example.org": "Kofi Boateng",
    "wanjiru@example.org": "Wanjiru Kamau",
}


def _send_pending(kind: str) -> dict[str, object]:
    """Send what the outbox owes of `kind`, as the worker would; messages by address."""
    mail.outbox.clear()
    for row in OutboxEmail.objects.filter(kind=kind, status="pending"):
        outbox_send(row_id=row.pk)
    return {message.to[0]: message for message in mail.outbox}


def test_invite_answer_list_and_remind(demo, sign_in, browser):
    secretariat = User.objects.get(username="secretariat")
    start = timezone.localdate() + dt.timedelta(days=5)
    meeting = meeting_create(
        actor=secretariat,
        kind="supplementary",
        title="Illustrative planning meeting",
        status="planned",
        start_date=start,
        end_date=start,
        city="Geneva",
        is_public=True,
    )

    # The secretariat invites three people by address.
    staff = sign_in("secretariat")
    staff.goto(f"{demo.url}/meetings/{meeting.pk}/participants/")
    staff.get_by_role("link", name="Invite people").click()
    staff.get_by_label("Others, by email address").fill(
        "\n".join(f"{name} <{address}>" for address, name in PEOPLE.items())
    )
    SCREENS.mkdir(parents=True, exist_ok=True)
    staff.screenshot(path=str(SCREENS / "meeting-invite.png"), full_page=True)
    staff.get_by_role("button", name="Save").click()
    staff.wait_for_url(f"**/meetings/{meeting.pk}/participants/")
    assert all(name in staff.content() for name in PEOPLE.values())

    invitations = _send_pending("egm.invitation")
    assert set(invitations) == set(PEOPLE)

    def link_in(address: str) -> str:
        found = re.search(r"https?://\S+/meetings/answer/\S+/", invitations[address].body)
        assert found, invitations[address].body
        # The emails name the site (SITE_URL); the test's server listens elsewhere.
        return demo.url + urlsplit(found.group(0)).path

    # Ama accepts from her email's link, in a fresh browser with no account.
    fresh = browser.new_context(viewport=DESKTOP)
    page = fresh.new_page()
    page.goto(link_in("ama@example.org"))
    assert "Illustrative planning meeting" in page.content()
    page.get_by_label("I accept and will take part").check()
    page.get_by_label("How you take part").select_option("online")
    page.get_by_label("Access or dietary needs").fill("Captions, please")
    page.get_by_label("Show my name to the programme's partners").check()
    page.screenshot(path=str(SCREENS / "meeting-answer.png"), full_page=True)
    page.get_by_role("button", name="Save my answer").click()
    page.wait_for_load_state()
    assert "your answer is saved" in page.content()
    # The link is not a sign-in: the meeting's own page still asks to sign in.
    page.goto(f"{demo.url}/meetings/{meeting.pk}/")
    assert "/accounts/login/" in page.url
    fresh.close()

    # Kofi declines, in another fresh browser.
    other = browser.new_context(viewport=DESKTOP)
    page = other.new_page()
    page.goto(link_in("kofi@example.org"))
    page.get_by_label("I decline").check()
    page.get_by_role("button", name="Save my answer").click()
    page.wait_for_load_state()
    assert "your answer is saved" in page.content()
    other.close()

    # The partner API lists only the one who agreed to be named to partners.
    _token, key = api_token_create(
        actor=secretariat, user=User.objects.get(username="partner"), name="Invitations test"
    )
    listed = requests.get(
        f"{demo.url}/api/v1/meeting-participants/",
        params={"meeting": meeting.pk},
        headers={"Authorization": f"Token {key}"},
        timeout=30,
    )
    assert listed.status_code == 200
    assert [row["full_name"] for row in listed.json()["results"]] == ["Ama Mensah"]
    assert "needs" not in listed.json()["results"][0]

    # The reminder before the meeting goes to the one who accepted, once.
    meeting_reminders_send()
    meeting_reminders_send()
    reminders = _send_pending("egm.meeting_reminder")
    assert list(reminders) == ["ama@example.org"]
    assert "Illustrative planning meeting" in reminders["ama@example.org"].body
    assert _send_pending("egm.meeting_reminder") == {}
