"""Who sees and does what in the Guidebook, page by page, with absent rows checked too.

Roles in the page table (as in tests/programme/test_views.py): anonymous, secretariat,
reviewer, focal point of Ghana (invited to the `invited` chapter), focal point of Kenya,
advisory-group member, partner (API only: 403 on every page).
302 = sent to sign in; 403 = page not for this role; 404 = outside scope.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guidebook import services
from guidebook.choices import EditionStatus
from guidebook.models import Comment
from tests.factories import (
    MINIMAL_PDF,
    BackgroundPaperFactory,
    ChapterDraftFactory,
    ChapterFactory,
    CommentFactory,
    GuidebookEditionFactory,
    InvitationFactory,
    OrganisationFactory,
    OutlineVersionFactory,
    UserFactory,
)
from tests.matrix import ROLES

pytestmark = pytest.mark.django_db


READ = [302, 200, 200, 200, 200, 200, 403]
INVITED = [302, 200, 404, 200, 404, 404, 403]
STAFF = [302, 200, 404, 404, 404, 404, 403]
STAFF_PAGE = [302, 200, 403, 403, 403, 403, 403]


@pytest.fixture
def objects(focal_point_user, reference_data):
    staff = UserFactory(roles=["secretariat"])
    published = GuidebookEditionFactory(status=EditionStatus.PUBLISHED)
    drafting = GuidebookEditionFactory(status=EditionStatus.DRAFTING)
    hidden = GuidebookEditionFactory(status=EditionStatus.DRAFTING)
    public = ChapterFactory(edition=published, title="Public chapter")
    invited = ChapterFactory(edition=drafting, title="Invited chapter")
    private = ChapterFactory(edition=drafting, title="Private chapter")
    InvitationFactory(chapter=invited, user=focal_point_user)
    for chapter in (public, invited, private):
        ChapterDraftFactory(chapter=chapter, number=1, text="# One\n\n## Scope\n")
        ChapterDraftFactory(chapter=chapter, number=2, text="# Two\n\n## Scope\n")
    file_draft = services.chapter_draft_add(
        actor=staff, chapter=public, file=SimpleUploadedFile("c.pdf", MINIMAL_PDF),
        filename="c.pdf",
    )  # fmt: skip
    private_file = services.chapter_draft_add(
        actor=staff, chapter=private, file=SimpleUploadedFile("p.pdf", MINIMAL_PDF),
        filename="p.pdf",
    )  # fmt: skip
    for edition in (published, drafting, hidden):
        OutlineVersionFactory(edition=edition, number=1)
    tor_file = services.edition_document_version_add(
        actor=staff, edition=drafting, kind="terms_of_reference",
        file=SimpleUploadedFile("tor.pdf", MINIMAL_PDF), filename="tor.pdf",
    )  # fmt: skip
    paper_file = services.background_paper_create(
        actor=staff, title="A paper", file=SimpleUploadedFile("paper.pdf", MINIMAL_PDF),
        filename="paper.pdf",
    )  # fmt: skip
    return {
        "published": published, "drafting": drafting, "hidden": hidden,
        "public": public, "invited": invited, "private": private,
        "file_draft": file_draft, "private_file": private_file,
        "paper": BackgroundPaperFactory(),
        "tor_file": tor_file, "paper_file": paper_file,
    }  # fmt: skip


# Which role may open each Guidebook page is asked of every role in the web permission table
# (tests/web/routes_guidebook.py, on the same objects); this file keeps what lists leave out
# and what the actions do.


def test_lists_leave_out_what_a_role_may_not_see(role_clients, objects):
    board_drafting = reverse("guidebook:chapter-board", args=[objects["drafting"].pk])
    own = role_clients["focal_own"].get(board_drafting).content.decode()
    assert "Invited chapter" in own and "Private chapter" not in own
    listing = reverse("guidebook:edition-list")
    other = role_clients["focal_other"].get(listing).content.decode()
    assert "Public chapter" in other
    assert "Invited chapter" not in other and "Private chapter" not in other
    staff = role_clients["secretariat"].get(listing).content.decode()
    assert all(t in staff for t in ("Public chapter", "Invited chapter", "Private chapter"))
    # The edition's progress counts only what the reader may see.
    detail = reverse("guidebook:edition-detail", args=[objects["drafting"].pk])
    assert "1 of 1 chapters" not in role_clients["focal_own"].get(detail).content.decode()
    assert "0 of 1 chapters final" in role_clients["focal_own"].get(detail).content.decode()
    assert "0 of 2 chapters final" in role_clients["secretariat"].get(detail).content.decode()


# --- Contributors ----------------------------------------------------------------------------


def _comment_url(chapter):
    return reverse("guidebook:comment-create", args=[chapter.pk])


def test_an_invited_person_sees_and_comments(client, chapter, draft, invited_user):
    client.force_login(invited_user)
    page = client.get(reverse("guidebook:chapter-detail", args=[chapter.pk]))
    assert page.status_code == 200 and b"Add comment" in page.content
    response = client.post(_comment_url(chapter), {"body": "Cite the 2018 background paper.",
                                                   "section": "scope"})  # fmt: skip
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.author, comment.section_title, comment.draft) == (invited_user, "Scope", draft)


def test_everyone_of_an_invited_organisation_may_comment(client, chapter, draft, group_member):
    client.force_login(group_member)
    assert client.get(reverse("guidebook:chapter-detail", args=[chapter.pk])).status_code == 200
    client.post(_comment_url(chapter), {"body": "The 10-Member Group suggests a case study."})
    assert Comment.objects.filter(author=group_member).count() == 1


def test_someone_not_invited_gets_404_for_the_chapter_and_saves_nothing(
    client, chapter, draft, outsider
):
    client.force_login(outsider)
    assert client.get(reverse("guidebook:chapter-detail", args=[chapter.pk])).status_code == 404
    response = client.post(_comment_url(chapter), {"body": "Let me in."})
    assert response.status_code == 404
    assert not Comment.objects.exists()
    from base.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.comment_create(actor=outsider, draft=draft, body="Through the back door.")
    assert not Comment.objects.exists()


def test_readers_of_a_published_chapter_do_not_comment_or_see_comments(
    client, published_edition, outsider
):
    public = ChapterFactory(edition=published_edition)
    draft = ChapterDraftFactory(chapter=public)
    CommentFactory(draft=draft, body="An internal remark")
    client.force_login(outsider)
    page = client.get(reverse("guidebook:chapter-detail", args=[public.pk]))
    assert page.status_code == 200
    assert b"An internal remark" not in page.content and b"Add comment" not in page.content
    assert client.post(_comment_url(public), {"body": "x"}).status_code == 404


def test_withdrawing_an_invitation_closes_the_door(client, chapter, draft, invited_user, staff):
    invitation = chapter.invitations.get(user=invited_user)
    client.force_login(staff)
    client.post(reverse("guidebook:invitation-delete", args=[invitation.pk]))
    client.force_login(invited_user)
    assert client.get(reverse("guidebook:chapter-detail", args=[chapter.pk])).status_code == 404


def test_the_lead_answers_comments_and_invites_contributors_others_cannot(
    client, chapter, draft, lead_user, invited_user, outsider
):
    comment = CommentFactory(draft=draft, author=invited_user)
    respond = reverse("guidebook:comment-respond", args=[comment.pk])
    client.force_login(invited_user)
    assert client.post(respond, {"status": "declined", "response": "No."}).status_code == 404
    client.force_login(lead_user)
    client.post(respond, {"status": "addressed", "response": "Added in v2."})
    comment.refresh_from_db()
    assert (comment.status, comment.response) == ("addressed", "Added in v2.")
    invite = reverse("guidebook:invitation-create", args=[chapter.pk])
    client.post(invite, {"user": outsider.pk})
    assert chapter.invitations.filter(user=outsider).exists()
    client.force_login(invited_user)
    assert client.post(invite, {"user": invited_user.pk}).status_code == 404


def test_the_lead_adds_a_version_through_the_page(client, chapter, lead_user):
    client.force_login(lead_user)
    url = reverse("guidebook:draft-create", args=[chapter.pk])
    bad = client.post(url, {"text": "<script>alert(1)</script>"})
    assert bad.status_code == 400 and b"Raw HTML is not allowed" in bad.content
    assert not chapter.drafts.exists()
    client.post(url, {"text": "# Guidelines", "change_summary": "First text."})
    assert chapter.drafts.get().change_summary == "First text."


# --- POST actions on the invited chapter: "login" = sent to sign in, 302 = done, 404 = outside
# scope (nothing changes), 403 = partners' browser answer. A fresh chapter, draft, comment and
# invitation for every call, so each role meets the same state.
LOGIN = "login"
ACTIONS = {
    "guidebook:chapter-move": [LOGIN, 302, 404, 404, 404, 404, 403],
    "guidebook:comment-create": [LOGIN, 302, 404, 302, 404, 404, 403],
    "guidebook:comment-respond": [LOGIN, 302, 404, 404, 404, 404, 403],
    "guidebook:invitation-create": [LOGIN, 302, 404, 404, 404, 404, 403],
    "guidebook:invitation-delete": [LOGIN, 302, 404, 404, 404, 404, 403],
}


def _action_state(focal_point_user, drafting):
    chapter = ChapterFactory(edition=drafting)
    invitation = InvitationFactory(chapter=chapter, user=focal_point_user)
    draft = ChapterDraftFactory(chapter=chapter)
    comment = CommentFactory(draft=draft)
    return chapter, invitation, comment


def _done(name, chapter, comment) -> bool:
    """Whether the action took effect."""
    if name == "guidebook:chapter-move":
        return chapter.transitions.exists()
    if name == "guidebook:comment-create":
        return Comment.objects.filter(body="A remark").exists()
    if name == "guidebook:comment-respond":
        return Comment.objects.filter(pk=comment.pk, status="addressed").exists()
    if name == "guidebook:invitation-create":
        return chapter.invitations.count() == 2
    return not chapter.invitations.exists()


@pytest.mark.parametrize(("name", "expected"), ACTIONS.items())
def test_action_permissions(name, expected, role_clients, focal_point_user, objects):
    got = []
    for role in ROLES:
        chapter, invitation, comment = _action_state(focal_point_user, objects["drafting"])
        target = {"guidebook:comment-respond": comment, "guidebook:invitation-delete": invitation}
        url = reverse(name, args=[target.get(name, chapter).pk])
        data = {
            "guidebook:chapter-move": {"to_status": "drafting"},
            "guidebook:comment-create": {"body": "A remark"},
            "guidebook:comment-respond": {"status": "addressed", "response": "Done."},
            "guidebook:invitation-create": {"organisation": OrganisationFactory().pk},
        }.get(name, {})
        response = role_clients[role].post(url, data)
        if response.status_code == 302 and "/accounts/login/" in response["Location"]:
            got.append(LOGIN)
            continue
        got.append(response.status_code)
        done = _done(name, chapter, comment)
        assert done == (response.status_code == 302), (role, name)
        Comment.objects.filter(body="A remark").delete()
    assert got == expected
