"""Scoped reads for pilots and countries."""

from __future__ import annotations

from django.db.models import QuerySet

from pilots.models import Country, Pilot, Region


def country_list(*, user) -> QuerySet[Country]:
    """UN member and observer states with their regions; reference data for signed-in users."""
    if not user.is_authenticated:
        return Country.objects.none()
    return Country.objects.select_related("region", "sub_region", "intermediate_region")


def pilot_list(*, user) -> QuerySet[Pilot]:
    """Pilots this user may see, with what list pages show joined in."""
    return Pilot.objects.visible_to(user).select_related(
        "country__region", "country__sub_region", "organisation", "cohort", "lead_institution"
    )


def region_list(*, user) -> QuerySet[Region]:
    """UN M49 regions at their three levels; reference data for signed-in users."""
    if not user.is_authenticated:
        return Region.objects.none()
    return Region.objects.select_related("parent")
