"""Pages for roadmaps, their SDGs and their versions."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView

from base.generic import ScopedFilterView, ServiceActionView, ServiceFormView
from pilots.models import Country, Region
from programme.models import Organisation
from programme.selectors import get_visible_or_404
from roadmaps import services
from roadmaps.choices import (
    WITH_SECRETARIAT_STATUSES,
    ReviewStatus,
    VersionStatus,
)
from roadmaps.downloads import version_file_response
from roadmaps.filtersets import RoadmapFilterSet, RoadmapVersionFilterSet
from roadmaps.forms import (
    RoadmapForm,
    RoadmapGoalForm,
    RoadmapTargetForm,
    RoadmapUpdateForm,
    TransitionForm,
    VersionUploadForm,
)
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Goal,
    ReviewAssignment,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
)
from roadmaps.rules import (
    assessment_can_open,
    roadmap_can_change,
    roadmap_can_create,
    roadmap_can_upload,
    roadmap_change_refusal,
    roadmap_create_refusal,
    roadmap_pending_number,
    version_allowed_moves,
    version_blocked_reasons,
    version_can_delete,
)
from roadmaps.selectors import (
    assessment_list,
    review_assignment_list,
    roadmap_latest_overall_score,
    roadmap_latest_status,
    roadmap_list,
    roadmap_version_history,
    roadmap_version_list,
)

# How each workflow move is offered on the page: button label and Bootstrap colour. Whether a
# move is offered, and whether it needs a comment, is roadmaps.rules' answer.
MOVE_BUTTONS = {
    VersionStatus.SUBMITTED: (_("Submit to the secretariat"), "primary"),
    VersionStatus.UNDER_REVIEW: (_("Start review"), "primary"),
    VersionStatus.RETURNED: (_("Return for revision"), "outline-danger"),
    VersionStatus.ACCEPTED: (_("Accept"), "success"),
    VersionStatus.PUBLISHED: (_("Publish"), "primary"),
}
OVERRIDE_BUTTON = (_("Accept without a finalised assessment"), "outline-warning")


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
        user = self.request.user
        ctx["versions"] = roadmap_version_list(user=user).filter(roadmap=self.object)
        ctx["can_upload"] = roadmap_can_upload(user, self.object)
        ctx["can_change"] = roadmap_can_change(user, self.object)
        ctx["goal_form"] = RoadmapGoalForm()
        ctx["target_form"] = RoadmapTargetForm()
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
        user, version = self.request.user, self.object
        ctx["history"] = roadmap_version_history(user=user, version=version)
        ctx["moves"] = [
            {
                "to_status": move.to_status,
                "label": (OVERRIDE_BUTTON if move.override else MOVE_BUTTONS[move.to_status])[0],
                "colour": (OVERRIDE_BUTTON if move.override else MOVE_BUTTONS[move.to_status])[1],
                "needs_comment": move.needs_comment,
                "override": move.override,
            }
            for move in version_allowed_moves(user, version)
        ]
        ctx["blocked_reasons"] = version_blocked_reasons(user, version)
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
    """What waits for the secretariat: versions submitted or under review, oldest first, with
    their reviewers' progress (for a focal point, their own country's)."""

    template_name = "roadmaps/version_queue.html"
    selector = staticmethod(roadmap_version_list)
    filterset_class = RoadmapVersionFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(status__in=WITH_SECRETARIAT_STATUSES)
            .annotate(
                reviewers=Count("assignments", distinct=True),
                reviews_in=Count(
                    "assignments",
                    filter=Q(assignments__review__status=ReviewStatus.SUBMITTED),
                    distinct=True,
                ),
            )
            .order_by("submitted_at", "pk")
        )


class VersionDownloadView(LoginRequiredMixin, View):
    """The file of a version, for those who may read it; nobody else learns it exists."""

    def get(self, request, pk):
        version = get_visible_or_404(
            RoadmapVersion.objects.select_related("roadmap"), request.user, pk=pk
        )
        return version_file_response(user=request.user, version=version)


class _RoadmapActionView(ServiceActionView):
    def get_object(self):
        return get_visible_or_404(
            Roadmap.objects, self.request.user, "link_sdgs", pk=self.kwargs["pk"]
        )

    def get_success_url(self) -> str:
        return reverse("roadmaps:roadmap-detail", args=[self.object.pk])


class RoadmapGoalSetView(_RoadmapActionView):
    """Add or update an SDG the roadmap addresses."""

    form_class = RoadmapGoalForm
    success_message = _("SDG saved.")

    def perform(self, form):
        services.roadmap_goal_set(actor=self.request.user, roadmap=self.object, **form.cleaned_data)


class RoadmapTargetSetView(_RoadmapActionView):
    """Add or update an SDG target the roadmap addresses."""

    form_class = RoadmapTargetForm
    success_message = _("SDG target saved.")

    def perform(self, form):
        services.roadmap_target_set(
            actor=self.request.user, roadmap=self.object, **form.cleaned_data
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
