"""Pages of the work programme: the components, the trust fund, the support landscape, peer
learning, international-support outputs, consents to public release and the programme report.

Who may open which page or make which write is a rule of portal/workprogramme/rules.py,
asked by each view (`allows`, `rule`); rows come from the selectors.
"""

from __future__ import annotations

import csv
import io

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from base.cache import page_read_key
from base.generic import RulePageMixin
from base.generic import ServiceFormView as BaseServiceFormView
from base.spreadsheets import spreadsheet_row
from egm.choices import MeetingStatus
from egm.models import Meeting
from guidebook.models import GuidebookEdition
from pilots.models import Country, Pilot, PilotStep, PilotSupport, PilotSupportScope, Region
from portal.models import (
    ExchangeRate,
    PeerExchange,
    PeerExchangeRequest,
    SupportOutput,
    TrustFund,
)
from portal.workprogramme import forms as wp_forms
from portal.workprogramme import money, services
from portal.workprogramme.content import AIMS, COMPONENT_TEXT, SOURCE, TRUST_FUND_PURPOSES
from portal.workprogramme.filtersets import PilotSupportFilterSet
from portal.workprogramme.landscape import build_landscape, support_goals, support_steps
from portal.workprogramme.peers import peer_suggestions
from portal.workprogramme.report import Period, default_period, programme_report_pdf
from portal.workprogramme.rules import (
    landscape_can_open,
    peer_learning_can_open,
    peer_learning_open_refusal,
    workprogramme_can_keep,
    workprogramme_keep_refusal,
)
from portal.workprogramme.selectors import (
    component_overview,
    consent_list,
    landscape_pilot_list,
    peer_exchange_list,
    peer_exchange_request_list,
    peer_learning_pilot_list,
    pledge_list,
    public_edition_list,
    public_version_list,
    support_list,
    support_output_list,
    trust_fund_totals,
)
from programme.models import Milestone, Organisation, User, WorkProgrammeComponent
from programme.roles import RoleRequiredMixin
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Criterion,
    PublicReleaseConsent,
    ReviewAssignment,
    Roadmap,
    RoadmapGoal,
    RoadmapVersion,
)


class ServiceFormView(BaseServiceFormView):
    """A secretariat form of the work programme (`workprogramme_keep_refusal`): the shared
    base, with this app's template, title and cancel link."""

    template_name = "workprogramme/form.html"
    title = ""
    rule = staticmethod(workprogramme_keep_refusal)

    def perform(self, form):
        return self.record(form.cleaned_data)

    def record(self, data: dict):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title, cancel_url=self.get_success_url(), **kwargs
        )


class _LandscapeMixin(RoleRequiredMixin):
    """Pages of the support landscape and its outputs: `landscape_can_open` says who."""

    @classmethod
    def allows(cls, user) -> bool:
        return landscape_can_open(user)


class _KeepMixin(RoleRequiredMixin):
    """The secretariat's pages of the programme's records: `workprogramme_can_keep`."""

    @classmethod
    def allows(cls, user) -> bool:
        return workprogramme_can_keep(user)


# --- The work programme ----------------------------------------------------------------------


class WorkProgrammeView(LoginRequiredMixin, TemplateView):
    """The three aims and the four components, each with its leads, next milestones,
    activities and progress.

    The components' part is read lazily by the template, only when its cached copy (under
    `read_key`: the reader's scope and language, the day, WORK_PROGRAMME_MODELS) is gone."""

    template_name = "workprogramme/overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["read_key"] = page_read_key(self.request, "work-programme", WORK_PROGRAMME_MODELS)
        ctx.update(
            aims=AIMS,
            source=SOURCE,
            components=SimpleLazyObject(lambda: _components(user)),
            fund_purposes=TRUST_FUND_PURPOSES,
        )
        if workprogramme_can_keep(user):
            today = timezone.localdate()
            period = default_period(today)
            ctx["report_form"] = wp_forms.ReportPeriodForm(
                initial={"start": period.start, "end": period.end}, today=today
            )
        return ctx


def _components(user) -> list:
    components = component_overview(user=user)
    supports = support_list(user=user).current()
    landscape = build_landscape(supports=supports, pilots=landscape_pilot_list(user=user))
    held = Meeting.objects.visible_to(user).filter(status=MeetingStatus.HELD).count()
    activity = {
        "peer-learning": [
            _("%(n)s meetings held") % {"n": held},
            _("%(n)s peer exchanges recorded") % {"n": peer_exchange_list(user=user).count()},
            _("%(n)s peer exchanges requested")
            % {"n": peer_exchange_request_list(user=user).count()},
        ],
        "joint-support-for-pilot-countries": [
            _("%(n)s organisations supporting %(p)s pilots today")
            % {
                "n": len(landscape.organisations),
                "p": len({s.pilot_id for s in supports if s.pilot_id}),
            }
        ],
        "donor-coordination": [
            _("%(g)s steps nobody supports, %(o)s steps with three or more organisations")
            % {"g": len(landscape.gaps), "o": len(landscape.overlaps)}
        ],
        "knowledge-and-advocacy": [
            _("%(n)s roadmaps released to the public") % {"n": public_version_list().count()},
            _("%(n)s Guidebook editions public") % {"n": public_edition_list().count()},
        ],
    }
    for component in components:
        component.text = COMPONENT_TEXT.get(component.slug, "")
        component.activity = activity.get(component.slug, [])
        total = component.milestones_total
        component.progress = round(100 * component.milestones_done / total) if total else None
    return components


# What the work-programme page's cached part reads (scoping included).
WORK_PROGRAMME_MODELS = (
    WorkProgrammeComponent,
    Organisation,
    Milestone,
    SupportOutput,
    PilotSupport,
    PilotSupportScope,
    Pilot,
    PilotStep,
    Country,
    Meeting,
    PeerExchange,
    PeerExchangeRequest,
    RoadmapVersion,
    PublicReleaseConsent,
    GuidebookEdition,
    User,
)


# --- Trust fund ------------------------------------------------------------------------------


class TrustFundView(_KeepMixin, TemplateView):
    """Pledges and receipts per donor, totals per currency and in USD where a rate exists."""

    template_name = "workprogramme/trust_fund.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        totals = trust_fund_totals()
        ctx.update(
            funds=TrustFund.objects.select_related("administered_by"),
            pledges=pledge_list(user=self.request.user),
            totals=totals,
            usd=money.usd_total(totals),
            rates=ExchangeRate.objects.select_related("recorded_by")[:20],
        )
        return ctx


class PledgeCreateView(ServiceFormView):
    form_class = wp_forms.PledgeForm
    title = gettext_lazy("Record a pledge")
    success_message = gettext_lazy("Pledge recorded.")

    def get_success_url(self):
        return reverse("workprogramme:trust-fund")

    def record(self, data):
        return services.trust_fund_pledge_record(actor=self.request.user, **data)


class ReceiptCreateView(ServiceFormView):
    form_class = wp_forms.ReceiptForm
    success_message = gettext_lazy("Receipt recorded.")

    @cached_property
    def pledge(self):
        return get_object_or_404(pledge_list(user=self.request.user), pk=self.kwargs["pk"])

    @property
    def title(self):
        return _("Record money received against %(pledge)s") % {"pledge": self.pledge}

    def get_success_url(self):
        return reverse("workprogramme:trust-fund")

    def record(self, data):
        return services.trust_fund_receipt_record(
            actor=self.request.user, pledge=self.pledge, **data
        )


class ExchangeRateCreateView(ServiceFormView):
    form_class = wp_forms.ExchangeRateForm
    title = gettext_lazy("Record an exchange rate")
    success_message = gettext_lazy("Exchange rate recorded.")

    def get_success_url(self):
        return reverse("workprogramme:trust-fund")

    def record(self, data):
        return services.exchange_rate_record(actor=self.request.user, **data)


# --- Support landscape -----------------------------------------------------------------------


def landscape_for(request):
    """The filtered landscape a request asks for (page and export share it)."""
    user = request.user
    filterset = PilotSupportFilterSet(request.GET or None, queryset=support_list(user=user))
    pilots = landscape_pilot_list(user=user)
    steps = None
    if filterset.is_bound and filterset.form.is_valid():
        data = filterset.form.cleaned_data
        if data.get("region"):
            pilots = pilots.filter(country__region=data["region"])
        if data.get("step"):
            steps = [int(data["step"])]
    return filterset, build_landscape(supports=filterset.qs, pilots=pilots, steps=steps)


# Pilots (columns of the matrix) a page of the landscape shows; the exports hold them all.
LANDSCAPE_PILOTS_PER_PAGE = 20


class LandscapeView(_LandscapeMixin, TemplateView):
    """Who supports which pilot, on which steps: the matrix with its gaps and overlaps.

    At programme scale the matrix has a column per pilot; it is shown
    LANDSCAPE_PILOTS_PER_PAGE pilots a page (with the organisations that support one of
    them), the gaps and overlaps counted over every pilot in view and listed for the page's.
    The page's matrix is read lazily, only when its cached copy (under `read_key`: scope,
    language, query with the page, LANDSCAPE_MODELS) is gone."""

    template_name = "workprogramme/landscape.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        request = self.request
        query = request.GET.copy()
        query.pop("page", None)
        ctx["read_key"] = page_read_key(request, "landscape", LANDSCAPE_MODELS)
        ctx["querystring"] = query.urlencode()
        ctx["shown"] = SimpleLazyObject(lambda: _landscape_page(request))
        # The filter form is outside the cached part: built from the request, cheap.
        ctx["filter"] = PilotSupportFilterSet(
            request.GET or None, queryset=support_list(user=request.user)
        )
        return ctx


def _landscape_page(request) -> dict:
    _filterset, landscape = landscape_for(request)
    paginator = Paginator(landscape.columns, LANDSCAPE_PILOTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    columns = list(page.object_list)
    pilots = [c.pilot for c in columns]
    rows = landscape.rows_for(pilots)
    user = request.user
    return {
        "landscape": landscape,
        "columns": columns,
        "pilots": pilots,
        "rows": rows,
        "gaps": [g for c in columns for g in c.gaps],
        "overlaps": [o for c in columns for o in c.overlaps],
        "page_obj": page,
        "paginator": paginator,
        "is_paginated": paginator.num_pages > 1,
        "may_learn": {p.pk for p in pilots if peer_learning_can_open(user, p)},
    }


# What the landscape's cached part reads (scoping included).
LANDSCAPE_MODELS = (
    PilotSupport,
    PilotSupportScope,
    Pilot,
    PilotStep,
    Country,
    Region,
    Organisation,
    User,
)


def _support_cells(support) -> list:
    steps = support_steps(support)
    goals = support_goals(support)
    return [
        str(support.organisation),
        str(support.pilot),
        support.get_role_display(),
        " ".join(str(s) for s in steps),
        " ".join(str(g) for g in goals),
        support.start_on.isoformat() if support.start_on else "",
        support.end_on.isoformat() if support.end_on else "",
    ]


SUPPORT_HEADER = ["organisation", "pilot", "role", "steps", "sdgs", "start_on", "end_on"]
FLAG_HEADER = ["pilot", "step", "step_name", "flag", "organisations"]


def _flag_rows(landscape) -> list[list]:
    rows = [[str(g.pilot), g.step, str(g.step_label), "gap", ""] for g in landscape.gaps]
    rows += [
        [
            str(o.pilot),
            o.step,
            str(o.step_label),
            "overlap",
            "; ".join(str(x) for x in o.organisations),
        ]
        for o in landscape.overlaps
    ]
    return rows


class LandscapeExportView(_LandscapeMixin, View):
    """The filtered landscape as CSV (support records) or XLSX (records, gaps and overlaps)."""

    def get(self, request):
        fmt = request.GET.get("format", "csv")
        if fmt not in ("csv", "xlsx"):
            raise Http404(_("Choose csv or xlsx."))
        _filterset, landscape = landscape_for(request)
        supports = [s for _org, cells in landscape.rows for cell in cells for s in cell]
        stamp = timezone.localdate().isoformat()
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(SUPPORT_HEADER)
            writer.writerows(spreadsheet_row(_support_cells(s)) for s in supports)
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.title = "support"
            sheet.append(SUPPORT_HEADER)
            for s in supports:
                sheet.append(spreadsheet_row(_support_cells(s)))
            flags = book.create_sheet("gaps and overlaps")
            flags.append(FLAG_HEADER)
            for row in _flag_rows(landscape):
                flags.append(spreadsheet_row(row))
            buffer = io.BytesIO()
            book.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="support-landscape-{stamp}.{fmt}"'
        return response


class SupportCreateView(ServiceFormView):
    form_class = wp_forms.PilotSupportForm
    title = gettext_lazy("Record support for a pilot")
    success_message = gettext_lazy("Support recorded.")

    def get_success_url(self):
        return reverse("workprogramme:landscape")

    def record(self, data):
        return services.pilot_support_record(actor=self.request.user, **data)


# --- Peer learning ---------------------------------------------------------------------------


def peer_learning_pilot(user, pk: int) -> Pilot:
    """The pilot whose peer-learning page `user` may open; 404 for any other."""
    return get_object_or_404(peer_learning_pilot_list(user=user), pk=pk)


class PeerLearningView(RulePageMixin, TemplateView):
    """Countries a pilot could learn from, and the exchanges that took place.

    `peer_learning_open_refusal` is asked of the role first (403 for one that opens no peer
    learning), then the pilot is loaded in the user's scope (404 for another country's)."""

    template_name = "workprogramme/peer_learning.html"
    rule = staticmethod(peer_learning_open_refusal)

    def setup_objects(self) -> None:
        self.pilot = peer_learning_pilot(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        pilot = self.pilot
        # Read lazily, only when the cached copy (under `read_key`: scope, language, pilot,
        # PEER_LEARNING_MODELS) is gone.
        ctx.update(
            pilot=pilot,
            read_key=page_read_key(self.request, "peer-learning", PEER_LEARNING_MODELS),
            learning=SimpleLazyObject(lambda: peer_suggestions(user=user, pilot=pilot)),
            exchanges=peer_exchange_list(user=user).filter(learner=pilot),
            requested=peer_exchange_request_list(user=user).filter(learner=pilot),
        )
        return ctx


# What the peer-learning page's cached part reads (scoping included).
PEER_LEARNING_MODELS = (
    Pilot,
    Country,
    Region,
    Roadmap,
    RoadmapGoal,
    RoadmapVersion,
    Assessment,
    ConsolidatedScore,
    Criterion,
    ReviewAssignment,
    PeerExchange,
    PeerExchangeRequest,
    User,
)


class PeerExchangeCreateView(ServiceFormView):
    form_class = wp_forms.PeerExchangeForm
    success_message = gettext_lazy("Peer exchange recorded.")

    @cached_property
    def pilot(self):
        return peer_learning_pilot(self.request.user, self.kwargs["pk"])

    @property
    def title(self):
        return _("Record a peer exchange of %(pilot)s") % {"pilot": self.pilot}

    def get_success_url(self):
        return reverse("workprogramme:peer-learning", args=[self.pilot.pk])

    def record(self, data):
        return services.peer_exchange_record(actor=self.request.user, learner=self.pilot, **data)


# --- International support outputs ----------------------------------------------------------


class SupportOutputListView(_LandscapeMixin, TemplateView):
    """Shared understandings of international support: strategies, mainstreaming, deep dives."""

    template_name = "workprogramme/output_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["outputs"] = support_output_list(user=self.request.user).prefetch_related(
            "organisations", "components"
        )
        return ctx


class SupportOutputCreateView(ServiceFormView):
    form_class = wp_forms.SupportOutputForm
    title = gettext_lazy("Record an international-support output")
    success_message = gettext_lazy("Output recorded.")

    def get_success_url(self):
        return reverse("workprogramme:output-list")

    def record(self, data):
        return services.support_output_record(actor=self.request.user, **data)


# --- Consent to public release ---------------------------------------------------------------


class ConsentListView(_KeepMixin, TemplateView):
    """Countries' consents to show a published roadmap and its scorecard to the world."""

    template_name = "workprogramme/consent_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The list is drawn once per reader's scope, language and generation of
        # CONSENT_MODELS and kept (`read_key`); withdrawing is a page of its own that each row
        # links to, so the list holds no form. The rows are read only when that copy is gone.
        ctx["read_key"] = page_read_key(self.request, "consent-list", CONSENT_MODELS)
        user = self.request.user
        ctx["consents"] = SimpleLazyObject(lambda: list(consent_list(user=user)))
        return ctx


# What the consent list shows: the consents, their versions and roadmaps, whose country names
# them, and who recorded each.
CONSENT_MODELS = (PublicReleaseConsent, RoadmapVersion, Roadmap, Country, User)


class ConsentCreateView(ServiceFormView):
    form_class = wp_forms.ConsentForm
    title = gettext_lazy("Record consent to public release")
    success_message = gettext_lazy("Consent recorded: the version is on the public site.")

    def get_success_url(self):
        return reverse("workprogramme:consent-list")

    def record(self, data):
        return services.public_release_consent_record(actor=self.request.user, **data)


class ConsentWithdrawView(ServiceFormView):
    """Take a version off the public site: a form page of its own (GET asks the date the
    consent was withdrawn), saved by POST back to the consents, so their list carries no
    form (secretariat, `workprogramme_keep_refusal`)."""

    form_class = wp_forms.WithdrawConsentForm
    success_message = gettext_lazy("Consent withdrawn: the version left the public site.")
    rule_needs_object = False

    def setup_objects(self) -> None:
        self.consent = get_object_or_404(consent_list(user=self.request.user), pk=self.kwargs["pk"])

    @property
    def title(self) -> str:
        return _("Withdraw the consent to the public release of %(version)s") % {
            "version": self.consent.version
        }

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def get_success_url(self):
        return reverse("workprogramme:consent-list")

    def record(self, data):
        services.public_release_consent_withdraw(
            actor=self.request.user, consent=self.consent, **data
        )


# --- Programme report ------------------------------------------------------------------------


class ProgrammeReportView(_KeepMixin, View):
    """The programme report as a PDF for the period the secretariat chooses (by default from
    the first of January of last year to today); a period that does not hold answers 400 with
    the form and its errors."""

    def get(self, request):
        today = timezone.localdate()
        if "start" in request.GET or "end" in request.GET:
            form = wp_forms.ReportPeriodForm(request.GET, today=today)
            if not form.is_valid():
                return render(request, "workprogramme/report_form.html", {"form": form}, status=400)
            period = Period(form.cleaned_data["start"], form.cleaned_data["end"])
        else:
            period = default_period(today)
        pdf = programme_report_pdf(user=request.user, period=period)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"programme-report-{period.start.isoformat()}-{period.end.isoformat()}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class CountryRecordLinkView(ServiceFormView):
    """Note (or, with no record, remove) a pilot country's record on a public source: a form
    page of its own (GET), saved by POST back to the pilot page, so the pilot page carries
    no form (secretariat, `workprogramme_keep_refusal`)."""

    form_class = wp_forms.CountryRecordLinkForm
    title = gettext_lazy("Note a record on another source")
    success_message = gettext_lazy("Country record saved.")
    rule_needs_object = False

    def setup_objects(self) -> None:
        self.pilot = get_object_or_404(
            Pilot.objects.visible_to(self.request.user).filter(country__isnull=False),
            pk=self.kwargs["pk"],
        )

    def get_success_url(self):
        return reverse("pilots:pilot-detail", args=[self.pilot.pk])

    def record(self, data):
        services.country_record_link_set(
            actor=self.request.user, country=self.pilot.country, **data
        )
