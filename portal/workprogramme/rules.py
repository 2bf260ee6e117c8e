"""Who may do what with the work programme's records, one predicate each (shaped like
`roadmaps/rules.py`). Services raise the `*_refusal`; pages (through the `rules` template tag),
their links and the menu ask `*_can_*`; none re-derives them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted
from pilots.choices import ANNOUNCED_PILOT_STATUSES
from pilots.models import Pilot
from pilots.rules import ANY_COUNTRY, country_keeper
from programme.choices import Role


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def workprogramme_keep_refusal(user, obj=None) -> DomainError | None:
    """The secretariat keeps the programme's records: the trust fund's pledges, receipts and
    rates, support for pilots, peer exchanges, international-support outputs, consents to
    public release and the country records on other sources."""
    if not (_signed_in(user) and user.is_secretariat):
        return NotPermitted(_("Only the secretariat may keep the work programme's records."))
    return None


def workprogramme_can_keep(user, obj=None) -> bool:
    """Whether a page offers the secretariat's forms (the services' rule)."""
    return workprogramme_keep_refusal(user, obj) is None


def landscape_can_open(user, obj=None) -> bool:
    """Who reads the support landscape and the international-support outputs: the secretariat
    and the advisory group, who coordinate the support."""
    return _signed_in(user) and (user.is_secretariat or user.has_role(Role.ADVISORY_GROUP))


def landscape_shows_unannounced(user) -> bool:
    """Whether the landscape (and what reads through it) shows `user` pilots not yet announced
    (or withdrawn): the secretariat's alone; everyone else sees `ANNOUNCED_PILOT_STATUSES`."""
    return _signed_in(user) and user.is_secretariat


def peer_learning_open_refusal(user, pilot: Pilot | None = None) -> DomainError | None:
    """Whose peer-learning page `user` may open: a pilot country's, any for the secretariat;
    an announced one's for the advisory group and the country's own focal points.

    With no pilot, whether `user`'s roles open any peer-learning page at all (the page asks
    that before it loads the pilot, so another role gets 403 and a pilot out of scope 404)."""
    if pilot is None:
        allowed = _signed_in(user) and (
            peer_learning_opens_every(user) or user.has_role(Role.FOCAL_POINT)
        )
    else:
        allowed = peer_learning_can_open(user, pilot)
    if not allowed:
        return NotPermitted(_("You may not open this pilot's peer learning."))
    return None


def peer_learning_opens_every(user) -> bool:
    """Whether `user` opens the peer learning of every pilot the landscape shows them (the
    secretariat and the advisory group), not only their own country's."""
    return _signed_in(user) and (user.is_secretariat or user.has_role(Role.ADVISORY_GROUP))


def peer_learning_can_open(user, pilot: Pilot) -> bool:
    """The rule of `peer_learning_pilot_list` for one pilot in hand (no query), for links,
    the landscape's columns and the pilot page."""
    if not _signed_in(user) or pilot.country_id is None:
        return False
    if landscape_shows_unannounced(user):
        return True
    if pilot.status not in ANNOUNCED_PILOT_STATUSES:
        return False
    return peer_learning_opens_every(user) or pilot.country_id in user.country_ids


def exchange_request_refusal(user, pilot: Pilot | None = None) -> DomainError | None:
    """Who asks for a peer exchange on a pilot's behalf: its country's focal points, or the
    secretariat for them (`pilots.rules.country_keeper`). With no pilot, whether the role asks
    for any."""
    country_id = ANY_COUNTRY if pilot is None else pilot.country_id
    if not country_keeper(user, country_id):
        return NotPermitted(
            _("Only the country's focal points and the secretariat may ask for a peer exchange.")
        )
    return None


def exchange_can_request(user, pilot: Pilot | None = None) -> bool:
    """Whether the pilot page offers asking for a peer exchange."""
    return exchange_request_refusal(user, pilot) is None
