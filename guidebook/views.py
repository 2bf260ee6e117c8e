"""Guidebook pages. Rows come from the selectors (scoped); writes go through the services;
what a user may do is asked of guidebook/rules.py, never worked out here."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from base.cache import page_read_key, read_through
from base.generic import ScopedFilterView, ServiceActionView, ServiceFormView
from base.markdown import markdown_render, markdown_sections
from guidebook import services
from guidebook.choices import ChapterStatus, CommentStatus
from guidebook.diffs import DiffRefused, draft_diff, text_diff
from guidebook.filtersets import BackgroundPaperFilterSet, GuidebookEditionFilterSet
from guidebook.forms import (
    BackgroundPaperForm,
    ChapterForm,
    CommentForm,
    CommentResponseForm,
    DiffForm,
    DocumentVersionForm,
    DraftForm,
    EditionForm,
    InvitationForm,
    OutlineVersionForm,
    TransitionForm,
)
from guidebook.models import (
    COMMENT,
    LEAD,
    BackgroundPaper,
    Chapter,
    ChapterDraft,
    ChapterTransition,
    Comment,
    DocumentVersion,
    GuidebookEdition,
    Invitation,
    OutlineVersion,
)
from guidebook.rules import (
    chapter_allowed_moves,
    chapter_can_comment,
    chapter_can_lead,
    chapter_comment_refusal,
    chapter_lead_refusal,
    guidebook_manage_refusal,
)
from guidebook.selectors import (
    background_paper_list,
    chapter_board,
    chapter_comments,
    chapter_decision_models,
    chapter_decisions,
    chapter_drafts,
    chapter_invitations,
    chapter_list,
    chapter_transitions,
    chapter_translations,
    document_version_list,
    edition_documents,
    edition_list,
    edition_list_with_chapters,
    edition_progress,
    outline_history,
)
from programme.models import Organisation, User
from programme.selectors import get_visible_or_404

# Meetings are the egm app's, which stands on this one (its outcomes name chapters). An outline
# names the meeting that refined it through its ForeignKey's lazy model reference ("egm.Meeting").
Meeting = OutlineVersion._meta.get_field("meeting").related_model

MOVE_LABELS = {
    ChapterStatus.OUTLINE: _("Back to outline"),
    ChapterStatus.DRAFTING: _("Start drafting"),
    ChapterStatus.IN_REVIEW: _("Send for review"),
    ChapterStatus.FINAL: _("Mark final"),
}


def _edition(user, pk) -> GuidebookEdition:
    return get_visible_or_404(edition_list(user=user), user, pk=pk)


def _chapter(user, pk, action: str = "view") -> Chapter:
    return get_visible_or_404(chapter_list(user=user), user, action, pk=pk)


class GuidebookEditionListView(ScopedFilterView):
    """Guidebook editions with the chapters this user may see."""

    template_name = "guidebook/edition_list.html"
    selector = staticmethod(edition_list_with_chapters)
    filterset_class = GuidebookEditionFilterSet


class EditionDetailView(LoginRequiredMixin, TemplateView):
    """An edition: its status and target date, its documents, progress and what is overdue."""

    template_name = "guidebook/edition_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        edition = _edition(user, kwargs["pk"])
        progress = edition_progress(user=user, edition=edition)
        ctx.update(
            edition=edition,
            documents=edition_documents(edition=edition),
            progress=progress,
            bars=_bars(progress),
            chapters=list(chapter_list(user=user).filter(edition=edition)),
            outline=outline_history(edition=edition)[-1:],
        )
        return ctx


def _bars(progress) -> list[dict]:
    """The progress chart's segments: one per status, widths out of 100 (SVG units)."""
    x, bars = 0.0, []
    for row in progress.counts:
        width = 100 * row.count / progress.total if progress.total else 0
        bars.append({"status": row.status, "label": row.label, "count": row.count,
                     "x": round(x, 2), "width": round(width, 2)})  # fmt: skip
        x += width
    return bars


class ChapterBoardView(LoginRequiredMixin, TemplateView):
    """An edition's chapters in one column per status."""

    template_name = "guidebook/chapter_board.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        edition = _edition(self.request.user, kwargs["pk"])
        ctx.update(edition=edition, columns=chapter_board(user=self.request.user, edition=edition))
        return ctx


class OutlineHistoryView(LoginRequiredMixin, TemplateView):
    """How the annotated outline changed from one meeting to the next."""

    template_name = "guidebook/outline_history.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        edition = _edition(self.request.user, kwargs["pk"])
        versions = outline_history(edition=edition)
        steps = []
        previous = None
        for version in versions:
            steps.append(
                {
                    "version": version,
                    "previous": previous,
                    "diff": text_diff(previous.text if previous else "", version.text),
                }
            )
            previous = version
        ctx.update(edition=edition, steps=list(reversed(steps)))
        return ctx


class ChapterDetailView(LoginRequiredMixin, TemplateView):
    """A chapter: current draft, history, comments, decisions from meetings, next steps."""

    template_name = "guidebook/chapter_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        chapter = _chapter(user, kwargs["pk"])
        # What the page shows, this reader's rules and the drawn draft included, is read once
        # per reader's scope, language and generation of CHAPTER_PAGE_MODELS and kept; the
        # page's forms (and their tokens) are drawn from it afresh each time.
        key = page_read_key(
            self.request, "guidebook-chapter", (*CHAPTER_PAGE_MODELS, *chapter_decision_models())
        )
        shown = read_through(key, lambda: _chapter_page(user, chapter))
        drafts, current = shown["drafts"], shown["current"]
        ctx.update(
            shown,
            chapter=chapter,
            comment_statuses=CommentStatus.choices,
            comment_form=CommentForm(sections=shown["sections"])
            if current and shown["can_comment"]
            else None,
            diff_form=DiffForm(
                initial={"old": drafts[1].number, "new": drafts[0].number}
                if len(drafts) > 1
                else None,
                numbers=[d.number for d in drafts],
            ),
        )
        return ctx


def _chapter_page(user, chapter: Chapter) -> dict:
    """What the chapter page shows to `user`: its versions (the current one drawn), comments,
    invitations, workflow, translations, papers and decisions, and the moves the rules offer."""
    drafts = chapter_drafts(chapter=chapter)
    current = drafts[0] if drafts else None
    can_lead = chapter_can_lead(user, chapter)
    can_comment = can_lead or chapter_can_comment(user, chapter)
    comments = chapter_comments(user=user, chapter=chapter) if can_comment else []
    text = current is not None and current.is_text
    return {
        "drafts": drafts,
        "current": current,
        "current_html": markdown_render(current.text) if text else "",
        "sections": markdown_sections(current.text) if text else [],
        "can_lead": can_lead,
        "can_comment": can_comment,
        "moves": [
            {"to_status": s, "label": str(MOVE_LABELS[s])}
            for s in chapter_allowed_moves(user, chapter, can_lead=can_lead)
        ],
        "comments": comments,
        "open_comments": sum(1 for c in comments if c.status == "open"),
        "invitations": chapter_invitations(user=user, chapter=chapter) if can_lead else [],
        "transitions": chapter_transitions(chapter=chapter),
        "translations": chapter_translations(user=user, chapter=chapter),
        "papers": list(chapter.background_papers.all()),
        "decisions": chapter_decisions(user=user, chapter=chapter),
        "authors": list(chapter.authors.all()),
    }


# What the chapter page reads, scoping included: the Guidebook's records, and the people and
# organisations who lead, write, are invited and comment (with the meetings' outcomes that
# decided about the chapter: `chapter_decision_models`).
CHAPTER_PAGE_MODELS = (
    GuidebookEdition,
    Chapter,
    ChapterDraft,
    ChapterTransition,
    Comment,
    Invitation,
    BackgroundPaper,
    User,
    Organisation,
)


class DraftDiffView(LoginRequiredMixin, TemplateView):
    """The readable difference between two text versions of one chapter."""

    template_name = "guidebook/draft_diff.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        chapter = _chapter(user, kwargs["pk"])
        drafts = {d.number: d for d in chapter_drafts(chapter=chapter)}
        form = DiffForm(self.request.GET or None, numbers=list(drafts))
        ctx.update(chapter=chapter, form=form, diff=None, error=None)
        if not form.is_valid():
            asked = [self.request.GET.get(name, "") for name in ("old", "new")]
            if all(a.isdigit() for a in asked) and any(int(a) not in drafts for a in asked):
                # A version this chapter does not have, as before the choice list.
                raise Http404(_("No such version of this chapter."))
            return ctx
        old, new = drafts[form.cleaned_data["old"]], drafts[form.cleaned_data["new"]]
        try:
            ctx["diff"] = draft_diff(old, new)
        except DiffRefused as exc:
            ctx["error"] = exc.message
        ctx.update(old=old, new=new)
        return ctx

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("error"):
            response.status_code = 400
        return response


class _ChapterFormView(ServiceFormView):
    """A form page about one chapter: fetched with the scope `action` (404 outside it), then
    `rule` is asked (403 for a refused role)."""

    template_name = "guidebook/form.html"
    action = LEAD
    rule = staticmethod(chapter_lead_refusal)

    def setup_objects(self):
        self.chapter = _chapter(self.request.user, self.kwargs["pk"], self.action)

    def get_rule_object(self):
        return self.chapter if self.rule_needs_object else None

    def get_success_url(self):
        return reverse("guidebook:chapter-detail", args=[self.chapter.pk])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(chapter=self.chapter, edition=self.chapter.edition, heading=self.heading,
                   multipart=True)  # fmt: skip
        return ctx


class DraftCreateView(_ChapterFormView):
    """The chapter's lead adds its next version: Markdown text or a file."""

    form_class = DraftForm
    success_message = _("The new version was saved.")

    @property
    def heading(self):
        return _("New version of chapter %(number)s") % {"number": self.chapter.number}

    def get_initial(self):
        latest = self.chapter.drafts.order_by("-number").first()
        return {"text": latest.text} if latest and latest.is_text else {}

    def perform(self, form):
        upload = form.cleaned_data["file"]
        services.chapter_draft_add(
            actor=self.request.user,
            chapter=self.chapter,
            text=form.cleaned_data["text"],
            file=upload,
            filename=upload.name if upload else None,
            change_summary=form.cleaned_data["change_summary"],
        )
        return reverse("guidebook:chapter-detail", args=[self.chapter.pk])


class ChapterUpdateView(_ChapterFormView):
    """The secretariat changes a chapter's details and due date."""

    action = "view"
    rule = staticmethod(guidebook_manage_refusal)
    rule_needs_object = False

    form_class = ChapterForm
    success_message = _("The chapter was saved.")

    @property
    def heading(self):
        return _("Edit chapter %(number)s") % {"number": self.chapter.number}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "edition": self.chapter.edition}

    def get_initial(self):
        ch = self.chapter
        return {
            "number": ch.number, "title": ch.title, "summary": ch.summary,
            "lead_organisation": ch.lead_organisation_id, "authors": list(ch.authors.all()),
            "author_names": ch.author_names, "language": ch.language,
            "translation_of": ch.translation_of_id, "due_on": ch.due_on,
            "background_papers": list(ch.background_papers.all()), "source": ch.source,
        }  # fmt: skip

    def perform(self, form):
        data = dict(form.cleaned_data)
        chapter = services.chapter_update(actor=self.request.user, chapter=self.chapter, **data)
        return reverse("guidebook:chapter-detail", args=[chapter.pk])


class _EditionFormView(ServiceFormView):
    """A secretariat form page about one edition (or the library)."""

    template_name = "guidebook/form.html"
    multipart = False
    rule = staticmethod(guidebook_manage_refusal)
    rule_needs_object = False

    def setup_objects(self):
        pk = self.kwargs.get("pk")
        self.edition = _edition(self.request.user, pk) if pk is not None else None

    def get_success_url(self):
        if self.edition is not None:
            return reverse("guidebook:edition-detail", args=[self.edition.pk])
        return reverse("guidebook:edition-list")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(edition=self.edition, heading=self.heading, multipart=self.multipart)
        return ctx


class EditionCreateView(_EditionFormView):
    form_class = EditionForm
    heading = _("New Guidebook edition")
    success_message = _("The edition was saved.")

    def perform(self, form):
        edition = services.edition_create(actor=self.request.user, **form.cleaned_data)
        return reverse("guidebook:edition-detail", args=[edition.pk])


class EditionUpdateView(_EditionFormView):
    form_class = EditionForm
    success_message = _("The edition was saved.")

    @property
    def heading(self):
        return _("Edit %(label)s") % {"label": self.edition.label}

    def get_initial(self):
        e = self.edition
        fields = ["title", "label", "status", "published_on", "published_year", "series_number",
                  "doi", "url", "summary", "source"]  # fmt: skip
        return {**{f: getattr(e, f) for f in fields}, "target_on": e.target_date}

    def perform(self, form):
        edition = services.edition_update(
            actor=self.request.user, edition=self.edition, **form.cleaned_data
        )
        return reverse("guidebook:edition-detail", args=[edition.pk])


class ChapterCreateView(_EditionFormView):
    form_class = ChapterForm
    success_message = _("The chapter was added.")

    @property
    def heading(self):
        return _("New chapter of %(label)s") % {"label": self.edition.label}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "edition": self.edition}

    def perform(self, form):
        chapter = services.chapter_create(
            actor=self.request.user, edition=self.edition, **form.cleaned_data
        )
        return reverse("guidebook:chapter-detail", args=[chapter.pk])


class DocumentVersionCreateView(_EditionFormView):
    form_class = DocumentVersionForm
    multipart = True
    success_message = _("The new version of the document was saved.")

    @property
    def heading(self):
        return _("New document version for %(label)s") % {"label": self.edition.label}

    def perform(self, form):
        upload = form.cleaned_data["file"]
        services.edition_document_version_add(
            actor=self.request.user,
            edition=self.edition,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            file=upload,
            filename=upload.name if upload else None,
            change_summary=form.cleaned_data["change_summary"],
        )
        return reverse("guidebook:edition-detail", args=[self.edition.pk])


class OutlineVersionCreateView(_EditionFormView):
    form_class = OutlineVersionForm
    success_message = _("The outline was saved.")

    @property
    def heading(self):
        return _("New outline version for %(label)s") % {"label": self.edition.label}

    def get_form_kwargs(self):
        meetings = Meeting.objects.visible_to(self.request.user).order_by("start_date")
        return {**super().get_form_kwargs(), "meetings": meetings}

    def get_initial(self):
        latest = self.edition.outline_versions.order_by("-number").first()
        return {"text": latest.text} if latest else {}

    def perform(self, form):
        services.outline_version_add(
            actor=self.request.user, edition=self.edition, **form.cleaned_data
        )
        return reverse("guidebook:outline-history", args=[self.edition.pk])


# --- Actions (POST only) -------------------------------------------------------------------


class _ChapterActionView(ServiceActionView):
    action = LEAD
    rule = staticmethod(chapter_lead_refusal)

    def get_object(self):
        return _chapter(self.request.user, self.kwargs["pk"], self.action)

    def get_success_url(self) -> str:
        return reverse("guidebook:chapter-detail", args=[self.object.pk])


class ChapterTransitionView(_ChapterActionView):
    """Move a chapter along its workflow."""

    form_class = TransitionForm

    def perform(self, form):
        transition = services.chapter_transition(
            actor=self.request.user,
            chapter=self.object,
            to_status=form.cleaned_data["to_status"],
            comment=form.cleaned_data["comment"],
        )
        self.success_message = _("The chapter is now %(status)s.") % {
            "status": transition.get_to_status_display().lower()
        }


class CommentCreateView(_ChapterActionView):
    """An invited contributor (or a lead) comments on the chapter's current draft."""

    action = COMMENT
    rule = staticmethod(chapter_comment_refusal)
    form_class = CommentForm
    success_message = _("Your comment was added.")

    def get_form_kwargs(self):
        self.draft = self.object.drafts.order_by("-number").first()
        if self.draft is None:
            raise Http404(_("This chapter has no draft to comment on yet."))
        sections = markdown_sections(self.draft.text) if self.draft.is_text else []
        return {"sections": sections}

    def perform(self, form):
        services.comment_create(
            actor=self.request.user,
            draft=self.draft,
            body=form.cleaned_data["body"],
            section=form.cleaned_data["section"],
        )


class CommentRespondView(ServiceActionView):
    """The chapter's lead answers a comment."""

    form_class = CommentResponseForm
    success_message = _("The response was saved.")
    rule = staticmethod(chapter_lead_refusal)

    def get_rule_object(self):
        return self.object.draft.chapter

    def get_object(self):
        return get_visible_or_404(
            Comment.objects.select_related("draft"), self.request.user, LEAD,
            pk=self.kwargs["pk"],
        )  # fmt: skip

    def get_success_url(self) -> str:
        return reverse("guidebook:chapter-detail", args=[self.object.draft.chapter_id])

    def perform(self, form):
        services.comment_respond(actor=self.request.user, comment=self.object, **form.cleaned_data)


class InvitationCreateView(_ChapterFormView):
    """Invite a person or a whole organisation to contribute to the chapter: a form page of
    its own (its lists of every person and organisation are long), saved back to the
    chapter, whose page the chapter's lead reads often."""

    form_class = InvitationForm
    success_message = _("The invitation was recorded.")

    @property
    def heading(self):
        return _("Invite a contributor to chapter %(number)s") % {"number": self.chapter.number}

    def perform(self, form):
        services.invitation_create(
            actor=self.request.user, chapter=self.chapter, **form.cleaned_data
        )


class InvitationDeleteView(ServiceActionView):
    """Withdraw an invitation."""

    success_message = _("The invitation was withdrawn.")
    rule = staticmethod(chapter_lead_refusal)

    def get_rule_object(self):
        return self.object.chapter

    def get_object(self):
        return get_visible_or_404(Invitation.objects, self.request.user, LEAD, pk=self.kwargs["pk"])

    def get_success_url(self) -> str:
        return reverse("guidebook:chapter-detail", args=[self.object.chapter_id])

    def perform(self, form):
        services.invitation_delete(actor=self.request.user, invitation=self.object)


# --- Files and the library -----------------------------------------------------------------


def _file_response(record) -> FileResponse:
    try:
        handle = record.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("The file is missing.")) from exc
    response = FileResponse(
        handle, as_attachment=True, filename=record.original_filename or "document",
        content_type=record.content_type or "application/octet-stream",
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DraftFileView(LoginRequiredMixin, View):
    """The uploaded file of a chapter draft, for those who may see the chapter."""

    def get(self, request, pk):
        draft = get_visible_or_404(ChapterDraft.objects, request.user, pk=pk)
        if not draft.file:
            raise Http404(_("This version is text, not a file."))
        return _file_response(draft)


class DocumentFileView(LoginRequiredMixin, View):
    """The uploaded file of an edition document's version."""

    def get(self, request, pk):
        try:
            version = document_version_list(user=request.user).get(pk=pk)
        except DocumentVersion.DoesNotExist as exc:
            raise Http404 from exc
        if not version.file:
            raise Http404(_("This version is text, not a file."))
        return _file_response(version)


class BackgroundPaperListView(ScopedFilterView):
    """The library of documents the Guidebook builds on."""

    template_name = "guidebook/paper_list.html"
    selector = staticmethod(background_paper_list)
    filterset_class = BackgroundPaperFilterSet


class BackgroundPaperCreateView(_EditionFormView):
    form_class = BackgroundPaperForm
    multipart = True
    heading = _("Add a background paper")
    success_message = _("The paper was added to the library.")

    def perform(self, form):
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        services.background_paper_create(
            actor=self.request.user, file=upload, filename=upload.name if upload else None, **data
        )
        return reverse("guidebook:paper-list")


class BackgroundPaperFileView(LoginRequiredMixin, View):
    def get(self, request, pk):
        try:
            paper = background_paper_list(user=request.user).get(pk=pk)
        except BackgroundPaper.DoesNotExist as exc:
            raise Http404 from exc
        if not paper.file:
            raise Http404
        return _file_response(paper)
