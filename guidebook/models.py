"""The Guidebook: editions, their documents and annotated outline, chapters drafted together.

Who sees what (one rule, `access_q` below, used by every queryset here):
- the secretariat sees and does everything;
- a published edition, its chapters and their drafts are public to everyone signed in
  (partners read them through the API);
- a chapter's lead (its authors and the people of its lead organisation) sees, comments on and
  drafts it; invited contributors (a person, or everyone of an invited organisation such as the
  10-Member Group) see it and comment on it. Nobody else learns it exists (404).
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from base.markdown import markdown_check
from base.querysets import VIEW, ScopedQuerySet
from base.search import FullText
from base.storage import private_storage
from base.uploads import inspect_upload
from guidebook.choices import ChapterStatus, CommentStatus, DocumentKind, EditionStatus, Language

# Actions on a chapter beyond reading (ScopedQuerySet actions).
COMMENT = "comment"
LEAD = "lead"

# Where an EGM outcome (egm app) points at chapters: the reverse accessor its ForeignKey or
# ManyToManyField to Chapter declares (`related_name="meeting_outcomes"`). The chapter page
# reads decisions through it as soon as that field exists (see selectors.chapter_decisions).
DECISIONS_RELATION = "meeting_outcomes"


def _nothing() -> Q:
    return Q(pk__in=[])


def access_q(user, action: str, prefix: str = "") -> Q | None:
    """Rows (chapters, or records reached through `prefix`) `user` may `action` as a chapter's
    lead or invited contributor. The one place this rule is written."""
    org = user.organisation_id
    lead = Q(**{f"{prefix}authors": user})
    if org:
        lead |= Q(**{f"{prefix}lead_organisation_id": org})
    if action == LEAD:
        return lead
    if action not in (VIEW, COMMENT):
        return None
    invited = Q(**{f"{prefix}invitations__user": user})
    if org:
        invited |= Q(**{f"{prefix}invitations__organisation_id": org})
    return lead | invited


class EditionQuerySet(ScopedQuerySet):
    def public_q(self) -> Q:
        return Q(status=EditionStatus.PUBLISHED)

    def extra_scope_q(self, user, action: str) -> Q | None:
        # Contributors and leads see the edition their chapters belong to.
        return access_q(user, action, "chapters__") if action == VIEW else None


class GuidebookEdition(models.Model):
    """An edition of the Guidebook for the preparation of STI for SDGs roadmaps."""

    title = models.CharField(_("title"), max_length=255)
    label = models.CharField(
        _("label"), max_length=40, unique=True, help_text=_("e.g. 'Draft 2019', '2021'.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.PLANNED
    )
    target_milestone = models.ForeignKey(
        "programme.Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guidebook_editions",
        verbose_name=_("target date"),
        help_text=_("The milestone carrying the edition's target date (reminders follow it)."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_year = models.PositiveSmallIntegerField(
        _("year of publication"), null=True, blank=True
    )
    series_number = models.CharField(
        _("report number"), max_length=60, blank=True, help_text=_("e.g. 'EUR 30606 EN'.")
    )
    doi = models.CharField(_("DOI"), max_length=100, blank=True)
    url = models.URLField(_("link"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the facts above come from.")
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["label"]
        verbose_name = _("Guidebook edition")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=EditionStatus.PUBLISHED) | Q(published_year__isnull=False),
                name="edition_published_has_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.label})"

    def clean(self) -> None:
        if self.status == EditionStatus.PUBLISHED and not self.published_year:
            raise ValidationError(
                {"published_year": _("Say in which year a published edition came out.")}
            )
        year = self.published_year
        if self.published_on and year and self.published_on.year != year:
            raise ValidationError(
                {"published_year": _("The year must match the date of publication.")}
            )

    @property
    def target_date(self):
        return self.target_milestone.due_on if self.target_milestone_id else None


class BackgroundPaper(models.Model):
    """A document the Guidebook builds on (the IATT's background papers and others)."""

    title = models.CharField(_("title"), max_length=500)
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    reference = models.CharField(
        _("reference"), max_length=255, blank=True, help_text=_("Report number, DOI, ISBN.")
    )
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="guidebook/papers/%Y/", blank=True,
        max_length=255,
    )  # fmt: skip
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the details come from.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("background paper")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="background_paper_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def clean(self) -> None:
        if not self.url and not self.file:
            raise ValidationError(_("Give a link to the paper or upload its file."))
        _inspect_new_file(self)


def _inspect_new_file(record) -> None:
    """Check a newly attached file by the project's upload rules (base/uploads.py) and
    note what it is; the stored name never uses the uploader's."""
    if not record.file or record.file._committed:
        return
    try:
        info = inspect_upload(record.file.file, record.original_filename or record.file.name)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    record.original_filename = info.filename
    record.content_type = info.content_type
    if hasattr(record, "size"):
        record.size, record.sha256 = info.size, info.sha256
    record.file.name = f"{uuid.uuid4().hex}{info.extension}"


def content_upload_to(instance, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"guidebook/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


class VersionedContent(models.Model):
    """A numbered version of a text: Markdown, or an uploaded file, never both; with what
    changed. Versions are never edited: a change is a new version."""

    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(
        _("text (Markdown)"), blank=True, help_text=_("Markdown; raw HTML is not accepted.")
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=content_upload_to, blank=True,
        max_length=255,
    )  # fmt: skip
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    change_summary = models.TextField(_("summary of changes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=(Q(text="") & ~Q(file="")) | (~Q(text="") & Q(file="")),
                name="%(app_label)s_%(class)s_text_or_file",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="%(app_label)s_%(class)s_pos"),
        ]

    @property
    def is_text(self) -> bool:
        return bool(self.text)

    def clean(self) -> None:
        if bool(self.text.strip()) == bool(self.file):
            raise ValidationError(
                _("Write the text in Markdown or upload a file, not both and not neither.")
            )
        if self.text:
            try:
                markdown_check(self.text)
            except ValidationError as exc:
                raise ValidationError({"text": exc.error_list}) from exc
        _inspect_new_file(self)


class EditionDocument(models.Model):
    """One of an edition's own documents (terms of reference, background note), in versions."""

    edition = models.ForeignKey(
        GuidebookEdition, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    objects = models.Manager()

    class Meta:
        ordering = ["edition", "kind"]
        verbose_name = _("edition document")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="edition_document_unique")
        ]

    def __str__(self) -> str:
        return f"{self.edition.label}: {self.title or self.get_kind_display()}"


class DocumentVersion(VersionedContent):
    """A version of an edition's terms of reference or background note."""

    document = models.ForeignKey(EditionDocument, on_delete=models.CASCADE, related_name="versions")

    class Meta(VersionedContent.Meta):
        ordering = ["document", "-number"]
        constraints = [
            *VersionedContent.Meta.constraints,
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class OutlineVersion(models.Model):
    """A version of an edition's annotated outline (its chapters and what each will cover),
    as refined at a meeting: the work programme expects a refined outline from each EGM."""

    edition = models.ForeignKey(
        GuidebookEdition, on_delete=models.CASCADE, related_name="outline_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("annotated outline (Markdown)"))
    meeting = models.ForeignKey(
        "egm.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guidebook_outline_versions",
        verbose_name=_("refined at"),
        help_text=_("The meeting (usually an EGM) that refined the outline into this version."),
    )
    change_summary = models.TextField(_("summary of changes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["edition", "-number"]
        verbose_name = _("outline version")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="outline_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="outline_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.edition.label}: outline v{self.number}"

    def clean(self) -> None:
        if self.text:
            try:
                markdown_check(self.text)
            except ValidationError as exc:
                raise ValidationError({"text": exc.error_list}) from exc


class ChapterQuerySet(ScopedQuerySet):
    country_path = None

    def public_q(self) -> Q:
        return Q(edition__status=EditionStatus.PUBLISHED)

    def extra_scope_q(self, user, action: str) -> Q | None:
        return access_q(user, action)


CHAPTER_FULL_TEXT = FullText(title=("title",), text=("summary", "author_names"))


class Chapter(models.Model):
    """A chapter of a Guidebook edition, led by an organisation, drafted in versions."""

    edition = models.ForeignKey(GuidebookEdition, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ChapterStatus.choices, default=ChapterStatus.OUTLINE
    )
    lead_organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_chapters",
        verbose_name=_("lead organisation"),
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="authored_chapters",
        verbose_name=_("authors"),
    )  # fmt: skip
    author_names = models.CharField(
        _("authors as credited"),
        max_length=500,
        blank=True,
        help_text=_("Names as the chapter credits them, including people without an account."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
    )
    # One-to-one, so a milestone names and links its chapter (programme.subjects).
    due_milestone = models.OneToOneField(
        "programme.Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guidebook_chapter",
        verbose_name=_("due date"),
        help_text=_("The milestone carrying the chapter's due date (reminders follow it)."),
    )
    background_papers = models.ManyToManyField(
        BackgroundPaper, blank=True, related_name="cited_by", verbose_name=_("cites")
    )
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the facts above come from.")
    )

    objects = ChapterQuerySet.as_manager()
    full_text = CHAPTER_FULL_TEXT

    class Meta:
        ordering = ["edition", "number", "language"]
        indexes = [CHAPTER_FULL_TEXT.index("chapter_full_text")]
        verbose_name = _("chapter")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number", "language"], name="chapter_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def due_on(self):
        return self.due_milestone.due_on if self.due_milestone_id else None

    def clean(self) -> None:
        if self.edition_id and self.number is not None:
            taken = Chapter.objects.filter(
                edition_id=self.edition_id, number=self.number, language=self.language
            ).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError(
                    {
                        "number": _(
                            "This edition already has a chapter %(number)s in this language."
                        )
                        % {"number": self.number}
                    }
                )
        source = self.translation_of
        if source is not None:
            if source.pk == self.pk or source.translation_of_id is not None:
                raise ValidationError(
                    {"translation_of": _("Link a translation to the original chapter.")}
                )
            if source.language == self.language:
                raise ValidationError(
                    {"language": _("A translation must be in another language than its source.")}
                )
            if source.edition_id != self.edition_id or source.number != self.number:
                raise ValidationError(
                    {
                        "translation_of": _(
                            "A translation keeps its source's edition and chapter number."
                        )
                    }
                )


class ChapterTransition(models.Model):
    """One move of a chapter through its workflow, with who made it and why."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ChapterStatus.choices)
    to_status = models.CharField(max_length=20, choices=ChapterStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.chapter}: {self.from_status} -> {self.to_status}"


class _ThroughChapterQuerySet(ScopedQuerySet):
    """Records that belong to one chapter: they follow the chapter's scope."""

    chapter_path = "chapter__"
    public = True

    def public_q(self) -> Q:
        if not self.public:
            return _nothing()
        return Q(**{f"{self.chapter_path}edition__status": EditionStatus.PUBLISHED})

    def extra_scope_q(self, user, action: str) -> Q | None:
        return access_q(user, action, self.chapter_path)


class ChapterDraftQuerySet(_ThroughChapterQuerySet):
    pass


class ChapterDraft(VersionedContent):
    """A version of a chapter's text (Markdown) or file, with a summary of what changed."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="drafts")
    # A made-up draft for a demonstration: the chapter page says so wherever it shows it.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration, not the programme's record."),
    )

    objects = ChapterDraftQuerySet.as_manager()

    class Meta(VersionedContent.Meta):
        ordering = ["chapter", "-number"]
        verbose_name = _("chapter draft")
        constraints = [
            *VersionedContent.Meta.constraints,
            models.UniqueConstraint(fields=["chapter", "number"], name="chapter_draft_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.chapter} v{self.number}"


class InvitationQuerySet(_ThroughChapterQuerySet):
    public = False


class Invitation(models.Model):
    """An invitation to contribute to a chapter, to one person or to a whole organisation
    (everyone whose organisation it is: the 10-Member Group, an IATT member...)."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guidebook_invitations",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="guidebook_invitations",
        verbose_name=_("organisation"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A made-up invitation for a demonstration: the chapter page says so beside it.
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration, not the programme's record."),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["chapter", "created_at"]
        verbose_name = _("invitation")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True, organisation__isnull=False)
                | Q(user__isnull=False, organisation__isnull=True),
                name="invitation_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["chapter", "user"],
                condition=Q(user__isnull=False),
                name="invitation_unique_person",
            ),
            models.UniqueConstraint(
                fields=["chapter", "organisation"],
                condition=Q(organisation__isnull=False),
                name="invitation_unique_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.organisation} → {self.chapter}"

    def clean(self) -> None:
        if (self.user_id is None) == (self.organisation_id is None):
            raise ValidationError(_("Invite either one person or one organisation."))
        taken = Invitation.objects.filter(chapter_id=self.chapter_id).exclude(pk=self.pk)
        if self.user_id and taken.filter(user_id=self.user_id).exists():
            raise ValidationError({"user": _("This person is already invited to the chapter.")})
        if self.organisation_id and taken.filter(organisation_id=self.organisation_id).exists():
            raise ValidationError(
                {"organisation": _("This organisation is already invited to the chapter.")}
            )


class CommentQuerySet(_ThroughChapterQuerySet):
    chapter_path = "draft__chapter__"
    public = False


class Comment(models.Model):
    """A contributor's comment on a chapter draft, optionally on one section, with its status
    and the lead's response."""

    draft = models.ForeignKey(ChapterDraft, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(
        _("section"), max_length=120, blank=True, help_text=_("Anchor of the heading commented.")
    )
    section_title = models.CharField(_("section title"), max_length=255, blank=True)
    body = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="guidebook_comments"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.OPEN
    )
    response = models.TextField(_("lead's response"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CommentStatus.OPEN) | ~Q(response=""),
                name="comment_closed_has_response",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.draft}"

    def clean(self) -> None:
        if not (self.body or "").strip():
            raise ValidationError({"body": _("Write the comment.")})
        if self.status != CommentStatus.OPEN and not (self.response or "").strip():
            raise ValidationError(
                {"response": _("Say how the comment was addressed, or why it was declined.")}
            )
