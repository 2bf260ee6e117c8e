from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, prefetch_related_objects
from django.forms import Form
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from audit.templatetags.audit import history_panel_models
from base.cache import page_read_key
from base.generic import RecordFormPageView, ScopedFilterView, ServiceFormView
from pilots import services
from pilots.choices import RoadmapStep
from pilots.forms import (
    CohortForm,
    CountryStepForm,
    FocalPointLinkForm,
    PilotCreateForm,
    PilotStepForm,
    PilotSupportForm,
    PilotTransitionForm,
    PilotUpdateForm,
    TaskTeamMemberForm,
    TaskTeamPersonForm,
)
from pilots.models import (
    Cohort,
    Country,
    FocalPoint,
    Pilot,
    PilotStatusChange,
    PilotStep,
    PilotSupport,
    Region,
    TaskTeamMember,
    TaskTeamPerson,
)
from pilots.rules import (
    country_record_change_refusal,
    my_country_can_open,
    pilot_can_change,
    pilot_change_refusal,
    pilot_list_can_open,
    pilot_step_can_change,
    pilot_step_change_refusal,
    task_team_change_refusal,
)
from portal.models import CountryRecordLink, PeerExchangeRequest
from portal.pilots.filtersets import PilotFilterSet
from portal.pilots.selectors import (
    pilot_detail_context,
    pilot_detail_list,
    pilot_keep_list,
    pilot_list,
    task_team_people,
)
from portal.workprogramme.forms import CountryRecordLinkForm, PeerExchangeRequestForm
from portal.workprogramme.rules import exchange_request_refusal
from portal.workprogramme.services import country_record_link_set, peer_exchange_request
from programme.models import Milestone, Organisation, User
from programme.roles import RoleRequiredMixin
from programme.selectors import get_visible_or_404
from roadmaps.models import (
    Goal,
    ReviewAssignment,
    Roadmap,
    RoadmapGoal,
    RoadmapVersion,
    VersionTransition,
)


class PilotListView(RoleRequiredMixin, ScopedFilterView):
    """All pilots with filters and sorting, for the secretariat, reviewers and advisers."""

    template_name = "pilots/pilot_list.html"

    @classmethod
    def allows(cls, user) -> bool:
        return pilot_list_can_open(user)

    selector = staticmethod(pilot_list)
    filterset_class = PilotFilterSet
    # The rows, their latest draft (scoped), supporters, and the filters' choices.
    cache_models = (
        Pilot,
        PilotStep,
        PilotSupport,
        Country,
        Region,
        Cohort,
        Organisation,
        Goal,
        RoadmapGoal,
        Roadmap,
        RoadmapVersion,
        ReviewAssignment,
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["step_labels"] = dict(RoadmapStep.choices)
        return ctx


class PilotDetailView(LoginRequiredMixin, DetailView):
    """One pilot's whole picture; for its focal points, their "my country" dashboard."""

    template_name = "pilots/pilot_detail.html"
    context_object_name = "pilot"

    def get_queryset(self):
        return pilot_detail_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, pilot = self.request.user, self.object
        # The page's body (the country's roadmaps, drafts, feedback, milestones, focal points,
        # steps, supporters, task team, history) is rendered once per scope, language and
        # generation of DETAIL_MODELS and kept (`read_key`); the secretariat's forms are pages
        # of their own that it links to, so the body holds no form and no token.
        ctx["read_key"] = page_read_key(self.request, "pilot-detail", DETAIL_MODELS)
        # The history panels below the body, one copy for all of them.
        ctx["history_key"] = page_read_key(self.request, "pilot-detail-history", HISTORY_MODELS)
        ctx["shown"] = SimpleLazyObject(lambda: _pilot_body(user, pilot))
        ctx["is_own_country"] = pilot.country_id in user.country_ids
        ctx["can_keep"] = pilot_can_change(user, pilot)
        return ctx


def _pilot_body(user, pilot) -> dict:
    """What the pilot page's body shows, read only when its cached copy is gone: the pilot's
    own records (prefetched onto it, a fixed number of queries) and the scoped reads."""
    prefetch_related_objects(
        [pilot], "steps", "supports__organisation", "task_team__organisation",
        "status_changes__actor",
    )  # fmt: skip
    return {
        **pilot_detail_context(user=user, pilot=pilot),
        "pilot": pilot,
        # All six for whoever records them (the rule), the recorded ones for other readers.
        "all_steps": _steps_of(pilot, every=pilot_step_can_change(user, pilot)),
        # Whose contact shows is the reader's rule (the body is kept per reader).
        "task_team_people": task_team_people(user=user, pilot=pilot),
    }


def _steps_of(pilot: Pilot, *, every: bool) -> list[tuple]:
    """The steps with the pilot's row for each: all six (None where nothing is recorded yet)
    with `every`, else only those recorded."""
    if not pilot.follows_steps:
        return []
    rows = {s.step: s for s in pilot.steps.all()}
    return [(step, rows.get(step.value)) for step in RoadmapStep if every or step.value in rows]


# What the pilot page's body reads (scoping included).
DETAIL_MODELS = (
    Pilot,
    PilotStep,
    PilotSupport,
    TaskTeamMember,
    TaskTeamPerson,
    PilotStatusChange,
    CountryRecordLink,
    PeerExchangeRequest,
    Region,
    Cohort,
    Roadmap,
    RoadmapGoal,
    Goal,
    RoadmapVersion,
    VersionTransition,
    ReviewAssignment,
    Milestone,
    FocalPoint,
    User,
    Country,
    Organisation,
)

# What the pilot page's history panels read: each panel's model, its history, the people who
# made the changes and the records its fields point to (`audit.templatetags.audit`).
HISTORY_MODELS = tuple(
    sorted(
        {
            model
            for shown in (
                Pilot,
                PilotStep,
                TaskTeamPerson,
                CountryRecordLink,
                PeerExchangeRequest,
                FocalPoint,
            )
            for model in history_panel_models(shown)
        },
        key=lambda model: model._meta.label_lower,
    )
)


class MyCountryView(LoginRequiredMixin, View):
    """A focal point's way in: their country's pilot page, or a choice when they speak for
    more than one country."""

    @classmethod
    def allows(cls, user) -> bool:
        """Whether the menu offers "My country" (others get a 404 here: no country)."""
        return my_country_can_open(user)

    def get(self, request):
        pilots = list(
            Pilot.objects.visible_to(request.user)
            .filter(country_id__in=request.user.country_ids)
            .select_related("country")
            .order_by("country__name")
        )
        if not pilots:
            raise Http404(gettext("You are not the focal point of a pilot country."))
        if len(pilots) == 1:
            return redirect("pilots:pilot-detail", pk=pilots[0].pk)
        return render(request, "pilots/my_countries.html", {"pilots": pilots})


class _PilotFormView(ServiceFormView):
    """One of the secretariat's record-keeping forms of a pilot, at its own address: GET shows
    the small form page (the pilot page links to it, so the page itself carries no form and
    no select of every organisation or person), POST saves through the service and goes back
    to the pilot page; a form with errors is shown again with 400. The rule is
    `pilot_change_refusal` (the pilot is loaded first: 404 outside the user's scope)."""

    template_name = "pilots/pilot_form.html"
    rule = staticmethod(pilot_change_refusal)
    title = ""
    submit_label = _("Save")
    # A question instead of fields (the confirm pages of End, Remove, Unlink).
    question = ""

    def setup_objects(self) -> None:
        self.object = get_visible_or_404(Pilot.objects, self.request.user, pk=self.kwargs["pk"])

    def get_rule_object(self):
        return self.object

    def get_success_url(self) -> str:
        return reverse("pilots:pilot-detail", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pilot=self.object,
            title=self.title,
            question=self.question,
            submit_label=self.submit_label,
            cancel_url=self.get_success_url(),
            **kwargs,
        )


class PilotTransitionView(_PilotFormView):
    """Move a pilot's status."""

    form_class = PilotTransitionForm
    title = _("Change status")
    submit_label = _("Change status")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "current": self.object.status}

    def perform(self, form):
        change = services.pilot_transition(
            actor=self.request.user, pilot=self.object, **form.cleaned_data
        )
        self.success_message = f"{self.object} is now {change.get_to_status_display().lower()}."


class PilotStepUpdateView(_PilotFormView):
    """Record progress in one methodology step."""

    form_class = PilotStepForm

    def setup_objects(self) -> None:
        super().setup_objects()
        try:
            self.step = RoadmapStep(self.kwargs["step"])
        except ValueError as exc:
            raise Http404 from exc

    @property
    def title(self):
        return gettext("Step %(n)s: %(label)s") % {"n": self.step.value, "label": self.step.label}

    def get_form_kwargs(self) -> dict:
        # The step's fields keep a per-step prefix (step2-status...), as they always posted.
        kwargs = {**super().get_form_kwargs(), "prefix": f"step{self.step.value}"}
        row = PilotStep.objects.filter(pilot=self.object, step=self.step.value).first()
        kwargs["initial"] = {
            "step": self.step.value,
            "status": getattr(row, "status", "not_started"),
            "started_on": getattr(row, "started_on", None),
            "completed_on": getattr(row, "completed_on", None),
            "notes": getattr(row, "notes", ""),
        }
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        row = services.pilot_step_update(
            actor=self.request.user,
            pilot=self.object,
            step=self.step.value,
            status=data["status"],
            started_on=data["started_on"],
            completed_on=data["completed_on"],
            notes=data["notes"],
        )
        self.success_message = gettext("Step %(step)s saved: %(status)s.") % {
            "step": row.step,
            "status": row.get_status_display().lower(),
        }


class PilotSupportCreateView(_PilotFormView):
    """Add a supporting organisation in a role."""

    form_class = PilotSupportForm
    title = _("Add a supporting organisation")
    submit_label = _("Add")
    success_message = _("Supporting organisation added.")

    def perform(self, form):
        services.pilot_support_create(
            actor=self.request.user, pilot=self.object, **form.cleaned_data
        )


class _PilotConfirmView(_PilotFormView):
    """A confirm page (GET asks, POST does it) for an action on one row of the pilot's
    records, named by `item` in the URL (404 for a row of another pilot)."""

    form_class = forms.Form
    item_model = None
    item_filter = "pilot"

    def setup_objects(self) -> None:
        super().setup_objects()
        rows = type(self).item_model.objects.filter(pk=self.kwargs["item"])
        if self.item_filter == "pilot":
            rows = rows.filter(pilot=self.object)
        else:
            rows = rows.filter(country_id=self.object.country_id)
        self.item = rows.first()
        if self.item is None:
            raise Http404


class PilotSupportEndView(_PilotConfirmView):
    """End a support role today (its history stays)."""

    item_model = PilotSupport
    title = _("End a support role")
    submit_label = _("End")
    success_message = _("Support role ended.")

    @property
    def question(self):
        return gettext("End %(org)s's role as %(role)s today?") % {
            "org": self.item.organisation.display_name,
            "role": self.item.get_role_display().lower(),
        }

    def perform(self, form):
        services.pilot_support_end(actor=self.request.user, support=self.item)


class TaskTeamMemberAddView(_PilotFormView):
    """Add a member institution to the national task team."""

    form_class = TaskTeamMemberForm
    title = _("Add a member institution")
    submit_label = _("Add")
    success_message = _("Task team member added.")

    def perform(self, form):
        services.task_team_member_add(
            actor=self.request.user, pilot=self.object, **form.cleaned_data
        )


class TaskTeamMemberRemoveView(_PilotConfirmView):
    """Take an institution off the national task team."""

    item_model = TaskTeamMember
    title = _("Remove a member institution")
    submit_label = _("Remove")
    success_message = _("Task team member removed.")

    @property
    def question(self):
        return gettext("Take %(org)s off the national task team?") % {
            "org": self.item.organisation.display_name
        }

    def perform(self, form):
        services.task_team_member_remove(actor=self.request.user, member=self.item)


class FocalPointLinkView(_PilotFormView):
    """Make a person a focal point of the pilot's country."""

    form_class = FocalPointLinkForm
    title = _("Link a focal point")
    submit_label = _("Link")
    success_message = _("Focal point linked.")

    def perform(self, form):
        # The service refuses a pilot with no country (pilots.rules.focal_point_link_refusal).
        services.focal_point_link(
            actor=self.request.user, country=self.object.country, **form.cleaned_data
        )


class FocalPointUnlinkView(_PilotConfirmView):
    """End a focal point's link to the pilot's country."""

    item_model = FocalPoint
    item_filter = "country"
    title = _("Unlink a focal point")
    submit_label = _("Unlink")
    success_message = _("Focal point unlinked.")

    @property
    def question(self):
        return gettext("End %(person)s's link to %(country)s as its focal point?") % {
            "person": self.item.user,
            "country": self.object.country,
        }

    def perform(self, form):
        services.focal_point_unlink(actor=self.request.user, link=self.item)


# --- The secretariat's forms for pilots and cohorts, each on its own page ------------------


class _PilotFormView(ServiceFormView):
    """A form page of the secretariat's about pilots (`pilot_change_refusal`, asked of the role
    first: 403 for others, whatever they may see)."""

    template_name = "form_page.html"
    rule = staticmethod(pilot_change_refusal)
    rule_needs_object = False
    title = ""
    submit_label = _("Save")

    @classmethod
    def allows(cls, user) -> bool:
        return pilot_can_change(user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            title=self.get_title(),
            cancel_url=self.get_success_url(),
            submit_label=self.submit_label,
        )
        return ctx

    def get_title(self) -> str:
        return str(self.title)


class PilotCreateView(_PilotFormView):
    """A country expresses interest: a new pilot, with the source of that expression."""

    form_class = PilotCreateForm
    title = _("A country expresses interest")
    submit_label = _("Add the pilot")
    success_message = _("Pilot added as interested.")

    def get_success_url(self) -> str:
        return reverse("pilots:pilot-list")

    def perform(self, form):
        pilot = services.pilot_create(actor=self.request.user, **form.cleaned_data)
        return reverse("pilots:pilot-detail", args=[pilot.pk])


class PilotUpdateView(_PilotFormView):
    """Correct a pilot's record (its status moves on the pilot's page)."""

    form_class = PilotUpdateForm
    success_message = _("Pilot record saved.")

    def setup_objects(self) -> None:
        self.pilot = get_visible_or_404(Pilot.objects, self.request.user, pk=self.kwargs["pk"])

    def get_title(self) -> str:
        return gettext("Edit the record of %(pilot)s") % {"pilot": self.pilot}

    def get_initial(self):
        return {name: getattr(self.pilot, name) for name in services.PILOT_EDITABLE_FIELDS}

    def get_success_url(self) -> str:
        return reverse("pilots:pilot-detail", args=[self.pilot.pk])

    def perform(self, form):
        services.pilot_update(actor=self.request.user, pilot=self.pilot, **form.cleaned_data)


class CohortListView(RoleRequiredMixin, ListView):
    """The cohorts, with their pilots counted, for the secretariat who keeps them."""

    template_name = "pilots/cohort_list.html"
    paginate_by = 50

    @classmethod
    def allows(cls, user) -> bool:
        return pilot_can_change(user)

    def get_queryset(self):
        return Cohort.objects.annotate(pilot_count=Count("pilots")).order_by("started_on", "name")


class CohortCreateView(_PilotFormView):
    """Open a cohort."""

    form_class = CohortForm
    title = _("New cohort")
    success_message = _("Cohort added.")

    def get_success_url(self) -> str:
        return reverse("pilots:cohort-list")

    def perform(self, form):
        services.cohort_create(actor=self.request.user, **form.cleaned_data)


class CohortUpdateView(_PilotFormView):
    """Correct a cohort."""

    form_class = CohortForm
    success_message = _("Cohort saved.")

    def setup_objects(self) -> None:
        self.cohort = get_object_or_404(Cohort, pk=self.kwargs["pk"])

    def get_title(self) -> str:
        return gettext("Edit the cohort %(name)s") % {"name": self.cohort.name}

    def get_initial(self):
        c = self.cohort
        return {"name": c.name, "started_on": c.started_on, "description": c.description}

    def get_success_url(self) -> str:
        return reverse("pilots:cohort-list")

    def perform(self, form):
        services.cohort_update(actor=self.request.user, cohort=self.cohort, **form.cleaned_data)


# --- What a country keeps of its own record --------------------------------------------------
# Each is a small form on a page of its own (GET shows it, POST saves and goes back to the
# pilot page); the pilot page only links to it where the rule allows. The pilot is loaded
# through `pilot_keep_list`, so another country's is a 404 before any rule is asked.


class _CountryRecordFormView(RecordFormPageView):
    """A form of the country's own record: the pilot in the user's keeping, then `rule`."""

    def setup_objects(self) -> None:
        self.pilot = get_object_or_404(
            pilot_keep_list(user=self.request.user), pk=self.kwargs["pk"]
        )

    def get_rule_object(self):
        return self.pilot

    def get_success_url(self) -> str:
        return reverse("pilots:pilot-detail", args=[self.pilot.pk])


class CountryStepView(_CountryRecordFormView):
    """Update one of the six methodology steps (the country's focal points, the secretariat)."""

    form_class = CountryStepForm
    rule = staticmethod(pilot_step_change_refusal)

    def setup_objects(self) -> None:
        super().setup_objects()
        if self.kwargs["step"] not in RoadmapStep.values or not self.pilot.follows_steps:
            raise Http404(gettext("No such step."))
        self.step = RoadmapStep(self.kwargs["step"])
        self.row = PilotStep.objects.filter(pilot=self.pilot, step=self.step.value).first()

    @property
    def title(self):
        return gettext("Step %(n)s: %(name)s") % {"n": self.step.value, "name": self.step.label}

    def get_initial(self):
        row = self.row
        if row is None:
            return {"status": "not_started"}
        return {
            "status": row.status,
            "started_on": row.started_on,
            "completed_on": row.completed_on,
            "notes": row.notes,
            "evidence_links": row.evidence_links,
        }

    def perform(self, form):
        row = services.pilot_step_update(
            actor=self.request.user, pilot=self.pilot, step=self.step.value, **form.cleaned_data
        )
        self.success_message = gettext("Step %(step)s saved: %(status)s.") % {
            "step": row.step,
            "status": row.get_status_display().lower(),
        }


class TaskTeamPersonAddView(_CountryRecordFormView):
    """Name a person on the national task team."""

    form_class = TaskTeamPersonForm
    rule = staticmethod(task_team_change_refusal)
    title = _("Add a person to the national task team")
    success_message = _("Task team member added.")

    def perform(self, form):
        services.task_team_person_add(
            actor=self.request.user, pilot=self.pilot, **form.cleaned_data
        )


class TaskTeamPersonRemoveView(_CountryRecordFormView):
    """Take a person off the national task team, after a confirmation page (GET)."""

    form_class = Form
    rule = staticmethod(task_team_change_refusal)
    success_message = _("Task team member removed.")

    def setup_objects(self) -> None:
        super().setup_objects()
        self.person = get_object_or_404(
            TaskTeamPerson.objects.filter(pilot=self.pilot), pk=self.kwargs["item"]
        )

    @property
    def title(self):
        return gettext("Remove %(name)s from the national task team") % {"name": self.person.name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(submit_label=gettext("Remove"), **kwargs)

    def perform(self, form):
        services.task_team_person_remove(actor=self.request.user, person=self.person)


class CountryRecordsView(_CountryRecordFormView):
    """Note the country's record on STIP Compass or GO-SPIN (an empty record removes it)."""

    form_class = CountryRecordLinkForm
    title = _("The country's records on other sources")
    intro = _("STIP Compass and GO-SPIN keep public records of countries' STI policies.")
    success_message = _("Country record saved.")

    @staticmethod
    def rule(user, pilot):
        return country_record_change_refusal(user, pilot.country)

    def perform(self, form):
        country_record_link_set(
            actor=self.request.user, country=self.pilot.country, **form.cleaned_data
        )


class PeerExchangeRequestView(_CountryRecordFormView):
    """Ask for a peer exchange with a country the pilot suggests."""

    form_class = PeerExchangeRequestForm
    rule = staticmethod(exchange_request_refusal)
    title = _("Ask for a peer exchange")
    intro = _("Suggest a country to learn from; the secretariat arranges the exchange.")
    success_message = _("Peer exchange requested: the secretariat will be in touch.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "learner": self.pilot}

    def perform(self, form):
        peer_exchange_request(actor=self.request.user, learner=self.pilot, **form.cleaned_data)
