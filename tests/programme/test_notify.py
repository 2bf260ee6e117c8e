"""The notification module (programme.notify) and every kind the features send through it:
each email is owed once its change commits, written in the recipient's language as text and
HTML with a link to the item and a one-click mute of its kind; a muted kind is not sent; each
person keeps their own settings page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from egm.services import document_add, meeting_agenda_publish
from guidebook.services import (
    chapter_transition,
    comment_create,
    comment_respond,
    invitation_create,
)
from programme.choices import Role
from programme.models import NotificationMute, OutboxEmail
from programme.notify import (
    notification_kinds,
    notification_mute_token,
)
from programme.outbox import outbox_send
from tests.factories import (
    AgendaSessionFactory,
    ChapterDraftFactory,
    ChapterFactory,
    CommentFactory,
    MeetingFactory,
    ParticipantFactory,
    UserFactory,
    action_item,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.SECRETARIAT])


@pytest.fixture
def person(db):
    return UserFactory(
        username="ama", first_name="Ama", last_name="Mensah", roles=[Role.ADVISORY_GROUP]
    )


def _invited(staff, person):
    chapter = ChapterFactory(title="Mapping the ecosystem")
    invitation_create(actor=staff, chapter=chapter, user=person)
    return reverse("guidebook:chapter-detail", args=[chapter.pk]), "Mapping the ecosystem"


def _commented(staff, person):
    chapter = ChapterFactory(title="Mapping the ecosystem")
    chapter.authors.add(person)
    comment_create(actor=staff, draft=ChapterDraftFactory(chapter=chapter), body="Add sources.")
    return reverse("guidebook:chapter-detail", args=[chapter.pk]), "Add sources."


def _responded(staff, person):
    chapter = ChapterFactory(title="Mapping the ecosystem")
    comment = CommentFactory(draft=ChapterDraftFactory(chapter=chapter), author=person)
    comment_respond(actor=staff, comment=comment, status="addressed", response="Sources added.")
    return reverse("guidebook:chapter-detail", args=[chapter.pk]), "Sources added."


def _moved(staff, person):
    chapter = ChapterFactory(title="Mapping the ecosystem")
    chapter.authors.add(person)
    chapter_transition(actor=staff, chapter=chapter, to_status="drafting", comment="Go ahead.")
    return reverse("guidebook:chapter-detail", args=[chapter.pk]), "Go ahead."


def _action(staff, person):
    item = action_item(MeetingFactory(upcoming=True), owner=person, title="Share the case study")
    return reverse("egm:action-detail", args=[item.pk]), "Share the case study"


def _agenda(staff, person):
    meeting = MeetingFactory(upcoming=True, title="Second EGM")
    ParticipantFactory(meeting=meeting, user=person)
    AgendaSessionFactory(meeting=meeting, title="Opening of the meeting")
    meeting_agenda_publish(actor=staff, meeting=meeting)
    return reverse("egm:meeting-detail", args=[meeting.pk]), "Opening of the meeting"


def _minutes(staff, person):
    meeting = MeetingFactory(upcoming=True, title="Second EGM")
    ParticipantFactory(meeting=meeting, user=person)
    document_add(actor=staff, meeting=meeting, kind="minutes", title="Summary", body="Notes.")
    return reverse("egm:meeting-detail", args=[meeting.pk]), "Summary"


KINDS = {
    "guidebook.invited": _invited,
    "guidebook.comment_on_my_chapter": _commented,
    "guidebook.response_to_my_comment": _responded,
    "guidebook.chapter_moved": _moved,
    "egm.action_assigned": _action,
    "egm.agenda_published": _agenda,
    "egm.minutes_published": _minutes,
}
# How the French email greets and links (the catalogue's words).
FRENCH = ("Bonjour Ama Mensah", "Ouvrir")


def _send(kind: str) -> list:
    mail.outbox.clear()
    for row in OutboxEmail.objects.filter(kind=kind):
        outbox_send(row_id=row.pk)
    return list(mail.outbox)


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_emailed_in_the_persons_language(
    kind, language, staff, person, django_capture_on_commit_callbacks
):
    person.language = language
    person.save()
    with django_capture_on_commit_callbacks() as queued:
        path, says = KINDS[kind](staff, person)
    assert queued, "queued once the change commits"
    [row] = OutboxEmail.objects.filter(kind=kind)
    assert row.recipient == person
    [message] = _send(kind)
    assert message.to == [person.email]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'lang="{language}"' in html
    for part in (message.body, html):
        assert path in part and says in part
        assert "/accounts/notifications/mute/" in part
    if language == "fr":
        assert FRENCH[0] in message.body and FRENCH[1] in html
    else:
        assert "Dear Ama Mensah" in message.body and "Open it" in html


@pytest.mark.parametrize("kind", KINDS)
def test_a_muted_kind_is_not_sent(kind, staff, person):
    NotificationMute.objects.create(user=person, kind=kind)
    KINDS[kind](staff, person)
    assert not OutboxEmail.objects.filter(kind=kind, recipient=person).exists()


def test_a_kind_muted_after_it_was_owed_is_dropped(staff, person):
    _invited(staff, person)
    NotificationMute.objects.create(user=person, kind="guidebook.invited")
    assert _send("guidebook.invited") == []
    assert OutboxEmail.objects.get(kind="guidebook.invited").status == "dropped"


def test_the_settings_page_mutes_and_unmutes_kinds(client, person):
    client.force_login(person)
    url = reverse("programme:account-notifications")
    page = client.get(url).content.decode()
    for kind in notification_kinds():
        assert f'name="{kind.key}"' in page
    # Everything ticked but comments on my chapters.
    data = {k.key: "on" for k in notification_kinds() if k.key != "guidebook.comment_on_my_chapter"}
    assert client.post(url, data).status_code == 302
    assert list(person.notification_mutes.values_list("kind", flat=True)) == [
        "guidebook.comment_on_my_chapter"
    ]
    assert client.post(url, {k.key: "on" for k in notification_kinds()}).status_code == 302
    assert not person.notification_mutes.exists()


def test_the_mute_link_asks_then_mutes_that_kind_only(client, person):
    url = reverse(
        "programme:notification-mute", args=[notification_mute_token(person, "egm.action_assigned")]
    )
    assert client.get(url).status_code == 200
    assert not person.notification_mutes.exists()
    assert client.post(url).status_code == 200
    assert list(person.notification_mutes.values_list("kind", flat=True)) == ["egm.action_assigned"]
    forged = reverse("programme:notification-mute", args=["not-a-token"])
    assert client.get(forged).status_code == 404


def test_a_reassigned_action_tells_its_new_owner(staff, person):
    from egm.services import action_item_update

    item = action_item(MeetingFactory(upcoming=True))
    action_item_update(actor=staff, item=item, owner=person, due_on=dt.date(2031, 1, 1))
    assert OutboxEmail.objects.filter(kind="egm.action_assigned", recipient=person).exists()
