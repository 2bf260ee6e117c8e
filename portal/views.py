from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django.views.i18n import set_language

from base.cache import page_read_key
from base.charts import TimelineItem, timeline
from base.errors import DomainError
from base.generic import ScopedFilterView
from egm.models import ActionItem, Meeting
from monitoring.models import CountryUpdate
from monitoring.selectors import updates_to_review
from pilots.choices import PilotStatus
from pilots.models import Country, Pilot
from portal.calendars import calendar_build
from portal.selectors import calendar_public_items, calendar_user_items, timeline_meetings
from programme.choices import MilestoneStatus
from programme.filtersets import MilestoneFilterSet, OrganisationFilterSet
from programme.forms import ApiTokenForm, LanguageForm, ReminderPreferencesForm
from programme.models import ApiToken, Milestone, User, WorkProgrammeComponent
from programme.notifications import mute_token_user
from programme.roles import RoleRequiredMixin
from programme.rules import api_token_can_manage, programme_record_can_keep, signin_lock_can_lift
from programme.selectors import (
    calendar_owner,
    milestone_attention,
    milestone_list,
    organisation_list,
    signin_lock_list,
)
from programme.services import (
    api_token_create,
    api_token_revoke,
    calendar_token_reset,
    reminder_preferences_update,
    signin_lock_lift,
    signin_locks_clear_after_reset,
    user_language_set,
)
from roadmaps.choices import WITH_SECRETARIAT_STATUSES, VersionStatus
from roadmaps.models import Assessment, ReviewAssignment, Roadmap, RoadmapVersion


class DashboardView(LoginRequiredMixin, TemplateView):
    """The landing page: what needs attention now, for the signed-in user's role."""

    template_name = "programme/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        if user.is_partner_only:
            # A partner's way in is the API: show their tokens and where the docs are.
            ctx["api_tokens"] = ApiToken.objects.filter(user=user).order_by("-created_at")
        # Everything below is read lazily, by the template, only when its cached copy (under
        # `read_key`) is gone: a write to one of DASHBOARD_MODELS, or a new day.
        ctx["read_key"] = page_read_key(self.request, "dashboard", DASHBOARD_MODELS)
        ctx["milestones"] = milestone_list(user=user).upcoming(today)[:8]
        ctx["attention"] = SimpleLazyObject(lambda: milestone_attention(user=user, today=today))
        ctx["meetings"] = (
            Meeting.objects.visible_to(user)
            .select_related("country")
            .order_by(F("start_date").desc(nulls_last=True))[:5]
        )
        ctx["figures"] = SimpleLazyObject(lambda: _dashboard_figures(user))
        ctx["updates_to_review"] = updates_to_review(user=user)[:8]
        return ctx


# What the dashboard's cached part is built from (scoping included).
DASHBOARD_MODELS = (
    CountryUpdate,
    Milestone,
    Meeting,
    Pilot,
    RoadmapVersion,
    Roadmap,
    ReviewAssignment,
    User,
    WorkProgrammeComponent,
)


def _dashboard_figures(user) -> dict:
    # Pilot countries: international partners take part, but are not pilots to count.
    countries = Pilot.objects.visible_to(user).countries()
    counts = countries.values("status").annotate(n=Count("id")).order_by()
    pilot_counts = [{**row, "label": PilotStatus(row["status"]).label} for row in counts]
    versions = RoadmapVersion.objects.visible_to(user)
    return {
        "pilot_counts": pilot_counts,
        "pilots_total": sum(row["n"] for row in pilot_counts),
        "awaiting_review": versions.filter(status__in=WITH_SECRETARIAT_STATUSES).count(),
        "published": versions.filter(status=VersionStatus.PUBLISHED).count(),
    }


class OrganisationListView(RoleRequiredMixin, ScopedFilterView):
    """Every organisation in the programme, for the secretariat."""

    @classmethod
    def allows(cls, user) -> bool:
        return programme_record_can_keep(user)

    template_name = "programme/organisation_list.html"
    selector = staticmethod(organisation_list)
    filterset_class = OrganisationFilterSet


class MilestoneListView(ScopedFilterView):
    """The programme's milestones this user may see."""

    template_name = "programme/milestone_list.html"
    selector = staticmethod(milestone_list)
    filterset_class = MilestoneFilterSet
    # Owners of review milestones show per roadmaps.rules.reviewer_names_visible, which reads
    # assignments and the assessment's "show reviewer names"; action items name the row.
    cache_models = (
        Milestone,
        Country,
        WorkProgrammeComponent,
        User,
        ReviewAssignment,
        Assessment,
        ActionItem,
    )


class TimelineView(MilestoneListView):
    """Milestones and meetings on one time axis (a chart with the same rows in a table)."""

    template_name = "programme/timeline.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        filterset = ctx["filter"]
        filters = filterset.form.cleaned_data if filterset.is_valid() else {}
        meetings = list(timeline_meetings(user=self.request.user, filters=filters))
        rows = ctx["object_list"]
        items = [
            TimelineItem(
                label=m.display_title,
                start=m.due_on,
                end=m.due_on,
                is_overdue=m.is_overdue,
                is_done=m.status == MilestoneStatus.DONE,
                anchor=f"milestone-{m.pk}",
            )
            for m in rows
            if m.due_on is not None
        ] + [
            TimelineItem(
                label=mt.title,
                start=mt.start_date,
                end=mt.end_date or mt.start_date,
                is_meeting=True,
                anchor=f"meeting-{mt.pk}",
            )
            for mt in meetings
        ]
        items.sort(key=lambda item: (item.start, item.label))
        ctx["meetings"] = meetings
        ctx["today"] = today
        ctx["undated"] = [m for m in rows if m.due_on is None]
        ctx["chart"] = timeline(
            items,
            today=today,
            title=gettext("Programme timeline"),
            desc=gettext(
                "%(milestones)d milestones and %(meetings)d meetings on a month grid; "
                "the dashed line is today; overdue milestones are red and hatched. "
                "The table below lists the same rows."
            )
            % {"milestones": len(items) - len(meetings), "meetings": len(meetings)},
        )
        return ctx


# --- Reminder settings, mute links and calendars ------------------------------------------


class AccountRemindersView(LoginRequiredMixin, View):
    """A person's reminder settings and their private calendar address."""

    template_name = "programme/account_reminders.html"

    def _render(self, request, form, status=200):
        token = request.user.calendar_token
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "calendar_url": request.build_absolute_uri(
                    reverse("programme:calendar-private", args=[token])
                )
                if token
                else "",
                "public_calendar_url": request.build_absolute_uri(
                    reverse("programme:calendar-public")
                ),
                "language_form": LanguageForm(initial={"language": request.user.language}),
            },
            status=status,
        )

    def get(self, request):
        form = ReminderPreferencesForm(
            initial={"mute_noncritical": request.user.mute_noncritical_reminders}
        )
        return self._render(request, form)

    def post(self, request):
        form = ReminderPreferencesForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        reminder_preferences_update(
            actor=request.user, mute_noncritical=form.cleaned_data["mute_noncritical"]
        )
        messages.success(request, gettext("Your reminder settings were saved."))
        return redirect("programme:account-reminders")


def _local_next(request) -> str:
    """Where to go back to after a form posted from any page: its `next` when that is a page of
    this site, else the dashboard. An address from the request is never followed off-site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("programme:dashboard")


class LanguageSetView(View):
    """The header's language switcher and the account page's language choice (POST only).

    Django's set_language view keeps the choice in a cookie (for everyone, signed in or not);
    a signed-in person's choice is also stored on their account, so it follows them to other
    browsers and into their emails. "" (follow my browser) clears both."""

    http_method_names = ["post"]

    def post(self, request):
        form = LanguageForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Choose one of the languages offered."))
            return redirect(_local_next(request))
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            user_language_set(actor=request.user, language=language)
        response = set_language(request)
        if not language:
            response.delete_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
            )
        return response


class CalendarResetView(LoginRequiredMixin, View):
    """Make (or replace) the secret in a person's private calendar address."""

    http_method_names = ["post"]

    def post(self, request):
        calendar_token_reset(actor=request.user)
        messages.success(
            request,
            gettext("Your private calendar has a new address; the old one no longer works."),
        )
        return redirect("programme:account-reminders")


class ReminderMuteView(View):
    """The one-click mute link in a reminder email: GET asks, POST mutes (a link scanner
    following the URL changes nothing). The signed token is the authority; a bad or expired
    one is a 404."""

    template_name = "programme/reminder_mute.html"

    def dispatch(self, request, *args, **kwargs):
        self.person = mute_token_user(kwargs["token"])
        if self.person is None:
            raise Http404(gettext("This link is not valid or has expired."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token):
        return render(request, self.template_name, {"person": self.person, "done": False})

    def post(self, request, token):
        reminder_preferences_update(actor=self.person, mute_noncritical=True)
        return render(request, self.template_name, {"person": self.person, "done": True})


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class PublicCalendarView(View):
    """The public milestones and meetings as an iCalendar feed (no sign-in)."""

    def get(self, request):
        milestones, meetings = calendar_public_items()
        body = calendar_build(
            name=gettext("STI for SDGs roadmaps: public calendar"),
            milestones=milestones,
            meetings=meetings,
        )
        return _ics_response(body, "sti-roadmaps.ics")


class PrivateCalendarView(View):
    """A person's calendar (what they may see) at a secret address; a wrong or reset secret
    is a 404."""

    def get(self, request, token):
        person = calendar_owner(token=token)
        if person is None:
            raise Http404
        milestones, meetings = calendar_user_items(user=person)
        body = calendar_build(
            name=gettext("STI for SDGs roadmaps: my calendar"),
            milestones=milestones,
            meetings=meetings,
        )
        response = _ics_response(body, "my-sti-roadmaps.ics")
        response["Cache-Control"] = "private, no-store"
        return response


class ApiTokenListView(RoleRequiredMixin, ListView):
    """Every API token, so the secretariat can see which are in use and revoke stale ones."""

    @classmethod
    def allows(cls, user) -> bool:
        return api_token_can_manage(user)

    template_name = "programme/apitoken_list.html"
    paginate_by = 50

    def get_queryset(self):
        return ApiToken.objects.select_related("user__organisation", "created_by")


class ApiTokenCreateView(RoleRequiredMixin, FormView):
    """Issue a token to a partner account. The key is shown on the answer page, once."""

    @classmethod
    def allows(cls, user) -> bool:
        return api_token_can_manage(user)

    template_name = "programme/apitoken_form.html"
    form_class = ApiTokenForm

    def form_valid(self, form):
        try:
            token, key = api_token_create(actor=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        response = render(
            self.request, "programme/apitoken_created.html", {"token": token, "key": key}
        )
        # The key must not linger in any cache or the browser's back-forward history.
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenRevokeView(RoleRequiredMixin, View):
    """Revoke a token after confirmation (GET shows what will stop working, POST does it)."""

    @classmethod
    def allows(cls, user) -> bool:
        return api_token_can_manage(user)

    def get(self, request, pk):
        token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
        return render(request, "programme/apitoken_confirm_revoke.html", {"token": token})

    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk)
        try:
            api_token_revoke(actor=request.user, token=token)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                gettext("Token “%(name)s” (%(prefix)s…) was revoked.")
                % {"name": token.name, "prefix": token.prefix},
            )
        return redirect("programme:api-token-list")


class SignInLockListView(RoleRequiredMixin, TemplateView):
    """Who may not sign in right now after too many wrong passwords, so the secretariat can let
    a person back in before the pause ends (after checking it was them)."""

    template_name = "programme/signinlock_list.html"

    @classmethod
    def allows(cls, user) -> bool:
        return signin_lock_can_lift(user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["locks"] = signin_lock_list()
        ctx["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return ctx


class SignInLockLiftView(RoleRequiredMixin, View):
    """Lift one pause (POST only)."""

    http_method_names = ["post"]

    @classmethod
    def allows(cls, user) -> bool:
        return signin_lock_can_lift(user)

    def post(self, request):
        username = request.POST.get("username", "")
        try:
            cleared = signin_lock_lift(
                actor=request.user, username=username, ip_address=request.POST.get("ip_address", "")
            )
        except (DomainError, ValidationError) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
        else:
            if cleared:
                messages.success(
                    request, gettext("%(username)s may sign in again.") % {"username": username}
                )
            else:
                messages.info(request, gettext("That sign-in was no longer paused."))
        return redirect("programme:signin-lock-list")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's "choose a new password" page; a new password chosen through the emailed link
    also lifts any sign-in pause on the account, so the reset is a way back in."""

    def form_valid(self, form):
        response = super().form_valid(form)
        signin_locks_clear_after_reset(user=form.user)
        return response
