"""Writes about people that span the directory and the pilots: an invitation that makes a
focal point links the country, and a focal point's role follows their country links. The
directory's own writes (accounts, roles, deactivation) are `programme.services`; the links are
`pilots.services`."""

from __future__ import annotations

from django.db import transaction

from base.errors import refuse
from pilots.models import FocalPoint
from pilots.services import focal_point_link, focal_point_role_sync, focal_point_unlink
from programme.choices import Role
from programme.models import Invitation, User
from programme.rules import person_manage_refusal
from programme.services import (
    HISTORY_ROLE_GIVEN,
    HISTORY_ROLE_REMOVED,
    invitation_account_open,
    person_history_note,
    role_grant,
    role_revoke,
)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Use an invitation link: the invitee's password, an active account and the invited role;
    a focal point's country is linked in the name of the secretariat member who invited them
    (whose rule is asked again, so an invitation from someone no longer entitled fails)."""
    person = invitation_account_open(invitation=invitation, password=password)
    if invitation.role == Role.FOCAL_POINT:
        focal_point_link(actor=invitation.invited_by, user=person, country=invitation.country)
    return person


@transaction.atomic
def person_role_grant(
    *, actor: User, person: User, role: str, country=None, organisation=None
) -> User:
    """Give a person a role from the People pages: a focal point's through a link to its
    country (which grants the role), any other directly (`programme.services.role_grant`)."""
    if role == Role.FOCAL_POINT:
        focal_point_link(actor=actor, user=person, country=country)
        person_history_note(person, actor=actor, reason=HISTORY_ROLE_GIVEN[Role.FOCAL_POINT])
        return person
    return role_grant(actor=actor, person=person, role=role, organisation=organisation)


@transaction.atomic
def person_role_remove(*, actor: User, person: User, role: str) -> User:
    """Take a role away from the People pages: a focal point's by ending every current country
    link (the last one takes the role), any other directly (with its safeguards)."""
    if role != Role.FOCAL_POINT:
        return role_revoke(actor=actor, person=person, role=role)
    refuse(person_manage_refusal(actor, person))
    for link in FocalPoint.objects.current().filter(user=person).order_by("pk"):
        focal_point_unlink(actor=actor, link=link)
    # Also a role with no link left at all (granted in the admin) goes.
    focal_point_role_sync(user=person)
    person_history_note(person, actor=actor, reason=HISTORY_ROLE_REMOVED[Role.FOCAL_POINT])
    return person
