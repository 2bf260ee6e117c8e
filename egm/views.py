"""Meeting pages: the list, one meeting's page (overview, agenda, participants, materials,
outcomes, action items carried over from its series), the secretariat's forms, regional
tracks and the advisory group. Every write goes through egm.services; every read through
egm.selectors, so out-of-scope meetings are 404."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from base.cache import page_read_key, read_through
from base.errors import DomainError, form_errors_add
from base.generic import ScopedFilterView, ServiceActionView, ServiceFormView
from base.httpcache import app_models
from egm import services
from egm.calendar import meeting_ical
from egm.filtersets import MeetingFilterSet
from egm.forms import (
    ActionItemForm,
    ActionStatusForm,
    AdvisoryMembershipForm,
    AttendanceForm,
    CommentForm,
    DocumentForm,
    DocumentVersionForm,
    HostFormSet,
    InviteForm,
    MeetingForm,
    OutcomeForm,
    ParticipantAnswerForm,
    ParticipantForm,
    ParticipantImportForm,
    RegionalTrackForm,
    RegistrationForm,
    SessionForm,
)
from egm.imports import attendance_dataset
from egm.invitations import answer_token_participant
from egm.models import (
    AdvisoryGroupMembership,
    AgendaSession,
    Document,
    Meeting,
    MeetingHost,
    MeetingSeries,
    Participant,
    RegionalTrack,
    RegionalTrackPartner,
    Theme,
    meeting_is_over,
)
from egm.rules import (
    action_item_can_update,
    action_item_update_refusal,
    meeting_can_comment,
    meeting_can_manage,
    meeting_comment_refusal,
    meeting_manage_refusal,
    participant_contact_visible,
    participant_names_visible,
    programme_bodies_can_manage,
    programme_bodies_manage_refusal,
)
from egm.selectors import (
    action_item_list,
    advisory_group_list,
    advisory_responsibility_list,
    carried_over_actions,
    comment_list,
    document_version_list,
    meeting_detail_get,
    meeting_list,
    participant_category_counts,
    participant_list,
    participant_own,
    track_list,
    track_pilots,
)
from guidebook.models import Chapter
from pilots.models import Country, Pilot, Region
from programme.models import Milestone, Organisation, User
from programme.roles import RoleRequiredMixin
from programme.selectors import get_visible_or_404
from roadmaps.models import Criterion


class MeetingListView(ScopedFilterView):
    """EGMs, regional-track and supplementary meetings, and forum sessions."""

    template_name = "egm/meeting_list.html"
    selector = staticmethod(meeting_list)
    filterset_class = MeetingFilterSet
    # The rows (hosts, themes, track, series), the filters' choices and the side panels: the
    # template keeps them under `read_key` until one of these is written.
    cache_models = (
        Meeting,
        MeetingHost,
        MeetingSeries,
        Theme,
        RegionalTrack,
        RegionalTrackPartner,
        AdvisoryGroupMembership,
        Organisation,
        Country,
        Region,
        User,
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["advisory_group"] = advisory_group_list(user=self.request.user).exclude(
            role="implementing"
        )
        ctx["tracks"] = track_list(user=self.request.user)
        ctx["can_manage"] = meeting_can_manage(self.request.user)
        return ctx


class MeetingDetailView(LoginRequiredMixin, TemplateView):
    """One meeting: overview, agenda, participants, materials, outcomes, action items, and the
    open actions carried over from earlier meetings of its series."""

    template_name = "egm/meeting_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        # What the page shows, this reader's rules included, is read once per reader's scope,
        # language, day and generation of MEETING_PAGE_MODELS and kept (a meeting the reader
        # may not see is a 404 each time, never kept); the page's forms (and their tokens) are
        # drawn from it afresh each time.
        key = page_read_key(self.request, "meeting-detail", MEETING_PAGE_MODELS)
        ctx.update(read_through(key, lambda: _meeting_page(user, self.kwargs["pk"])))
        if ctx["can_comment"]:
            ctx["comment_form"] = CommentForm()
        ctx["status_form"] = ActionStatusForm()
        return ctx


def _meeting_page(user, pk: int) -> dict:
    """What one meeting's page shows to `user` (Http404 if they may not see it)."""
    meeting = meeting_detail_get(user=user, pk=pk)
    shown = {"meeting": meeting, "show_names": participant_names_visible(user, meeting)}
    # Those who chose to be listed to this user (everyone, for the secretariat); the others
    # are counted by category, never named.
    shown["participants"] = list(participant_list(user=user, meeting=meeting))
    if not shown["show_names"]:
        shown["participant_counts"] = participant_category_counts(user=user, meeting=meeting)
    shown["my_participation"] = participant_own(user=user, meeting=meeting)
    shown["show_contacts"] = participant_contact_visible(user)
    shown["carried_over"] = list(
        carried_over_actions(user=user, meeting=meeting).select_related("meeting")
    )
    shown["can_manage"] = meeting_can_manage(user)
    shown["can_comment"] = meeting_can_comment(user, meeting)
    if shown["can_comment"]:
        shown["comments"] = list(comment_list(user=user).filter(meeting=meeting))
    shown["updatable_actions"] = {
        item.pk
        for item in [*meeting.action_items.all(), *shown["carried_over"]]
        if action_item_can_update(user, item)
    }
    return shown


# What a meeting's page reads, scoping included: the meetings' records, the people and
# organisations on them, the countries, regions and pilots, the criteria and Guidebook
# chapters outcomes point to, and the milestones that date action items.
MEETING_PAGE_MODELS = (
    *app_models("egm"),
    Organisation,
    User,
    Country,
    Region,
    Pilot,
    Criterion,
    Chapter,
    Milestone,
)


class _ManageMixin(RoleRequiredMixin):
    """A page of the secretariat's meeting records: who may open it is `meeting_can_manage`
    (the rule the services raise and the menu asks), 403 for anyone else."""

    @classmethod
    def allows(cls, user) -> bool:
        return meeting_can_manage(user)


class _MeetingFormMixin(_ManageMixin):
    template_name = "egm/meeting_form.html"

    def _render(self, form, hosts, meeting=None):
        invalid = form.is_bound and (form.errors or not hosts.is_valid())
        return render(
            self.request,
            self.template_name,
            {"form": form, "hosts": hosts, "meeting": meeting},
            status=400 if invalid else 200,
        )

    def _hosts(self, hosts_formset) -> list:
        rows = []
        for form in hosts_formset:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("organisation"):
                continue
            rows.append((data["organisation"], data.get("role") or "host"))
        return rows


class MeetingCreateView(_MeetingFormMixin, View):
    """The secretariat puts a meeting on the calendar."""

    def get(self, request):
        return self._render(MeetingForm(), HostFormSet(prefix="hosts"))

    def post(self, request):
        form = MeetingForm(request.POST)
        hosts = HostFormSet(request.POST, prefix="hosts")
        if form.is_valid() and hosts.is_valid():
            data = dict(form.cleaned_data)
            themes = data.pop("themes")
            try:
                meeting = services.meeting_create(
                    actor=request.user, themes=themes, hosts=self._hosts(hosts), **data
                )
            except (ValidationError, DomainError) as exc:
                form_errors_add(form, exc)
            else:
                messages.success(request, _("Meeting saved."))
                return redirect("egm:meeting-detail", pk=meeting.pk)
        return self._render(form, hosts)


class MeetingUpdateView(_MeetingFormMixin, View):
    """The secretariat edits a meeting, its hosts and their roles."""

    def get(self, request, pk):
        meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
        initial = [
            {"organisation": link.organisation, "role": link.role}
            for link in meeting.host_links.select_related("organisation")
        ]
        return self._render(
            MeetingForm(instance=meeting), HostFormSet(prefix="hosts", initial=initial), meeting
        )

    def post(self, request, pk):
        meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
        form = MeetingForm(request.POST, instance=Meeting.objects.get(pk=pk))
        hosts = HostFormSet(request.POST, prefix="hosts")
        if form.is_valid() and hosts.is_valid():
            data = dict(form.cleaned_data)
            themes = data.pop("themes")
            try:
                services.meeting_update(
                    actor=request.user,
                    meeting=meeting,
                    themes=themes,
                    hosts=self._hosts(hosts),
                    **data,
                )
            except (ValidationError, DomainError) as exc:
                form_errors_add(form, exc)
            else:
                messages.success(request, _("Meeting saved."))
                return redirect("egm:meeting-detail", pk=meeting.pk)
        return self._render(form, hosts, meeting)


class MeetingFormView(ServiceFormView):
    """A secretariat form about one meeting: GET shows it, POST calls `perform` (a service);
    `meeting_manage_refusal` is asked first, errors come back on the form, nothing is
    half-saved."""

    template_name = "egm/meeting_subform.html"
    rule = staticmethod(meeting_manage_refusal)
    rule_needs_object = False
    form_class = None
    heading = ""
    multipart = False

    def form_kwargs(self) -> dict:
        return {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_kwargs()}

    def setup_objects(self):
        self.meeting = get_visible_or_404(Meeting.objects, self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(meeting=self.meeting, heading=self.heading, multipart=self.multipart)
        return ctx

    def get_success_url(self) -> str:
        return reverse("egm:meeting-detail", args=[self.meeting.pk])


class SessionCreateView(MeetingFormView):
    form_class = SessionForm
    heading = gettext_lazy("Add an agenda session")

    def form_kwargs(self):
        return {"meeting": self.meeting}

    def perform(self, form):
        services.session_add(actor=self.request.user, meeting=self.meeting, **form.cleaned_data)


class SessionUpdateView(MeetingFormView):
    form_class = SessionForm
    heading = gettext_lazy("Change an agenda session")

    def setup_objects(self):
        super().setup_objects()
        self.session = get_object_or_404(
            AgendaSession, pk=self.kwargs["session_pk"], meeting=self.meeting
        )

    def form_kwargs(self):
        return {"instance": AgendaSession.objects.get(pk=self.session.pk), "meeting": self.meeting}

    def perform(self, form):
        services.session_update(actor=self.request.user, session=self.session, **form.cleaned_data)


class DocumentCreateView(MeetingFormView):
    form_class = DocumentForm
    heading = gettext_lazy("Add material or minutes")
    multipart = True

    def form_kwargs(self):
        return {"meeting": self.meeting}

    def perform(self, form):
        data = form.cleaned_data
        file = data.get("file")
        services.document_add(
            actor=self.request.user,
            meeting=self.meeting,
            session=data.get("session"),
            kind=data["kind"],
            title=data["title"],
            file=file,
            filename=file.name if file else None,
            body=data.get("body", ""),
            note=data.get("note", ""),
        )


class DocumentVersionCreateView(MeetingFormView):
    form_class = DocumentVersionForm
    heading = gettext_lazy("Add a new version")
    multipart = True

    def setup_objects(self):
        super().setup_objects()
        self.document = get_object_or_404(
            Document, pk=self.kwargs["document_pk"], meeting=self.meeting
        )
        self.heading = _("New version of “%(title)s”") % {"title": self.document.title}

    def perform(self, form):
        data = form.cleaned_data
        file = data.get("file")
        services.document_version_add(
            actor=self.request.user,
            document=self.document,
            file=file,
            filename=file.name if file else None,
            body=data.get("body", ""),
            note=data.get("note", ""),
        )


class OutcomeCreateView(MeetingFormView):
    form_class = OutcomeForm
    heading = gettext_lazy("Record an outcome")

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        data = dict(form.cleaned_data)
        services.outcome_add(
            actor=self.request.user,
            meeting=self.meeting,
            pilots=data.pop("pilots"),
            criteria=data.pop("criteria"),
            chapters=data.pop("chapters"),
            **data,
        )


class ActionItemCreateView(MeetingFormView):
    form_class = ActionItemForm
    heading = gettext_lazy("Add an action item")

    def form_kwargs(self):
        return {"meeting": self.meeting}

    def perform(self, form):
        services.action_item_add(actor=self.request.user, meeting=self.meeting, **form.cleaned_data)


class ParticipantCreateView(MeetingFormView):
    form_class = ParticipantForm
    heading = gettext_lazy("Add a participant")

    def form_kwargs(self):
        return {"meeting": self.meeting}

    def perform(self, form):
        services.participant_add(actor=self.request.user, meeting=self.meeting, **form.cleaned_data)

    def get_success_url(self):
        return reverse("egm:participant-list", args=[self.meeting.pk])


class ParticipantUpdateView(ParticipantCreateView):
    heading = gettext_lazy("Change a participant")

    def setup_objects(self):
        super().setup_objects()
        self.participant = get_object_or_404(
            Participant, pk=self.kwargs["participant_pk"], meeting=self.meeting
        )

    def form_kwargs(self):
        return {
            "meeting": self.meeting,
            "instance": Participant.objects.get(pk=self.participant.pk),
        }

    def perform(self, form):
        services.participant_update(
            actor=self.request.user, participant=self.participant, **form.cleaned_data
        )


class _AnswerMixin:
    """What the personal page of an invitee shares, reached signed in or by the link."""

    template_name = "egm/participation.html"
    form_class = ParticipantAnswerForm

    def answer_form(self, data=None):
        return self.form_class(data, instance=Participant.objects.get(pk=self.participant.pk))

    def answer_perform(self, form, *, actor, token=""):
        data = form.cleaned_data
        services.participant_answer(
            actor=actor,
            participant=self.participant,
            answer=data["answer"],
            attendance_mode=data["attendance_mode"],
            needs=data["needs"],
            token=token,
            listing={
                "to_participants": data["listed_to_participants"],
                "to_users": data["listed_to_users"],
                "to_partners": data["listed_to_partners"],
            },
        )

    def answer_render(self, form, *, token=""):
        return render(
            self.request,
            self.template_name,
            {
                "meeting": self.participant.meeting,
                "participant": self.participant,
                "form": form,
                "token": token,
                "sessions": self.participant.meeting.sessions.all(),
            },
            status=400 if form.is_bound and form.errors else 200,
        )

    def answer_post(self, request, *, actor, token, done_url):
        form = self.answer_form(request.POST)
        if form.is_valid():
            try:
                self.answer_perform(form, actor=actor, token=token)
            except (ValidationError, DomainError) as exc:
                form_errors_add(form, exc)
            else:
                messages.success(request, _("Thank you: your answer is saved."))
                return redirect(done_url)
        return self.answer_render(form, token=token)


class ParticipationView(_AnswerMixin, LoginRequiredMixin, View):
    """A signed-in invitee's own page for a meeting: their answer and who sees their name."""

    def setup_objects(self, request, pk):
        meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
        self.participant = get_object_or_404(
            Participant.objects.select_related("meeting"), meeting=meeting, user=request.user
        )

    def get(self, request, pk):
        self.setup_objects(request, pk)
        return self.answer_render(self.answer_form())

    def post(self, request, pk):
        self.setup_objects(request, pk)
        return self.answer_post(request, actor=request.user, token="", done_url=request.path)


class AnswerByLinkView(_AnswerMixin, View):
    """The page an invitation's personal link opens, with or without an account: it answers
    for that one participant and shows nothing else (egm.invitations)."""

    def setup_objects(self, token):
        participant = answer_token_participant(token)
        if participant is None:
            raise Http404(_("This link is not valid, or its meeting is over."))
        self.participant = participant

    def get(self, request, token):
        self.setup_objects(token)
        return self.answer_render(self.answer_form(), token=token)

    def post(self, request, token):
        self.setup_objects(token)
        return self.answer_post(request, actor=None, token=token, done_url=request.path)


class InviteView(MeetingFormView):
    """The secretariat invites accounts and people by address; each gets an email."""

    form_class = InviteForm
    heading = gettext_lazy("Invite people")

    def perform(self, form):
        data = form.cleaned_data
        services.participants_invite(
            actor=self.request.user,
            meeting=self.meeting,
            users=data["users"],
            addresses=data["addresses"],
            level=data["level"],
            category=data["category"],
            language=data["language"],
        )

    def get_success_url(self):
        return reverse("egm:participant-list", args=[self.meeting.pk])


class AttendanceView(MeetingFormView):
    """After the meeting, the secretariat marks who attended."""

    form_class = AttendanceForm
    heading = gettext_lazy("Mark attendance")

    def form_kwargs(self):
        return {"meeting": self.meeting}

    def perform(self, form):
        services.attendance_record(
            actor=self.request.user,
            meeting=self.meeting,
            attended=[p.pk for p in form.cleaned_data["attended"]],
        )

    def get_success_url(self):
        return reverse("egm:participant-list", args=[self.meeting.pk])


class RegisterView(View):
    """A meeting's open registration link: anyone holding it signs up (no account needed)
    and is emailed their personal link; closed registration is a 404."""

    template_name = "egm/register.html"

    def setup_objects(self, token):
        self.meeting = services.registration_meeting(token)
        if self.meeting is None:
            raise Http404(_("Registration for this meeting is closed."))

    def _render(self, form, done=False):
        return render(
            self.request,
            self.template_name,
            {"meeting": self.meeting, "form": form, "done": done},
            status=400 if form is not None and form.is_bound and form.errors else 200,
        )

    def get(self, request, token):
        self.setup_objects(token)
        return self._render(RegistrationForm(initial={"language": request.LANGUAGE_CODE}))

    def post(self, request, token):
        self.setup_objects(token)
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                services.participant_register(token=token, **form.cleaned_data)
            except (ValidationError, DomainError) as exc:
                form_errors_add(form, exc)
            else:
                return self._render(None, done=True)
        return self._render(form)


class ParticipantListView(_ManageMixin, TemplateView):
    """The secretariat's participant management: the list with contacts, add, import, export."""

    template_name = "egm/participant_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        meeting = get_visible_or_404(Meeting.objects, user, pk=self.kwargs["pk"])
        ctx["meeting"] = meeting
        ctx["participants"] = participant_list(user=user, meeting=meeting)
        ctx["show_contacts"] = participant_contact_visible(user)
        ctx["is_over"] = meeting_is_over(meeting)
        if meeting.registration_open:
            ctx["registration_url"] = self.request.build_absolute_uri(
                reverse("egm:register", args=[services.registration_token(meeting)])
            )
        return ctx


class ParticipantRemoveView(ServiceActionView):
    rule = staticmethod(meeting_manage_refusal)
    success_message = gettext_lazy("The participant was removed.")

    def get_object(self):
        meeting = get_visible_or_404(Meeting.objects, self.request.user, pk=self.kwargs["pk"])
        return get_object_or_404(Participant, pk=self.kwargs["participant_pk"], meeting=meeting)

    def perform(self, form):
        services.participant_remove(actor=self.request.user, participant=self.object)

    def get_success_url(self):
        return reverse("egm:participant-list", args=[self.kwargs["pk"]])


IMPORT_SESSION_KEY = "egm-import-{pk}"


class ParticipantImportView(_ManageMixin, View):
    """Import a CSV/XLSX list: upload shows a preview with each row's errors; the secretariat
    then imports the good rows or nothing. The file waits in the user's session in between,
    and is checked again when imported."""

    template_name = "egm/participant_import.html"

    def _meeting(self, pk):
        return get_visible_or_404(Meeting.objects, self.request.user, pk=pk)

    def get(self, request, pk):
        meeting = self._meeting(pk)
        return render(
            request, self.template_name, {"meeting": meeting, "form": ParticipantImportForm()}
        )

    def post(self, request, pk):
        meeting = self._meeting(pk)
        key = IMPORT_SESSION_KEY.format(pk=meeting.pk)
        choice = request.POST.get("choice")
        if choice in ("good_rows", "cancel"):
            stored = request.session.pop(key, None)
            if choice == "cancel" or stored is None:
                messages.info(request, _("Nothing was imported."))
                return redirect("egm:participant-list", pk=meeting.pk)
            file = ContentFile(base64.b64decode(stored["data"]), name=stored["name"])
            try:
                report = services.participants_import(
                    actor=request.user, meeting=meeting, file=file, mode=services.IMPORT_GOOD_ROWS
                )
            except (ValidationError, DomainError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(
                    request, _("%(n)d participants were imported.") % {"n": report.created}
                )
            return redirect("egm:participant-list", pk=meeting.pk)
        form = ParticipantImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            file = form.cleaned_data["file"]
            try:
                report = services.participants_import(
                    actor=request.user, meeting=meeting, file=file, mode=services.IMPORT_PREVIEW
                )
            except (ValidationError, DomainError) as exc:
                form_errors_add(form, exc)
            else:
                file.seek(0)
                request.session[key] = {
                    "name": file.name,
                    "data": base64.b64encode(file.read()).decode("ascii"),
                }
        status = 200 if report is not None else 400
        return render(
            request,
            self.template_name,
            {"meeting": meeting, "form": form, "report": report},
            status=status,
        )


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class AttendanceExportView(LoginRequiredMixin, View):
    """The attendance list of a meeting as CSV or XLSX: the rows the meeting page lists to
    this user (`egm.rules.participant_visible_q`: everyone for the secretariat, otherwise
    those who chose to be listed to them)."""

    def get(self, request, pk):
        meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
        fmt = request.GET.get("format", "csv")
        if fmt not in EXPORT_TYPES:
            return HttpResponse(_("Choose format=csv or format=xlsx."), status=400)
        rows = participant_list(user=request.user, meeting=meeting)
        dataset = attendance_dataset(rows, with_contacts=participant_contact_visible(request.user))
        response = HttpResponse(dataset.export(fmt), content_type=EXPORT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="attendance-{meeting.pk}.{fmt}"'
        response["Cache-Control"] = "private, no-store"
        return response


class MeetingCalendarView(LoginRequiredMixin, View):
    """The meeting as an iCalendar file, for people's calendars."""

    def get(self, request, pk):
        meeting = get_visible_or_404(Meeting.objects, request.user, pk=pk)
        if meeting.start_date is None:
            raise Http404(_("This meeting has no dates yet."))
        response = HttpResponse(
            meeting_ical(meeting, host=request.get_host()), content_type="text/calendar"
        )
        response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
        return response


class DocumentDownloadView(LoginRequiredMixin, View):
    """A document version's file for those who may see its meeting; nobody else learns of it."""

    def get(self, request, pk):
        version = get_object_or_404(document_version_list(user=request.user), pk=pk)
        if not version.file:
            raise Http404(_("This version is a text, not a file."))
        try:
            handle = version.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404(_("The file of this version is missing.")) from exc
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=version.original_filename,
            content_type=version.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ActionItemDetailView(LoginRequiredMixin, TemplateView):
    """One action item, where its owner reports progress and its reminders link: readable by
    whoever may see its meeting, and by its owner even when the meeting is still private
    (the meeting is then not named)."""

    template_name = "egm/action_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        item = get_object_or_404(action_item_list(user=user), pk=self.kwargs["pk"])
        ctx["item"] = item
        ctx["can_update"] = action_item_can_update(user, item)
        ctx["status_form"] = ActionStatusForm(instance=item)
        return ctx


class ActionItemStatusView(ServiceActionView):
    """The owner or the secretariat reports an action item's progress."""

    rule = staticmethod(action_item_update_refusal)
    form_class = ActionStatusForm
    success_message = gettext_lazy("Action item updated.")

    def get_object(self):
        return get_object_or_404(action_item_list(user=self.request.user), pk=self.kwargs["pk"])

    def perform(self, form):
        services.action_item_update(
            actor=self.request.user, item=self.object, status=form.cleaned_data["status"]
        )

    def get_success_url(self):
        # Carried-over items are updated from a later meeting's page: go back there.
        back_to = self.request.POST.get("back_to", "")
        if back_to.isdigit():
            return reverse("egm:meeting-detail", args=[int(back_to)])
        if self.object.meeting_visible:
            return reverse("egm:meeting-detail", args=[self.object.meeting_id])
        return reverse("egm:action-detail", args=[self.object.pk])


class AgendaPublishView(ServiceActionView):
    """The secretariat emails the agenda as it stands to everyone on the meeting's list."""

    rule = staticmethod(meeting_manage_refusal)
    rule_needs_object = False
    success_message = gettext_lazy("The agenda was sent to the participants.")

    def get_object(self):
        return get_visible_or_404(Meeting.objects, self.request.user, pk=self.kwargs["pk"])

    def perform(self, form):
        services.meeting_agenda_publish(actor=self.request.user, meeting=self.object)

    def get_success_url(self):
        return reverse("egm:meeting-detail", args=[self.kwargs["pk"]]) + "#agenda-h"


class CommentCreateView(ServiceActionView):
    """The advisory group (and the secretariat) comment on a meeting's planning."""

    rule = staticmethod(meeting_comment_refusal)
    form_class = CommentForm
    success_message = gettext_lazy("Comment added.")

    def get_object(self):
        return get_visible_or_404(Meeting.objects, self.request.user, pk=self.kwargs["pk"])

    def perform(self, form):
        services.comment_add(
            actor=self.request.user, meeting=self.object, body=form.cleaned_data["body"]
        )

    def get_success_url(self):
        return reverse("egm:meeting-detail", args=[self.object.pk]) + "#comments"


class TrackListView(LoginRequiredMixin, TemplateView):
    """The programme's regional tracks."""

    template_name = "egm/track_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tracks"] = track_list(user=self.request.user).select_related("region")
        ctx["can_manage"] = programme_bodies_can_manage(self.request.user)
        return ctx


class TrackDetailView(LoginRequiredMixin, TemplateView):
    """One regional track: its region, partners, meetings and the pilots of its region."""

    template_name = "egm/track_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        track = get_object_or_404(track_list(user=user), slug=self.kwargs["slug"])
        ctx["track"] = track
        ctx["meetings"] = meeting_list(user=user).filter(track=track)
        ctx["pilots"] = track_pilots(user=user, track=track)
        ctx["can_manage"] = programme_bodies_can_manage(user)
        return ctx


class AdvisoryGroupView(LoginRequiredMixin, TemplateView):
    """The advisory group: what it is for, its coordinators and members with their
    representatives and terms, and the implementing organisations."""

    template_name = "egm/advisory_group.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        seats = list(advisory_group_list(user=user))
        ctx["seats"] = [s for s in seats if s.role != "implementing"]
        ctx["implementing"] = [s for s in seats if s.role == "implementing"]
        ctx["responsibilities"] = advisory_responsibility_list(user=user)
        ctx["today"] = timezone.localdate()
        # The adviser's own seats (those where they are a representative), shown first.
        ctx["my_seats"] = [s for s in seats if user in s.representatives.all()]
        ctx["can_manage"] = programme_bodies_can_manage(user)
        return ctx


class _ProgrammeBodyFormView(ServiceFormView):
    """A secretariat form for the advisory group or a regional track
    (`egm.rules.programme_bodies_manage_refusal`, asked of the role first: 403)."""

    template_name = "egm/record_form.html"
    rule = staticmethod(programme_bodies_manage_refusal)
    rule_needs_object = False
    instance = None
    heading = ""
    back_url_name = ""

    @classmethod
    def allows(cls, user) -> bool:
        return programme_bodies_can_manage(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.instance}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(heading=self.heading, back_url=self.get_success_url())
        return ctx


class AdvisoryMembershipCreateView(_ProgrammeBodyFormView):
    form_class = AdvisoryMembershipForm
    heading = gettext_lazy("Add a seat to the advisory group")

    def perform(self, form):
        data = dict(form.cleaned_data)
        services.advisory_membership_save(
            actor=self.request.user,
            membership=self.instance,
            representatives=data.pop("representatives"),
            **data,
        )

    def get_success_url(self):
        return reverse("egm:advisory-group")


class AdvisoryMembershipUpdateView(AdvisoryMembershipCreateView):
    heading = gettext_lazy("Change a seat of the advisory group")

    def setup_objects(self):
        self.instance = get_object_or_404(AdvisoryGroupMembership, pk=self.kwargs["pk"])


class TrackCreateView(_ProgrammeBodyFormView):
    form_class = RegionalTrackForm
    heading = gettext_lazy("Add a regional track")

    def perform(self, form):
        track = services.track_save(
            actor=self.request.user, track=self.instance, **form.cleaned_data
        )
        return reverse("egm:track-detail", args=[track.slug])

    def get_success_url(self):
        return reverse("egm:track-list")


class TrackUpdateView(TrackCreateView):
    heading = gettext_lazy("Change a regional track")

    def setup_objects(self):
        self.instance = get_object_or_404(RegionalTrack, slug=self.kwargs["slug"])
