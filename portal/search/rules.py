"""Who may search (shaped like roadmaps/rules.py): the page and the header's box ask it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from base.errors import DomainError, NotPermitted


def search_open_refusal(user, obj=None) -> DomainError | None:
    """Every signed-in person who reads the programme in the browser searches it. Partner-only
    accounts read it through the API, where every list has its own filters: the results page
    would link to pages they do not open."""
    if not (user and user.is_authenticated):
        return NotPermitted(_("Sign in to search the programme."))
    if user.is_partner_only:
        return NotPermitted(_("Partners read the programme through the API."))
    return None


def search_can_open(user, obj=None) -> bool:
    """`search_open_refusal` as a yes/no, for the page and the header."""
    return search_open_refusal(user, obj) is None
