"""Who may do what with meetings and read what about their people, one predicate each (shaped
like `roadmaps/rules.py`). Services raise the `*_refusal`; selectors, pages (through the `rules`
template tag), serializers, exports and the API ask `*_can_*`; none re-derives them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def participant_names_visible(user, meeting=None) -> bool:
    """Whether `user` may read who is invited to a meeting (names, organisations, countries,
    statuses): the secretariat only, until participants can consent to being listed. Everyone
    else who may see the meeting reads counts by category (`participant_category_counts`)."""
    return _signed_in(user) and user.is_secretariat


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
