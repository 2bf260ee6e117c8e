"""Reads of the People pages: who holds which role, for which country or organisation."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django_otp.plugins.otp_totp.models import TOTPDevice

from pilots.models import FocalPoint
from programme.models import Invitation, User
from programme.rules import person_can_manage


def person_list(*, user) -> QuerySet[User]:
    """Everyone with an account, with their roles, current country links, organisation, an open
    invitation and whether they sign in with a second factor: a fixed number of queries per
    page. Only the secretariat reads it (nobody else gets a row)."""
    if not person_can_manage(user):
        return User.objects.none()
    return (
        User.objects.select_related("organisation")
        .prefetch_related(
            "groups",
            Prefetch(
                "focal_points",
                queryset=FocalPoint.objects.current().select_related("country"),
                to_attr="current_links",
            ),
        )
        .annotate(
            invitation_open=Exists(Invitation.objects.open().filter(user=OuterRef("pk"))),
            two_factor_on=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .order_by("last_name", "first_name", "username")
    )


def person_detail(*, user, pk: int) -> User:
    """One person of the People pages, read as the list reads them (404 when not there)."""
    return get_object_or_404(person_list(user=user), pk=pk)


def person_invitations(*, person: User) -> QuerySet[Invitation]:
    """A person's invitations, newest first, for their page."""
    return Invitation.objects.filter(user=person).select_related(
        "country", "organisation", "invited_by"
    )
