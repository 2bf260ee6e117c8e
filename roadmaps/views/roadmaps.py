"""Pages for roadmaps, their SDGs and their versions."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView

from base.cache import page_read_key, read_through
from base.generic import RecordFormPageView, ScopedFilterView, ServiceActionView, ServiceFormView
from base.httpcache import app_models
from pilots.models import Country, Region
from programme.models import Organisation, User
from programme.selectors import get_visible_or_404
from roadmaps import services
from roadmaps.choices import (
    WITH_SECRETARIAT_STATUSES,
    VersionStatus,
)
from roadmaps.downloads import version_file_response
from roadmaps.filtersets import RoadmapFilterSet, VersionQueueFilterSet
from roadmaps.forms import (
    ConsentGiveForm,
    ConsentWithdrawForm,
    FeedbackReplyForm,
    RoadmapForm,
    RoadmapGoalForm,
    RoadmapTargetForm,
    RoadmapUpdateForm,
    TargetLinkForm,
    TransitionForm,
    VersionUploadForm,
)
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Goal,
    PublicReleaseConsent,
    Review,
    ReviewAssignment,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
    TargetLink,
    VersionTransition,
)
from roadmaps.rules import (
    NextStep,
    assessment_can_open,
    consent_give_refusal,
    consent_visible,
    consent_withdraw_refusal,
    feedback_can_reply,
    feedback_reply_refusal,
    roadmap_can_change,
    roadmap_can_create,
    roadmap_can_upload,
    roadmap_change_refusal,
    roadmap_create_refusal,
    roadmap_pending_number,
    roadmap_sdgs_can_change,
    roadmap_sdgs_change_refusal,
    target_link_change_refusal,
    transition_comments_q,
    version_allowed_moves,
    version_blocked_reasons,
    version_can_delete,
    version_next_step,
)
from roadmaps.selectors import (
    assessment_list,
    feedback_replies_for,
    next_step_for,
    next_step_link,
    review_assignment_list,
    roadmap_latest_overall_score,
    roadmap_latest_status,
    roadmap_list,
    roadmap_version_history,
    roadmap_version_list,
    target_link_list,
    version_queue,
)

# How each workflow move is offered on the page: button label and Bootstrap colour. Whether a
# move is offered, and whether it needs a comment, is roadmaps.rules' answer.
MOVE_BUTTONS = {
    VersionStatus.SUBMITTED: (_("Submit to the secretariat"), "outline-primary"),
    VersionStatus.UNDER_REVIEW: (_("Start the review without reviewers"), "outline-secondary"),
    VersionStatus.RETURNED: (_("Return for revision"), "outline-danger"),
    VersionStatus.ACCEPTED: (_("Accept"), "outline-primary"),
    VersionStatus.PUBLISHED: (_("Publish"), "outline-primary"),
}
OVERRIDE_BUTTON = (_("Accept without a finalised assessment"), "outline-warning")
# The move that is the normal next step (roadmaps.rules.version_next_step), shown as primary;
# steps taken on the assessment page are a primary link there instead.
PRIMARY_MOVE = {NextStep.ACCEPT: VersionStatus.ACCEPTED, NextStep.PUBLISH: VersionStatus.PUBLISHED}
LINKED_STEPS = (NextStep.ASSIGN, NextStep.AWAIT_REVIEWS, NextStep.CONSOLIDATE)
# For the country, with no step of the secretariat's: its own way forward is submitting.
FORWARD = (VersionStatus.SUBMITTED,)


class RoadmapListView(ScopedFilterView):
    """Roadmaps the user may see, filterable by country, region, SDG, latest version status
    and minimum overall score."""

    template_name = "roadmaps/roadmap_list.html"
    selector = staticmethod(roadmap_list)
    filterset_class = RoadmapFilterSet
    # Rows, their latest status and overall score (scoped), SDGs, and the filters' choices.
    cache_models = (
        Roadmap,
        RoadmapVersion,
        RoadmapGoal,
        Goal,
        Assessment,
        ConsolidatedScore,
        ReviewAssignment,
        Country,
        Region,
        Organisation,
    )

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .annotate(
                latest_status=roadmap_latest_status(user=user),
                latest_overall_score=roadmap_latest_overall_score(user=user),
                # Whether a version this user reads is a made-up demo draft: the row says so.
                shows_illustrative=Exists(
                    RoadmapVersion.objects.visible_to(user).filter(
                        roadmap=OuterRef("pk"), illustrative=True
                    )
                ),
            )
            .prefetch_related("goals")
        )


class RoadmapDetailView(LoginRequiredMixin, DetailView):
    """A roadmap with the versions this user may see."""

    template_name = "roadmaps/roadmap_detail.html"
    context_object_name = "roadmap"

    def get_queryset(self):
        return roadmap_list(user=self.request.user).prefetch_related(
            "goal_links__goal", "target_links__target"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, roadmap = self.request.user, self.object
        versions = roadmap_version_list(user=user).filter(roadmap=roadmap)
        ctx["versions"] = versions
        ctx["can_upload"] = roadmap_can_upload(user, roadmap)
        ctx["can_change"] = roadmap_can_change(user, roadmap)
        ctx["can_change_sdgs"] = roadmap_sdgs_can_change(user, roadmap)
        ctx["target_links"] = target_link_list(user=user, roadmap=roadmap)
        # Consents to public release: the published versions, for the country and the
        # secretariat (`consent_visible`); what each may do is asked per version in the page.
        ctx["consent_versions"] = (
            list(
                versions.filter(status=VersionStatus.PUBLISHED).prefetch_related("public_consents")
            )
            if consent_visible(user, roadmap)
            else []
        )
        return ctx


class VersionUploadView(ServiceFormView):
    """A focal point (or the secretariat for a country) uploads a new draft of a roadmap.
    Who may is the roadmap's "upload" scope (`roadmaps.rules.roadmap_can_upload`): 404 for
    anyone else, as for every object outside one's scope."""

    template_name = "roadmaps/version_form.html"
    form_class = VersionUploadForm

    def setup_objects(self):
        self.roadmap = get_visible_or_404(
            Roadmap.objects.select_related("country"), self.request.user, "upload",
            pk=self.kwargs["pk"],
        )  # fmt: skip

    def get_success_url(self):
        return reverse("roadmaps:roadmap-detail", args=[self.roadmap.pk])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["roadmap"] = self.roadmap
        latest = self.roadmap.versions.all().latest_first().first()
        ctx["next_number"] = (latest.number if latest else 0) + 1
        # Say before the upload, not after, that the new draft will have to wait.
        ctx["pending_number"] = roadmap_pending_number(self.roadmap.pk)
        return ctx

    def perform(self, form):
        upload = form.cleaned_data["file"]
        version = services.roadmap_version_upload(
            actor=self.request.user,
            roadmap=self.roadmap,
            file=upload,
            filename=upload.name,
            change_summary=form.cleaned_data["change_summary"],
        )
        self.success_message = gettext(
            "Version %(number)s uploaded as a draft. "
            "Submit it when it is ready for the secretariat."
        ) % {"number": version.number}
        return reverse("roadmaps:version-detail", args=[version.pk])


class VersionDetailView(LoginRequiredMixin, DetailView):
    """One version: its file, its history of moves and the moves this user may make."""

    template_name = "roadmaps/version_detail.html"
    context_object_name = "version"

    def get_object(self, queryset=None):
        return get_visible_or_404(
            roadmap_version_list(user=self.request.user), self.request.user, pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # What the page shows around the version, this reader's moves and links included, is
        # read once per reader's scope, language, day and generation of VERSION_PAGE_MODELS
        # and kept; the page's forms (and their tokens) are drawn from it afresh each time.
        key = page_read_key(self.request, "version-detail", VERSION_PAGE_MODELS)
        ctx.update(read_through(key, lambda: _version_page(self.request.user, self.object)))
        return ctx


def _version_page(user, version: RoadmapVersion) -> dict:
    """What a version's page shows to `user`: its history of moves, the moves and next step
    the rules offer, the replies to feedback and the links into its assessment."""
    ctx: dict = {}
    ctx["history"] = roadmap_version_history(user=user, version=version)
    moves = version_allowed_moves(user, version)
    # The normal next step leads (one primary button); returning a version, and accepting
    # it without a finalised assessment, stay offered but never look like the way on.
    ctx["next_step"] = step = version_next_step(user, version)
    ctx["next_link"] = next_step_link(step, version) if step in LINKED_STEPS else None
    primary = PRIMARY_MOVE.get(step) or (
        None if step else next((m.to_status for m in moves if m.to_status in FORWARD), None)
    )
    ctx["moves"] = [
        {
            "to_status": move.to_status,
            "label": str((OVERRIDE_BUTTON if move.override else MOVE_BUTTONS[move.to_status])[0]),
            "colour": (
                "primary"
                if move.to_status == primary and not move.override
                else (OVERRIDE_BUTTON if move.override else MOVE_BUTTONS[move.to_status])[1]
            ),
            "needs_comment": move.needs_comment,
            "override": move.override,
        }
        for move in moves
    ]
    ctx["blocked_reasons"] = [str(r) for r in version_blocked_reasons(user, version)]
    ctx.update(feedback_replies_for(user=user, version=version))
    ctx["can_reply"] = ctx["feedback_reply"] is None and feedback_can_reply(user, version)
    ctx["can_delete"] = version_can_delete(user, version)
    # Links into the assessment of this version, each only where this user may follow it.
    ctx["assessment"] = assessment_list(user=user).filter(version=version).first()
    ctx["can_assess"] = assessment_can_open(user, version) and (
        version.status in WITH_SECRETARIAT_STATUSES or ctx["assessment"] is not None
    )
    ctx["my_assignment"] = (
        review_assignment_list(user=user).filter(version=version, reviewer=user).first()
        if user.is_reviewer
        else None
    )
    return ctx


# What a version's page reads, scoping and rules included: the roadmaps' records (versions,
# moves, replies, assessments, reviews, consents), the people who made them and the countries.
VERSION_PAGE_MODELS = (*app_models("roadmaps"), User, Country)


class _VersionActionView(ServiceActionView):
    def get_object(self):
        return get_visible_or_404(RoadmapVersion.objects, self.request.user, pk=self.kwargs["pk"])

    def get_success_url(self) -> str:
        return reverse("roadmaps:version-detail", args=[self.object.pk])


class VersionTransitionView(_VersionActionView):
    """Make one workflow move (submit, start review, return, accept, publish)."""

    form_class = TransitionForm

    def perform(self, form):
        transition = services.roadmap_version_transition(
            actor=self.request.user,
            version=self.object,
            to_status=form.cleaned_data["to_status"],
            comment=form.cleaned_data["comment"],
        )
        self.success_message = gettext("Version %(number)s is now %(status)s.") % {
            "number": self.object.number,
            "status": transition.get_to_status_display().lower(),
        }


class VersionDeleteView(_VersionActionView):
    """Delete a draft that was never submitted, after a confirmation page (GET)."""

    http_method_names = ["get", "post"]
    success_message = _("The draft was deleted.")

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        if not version_can_delete(request.user, version):
            raise Http404(_("This version cannot be deleted."))
        return render(request, "roadmaps/version_confirm_delete.html", {"version": version})

    def perform(self, form):
        services.roadmap_version_delete(actor=self.request.user, version=self.object)

    def get_success_url(self) -> str:
        if RoadmapVersion.objects.filter(pk=self.object.pk).exists():
            return reverse("roadmaps:version-detail", args=[self.object.pk])
        return reverse("roadmaps:roadmap-detail", args=[self.object.roadmap_id])


class VersionQueueView(ScopedFilterView):
    """The review queue: what waits for the secretariat (submitted, under review, accepted and
    not yet published), oldest first, with each version's age, its reviewers' progress and the
    normal next step (for a focal point, their own country's versions, to follow)."""

    template_name = "roadmaps/version_queue.html"
    selector = staticmethod(version_queue)
    filterset_class = VersionQueueFilterSet
    # The rows (versions, their roadmaps' countries and owners, assignments and the reviews
    # in, a finalised assessment) and the country filter: kept until a write to one of them
    # (or a new day: each row's age).
    cache_models = (
        RoadmapVersion,
        Roadmap,
        ReviewAssignment,
        Review,
        Assessment,
        Country,
        Organisation,
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        # Read only when the cached copy is gone.
        ctx["rows"] = SimpleLazyObject(lambda: next_step_for(user, list(ctx["object_list"])))
        return ctx


class VersionDownloadView(LoginRequiredMixin, View):
    """The file of a version, for those who may read it; nobody else learns it exists."""

    def get(self, request, pk):
        version = get_visible_or_404(
            RoadmapVersion.objects.select_related("roadmap"), request.user, pk=pk
        )
        return version_file_response(
            user=request.user, version=version, inline=request.GET.get("view") == "1"
        )


class _RoadmapActionView(ServiceActionView):
    def get_object(self):
        return get_visible_or_404(
            Roadmap.objects, self.request.user, "link_sdgs", pk=self.kwargs["pk"]
        )

    def get_success_url(self) -> str:
        return reverse("roadmaps:roadmap-detail", args=[self.object.pk])


class _RoadmapRecordFormView(RecordFormPageView):
    """A small form of a roadmap's record on a page of its own (GET shows it, POST saves and
    goes back to the roadmap): the roadmap in the user's keeping (404 otherwise), then
    `rule`."""

    rule = staticmethod(roadmap_sdgs_change_refusal)

    def setup_objects(self):
        self.roadmap = get_visible_or_404(
            Roadmap.objects, self.request.user, "link_sdgs", pk=self.kwargs["pk"]
        )

    def get_rule_object(self):
        return self.roadmap

    def get_success_url(self):
        return reverse("roadmaps:roadmap-detail", args=[self.roadmap.pk])


class RoadmapGoalSetView(_RoadmapRecordFormView):
    """Add or update an SDG the roadmap addresses."""

    form_class = RoadmapGoalForm
    title = _("Add or update an SDG")
    success_message = _("SDG saved.")

    def perform(self, form):
        services.roadmap_goal_set(
            actor=self.request.user, roadmap=self.roadmap, **form.cleaned_data
        )


class RoadmapTargetSetView(_RoadmapRecordFormView):
    """Add or update an SDG target the roadmap addresses."""

    form_class = RoadmapTargetForm
    title = _("Add or update an SDG target")
    success_message = _("SDG target saved.")

    def perform(self, form):
        services.roadmap_target_set(
            actor=self.request.user, roadmap=self.roadmap, **form.cleaned_data
        )


class TargetLinkAddView(_RoadmapRecordFormView):
    """Link two of the roadmap's targets as a synergy or a trade-off."""

    form_class = TargetLinkForm
    rule = staticmethod(target_link_change_refusal)
    title = _("Link two targets")
    intro = _(
        "A synergy: advancing one target helps the other. A trade-off: it may set the other back."
    )
    success_message = _("Link between targets saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "roadmap": self.roadmap}

    def perform(self, form):
        services.target_link_add(actor=self.request.user, roadmap=self.roadmap, **form.cleaned_data)


class TargetLinkRemoveView(_RoadmapActionView):
    """Remove a synergy or trade-off between two targets."""

    success_message = _("Link between targets removed.")

    def perform(self, form):
        link = TargetLink.objects.filter(roadmap=self.object, pk=self.kwargs["link_pk"]).first()
        if link is None:
            raise Http404(gettext("No such link between targets."))
        services.target_link_remove(actor=self.request.user, link=link)


class _VersionRecordFormView(RecordFormPageView):
    """A small form about one version of the country's roadmap, on a page of its own: the
    version in the user's keeping (its country's focal points, the secretariat; 404 for
    anyone else), then `rule`; saving goes back to the roadmap."""

    def setup_objects(self):
        self.version = get_visible_or_404(
            RoadmapVersion.objects.select_related("roadmap"),
            self.request.user,
            "submit",
            pk=self.kwargs["pk"],
        )

    def get_rule_object(self):
        return self.version

    def get_parent(self):
        # The version, also where a subclass asks its rule of another record (a consent).
        return self.version

    def get_success_url(self):
        return reverse("roadmaps:roadmap-detail", args=[self.version.roadmap_id])


class ConsentGiveView(_VersionRecordFormView):
    """Give the country's consent to show a published version to the world."""

    form_class = ConsentGiveForm
    rule = staticmethod(consent_give_refusal)
    success_message = _("Consent given: the version is on the public site.")
    intro = _(
        "Published to the programme's partners is not published to the world: with this "
        "consent, the version and its scorecard appear on the public site until it is withdrawn."
    )

    @property
    def title(self):
        return gettext("Consent to the public release of v%(n)s") % {"n": self.version.number}

    def get_initial(self):
        return {"given_on": timezone.localdate()}

    def perform(self, form):
        services.public_release_consent_give(
            actor=self.request.user, version=self.version, **form.cleaned_data
        )


class ConsentWithdrawView(_VersionRecordFormView):
    """Withdraw the consent in force for a version: it leaves the public site."""

    form_class = ConsentWithdrawForm
    success_message = _("Consent withdrawn: the version left the public site.")

    def setup_objects(self):
        super().setup_objects()
        self.consent = get_object_or_404(
            PublicReleaseConsent.objects.in_force().select_related("version__roadmap"),
            version=self.version,
        )

    @staticmethod
    def rule(user, consent):
        return consent_withdraw_refusal(user, consent)

    def get_rule_object(self):
        return self.consent

    @property
    def title(self):
        return gettext("Withdraw the consent to the public release of v%(n)s") % {
            "n": self.version.number
        }

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def perform(self, form):
        services.public_release_consent_withdraw(
            actor=self.request.user, consent=self.consent, **form.cleaned_data
        )


class FeedbackReplyView(_VersionRecordFormView):
    """The country's reply to the feedback on a returned or published version."""

    form_class = FeedbackReplyForm
    rule = staticmethod(feedback_reply_refusal)
    success_message = _("Reply sent: the secretariat reads it with the version's assessment.")

    @property
    def title(self):
        return gettext("Reply to the feedback on v%(n)s") % {"n": self.version.number}

    def get_context_data(self, **kwargs):
        feedback = (
            VersionTransition.objects.filter(version=self.version)
            .filter(transition_comments_q(self.request.user))
            .exclude(comment="")
            .first()
        )
        intro = feedback.comment if feedback else ""
        return {**super().get_context_data(**kwargs), "intro": intro}

    def get_success_url(self):
        return reverse("roadmaps:version-detail", args=[self.version.pk])

    def perform(self, form):
        services.feedback_reply_create(
            actor=self.request.user, version=self.version, **form.cleaned_data
        )


class RoadmapTargetRemoveView(_RoadmapActionView):
    """Remove an SDG target from the roadmap."""

    success_message = _("SDG target removed.")

    def perform(self, form):
        link = RoadmapTarget.objects.filter(roadmap=self.object, pk=self.kwargs["link_pk"]).first()
        if link is None:
            raise Http404(gettext("No such SDG target link."))
        services.roadmap_target_remove(actor=self.request.user, link=link)


class RoadmapCreateView(ServiceFormView):
    """Open a roadmap record: the secretariat for any country or organisation, a focal point
    for their own country (`roadmaps.rules.roadmap_create_refusal`)."""

    template_name = "roadmaps/roadmap_form.html"
    form_class = RoadmapForm
    rule = staticmethod(roadmap_create_refusal)
    success_message = _("Roadmap opened. Add its SDGs, then upload a first draft.")

    @classmethod
    def allows(cls, user) -> bool:
        """Whether the menu offers the page (the rule, asked about no country in particular)."""
        return roadmap_can_create(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        roadmap = services.roadmap_create(actor=self.request.user, **form.cleaned_data)
        return reverse("roadmaps:roadmap-detail", args=[roadmap.pk])


class RoadmapUpdateView(ServiceFormView):
    """Change a roadmap's title and summary, where `roadmap_change_refusal` allows it."""

    template_name = "roadmaps/roadmap_form.html"
    form_class = RoadmapUpdateForm
    rule = staticmethod(roadmap_change_refusal)
    success_message = _("Roadmap saved.")

    def setup_objects(self):
        self.roadmap = get_visible_or_404(
            Roadmap.objects, self.request.user, "link_sdgs", pk=self.kwargs["pk"]
        )

    def get_rule_object(self):
        return self.roadmap

    def get_success_url(self):
        return reverse("roadmaps:roadmap-detail", args=[self.roadmap.pk])

    def get_initial(self):
        return {"title": self.roadmap.title, "summary": self.roadmap.summary}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "roadmap": self.roadmap}

    def perform(self, form):
        services.roadmap_update(actor=self.request.user, roadmap=self.roadmap, **form.cleaned_data)


class RoadmapGoalRemoveView(_RoadmapActionView):
    """Remove an SDG from the roadmap."""

    success_message = _("SDG removed.")

    def perform(self, form):
        link = RoadmapGoal.objects.filter(roadmap=self.object, pk=self.kwargs["link_pk"]).first()
        if link is None:
            raise Http404(gettext("No such SDG link."))
        services.roadmap_goal_remove(actor=self.request.user, link=link)
