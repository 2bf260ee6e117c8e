"""The chapter page is kept per reader's scope and language until a write to what it shows:
read again, it runs fewer queries; another reader never gets someone else's copy; a comment
shows on the next read; inviting is a page of its own."""

import pytest
from django.test import Client
from django.urls import reverse

from guidebook import services
from guidebook.models import Invitation
from tests.programme.test_cache_language import settle
from tests.querycount import counted
from tests.workprogramme.test_page_scale import _unmasked

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_chapter_page_is_kept_per_reader_and_shows_a_comment_at_once(
    chapter, draft, staff, invited_user, outsider, lead_org
):
    url = reverse("guidebook:chapter-detail", args=[chapter.pk])
    lead, invited = _client(staff), _client(invited_user)
    settle()
    first, page = counted(lambda: lead.get(url).content.decode())
    again, kept = counted(lambda: lead.get(url).content.decode())
    assert again < first, (again, first)
    assert _unmasked(kept) == _unmasked(page)
    assert ">Guidelines</h1>" in kept  # the current draft, drawn
    # The lead's copy lists the invitations; the invited contributor's page never does.
    invite = reverse("guidebook:invitation-create", args=[chapter.pk])
    assert f'href="{invite}"' in kept
    assert f'href="{invite}"' not in invited.get(url).content.decode()
    services.comment_create(actor=invited_user, draft=draft, body="Cite the 2019 survey.")
    settle()
    assert "Cite the 2019 survey." in lead.get(url).content.decode()
    # Someone not invited still gets no page, kept copies or not.
    assert _client(outsider).get(url).status_code == 404


def test_inviting_is_a_page_of_its_own_that_saves_back_to_the_chapter(
    chapter, draft, staff, group_member, outsider
):
    invite = reverse("guidebook:invitation-create", args=[chapter.pk])
    lead = _client(staff)
    form = lead.get(invite)
    assert form.status_code == 200 and 'name="organisation"' in form.content.decode()
    response = lead.post(invite, {"user": outsider.pk})
    assert response.status_code == 302
    assert response.url == reverse("guidebook:chapter-detail", args=[chapter.pk])
    assert Invitation.objects.filter(chapter=chapter, user=outsider).exists()
    settle()
    assert str(outsider) in lead.get(response.url).content.decode()
