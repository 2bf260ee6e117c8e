"""The public site: what the programme has made public, readable without signing in.

The programme and its components, announced pilots, meetings held, Guidebook editions out for
consultation or published, and the roadmaps (with their scorecards) whose country consented to
public release; open-data downloads of the same under the licence in settings. Every row comes
from a `public_*` selector in `portal.workprogramme.selectors`, nowhere else.
"""

from __future__ import annotations

import csv
import io
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import TemplateView

from base.httpcache import PublicPageMixin, shared_response
from base.spreadsheets import spreadsheet_cell
from egm.models import Meeting
from guidebook.models import GuidebookEdition
from pilots.choices import RoadmapStep, StepStatus
from pilots.models import Cohort, Country, Pilot, PilotStep, Region
from portal.models import CountryRecordLink, SupportOutput
from portal.workprogramme.content import AIMS, COMPONENT_TEXT, SOURCE
from portal.workprogramme.selectors import (
    public_edition_list,
    public_meeting_list,
    public_output_list,
    public_pilot_list,
    public_scorecard_list,
    public_version_list,
)
from programme.forms import LanguageForm
from programme.models import Organisation, WorkProgrammeComponent
from roadmaps import scoring
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Criterion,
    CriterionGroup,
    PublicReleaseConsent,
    Roadmap,
    RoadmapVersion,
)

# What the public pages and downloads are built from: a write to any of them makes every
# public page read afresh (public:* selectors, the components' text and leads, the consents).
PUBLIC_MODELS = (
    WorkProgrammeComponent,
    Organisation,
    Pilot,
    PilotStep,
    Country,
    Region,
    Cohort,
    CountryRecordLink,
    Meeting,
    GuidebookEdition,
    Roadmap,
    RoadmapVersion,
    PublicReleaseConsent,
    Assessment,
    ConsolidatedScore,
    Criterion,
    CriterionGroup,
    SupportOutput,
)


class PublicMixin(PublicPageMixin):
    """One copy of each page per language and generation of PUBLIC_MODELS, served with
    validators and public cache headers (`base.httpcache`): the page shows nothing of its
    reader (no sign-in state, no CSRF token: the language switcher is a GET form)."""

    def shared_models(self):
        return PUBLIC_MODELS


class PublicLanguageView(View):
    """The public site's language switcher: sets the visitor's language cookie and goes back.

    A GET, unlike the signed-in site's POST switcher, so the shared public pages carry no
    CSRF token; it changes only the cookie of the browser that follows it, nothing stored."""

    def get(self, request):
        form = LanguageForm(request.GET)
        target = request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("public:home")
        response = redirect(target)
        response["Cache-Control"] = "private, no-store"
        if not form.is_valid():
            return response
        language = form.cleaned_data["language"]
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        else:
            response.delete_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
            )
        return response


def _scorecards_by_version() -> dict[int, object]:
    cards = {}
    for assessment in public_scorecard_list():
        rows = sorted(assessment.scores.all(), key=lambda s: s.criterion.number)
        summary = scoring.summarise(
            scoring.CriterionScore(s.criterion.number, s.criterion.group.code, s.score)
            for s in rows
        )
        cards[assessment.version_id] = {"rows": rows, "summary": summary}
    return cards


class PublicHomeView(PublicMixin, TemplateView):
    """The programme, its pilots, meetings, Guidebook and public roadmaps."""

    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        components = list(WorkProgrammeComponent.objects.prefetch_related("lead_organisations"))
        for component in components:
            component.text = COMPONENT_TEXT.get(component.slug, "")
        cards = _scorecards_by_version()
        versions = list(public_version_list())
        for version in versions:
            card = cards.get(version.pk)
            version.overall = card["summary"].overall if card else None
        ctx.update(
            aims=AIMS,
            source=SOURCE,
            components=components,
            pilots=public_pilot_list(),
            meetings=public_meeting_list(),
            editions=public_edition_list(),
            versions=versions,
            outputs=public_output_list().prefetch_related("organisations"),
        )
        return ctx


class PublicPilotView(PublicMixin, TemplateView):
    """An announced pilot: its steps, and its records on other public sources."""

    template_name = "public/pilot.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pilot = get_object_or_404(public_pilot_list(), pk=kwargs["pk"])
        steps = {s.step: s for s in pilot.steps.filter(illustrative=False)}
        links = (
            CountryRecordLink.objects.filter(country=pilot.country).select_related("country")
            if pilot.country_id
            else []
        )
        ctx.update(
            pilot=pilot,
            steps=[(step, steps.get(step.value)) for step in RoadmapStep],
            done=StepStatus.DONE,
            record_links=[(link.get_source_display(), link.url) for link in links],
            versions=public_version_list().filter(roadmap__country=pilot.country_id)
            if pilot.country_id
            else [],
        )
        return ctx


class PublicRoadmapView(PublicMixin, TemplateView):
    """A publicly released roadmap version and its scorecard."""

    template_name = "public/roadmap.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        version = get_object_or_404(public_version_list(), pk=kwargs["pk"])
        ctx.update(version=version, card=_scorecards_by_version().get(version.pk))
        return ctx


class PublicRoadmapFileView(View):
    """The document of a publicly released version."""

    def get(self, request, pk):
        version = get_object_or_404(public_version_list(), pk=pk)
        try:
            handle = version.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404(_("The file is not available.")) from exc
        name = version.original_filename
        response = FileResponse(
            handle, as_attachment=True, filename=name, content_type=version.content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- Open data -------------------------------------------------------------------------------


def _pilot_rows():
    for p in public_pilot_list():
        yield {
            "pilot": str(p),
            "kind": p.kind,
            "country_iso3": p.country.iso3 if p.country_id else "",
            "region": str(p.country.region) if p.country_id else "",
            "status": p.status,
            "cohort": str(p.cohort or ""),
            "joined_on": p.joined_on,
            "steps_done": p.steps_done,
        }


def _meeting_rows():
    for m in public_meeting_list():
        yield {
            "title": m.title,
            "kind": m.kind,
            "start_date": m.start_date,
            "end_date": m.end_date,
            "city": m.city,
            "country_iso3": m.country.iso3 if m.country_id else "",
        }


def _edition_rows():
    for e in public_edition_list():
        yield {
            "title": e.title,
            "label": e.label,
            "status": e.status,
            "target_date": e.target_date,
            "published_on": e.published_on,
        }


def _roadmap_rows():
    cards = _scorecards_by_version()
    for v in public_version_list():
        card = cards.get(v.pk)
        row = {
            "roadmap": v.roadmap.title,
            "country_iso3": v.roadmap.country.iso3 if v.roadmap.country_id else "",
            "version": v.number,
            "published_at": v.published_at,
            "overall_score": card["summary"].overall if card else None,
        }
        scores = {s.criterion.number: s.score for s in card["rows"]} if card else {}
        for n in range(1, 11):
            row[f"criterion_{n}"] = scores.get(n)
        yield row


DATASETS = {
    "pilots": _pilot_rows,
    "meetings": _meeting_rows,
    "guidebook-editions": _edition_rows,
    "roadmaps": _roadmap_rows,
}


# What readers call each file (its key stays in the address).
DATASET_LABELS = {
    "pilots": _lazy("Pilots"),
    "meetings": _lazy("Meetings"),
    "guidebook-editions": _lazy("Guidebook editions"),
    "roadmaps": _lazy("Roadmaps"),
}


class PublicDataView(PublicMixin, TemplateView):
    """The open-data downloads and their licence."""

    template_name = "public/data.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["datasets"] = [(key, DATASET_LABELS[key]) for key in DATASETS]
        return ctx


class PublicDownloadView(View):
    """One dataset as CSV or JSON, with the licence named in the file's headers."""

    def get(self, request, dataset, fmt):
        if dataset not in DATASETS or fmt not in ("csv", "json"):
            raise Http404(_("No such dataset."))
        return shared_response(
            request,
            name="public:download",
            model_list=PUBLIC_MODELS,
            build=lambda: self.build(dataset, fmt),
        )

    def build(self, dataset: str, fmt: str) -> HttpResponse:
        rows = list(DATASETS[dataset]())
        licence = settings.OPEN_DATA_LICENCE
        if fmt == "json":
            body = json.dumps(
                {"licence": licence, "dataset": dataset, "rows": rows},
                cls=DjangoJSONEncoder,
                indent=1,
            )
            response = HttpResponse(body, content_type="application/json")
        else:
            buffer = io.StringIO()
            if rows:
                writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(
                    {key: spreadsheet_cell(value) for key, value in row.items()} for row in rows
                )
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{dataset}.{fmt}"'
        response["Link"] = f'<{licence["url"]}>; rel="license"'
        return response
