"""Scoped reads for meetings and everything recorded about them. Every child record
(participants, sessions, documents, outcomes, action items, comments) is scoped through its
meeting: one rule, `Meeting.objects.visible_to`. Who may do what is said in egm/rules.py."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from egm.choices import OPEN_ACTION_STATUSES, ParticipantCategory
from egm.models import (
    ActionItem,
    AdvisoryGroupMembership,
    AdvisoryResponsibility,
    AgendaSession,
    Document,
    DocumentVersion,
    Meeting,
    MeetingSeries,
    Outcome,
    Participant,
    PlanningComment,
    RegionalTrack,
    Theme,
)
from egm.rules import meeting_can_comment, participant_visible_q
from guidebook.models import Chapter
from pilots.models import Pilot
from programme.selectors import get_visible_or_404

# --- Lists -----------------------------------------------------------------------------------


def visible_meetings(user) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(user)


def meeting_list(*, user) -> QuerySet[Meeting]:
    """Meetings this user may see, hosts, themes and place joined in."""
    return (
        Meeting.objects.visible_to(user)
        .select_related("country", "track", "series")
        .prefetch_related("host_links__organisation", "themes")
    )


def meeting_detail_get(*, user, pk: int) -> Meeting:
    """One meeting with everything its page shows, in a fixed number of queries (404 if the
    user may not see it)."""
    queryset = Meeting.objects.select_related(
        "country", "track__region", "series"
    ).prefetch_related(
        "host_links__organisation",
        "themes",
        Prefetch(
            "sessions",
            queryset=AgendaSession.objects.prefetch_related(
                Prefetch("documents", queryset=_documents())
            ),
        ),
        Prefetch("documents", queryset=_documents().filter(session__isnull=True)),
        Prefetch("outcomes", queryset=outcome_list_for(user)),
        Prefetch(
            "action_items",
            queryset=ActionItem.objects.select_related("owner", "milestone", "outcome"),
        ),
    )
    return get_visible_or_404(queryset, user, pk=pk)


def _documents() -> QuerySet[Document]:
    return Document.objects.prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.select_related("created_by"))
    )


def outcome_list_for(user) -> QuerySet[Outcome]:
    """Outcomes with the pilots, criteria and chapters they point to, each through its own
    scoping (a draft chapter stays hidden from those who may not read it)."""
    return Outcome.objects.prefetch_related(
        Prefetch("pilots", queryset=Pilot.objects.visible_to(user).select_related("country")),
        Prefetch("criteria"),
        Prefetch("chapters", queryset=Chapter.objects.visible_to(user)),
    )


def participant_list(*, user, meeting: Meeting | None = None) -> QuerySet[Participant]:
    """Participants of meetings the user may see whose names the user may read: every one for
    the secretariat, otherwise those who chose to be listed to this user
    (`egm.rules.participant_visible_q`; nobody else gets a row). Contact details are decided
    by `participant_contact_visible`, not here."""
    queryset = (
        Participant.objects.filter(meeting__in=visible_meetings(user))
        .filter(participant_visible_q(user))
        .select_related("organisation", "country", "meeting")
    )
    if meeting is not None:
        queryset = queryset.filter(meeting=meeting)
    return queryset


def participant_own(*, user, meeting: Meeting) -> Participant | None:
    """The user's own place on a meeting's list (their invitation), if any."""
    if not (user and user.is_authenticated):
        return None
    return Participant.objects.filter(meeting=meeting, user_id=user.pk).first()


def participant_category_counts(*, user, meeting: Meeting) -> list[tuple[str, int]]:
    """How many people of each category a meeting the user may see has recorded (no names):
    what everyone who may not read names is shown instead."""
    if not visible_meetings(user).filter(pk=meeting.pk).exists():
        return []
    labels = dict(ParticipantCategory.choices)
    rows = (
        Participant.objects.filter(meeting=meeting)
        .values_list("category")
        .annotate(n=Count("pk"))
        .order_by("category")
    )
    order = list(labels)
    counted = sorted(rows, key=lambda r: order.index(r[0]) if r[0] in labels else len(order))
    return [(str(labels.get(category, _("Other"))), n) for category, n in counted]


def session_list(*, user) -> QuerySet[AgendaSession]:
    """Agenda sessions of meetings the user may see."""
    return AgendaSession.objects.filter(meeting__in=visible_meetings(user)).select_related(
        "meeting"
    )


def document_list(*, user) -> QuerySet[Document]:
    """Materials and minutes of meetings the user may see, with their versions."""
    return (
        Document.objects.filter(meeting__in=visible_meetings(user))
        .select_related("meeting", "session")
        .prefetch_related("versions")
    )


def document_version_list(*, user) -> QuerySet[DocumentVersion]:
    """Versions of documents of meetings the user may see."""
    return DocumentVersion.objects.filter(
        document__meeting__in=visible_meetings(user)
    ).select_related("document")


def outcome_list(*, user) -> QuerySet[Outcome]:
    """Outcomes of meetings the user may see."""
    return outcome_list_for(user).filter(meeting__in=visible_meetings(user))


def action_item_list(*, user) -> QuerySet[ActionItem]:
    """Action items of meetings the user may see, and the user's own (an owner reports
    progress on an action from a meeting still being planned), with their owner and due date.
    `meeting_visible` says whether the user may see the item's meeting: where not, pages and
    the API name neither the meeting nor its outcome."""
    meetings = visible_meetings(user)
    own = Q(owner_id=user.pk) if user and user.is_authenticated else Q(pk__in=[])
    return (
        ActionItem.objects.filter(Q(meeting__in=meetings) | own)
        .annotate(meeting_visible=Exists(meetings.filter(pk=OuterRef("meeting_id"))))
        .select_related("owner", "milestone", "meeting")
    )


def carried_over_actions(*, user, meeting: Meeting) -> QuerySet[ActionItem]:
    """Open action items of the earlier meetings of `meeting`'s series: the thread that a
    series carries from one meeting to the next."""
    if meeting.series_id is None:
        return ActionItem.objects.none()
    earlier = Q(meeting__start_date__isnull=False)
    if meeting.start_date is not None:
        earlier &= Q(meeting__start_date__lt=meeting.start_date)
    return (
        action_item_list(user=user)
        .filter(meeting_visible=True)
        .filter(earlier, meeting__series_id=meeting.series_id, status__in=OPEN_ACTION_STATUSES)
        .exclude(meeting=meeting)
        .order_by("meeting__start_date", "milestone__due_on", "pk")
    )


def comment_list(*, user) -> QuerySet[PlanningComment]:
    """Planning comments: for the secretariat and the advisory group only."""
    if not meeting_can_comment(user):
        return PlanningComment.objects.none()
    return PlanningComment.objects.filter(meeting__in=visible_meetings(user)).select_related(
        "author", "meeting"
    )


def track_list(*, user) -> QuerySet[RegionalTrack]:
    """Regional tracks with their partners (programme information every signed-in user reads)."""
    if not (user and user.is_authenticated):
        return RegionalTrack.objects.none()
    return RegionalTrack.objects.select_related("region").prefetch_related("partners__organisation")


def track_pilots(*, user, track: RegionalTrack) -> QuerySet[Pilot]:
    """The pilots of a track's region, through the pilots' own scoping."""
    if track.region_id is None:
        return Pilot.objects.none()
    return (
        Pilot.objects.visible_to(user)
        .filter(country__region_id=track.region_id)
        .select_related("country")
    )


def series_list(*, user) -> QuerySet[MeetingSeries]:
    """Meeting series (names only; their meetings are scoped as meetings)."""
    if not (user and user.is_authenticated):
        return MeetingSeries.objects.none()
    return MeetingSeries.objects.all()


def theme_list(*, user) -> QuerySet[Theme]:
    """Themes meetings take up."""
    if not (user and user.is_authenticated):
        return Theme.objects.none()
    return Theme.objects.all()


def advisory_group_list(*, user) -> QuerySet[AdvisoryGroupMembership]:
    """The advisory group's seats and implementing organisations; public to every signed-in
    user."""
    if not (user and user.is_authenticated):
        return AdvisoryGroupMembership.objects.none()
    return AdvisoryGroupMembership.objects.select_related("organisation").prefetch_related(
        "representatives"
    )


def advisory_responsibility_list(*, user) -> QuerySet[AdvisoryResponsibility]:
    """What the advisory group is for."""
    if not (user and user.is_authenticated):
        return AdvisoryResponsibility.objects.none()
    return AdvisoryResponsibility.objects.all()
