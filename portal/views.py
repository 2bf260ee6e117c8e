from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, RedirectView, TemplateView
from django.views.i18n import set_language

from base.cache import page_read_key, read_key, read_through
from base.charts import TimelineItem, timeline
from base.errors import DomainError
from base.generic import ScopedFilterView, ServiceFormView
from base.httpcache import shared_response
from egm.models import ActionItem, Meeting
from guidebook.models import Chapter, ChapterDraft, Comment, GuidebookEdition, Invitation
from monitoring.models import CountryUpdate, ReportingPeriod
from pilots.choices import PilotStatus
from pilots.models import Country, Pilot
from portal.calendars import CalendarWindowForm, calendar_build
from portal.selectors import (
    calendar_public_items,
    calendar_user_items,
    dashboard_tasks,
    timeline_meetings,
)
from programme.choices import MilestoneStatus
from programme.filtersets import MilestoneFilterSet, OrganisationFilterSet
from programme.forms import (
    ApiTokenForm,
    LanguageForm,
    MilestoneForm,
    NotificationPreferencesForm,
    ReminderPreferencesForm,
)
from programme.models import ApiToken, Milestone, User, WorkProgrammeComponent
from programme.models.milestones import OPEN_STATUSES
from programme.notify import (
    mute_token_user,
    notification_kinds,
    notification_mute,
    notification_mute_token_read,
    notification_mutes_set,
)
from programme.roles import RoleRequiredMixin
from programme.rules import (
    api_token_can_manage,
    programme_record_can_keep,
    programme_record_keep_refusal,
    signin_lock_can_lift,
)
from programme.selectors import (
    calendar_owner,
    get_visible_or_404,
    milestone_attention,
    milestone_list,
    milestone_reminder_rules,
    organisation_list,
    signin_lock_list,
)
from programme.services import (
    api_token_create,
    api_token_revoke,
    calendar_token_reset,
    milestone_create,
    milestone_update,
    reminder_preferences_update,
    signin_lock_lift,
    signin_locks_clear_after_reset,
    user_language_set,
)
from roadmaps.choices import REVIEW_QUEUE_STATUSES, VersionStatus
from roadmaps.models import Assessment, Review, ReviewAssignment, Roadmap, RoadmapVersion


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for whatever the page says: the site's icon, a static
    file (its address is read per request, once the static files' manifest exists)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.ico")


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
        # Even building these queries (scoping included) costs more than serving the cached
        # part, so they are built only when it is missing.
        ctx["milestones"] = SimpleLazyObject(
            lambda: list(milestone_list(user=user).upcoming(today)[:8])
        )
        ctx["attention"] = SimpleLazyObject(lambda: milestone_attention(user=user, today=today))
        ctx["meetings"] = SimpleLazyObject(
            lambda: list(
                Meeting.objects.visible_to(user)
                .select_related("country")
                .order_by(F("start_date").desc(nulls_last=True))[:5]
            )
        )
        ctx["figures"] = SimpleLazyObject(lambda: _dashboard_figures(user))
        # Each person's own (their scope names them), kept until a write to any model the
        # apps' task rules read, or a new day (due and waiting days count from today).
        tasks_key = read_key("dashboard-tasks", user, TASK_MODELS, today.isoformat())
        ctx["tasks"] = SimpleLazyObject(
            lambda: read_through(tasks_key, lambda: dashboard_tasks(user=user, today=today))
        )
        # The list as drawn is kept too (`tasks_key`), beside the tasks it is drawn from.
        ctx["tasks_key"] = tasks_key.part("shown")
        ctx["today"] = today
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


# What "Your tasks" is built from (rows, scoping and labels): reviews and the queue, drafts
# and returned roadmaps; chapters to comment on or draft; overdue milestones; updates to
# review; the countries and people the labels name.
TASK_MODELS = (
    ReviewAssignment,
    Review,
    RoadmapVersion,
    Roadmap,
    Assessment,
    GuidebookEdition,
    Chapter,
    ChapterDraft,
    Invitation,
    Comment,
    Milestone,
    CountryUpdate,
    ReportingPeriod,
    Country,
    User,
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
        "awaiting_review": versions.filter(status__in=REVIEW_QUEUE_STATUSES).count(),
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
    """Milestones and meetings on one time axis (a chart with the same rows in a table).

    A page holds MilestoneListView's 50 milestones and the meetings of the same period (the
    first page also those before it, the page where dated milestones end also those after),
    so no page draws every meeting of the programme. Chart and tables are built lazily,
    only when their cached copy (under `read_key`: scope, language, query, day,
    cache_models) is gone."""

    template_name = "programme/timeline.html"
    cache_models = (*MilestoneListView.cache_models, Meeting)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["today"] = timezone.localdate()
        ctx["timeline"] = SimpleLazyObject(lambda: self._timeline(ctx))
        return ctx

    def _timeline(self, ctx) -> dict:
        today = ctx["today"]
        filterset = ctx["filter"]
        filters = filterset.form.cleaned_data if filterset.is_valid() else {}
        rows = list(ctx["object_list"])
        span = _timeline_span(rows, ctx.get("page_obj"))
        meetings = (
            []
            if span is False
            else list(timeline_meetings(user=self.request.user, filters=filters, within=span))
        )
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
        chart = timeline(
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
        return {
            "chart": chart,
            "meetings": meetings,
        }


def _timeline_span(rows, page) -> tuple | bool:
    """The period (first, last; None for open-ended) whose meetings go with a page of
    milestones in due-date order; False when the page has only undated milestones after
    dated ones (its period's meetings were on the page before)."""
    dated = [m.due_on for m in rows if m.due_on is not None]
    first_page = page is None or not page.has_previous()
    if not dated:
        return (None, None) if first_page else False
    dated_end_here = page is None or not page.has_next() or rows[-1].due_on is None
    return (None if first_page else min(dated), None if dated_end_here else max(dated))


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


class AccountNotificationsView(LoginRequiredMixin, View):
    """A person's notification settings: which kinds of email about the work they receive."""

    template_name = "programme/account_notifications.html"

    def _form(self, data=None):
        kinds = notification_kinds()
        muted = set(self.request.user.notification_mutes.values_list("kind", flat=True))
        initial = {kind.key: kind.key not in muted for kind in kinds}
        return NotificationPreferencesForm(data, kinds=kinds, initial=initial)

    def get(self, request):
        return render(request, self.template_name, {"form": self._form()})

    def post(self, request):
        form = self._form(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        notification_mutes_set(actor=request.user, muted=form.muted())
        messages.success(request, gettext("Your notification settings were saved."))
        return redirect("programme:account-notifications")


class NotificationMuteView(View):
    """The one-click link in a notification email that stops that kind: GET asks, POST
    mutes (a link scanner following the URL changes nothing). The signed token is the
    authority; a bad or expired one is a 404."""

    template_name = "programme/notification_mute.html"

    def dispatch(self, request, *args, **kwargs):
        found = notification_mute_token_read(kwargs["token"])
        if found is None:
            raise Http404(gettext("This link is not valid or has expired."))
        self.person, self.kind = found
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token):
        return render(
            request, self.template_name, {"person": self.person, "kind": self.kind, "done": False}
        )

    def post(self, request, token):
        notification_mute(actor=self.person, kind=self.kind.key)
        return render(
            request, self.template_name, {"person": self.person, "kind": self.kind, "done": True}
        )


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


# What the calendar feeds are built from.
CALENDAR_MODELS = (Milestone, Meeting, Country)
# Calendar programs poll a feed every few hours at most; a proxy may keep it for an hour.
CALENDAR_MAX_AGE = 60 * 60


def _window_refused(form) -> HttpResponse:
    """A 400 naming each bad parameter and what it may be."""
    lines = [f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()]
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


class PublicCalendarView(View):
    """The public milestones and meetings as an iCalendar feed (no sign-in).

    It covers a year back and two ahead; `?years_back=N&years_ahead=N` (each 0 to
    `portal.calendars.MAX_YEARS`) asks for another window, anything else there is a 400. The
    feed is the same for every visitor in a language, so it is built once per window, day and
    generation of its data and served from the shared cache, with validators and public
    cache headers (`base.httpcache`)."""

    def get(self, request):
        form = CalendarWindowForm(request.GET)
        if not form.is_valid():
            return _window_refused(form)
        window = form.window(timezone.localdate())

        def build():
            milestones, meetings = calendar_public_items(window=window)
            body = calendar_build(
                name=gettext("STI for SDGs roadmaps: public calendar"),
                milestones=milestones,
                meetings=meetings,
            )
            return _ics_response(body, "sti-roadmaps.ics")

        return shared_response(
            request,
            name="calendar-public",
            model_list=CALENDAR_MODELS,
            build=build,
            max_age=CALENDAR_MAX_AGE,
        )


class PrivateCalendarView(View):
    """A person's calendar (what they may see) at a secret address; a wrong or reset secret
    is a 404. The same window and parameters as the public feed; kept in the cache for the
    person's scope and language until the data changes, never by a proxy."""

    def get(self, request, token):
        person = calendar_owner(token=token)
        if person is None:
            raise Http404
        form = CalendarWindowForm(request.GET)
        if not form.is_valid():
            return _window_refused(form)
        today = timezone.localdate()
        window = form.window(today)
        # The person's scope (roles, countries) is in the key: a change of role reads afresh.
        key = read_key(
            "calendar-private",
            person,
            (*CALENDAR_MODELS, User),
            window[0].isoformat(),
            window[1].isoformat(),
            today.isoformat(),
        )

        def built() -> bytes:
            milestones, meetings = calendar_user_items(user=person, window=window)
            return calendar_build(
                name=gettext("STI for SDGs roadmaps: my calendar"),
                milestones=milestones,
                meetings=meetings,
            )

        body = read_through(key, built)
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


# --- A milestone's own page, and the secretariat's forms for it -----------------------------


class MilestoneDetailView(LoginRequiredMixin, TemplateView):
    """One milestone: its dates, owners, status and reminder rules, and what it belongs to.
    Reminders and the timeline's rows lead here; it opens for whoever may see the milestone
    (its owners included), else 404."""

    template_name = "programme/milestone_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        milestone = get_visible_or_404(
            milestone_list(user=self.request.user), self.request.user, pk=kwargs["pk"]
        )
        found = milestone.subject
        ctx.update(
            milestone=milestone,
            subject_label=found[0].label if found else "",
            subject_url=found[0].url(found[1]) if found else "",
            subject_name=str(found[1]) if found else "",
            rules=milestone_reminder_rules(milestone),
            is_open=milestone.status in OPEN_STATUSES,
        )
        return ctx


class _MilestoneFormView(RoleRequiredMixin, ServiceFormView):
    """The secretariat's milestone forms (`programme_record_keep_refusal`)."""

    template_name = "form_page.html"
    form_class = MilestoneForm
    rule = staticmethod(programme_record_keep_refusal)
    rule_needs_object = False

    @classmethod
    def allows(cls, user) -> bool:
        return programme_record_can_keep(user)


class MilestoneCreateView(_MilestoneFormView):
    """Add a milestone to the programme's plan."""

    success_message = gettext_lazy("Milestone added.")

    def get_success_url(self) -> str:
        return reverse("programme:milestone-list")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(title=gettext("New milestone"), cancel_url=self.get_success_url())
        return ctx

    def perform(self, form):
        milestone = milestone_create(actor=self.request.user, **form.cleaned_data)
        return reverse("programme:milestone-detail", args=[milestone.pk])


class MilestoneUpdateView(_MilestoneFormView):
    """Change a milestone's dates, owners, status or reminder rules."""

    success_message = gettext_lazy("Milestone saved.")

    def setup_objects(self) -> None:
        self.milestone = get_object_or_404(Milestone, pk=self.kwargs["pk"])

    def get_success_url(self) -> str:
        return reverse("programme:milestone-detail", args=[self.milestone.pk])

    def get_initial(self):
        m = self.milestone
        initial = {name: getattr(m, name) for name in MilestoneForm.base_fields}
        initial["owners"] = list(m.owners.all())
        initial["reminder_days_before"] = ", ".join(map(str, m.reminder_days_before or []))
        return initial

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            title=gettext("Edit the milestone “%(title)s”") % {"title": self.milestone.title},
            cancel_url=self.get_success_url(),
        )
        return ctx

    def perform(self, form):
        milestone_update(actor=self.request.user, milestone=self.milestone, **form.cleaned_data)
