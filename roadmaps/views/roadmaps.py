"""Pages for roadmaps, their SDGs and their versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, FormView

from programme.choices import Role
from programme.errors import DomainError
from programme.roles import RoleRequiredMixin
from programme.selectors import get_visible_or_404
from programme.views import ScopedFilterView, ServiceActionView
from roadmaps import services
from roadmaps.choices import (
    ASSESSABLE_VERSION_STATUSES,
    VERSION_STATUS_MOVES,
    VersionStatus,
)
from roadmaps.filtersets import RoadmapFilterSet
from roadmaps.forms import (
    RoadmapForm,
    RoadmapGoalForm,
    RoadmapTargetForm,
    RoadmapUpdateForm,
    TransitionForm,
    VersionUploadForm,
)
from roadmaps.models import (
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
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

# How each workflow move is offered on the page: button label, Bootstrap colour, whether a
# comment is required.
MOVE_BUTTONS = {
    VersionStatus.SUBMITTED: ("Submit to the secretariat", "primary", False),
    VersionStatus.UNDER_REVIEW: ("Start review", "primary", False),
    VersionStatus.RETURNED: ("Return for revision", "outline-danger", True),
    VersionStatus.ACCEPTED: ("Accept", "success", False),
    VersionStatus.PUBLISHED: ("Publish", "primary", False),
}


class RoadmapListView(ScopedFilterView):
    """Roadmaps the user may see, filterable by country, region, SDG, latest version status
    and minimum overall score."""

    template_name = "roadmaps/roadmap_list.html"
    selector = staticmethod(roadmap_list)
    filterset_class = RoadmapFilterSet

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .annotate(
                latest_status=roadmap_latest_status(user=user),
                latest_overall_score=roadmap_latest_overall_score(user=user),
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
        ctx["can_upload"] = (
            Roadmap.objects.restrict(user, "upload").filter(pk=self.object.pk).exists()
        )
        # The same rule as the roadmap services: countries edit until a version is published.
        ctx["can_change"] = user.is_secretariat or (
            user.is_focal_point
            and ctx["can_upload"]
            and not any(v.status == VersionStatus.PUBLISHED for v in ctx["versions"])
        )
        ctx["goal_form"] = RoadmapGoalForm()
        ctx["target_form"] = RoadmapTargetForm()
        return ctx


class VersionUploadView(LoginRequiredMixin, FormView):
    """A focal point (or the secretariat for a country) uploads a new draft of a roadmap."""

    template_name = "roadmaps/version_form.html"
    form_class = VersionUploadForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.roadmap = get_visible_or_404(
            Roadmap.objects.select_related("country"), request.user, "upload", pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["roadmap"] = self.roadmap
        ctx["next_number"] = (
            self.roadmap.versions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        return ctx

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            version = services.roadmap_version_upload(
                actor=self.request.user,
                roadmap=self.roadmap,
                file=upload,
                filename=upload.name,
                change_summary=form.cleaned_data["change_summary"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for errors in exc.message_dict.values():
                    for error in errors:
                        form.add_error("file", error)
            else:
                form.add_error("file", exc)
            return self.form_invalid(form)
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Version {version.number} uploaded as a draft. "
            "Submit it when it is ready for the secretariat.",
        )
        return redirect("roadmaps:version-detail", pk=version.pk)


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
        can_submit = (
            RoadmapVersion.objects.restrict(user, services.SUBMIT).filter(pk=version.pk).exists()
        )
        moves = []
        for to_status in sorted(
            VERSION_STATUS_MOVES[version.status], key=list(VersionStatus.values).index
        ):
            allowed = can_submit if to_status == VersionStatus.SUBMITTED else user.is_secretariat
            if allowed:
                label, colour, needs_comment = MOVE_BUTTONS[to_status]
                moves.append(
                    {
                        "to_status": to_status,
                        "label": label,
                        "colour": colour,
                        "needs_comment": needs_comment,
                    }
                )
        ctx["moves"] = moves
        ctx["can_delete"] = (
            version.is_draft
            and can_submit
            and (user.is_secretariat or version.created_by_id == user.pk)
        )
        # Links into the assessment of this version, each only where this user may follow it.
        ctx["assessment"] = assessment_list(user=user).filter(version=version).first()
        ctx["can_assess"] = user.is_secretariat and (
            version.status in ASSESSABLE_VERSION_STATUSES or ctx["assessment"] is not None
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
        self.success_message = (
            f"Version {self.object.number} is now {transition.get_to_status_display().lower()}."
        )


class VersionDeleteView(_VersionActionView):
    """Delete a draft that was never submitted."""

    success_message = "The draft was deleted."

    def perform(self, form):
        services.roadmap_version_delete(actor=self.request.user, version=self.object)

    def get_success_url(self) -> str:
        if RoadmapVersion.objects.filter(pk=self.object.pk).exists():
            return reverse("roadmaps:version-detail", args=[self.object.pk])
        return reverse("roadmaps:roadmap-detail", args=[self.object.roadmap_id])


class VersionDownloadView(LoginRequiredMixin, View):
    """The file of a version, for those who may see it; nobody else learns it exists."""

    def get(self, request, pk):
        version = get_visible_or_404(RoadmapVersion.objects, request.user, pk=pk)
        try:
            handle = version.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404("The file of this version is missing.") from exc
        name = version.original_filename
        if not name.lower().endswith(version.extension):
            name = f"{name}{version.extension}"
        response = FileResponse(
            handle, as_attachment=True, filename=name, content_type=version.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


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
    success_message = "SDG saved."

    def perform(self, form):
        services.roadmap_goal_set(actor=self.request.user, roadmap=self.object, **form.cleaned_data)


class RoadmapTargetSetView(_RoadmapActionView):
    """Add or update an SDG target the roadmap addresses."""

    form_class = RoadmapTargetForm
    success_message = "SDG target saved."

    def perform(self, form):
        services.roadmap_target_set(
            actor=self.request.user, roadmap=self.object, **form.cleaned_data
        )


class RoadmapTargetRemoveView(_RoadmapActionView):
    """Remove an SDG target from the roadmap."""

    success_message = "SDG target removed."

    def perform(self, form):
        link = RoadmapTarget.objects.filter(roadmap=self.object, pk=self.kwargs["link_pk"]).first()
        if link is None:
            raise Http404("No such SDG target link.")
        services.roadmap_target_remove(actor=self.request.user, link=link)


class RoadmapCreateView(RoleRequiredMixin, FormView):
    """Open a roadmap record: the secretariat for any country or organisation, a focal point
    for their own country."""

    allowed_roles = (Role.SECRETARIAT, Role.FOCAL_POINT)
    template_name = "roadmaps/roadmap_form.html"
    form_class = RoadmapForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            roadmap = services.roadmap_create(actor=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, "Roadmap opened. Add its SDGs, then upload a first draft.")
        return redirect("roadmaps:roadmap-detail", pk=roadmap.pk)


class RoadmapUpdateView(LoginRequiredMixin, FormView):
    """Change a roadmap's title and summary."""

    template_name = "roadmaps/roadmap_form.html"
    form_class = RoadmapUpdateForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.roadmap = get_visible_or_404(
            Roadmap.objects, request.user, "link_sdgs", pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"title": self.roadmap.title, "summary": self.roadmap.summary}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "roadmap": self.roadmap}

    def form_valid(self, form):
        try:
            services.roadmap_update(
                actor=self.request.user, roadmap=self.roadmap, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, "Roadmap saved.")
        return redirect("roadmaps:roadmap-detail", pk=self.roadmap.pk)


def _add_errors(form, exc: ValidationError) -> None:
    """Put a model's validation errors on the form fields they belong to."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class RoadmapGoalRemoveView(_RoadmapActionView):
    """Remove an SDG from the roadmap."""

    success_message = "SDG removed."

    def perform(self, form):
        link = RoadmapGoal.objects.filter(roadmap=self.object, pk=self.kwargs["link_pk"]).first()
        if link is None:
            raise Http404("No such SDG link.")
        services.roadmap_goal_remove(actor=self.request.user, link=link)
