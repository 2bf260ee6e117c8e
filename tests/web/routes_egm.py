"""Web routes of egm: Expert Group Meetings, their forms, participants, documents, regional
tracks and the advisory group. `meeting` is public, `meeting_private` is being planned."""

from types import SimpleNamespace

from egm.invitations import answer_token
from egm.models import RegionalTrack
from egm.services import registration_token
from tests.factories import (
    AdvisoryGroupMembershipFactory,
    AgendaSessionFactory,
    MeetingFactory,
    ParticipantFactory,
    action_item,
    meeting_document,
)
from tests.web.matrix import Row

A, S, R, FO, FX, ADV, P = ("anonymous", "secretariat", "reviewer", "focal_own", "focal_other",
                           "advisory", "partner")  # fmt: skip

ALL = (302, 200, 200, 200, 200, 200, 403)
PLANNING = (302, 200, 404, 404, 404, 200, 403)  # the advisory group comments on planning
STAFF = (302, 200, 403, 403, 403, 403, 403)
STAFF_ACTION = (302, 302, 403, 403, 403, 403, 403)

OBJECTS = {
    "participant": lambda o: ParticipantFactory(meeting=o["meeting"]),
    # Listed to signed-in users and partners by their own choice.
    "participant_listed": lambda o: ParticipantFactory(
        meeting=o["meeting"], listed_to_users=True, listed_to_partners=True
    ),
    # The advisory-group member is on the list of the meeting being planned.
    "participant_advisory": lambda o: ParticipantFactory(
        meeting=o["meeting_private"], user=o["user_advisory"]
    ),
    # A personal link names its participant in a signed token (it stands where a pk would);
    # it works until its meeting is over.
    "answer_link": lambda o: SimpleNamespace(
        pk=answer_token(ParticipantFactory(meeting=MeetingFactory(upcoming=True)))
    ),
    "session": lambda o: AgendaSessionFactory(meeting=o["meeting"]),
    "document": lambda o: meeting_document(o["meeting"]).document,
    "document_file": lambda o: meeting_document(o["meeting"], pdf=True),
    "document_file_private": lambda o: meeting_document(o["meeting_private"], pdf=True),
    "action": lambda o: action_item(o["meeting"]),
    "action_private": lambda o: action_item(o["meeting_private"]),
    "action_advisory": lambda o: action_item(o["meeting"], owner=o["user_advisory"]),
    # A meeting's open registration link (a signed token, as for the personal link).
    "registration_link": lambda o: SimpleNamespace(
        pk=registration_token(MeetingFactory(upcoming=True, registration_open=True))
    ),
    "advisory_seat": lambda o: AdvisoryGroupMembershipFactory(),
    "track": lambda o: RegionalTrack.objects.create(name="Asia regional track", slug="asia"),
}

ACTION_STATUS = Row("egm:action-status", "action", method="post", data=(("status", "in_progress"),))
ACTION_STATUS_ADVISORY = Row(
    "egm:action-status", "action_advisory", method="post", data=(("status", "in_progress"),)
)
COMMENT_PUBLIC = Row("egm:comment-create", "meeting", method="post", data=(("body", "A remark"),))

TABLE = {
    Row("egm:meeting-list", absent=((R, "meeting_private"), (FO, "meeting_private"),
                                    (FX, "meeting_private"))): ALL,
    # Each sees the names listed to them, never someone who did not choose to be listed.
    Row("egm:meeting-detail", "meeting", listed_in="participants",
        absent=tuple((role, "participant") for role in (R, FO, FX, ADV))): ALL,
    Row("egm:meeting-detail", "meeting_private"): PLANNING,
    Row("egm:meeting-ical", "meeting"): ALL,
    Row("egm:meeting-ical", "meeting_private"): PLANNING,
    # The export lists what the page lists to each (egm.rules.participant_visible_q).
    Row("egm:participant-export", "meeting"): ALL,
    Row("egm:participant-export", "meeting_private"): PLANNING,
    # An invitee's own page: only for someone on the meeting's list.
    Row("egm:participation", "meeting_private"): (302, 404, 404, 404, 404, 200, 403),
    Row("egm:participation", "meeting"): (302, 404, 404, 404, 404, 404, 403),
    # The personal link answers for its one participant, signed in or not (not a sign-in);
    # a partner invited to a meeting opens it too.
    Row("egm:answer", "answer_link"): (200, 200, 200, 200, 200, 200, 200),
    Row("egm:document-download", "document_file"): ALL,
    Row("egm:document-download", "document_file_private"): PLANNING,
    Row("egm:action-detail", "action"): ALL,
    Row("egm:action-detail", "action_private"): PLANNING,
    Row("egm:track-list"): ALL,
    Row("egm:track-detail", args=("asia",)): ALL,
    Row("egm:advisory-group"): ALL,
    # The advisory group and the tracks are kept by the secretariat.
    Row("egm:advisory-membership-create"): STAFF,
    Row("egm:advisory-membership-update", "advisory_seat"): STAFF,
    Row("egm:track-create"): STAFF,
    Row("egm:track-update", args=("asia",)): STAFF,
    # The secretariat's forms.
    Row("egm:meeting-create"): STAFF,
    Row("egm:meeting-update", "meeting"): STAFF,
    Row("egm:participant-list", "meeting"): STAFF,
    Row("egm:participant-create", "meeting"): STAFF,
    Row("egm:participant-update", "meeting", ("participant",)): STAFF,
    Row("egm:participant-import", "meeting"): STAFF,
    Row("egm:participant-invite", "meeting"): STAFF,
    Row("egm:attendance", "meeting"): STAFF,
    # Open registration: anyone holding the link, signed in or not.
    Row("egm:register", "registration_link"): (200, 200, 200, 200, 200, 200, 200),
    Row("egm:session-create", "meeting"): STAFF,
    Row("egm:session-update", "meeting", ("session",)): STAFF,
    Row("egm:document-create", "meeting"): STAFF,
    Row("egm:document-version-create", "meeting", ("document",)): STAFF,
    Row("egm:outcome-create", "meeting"): STAFF,
    Row("egm:action-create", "meeting"): STAFF,
    # Actions (POST only).
    Row("egm:participant-remove", "meeting", ("participant",), method="post"): STAFF_ACTION,
    # Emailing the agenda to the participants is the secretariat's; no GET.
    Row("egm:agenda-publish", "meeting", method="post"): STAFF_ACTION,
    Row("egm:agenda-publish", "meeting"): (302, 405, 405, 405, 405, 405, 403),
    # The route serves no GET, to anyone (as guidebook:chapter-move): 405 before any rule.
    Row("egm:participant-remove", "meeting", ("participant",)): (
        302, 405, 405, 405, 405, 405, 403),
    Row("egm:comment-create", "meeting_private", method="post", data=(("body", "A remark"),)): (
        302, 302, 404, 404, 404, 302, 403),
    # Only the secretariat and the item's owner (here a secretariat member) report progress.
    ACTION_STATUS: (302, 302, 403, 403, 403, 403, 403),
    # ... and here the advisory-group member who owns the item.
    ACTION_STATUS_ADVISORY: (302, 302, 403, 403, 403, 302, 403),
    # The advisory group sees the meeting being planned, but the item is not theirs.
    Row("egm:action-status", "action_private", method="post",
        data=(("status", "in_progress"),)): (302, 302, 404, 404, 404, 403, 403),
    COMMENT_PUBLIC: (302, 302, 403, 403, 403, 302, 403),
}  # fmt: skip
