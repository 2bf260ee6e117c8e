"""Web routes of guidebook: editions, chapters, drafts, comments, invitations, the outline,
documents and background papers. Ghana's focal point is invited to `gb_invited` (a chapter of
the drafting edition); `gb_private` (same edition) and the `gb_hidden` edition are nobody's
but the secretariat's."""

from django.core.files.uploadedfile import SimpleUploadedFile

from guidebook import services
from guidebook.choices import EditionStatus
from programme.choices import Role
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
from tests.web.matrix import Pk, Row

A, S, R, FO, FX, ADV, P = ("anonymous", "secretariat", "reviewer", "focal_own", "focal_other",
                           "advisory", "partner")  # fmt: skip

READ = (302, 200, 200, 200, 200, 200, 403)
INVITED = (302, 200, 404, 200, 404, 404, 403)
STAFF = (302, 200, 404, 404, 404, 404, 403)
STAFF_PAGE = (302, 200, 403, 403, 403, 403, 403)
STAFF_ACTION = (302, 302, 404, 404, 404, 404, 403)


def _pdf(name):
    return SimpleUploadedFile(name, MINIMAL_PDF)


def _staff():
    return UserFactory(roles=[Role.SECRETARIAT])


def _chapter_with_drafts(edition, title, o):
    chapter = ChapterFactory(edition=o[edition], title=title)
    ChapterDraftFactory(chapter=chapter, number=1, text="# One\n\n## Scope\n")
    ChapterDraftFactory(chapter=chapter, number=2, text="# Two\n\n## Scope\n")
    return chapter


def _invited(o):
    chapter = _chapter_with_drafts("gb_drafting", "Invited chapter", o)
    InvitationFactory(chapter=chapter, user=o["focal_link_own"].user)
    return chapter


def _outlined(status):
    def make(o):
        edition = GuidebookEditionFactory(status=status)
        OutlineVersionFactory(edition=edition, number=1)
        return edition

    return make


OBJECTS = {
    "gb_published": _outlined(EditionStatus.PUBLISHED),
    "gb_drafting": _outlined(EditionStatus.DRAFTING),
    "gb_hidden": _outlined(EditionStatus.DRAFTING),
    "gb_public": lambda o: _chapter_with_drafts("gb_published", "Public chapter", o),
    "gb_invited": _invited,
    "gb_private": lambda o: _chapter_with_drafts("gb_drafting", "Private chapter", o),
    "gb_invitation": lambda o: o["gb_invited"].invitations.get(),
    "gb_comment": lambda o: CommentFactory(draft=o["gb_invited"].drafts.order_by("number").last()),
    "gb_organisation": lambda o: OrganisationFactory(),
    "gb_file_draft": lambda o: services.chapter_draft_add(
        actor=_staff(), chapter=o["gb_public"], file=_pdf("c.pdf"), filename="c.pdf"
    ),
    "gb_private_file": lambda o: services.chapter_draft_add(
        actor=_staff(), chapter=o["gb_private"], file=_pdf("p.pdf"), filename="p.pdf"
    ),
    "gb_tor_file": lambda o: services.edition_document_version_add(
        actor=_staff(),
        edition=o["gb_drafting"],
        kind="terms_of_reference",
        file=_pdf("tor.pdf"),
        filename="tor.pdf",
    ),
    "gb_paper_file": lambda o: services.background_paper_create(
        actor=_staff(), title="A paper", file=_pdf("paper.pdf"), filename="paper.pdf"
    ),
    "gb_paper": lambda o: BackgroundPaperFactory(),
}

DIFF = (("old", "1"), ("new", "2"))

TABLE = {
    # Editions: a drafting edition is listed only to the secretariat and those invited to it.
    Row("guidebook:edition-list", absent=tuple((who, "gb_hidden") for who in (R, FO, FX, ADV))
        + tuple((who, "gb_drafting") for who in (R, FX, ADV))): READ,
    Row("guidebook:edition-create"): STAFF_PAGE,
    Row("guidebook:edition-detail", "gb_published"): READ,
    Row("guidebook:edition-detail", "gb_drafting"): INVITED,
    Row("guidebook:edition-detail", "gb_hidden"): STAFF,
    Row("guidebook:edition-update", "gb_published"): STAFF_PAGE,
    Row("guidebook:chapter-board", "gb_published"): READ,
    Row("guidebook:chapter-board", "gb_drafting"): INVITED,
    Row("guidebook:chapter-board", "gb_hidden"): STAFF,
    Row("guidebook:outline-history", "gb_published"): READ,
    Row("guidebook:outline-history", "gb_drafting"): INVITED,
    Row("guidebook:outline-history", "gb_hidden"): STAFF,
    Row("guidebook:outline-create", "gb_drafting"): STAFF_PAGE,
    Row("guidebook:document-create", "gb_drafting"): STAFF_PAGE,
    Row("guidebook:chapter-create", "gb_drafting"): STAFF_PAGE,
    Row("guidebook:document-file", "gb_tor_file"): INVITED,
    # Chapters and their drafts.
    Row("guidebook:chapter-detail", "gb_public"): READ,
    Row("guidebook:chapter-detail", "gb_invited"): INVITED,
    Row("guidebook:chapter-detail", "gb_private"): STAFF,
    Row("guidebook:chapter-update", "gb_invited"): STAFF_PAGE,
    Row("guidebook:draft-diff", "gb_public", data=DIFF): READ,
    Row("guidebook:draft-diff", "gb_invited", data=DIFF): INVITED,
    Row("guidebook:draft-diff", "gb_private", data=DIFF): STAFF,
    # Only the lead and the secretariat add versions; an invited contributor cannot.
    Row("guidebook:draft-create", "gb_invited"): STAFF,
    Row("guidebook:draft-file", "gb_file_draft"): READ,
    Row("guidebook:draft-file", "gb_private_file"): STAFF,
    # Actions (POST only) on the chapter Ghana's focal point is invited to.
    Row("guidebook:chapter-move", "gb_invited", method="post",
        data=(("to_status", "drafting"),)): STAFF_ACTION,
    Row("guidebook:chapter-move", "gb_invited"): (302, 405, 405, 405, 405, 405, 403),
    Row("guidebook:comment-create", "gb_invited", method="post", data=(("body", "A remark"),)): (
        302, 302, 404, 302, 404, 404, 403),
    Row("guidebook:comment-create", "gb_private", method="post", data=(("body", "A remark"),)): (
        STAFF_ACTION),
    Row("guidebook:comment-respond", "gb_comment", method="post",
        data=(("status", "addressed"), ("response", "Done."))): STAFF_ACTION,
    Row("guidebook:invitation-create", "gb_invited", method="post",
        data=(("organisation", Pk("gb_organisation")),)): STAFF_ACTION,
    Row("guidebook:invitation-create", "gb_invited"): STAFF,
    Row("guidebook:invitation-delete", "gb_invitation", method="post"): STAFF_ACTION,
    # Background papers.
    Row("guidebook:paper-list"): READ,
    Row("guidebook:paper-create"): STAFF_PAGE,
    Row("guidebook:paper-file", "gb_paper_file"): READ,
    Row("guidebook:paper-file", "gb_paper"): (302, 404, 404, 404, 404, 404, 403),  # no file
}  # fmt: skip
