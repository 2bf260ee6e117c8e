from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from base.dates import DatePrecision, recorded_span
from base.i18n import localised, translations_field
from base.markdown import markdown_check
from base.querysets import ScopedQuerySet
from base.search import FullText
from base.slugs import slug_taken_by_route
from base.storage import private_storage
from base.uploads import inspect_upload
from egm.choices import (
    ActionStatus,
    AdvisoryRole,
    AttendanceMode,
    DocumentKind,
    HostRole,
    MeetingKind,
    MeetingStatus,
    ParticipantCategory,
    ParticipantLevel,
    ParticipantStatus,
    TrackPartnerRole,
)


class RegionalTrack(models.Model):
    """A regional line of the programme (e.g. Asia with ESCAP) with its own meetings."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    region = models.ForeignKey(
        "pilots.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tracks",
        verbose_name=_("region"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The track's page is tracks/<slug>/: a slug that is a route's word ("new") would
        # open that route instead.
        if self.slug and slug_taken_by_route("egm:track-detail", self.slug):
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is already part of the site's addresses; choose another.")
                    % {"slug": self.slug}
                }
            )


class RegionalTrackPartner(models.Model):
    """An organisation leading, or possibly joining, a regional track."""

    track = models.ForeignKey(RegionalTrack, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "programme.Organisation", on_delete=models.PROTECT, related_name="track_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=TrackPartnerRole.choices)

    class Meta:
        ordering = ["track", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["track", "organisation"], name="track_partner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()}) in {self.track}"


class MeetingSeries(models.Model):
    """A run of meetings that carry their work forward (the numbered EGMs, a track's meetings):
    open action items of earlier meetings show on the later ones."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A question a meeting takes up (e.g. the 2018 text's 'further questions')."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    # Its name and question in French and Spanish (set with the programme's data).
    translations = translations_field()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return localised(self, "name")


class MeetingQuerySet(ScopedQuerySet):
    def public_q(self) -> Q:
        return Q(is_public=True)

    def extra_scope_q(self, user, action: str) -> Q | None:
        # The advisory group guides the planning of EGMs: it sees meetings still being planned.
        if action == "view" and user.is_advisory_member:
            return Q(pk__isnull=False)
        return None


MEETING_FULL_TEXT = FullText(
    title=("title",),
    text=("city", "venue", "purpose", "objectives", "expected_outcomes", "summary"),
)


class Meeting(models.Model):
    """An EGM, regional-track or supplementary meeting, or a session at the STI Forum."""

    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=255)
    sequence = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Ordinal of an EGM (1st, 2nd, ...).")
    )
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
        help_text=_("Open action items of earlier meetings in the series show on later ones."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # Empty while a meeting is still to be scheduled; never guessed.
    start_date = models.DateField(_("first day"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    # "July 2019": the record names the month only; the dates then stand for that month.
    date_precision = models.CharField(
        _("precision of the dates"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    # What a plan said, kept beside what happened where the two differ (e.g. the 2018 text's
    # Bangkok EGM, 7-8 February 2019 "tbc", which the record does not show).
    planned_start_date = models.DateField(_("planned first day"), null=True, blank=True)
    planned_end_date = models.DateField(_("planned last day"), null=True, blank=True)
    planned_note = models.TextField(
        _("as planned"),
        blank=True,
        help_text=_("What the plan said, where it differs from what happened."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    country = models.ForeignKey(
        "pilots.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("country"),
    )
    track = models.ForeignKey(
        RegionalTrack,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("regional track"),
    )
    hosts = models.ManyToManyField(
        "programme.Organisation", through="MeetingHost", related_name="hosted_meetings"
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="meetings", verbose_name=_("themes")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    expected_outcomes = models.TextField(_("expected outcomes"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the date and place come from.")
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_(
            "Shown to partners and every signed-in user; otherwise a planning page for the "
            "secretariat and the advisory group."
        ),
    )

    registration_open = models.BooleanField(
        _("open registration"),
        default=False,
        help_text=_(
            "Anyone with the meeting's registration link may sign up; the secretariat sees who did."
        ),
    )
    # How many times the secretariat published the agenda to the participants (each
    # publication emails them once).
    agenda_published = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = MeetingQuerySet.as_manager()
    full_text = MEETING_FULL_TEXT

    class Meta:
        ordering = [F("start_date").asc(nulls_last=True), "title"]
        indexes = [MEETING_FULL_TEXT.index("meeting_full_text")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date"))
                | Q(start_date__isnull=True)
                | Q(end_date__isnull=True),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=False)
                | Q(
                    status__in=[
                        MeetingStatus.TO_BE_CONFIRMED,
                        MeetingStatus.POSTPONED,
                        MeetingStatus.CANCELLED,
                        MeetingStatus.NOT_ON_RECORD,
                    ]
                ),
                name="meeting_scheduled_has_date",
            ),
            models.UniqueConstraint(
                fields=["sequence"],
                condition=Q(kind=MeetingKind.EGM),
                name="meeting_unique_egm_sequence",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A meeting cannot end before it starts.")})
        if self.start_date and not self.end_date:
            self.end_date = self.start_date
        if self.end_date and not self.start_date:
            raise ValidationError({"start_date": _("Give the first day as well as the last.")})
        if not self.start_date and self.status in (
            MeetingStatus.PLANNED,
            MeetingStatus.CONFIRMED,
            MeetingStatus.HELD,
        ):
            raise ValidationError(
                {"start_date": _("A planned, confirmed or held meeting needs its dates.")}
            )
        if self.pk:
            sessions = AgendaSession.objects.filter(meeting_id=self.pk)
            if self.start_date is None:
                outside = sessions.exists()
            else:
                outside = sessions.filter(
                    Q(day__lt=self.start_date) | Q(day__gt=self.end_date)
                ).exists()
            if outside:
                raise ValidationError(
                    _("Some agenda sessions fall outside these dates; move them first.")
                )
        # Opening registration is for a meeting still to come; one left open when its
        # meeting passed is harmless (its link no longer works) and may stay recorded so.
        opening = self.registration_open and not self._loaded_registration_open
        if opening and not meeting_allows_registration(self):
            raise ValidationError(
                {
                    "registration_open": _(
                        "Registration opens only for a meeting still to come that is not cancelled."
                    )
                }
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_registration_open = getattr(instance, "registration_open", False)
        return instance

    _loaded_registration_open: bool = False

    @property
    def dates_display(self) -> str:
        """The dates as recorded, in the active language ("not recorded" when there are none)."""
        return recorded_span(self.start_date, self.end_date, self.date_precision)

    @property
    def planned_display(self) -> str:
        """The planned dates, where the plan differs from what happened; else empty."""
        if not self.planned_start_date:
            return ""
        return recorded_span(self.planned_start_date, self.planned_end_date)

    @property
    def is_upcoming(self) -> bool:
        if self.status == MeetingStatus.NOT_ON_RECORD:
            return False
        return self.end_date is None or self.end_date >= timezone.localdate()


def meeting_is_over(meeting: Meeting) -> bool:
    """Whether a meeting has been held (its status says so, or its last day has passed)."""
    if meeting.status == MeetingStatus.HELD:
        return True
    return meeting.end_date is not None and meeting.end_date < timezone.localdate()


def meeting_allows_registration(meeting: Meeting) -> bool:
    """Whether a meeting's registration may be opened: it is still to come and not
    cancelled (nor a plan the record does not show)."""
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.NOT_ON_RECORD):
        return False
    return not meeting_is_over(meeting)


class MeetingHost(models.Model):
    """An organisation hosting, co-hosting, organising or partnering in a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="host_links")
    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        related_name="meeting_host_links",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=HostRole.choices, default=HostRole.HOST
    )

    class Meta:
        ordering = ["meeting", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="meeting_host_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Participant(models.Model):
    """A person invited to or taking part in a meeting. Email and phone are the secretariat's
    only (see `egm.rules.participant_contact_visible`)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    full_name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_participants",
        verbose_name=_("organisation"),
    )
    affiliation = models.CharField(
        _("affiliation"),
        max_length=255,
        blank=True,
        help_text=_("The organisation as the person gave it, when it is not in the directory."),
    )
    country = models.ForeignKey(
        "pilots.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_participants",
        verbose_name=_("country"),
    )
    level = models.CharField(_("level"), max_length=20, choices=ParticipantLevel.choices)
    category = models.CharField(
        _("category"), max_length=30, choices=ParticipantCategory.choices, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.INVITED,
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The account of an invitee who has one: they answer and choose their listing signed in.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_participations",
        verbose_name=_("account"),
    )
    # Whose eyes the person's name may reach: their own choice, never the secretariat's; until
    # they choose, only the secretariat sees it (`egm.rules.participant_can_view`).
    listed_to_participants = models.BooleanField(
        _("listed to the other participants"), default=False
    )
    listed_to_users = models.BooleanField(_("listed to signed-in users"), default=False)
    listed_to_partners = models.BooleanField(_("listed to partners"), default=False)
    # The language of the emails to someone without an account (an account's own is used).
    language = models.CharField(_("language"), max_length=10, blank=True, default="")
    # The person's own answer (from their invitation's link or signed in).
    attendance_mode = models.CharField(
        _("taking part"), max_length=20, choices=AttendanceMode.choices, blank=True
    )
    # Access or dietary needs: the secretariat's only, like contacts.
    needs = models.TextField(_("access or dietary needs"), blank=True)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "full_name"]
        constraints = [
            models.UniqueConstraint(
                "meeting",
                Lower("full_name"),
                name="participant_unique_name",
                violation_error_message=_("This person is already a participant of the meeting."),
            ),
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=~Q(email=""),
                name="participant_unique_email",
                violation_error_message=_(
                    "Someone with this email is already a participant of the meeting."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        # Someone added to a meeting that is over was not "invited" to it: the secretariat
        # says whether they attended, registered or declined.
        meeting = self.meeting if self.meeting_id else None
        adding_as_invited = self.status == ParticipantStatus.INVITED and (
            self._state.adding or self._loaded_status != ParticipantStatus.INVITED
        )
        if meeting is not None and adding_as_invited and meeting_is_over(meeting):
            raise ValidationError(
                {
                    "status": _(
                        "This meeting is over: say whether the person attended, registered "
                        "or declined."
                    )
                }
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = getattr(instance, "status", None)
        return instance

    _loaded_status: str | None = None

    @property
    def organisation_label(self) -> str:
        return str(self.organisation) if self.organisation_id else self.affiliation


class AgendaSession(models.Model):
    """A session of a meeting's agenda, on one of the meeting's days."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=255)
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    chairs = models.CharField(_("chairs"), max_length=255, blank=True)
    speakers = models.TextField(_("speakers"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["meeting", "day", "start_time", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("A session must end after it starts.")
        meeting = self.meeting if self.meeting_id else None
        if meeting is not None and self.day:
            if meeting.start_date is None:
                errors["day"] = _("Set the meeting's dates before planning its agenda.")
            elif not meeting.start_date <= self.day <= meeting.end_date:
                errors["day"] = _(
                    "The session must fall within the meeting's dates (%(start)s to %(end)s)."
                ) % {
                    "start": date_format(meeting.start_date, "j F Y"),
                    "end": date_format(meeting.end_date, "j F Y"),
                }
        if errors:
            raise ValidationError(errors)


class Document(models.Model):
    """Material or minutes of a meeting (or of one of its sessions), kept in versions."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    session = models.ForeignKey(
        AgendaSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("session"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "kind", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.session_id and self.meeting_id and self.session.meeting_id != self.meeting_id:
            raise ValidationError({"session": _("The session belongs to another meeting.")})


def document_upload_to(instance: DocumentVersion, filename: str) -> str:
    # Never the uploader's file name (path tricks, clashes); it is kept in original_filename.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"meetings/{instance.document.meeting_id}/{uuid.uuid4().hex}{suffix}"


class DocumentVersion(models.Model):
    """One version of a meeting document: a checked file or safe Markdown text, never both."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(
        storage=private_storage, upload_to=document_upload_to, max_length=255, blank=True
    )
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    body = models.TextField(_("text (Markdown)"), blank=True)
    note = models.CharField(_("what changed"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="meeting_document_version_unique"
            ),
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(body="")) | (~Q(file="") & Q(body="")),
                name="document_version_file_or_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def is_file(self) -> bool:
        return bool(self.file)

    def clean(self) -> None:
        if bool(self.file) == bool(self.body.strip()):
            raise ValidationError(_("Give either a file or a text, not both and not neither."))
        if self.file and not self.file._committed:
            try:
                info = inspect_upload(self.file.file, self.original_filename or self.file.name)
            except ValidationError as exc:
                raise ValidationError({"file": exc.error_list}) from exc
            self.original_filename = info.filename
            self.content_type, self.size, self.sha256 = info.content_type, info.size, info.sha256
            self.file.name = f"document{info.extension}"
        if self.body:
            try:
                markdown_check(self.body)
            except ValidationError as exc:
                raise ValidationError({"body": exc.error_list}) from exc


class Outcome(models.Model):
    """What a meeting concluded, tied to the pilots, criteria and Guidebook chapters it concerns."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description (Markdown)"), blank=True)
    pilots = models.ManyToManyField(
        "pilots.Pilot", blank=True, related_name="meeting_outcomes", verbose_name=_("pilots")
    )
    criteria = models.ManyToManyField(
        "roadmaps.Criterion",
        blank=True,
        related_name="meeting_outcomes",
        verbose_name=_("criteria"),
    )
    chapters = models.ManyToManyField(
        "guidebook.Chapter",
        blank=True,
        related_name="meeting_outcomes",
        verbose_name=_("Guidebook chapters"),
    )
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("The public record it comes from.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.description:
            try:
                markdown_check(self.description)
            except ValidationError as exc:
                raise ValidationError({"description": exc.error_list}) from exc


class ActionItem(models.Model):
    """Something a meeting asked someone to do, due by a milestone (so it is reminded)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("outcome"),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meeting_action_items",
        verbose_name=_("owner"),
    )
    milestone = models.OneToOneField(
        "programme.Milestone", on_delete=models.PROTECT, related_name="meeting_action_item"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["milestone__due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.outcome_id and self.meeting_id and self.outcome.meeting_id != self.meeting_id:
            raise ValidationError({"outcome": _("The outcome belongs to another meeting.")})


class PlanningComment(models.Model):
    """A remark by the secretariat or the advisory group on a meeting's planning."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_comments"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} on {self.meeting}"

    def clean(self) -> None:
        if not self.body.strip():
            raise ValidationError({"body": _("Write a comment.")})


class AdvisoryGroupMembership(models.Model):
    """An organisation's place in the advisory group: coordinator or member, or implementing
    organisation (the IATT sub-working group's members), with its representatives."""

    organisation = models.ForeignKey(
        "programme.Organisation",
        on_delete=models.PROTECT,
        related_name="advisory_memberships",
        verbose_name=_("organisation"),
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="advisory_memberships",
        verbose_name=_("representatives"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=AdvisoryRole.choices, default=AdvisoryRole.MEMBER
    )
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    start_on = models.DateField(_("term starts"), null=True, blank=True)
    end_on = models.DateField(_("term ends"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "start_on"],
                name="advisory_membership_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(end_on__gte=F("start_on")),
                name="advisory_membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("A term cannot end before it starts.")})


class AdvisoryResponsibility(models.Model):
    """One of the advisory group's responsibilities, as the programme's text states it."""

    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("responsibility"), max_length=255)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = _("advisory responsibilities")

    def __str__(self) -> str:
        return self.text
