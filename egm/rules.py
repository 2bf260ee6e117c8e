"""Who may do what with meetings and read what about their people, one predicate each (shaped
like `roadmaps/rules.py`). Services raise the `*_refusal`; selectors, pages (through the `rules`
template tag), serializers, exports and the API ask `*_can_*`; none re-derives them.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted
from egm.choices import ParticipantStatus
from egm.invitations import answer_token_open, answer_token_participant
from egm.models import Participant


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def participant_names_visible(user, meeting=None) -> bool:
    """Whether `user` reads every name on a meeting's list, whatever each person chose (and
    the secretariat's list and full export): the secretariat only. Everyone else reads the
    people who agreed to be listed to them (`participant_can_view`) and counts by category."""
    return _signed_in(user) and user.is_secretariat


def _audiences(user) -> tuple[bool, bool]:
    """(is a partner, is another signed-in user): the two audiences a person may be listed
    to besides their fellow participants. A partner account reads as a partner only."""
    return bool(user.is_partner), not user.is_partner_only


def participant_visible_q(user) -> Q:
    """The participants whose names `user` may read, as a filter on `Participant` rows: every
    one for the secretariat; otherwise the person's own rows and, among those not declined,
    those who chose to be listed to this user's audience (fellow participants of the same
    meeting, signed-in users, partners). Selectors, the API and exports filter with this;
    `participant_can_view` says the same of one row."""
    if not _signed_in(user):
        return Q(pk__in=[])
    if user.is_secretariat:
        return Q()
    partner, signed_in = _audiences(user)
    fellow = Exists(
        Participant.objects.filter(meeting_id=OuterRef("meeting_id"), user_id=user.pk).exclude(
            status=ParticipantStatus.DECLINED
        )
    )
    listed = Q(listed_to_participants=True) & fellow
    if signed_in:
        listed |= Q(listed_to_users=True)
    if partner:
        listed |= Q(listed_to_partners=True)
    return Q(user_id=user.pk) | (listed & ~Q(status=ParticipantStatus.DECLINED))


def participant_can_view(user, participant: Participant) -> bool:
    """Whether `user` may read this participant's name, organisation, country and status:
    the same rule as `participant_visible_q`, for one row."""
    if not _signed_in(user):
        return False
    if user.is_secretariat or participant.user_id == user.pk:
        return True
    if participant.status == ParticipantStatus.DECLINED:
        return False
    partner, signed_in = _audiences(user)
    if (partner and participant.listed_to_partners) or (signed_in and participant.listed_to_users):
        return True
    return (
        participant.listed_to_participants
        and Participant.objects.filter(meeting_id=participant.meeting_id, user_id=user.pk)
        .exclude(status=ParticipantStatus.DECLINED)
        .exists()
    )


def _is_the_person(user, participant: Participant, token: str) -> bool:
    if token:
        found = answer_token_participant(token)
        return found is not None and found.pk == participant.pk
    return _signed_in(user) and participant.user_id == user.pk


def participant_listing_refusal(
    user, participant: Participant, token: str = ""
) -> DomainError | None:
    """Who sees a person's name is that person's choice alone: signed in as the invited
    account, or holding their personal link (`egm.invitations`). Not the secretariat's."""
    if _is_the_person(user, participant, token):
        return None
    return NotPermitted(_("Only the person invited chooses who sees their name."))


def participant_can_set_listing(user, participant: Participant, token: str = "") -> bool:
    """Whether the page offers the listing choices (the service's rule)."""
    return participant_listing_refusal(user, participant, token) is None


def participant_answer_refusal(
    user, participant: Participant, token: str = ""
) -> DomainError | None:
    """A person answers their own invitation (signed in, or by their personal link) while
    the link is open; the secretariat records answers given by other means."""
    if _signed_in(user) and user.is_secretariat:
        return None
    if not _is_the_person(user, participant, token):
        return NotPermitted(_("Only the person invited may answer this invitation."))
    if not answer_token_open(participant):
        return NotPermitted(_("This meeting is over; its invitations can no longer be answered."))
    return None


def participant_can_answer(user, participant: Participant, token: str = "") -> bool:
    """Whether the page offers the answer form (the service's rule)."""
    return participant_answer_refusal(user, participant, token) is None


def participant_contact_visible(user, meeting=None) -> bool:
    """Participants' emails and phone numbers are the secretariat's only: pages, API, exports,
    search and filters all ask this."""
    return _signed_in(user) and user.is_secretariat


def meeting_manage_refusal(user, meeting=None) -> DomainError | None:
    """The secretariat plans meetings and keeps everything recorded about them: the meeting
    itself, its participants, agenda, documents, outcomes and action items."""
    if not (_signed_in(user) and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may plan meetings and keep their records."))
    return None


def meeting_can_manage(user, meeting=None) -> bool:
    """Whether the page offers the secretariat's forms for a meeting (the services' rule)."""
    return meeting_manage_refusal(user, meeting) is None


def meeting_comment_refusal(user, meeting=None) -> DomainError | None:
    """The advisory group guides the planning of EGMs: it (and the secretariat) comments."""
    if not (_signed_in(user) and (user.is_secretariat or user.is_advisory_member)):
        return NotPermitted(_("Only the advisory group and the secretariat comment on planning."))
    return None


def meeting_can_comment(user, meeting=None) -> bool:
    """Whether the meeting page offers the planning comments (the service's rule)."""
    return meeting_comment_refusal(user, meeting) is None


def action_item_update_refusal(user, item) -> DomainError | None:
    """The secretariat changes any action item; its owner may report its progress."""
    if not (_signed_in(user) and (user.is_secretariat or item.owner_id == user.pk)):
        return NotPermitted(_("Only the owner or the secretariat may update this action item."))
    return None


def action_item_can_update(user, item) -> bool:
    """Whether the page offers reporting the item's progress (the service's rule)."""
    return action_item_update_refusal(user, item) is None


def action_item_reassign_refusal(user, item) -> DomainError | None:
    """Reassigning, renaming or rescheduling an action item is the secretariat's: an owner
    reports progress on what they were given, not what they are given."""
    if not (_signed_in(user) and user.is_secretariat):
        return NotPermitted(
            _("Only the secretariat may %(action)s.")
            % {"action": _("reassign or reschedule action items")}
        )
    return None


def programme_bodies_manage_refusal(user, obj=None) -> DomainError | None:
    """The advisory group's seats and the regional tracks are kept by the secretariat."""
    if not (_signed_in(user) and user.is_secretariat):
        return NotPermitted(
            _("Only the secretariat may keep the advisory group and the regional tracks.")
        )
    return None


def programme_bodies_can_manage(user, obj=None) -> bool:
    """Whether the advisory-group and track pages offer the secretariat's forms."""
    return programme_bodies_manage_refusal(user, obj) is None
