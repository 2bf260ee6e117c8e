"""Scoped reads for pilots and countries."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from pilots.models import (
    Country,
    FocalPoint,
    Pilot,
    PilotStep,
    PilotSupport,
    Region,
    TaskTeamPerson,
)
from pilots.rules import country_keeper, focal_point_can_view, task_team_contact_visible
from programme.models import Milestone
from roadmaps.models import Roadmap, RoadmapVersion, VersionTransition
from roadmaps.rules import transition_comments_q
from roadmaps.selectors import roadmap_list, roadmap_version_list


def country_list(*, user) -> QuerySet[Country]:
    """UN member and observer states with their regions; reference data for signed-in users."""
    if not user.is_authenticated:
        return Country.objects.none()
    return Country.objects.select_related("region", "sub_region", "intermediate_region")


def pilot_list(*, user) -> QuerySet[Pilot]:
    """Pilots this user may see, with what list pages show joined in or annotated.

    Everything the secretariat's list shows (current step, latest draft status, current
    supporting organisations) comes in a fixed number of queries whatever the pilot count.
    """
    latest_version = (
        RoadmapVersion.objects.visible_to(user)
        .filter(roadmap__country=OuterRef("country"))
        .latest_first()
    )
    return (
        Pilot.objects.visible_to(user)
        .with_progress()
        .annotate(
            latest_version_status=Subquery(latest_version.values("status")[:1]),
            latest_version_number=Subquery(latest_version.values("number")[:1]),
        )
        .select_related(
            "country__region", "country__sub_region", "organisation", "cohort", "lead_institution"
        )
        .prefetch_related(
            Prefetch(
                "supports",
                queryset=PilotSupport.objects.current().select_related("organisation"),
                to_attr="current_supports",
            )
        )
    )


def pilot_detail_list(*, user) -> QuerySet[Pilot]:
    """Pilots this user may see, with what one pilot page's header shows: its progress, place
    and cohort (its steps, supporters, task team and status history are read with the page's
    body, only when that is not cached: `portal.pilots.views`)."""
    return (
        Pilot.objects.visible_to(user)
        .with_progress()
        .select_related(
            "country__region", "country__sub_region", "organisation", "cohort", "lead_institution"
        )
    )


def pilot_api_list(*, user) -> QuerySet[Pilot]:
    """Pilots this user may see, with what the API shows of them and nothing more (the list
    page's progress and latest-draft annotations are computed by the filters that need them)."""
    return (
        Pilot.objects.visible_to(user)
        .select_related("country", "organisation", "cohort", "lead_institution")
        .prefetch_related(
            Prefetch("steps", queryset=PilotStep.objects.order_by("step")),
            Prefetch(
                "supports",
                queryset=PilotSupport.objects.select_related("organisation").order_by(
                    "role", "organisation__name", "pk"
                ),
            ),
        )
    )


def pilot_detail_context(*, user, pilot: Pilot) -> dict:
    """Everything the country page shows, each read scoped to `user` (the whole picture for
    the secretariat; the country's own unpublished material for its focal points)."""
    country_id = pilot.country_id
    roadmaps = (
        roadmap_list(user=user).filter(country_id=country_id).prefetch_related("goal_links__goal")
        if country_id
        else Roadmap.objects.none()
    )
    versions = (
        roadmap_version_list(user=user).filter(roadmap__country_id=country_id)
        if country_id
        else RoadmapVersion.objects.none()
    )
    # Only comments the rule lets this reader see (roadmaps.rules.transition_comment_visible).
    feedback = (
        VersionTransition.objects.filter(version__in=versions.values("pk"))
        .filter(transition_comments_q(user))
        .exclude(comment="")
        .exclude(to_status__in=["", "draft", "submitted"])
        .select_related("version__roadmap", "actor")[:10]
    )
    milestones = (
        Milestone.objects.visible_to(user).filter(country_id=country_id).upcoming()[:6]
        if country_id
        else Milestone.objects.none()
    )
    focal_points = (
        FocalPoint.objects.current().filter(country_id=country_id).select_related("user")
        if country_id and focal_point_can_view(user, pilot)
        else FocalPoint.objects.none()
    )
    return {
        "roadmaps": list(roadmaps),
        "versions": list(versions.latest_first()[:20]),
        "feedback": list(feedback),
        "milestones": list(milestones),
        "focal_points": list(focal_points),
    }


def region_list(*, user) -> QuerySet[Region]:
    """UN M49 regions at their three levels; reference data for signed-in users."""
    if not user.is_authenticated:
        return Region.objects.none()
    return Region.objects.select_related("parent")


def pilot_keep_list(*, user) -> QuerySet[Pilot]:
    """Pilot countries whose own record `user` keeps (`pilots.rules.country_keeper`): every
    one for the secretariat, a focal point's own countries, none for anyone else. The pages
    that write a country's record load the pilot through this, so another country's is a 404."""
    if not country_keeper(user):
        return Pilot.objects.none()
    pilots = Pilot.objects.filter(country__isnull=False).select_related("country")
    if user.is_secretariat:
        return pilots
    return pilots.filter(country_id__in=user.country_ids)


def task_team_people(*, user, pilot: Pilot) -> list:
    """The named people of a pilot's task team, with their contact only for those
    `pilots.rules.task_team_contact_visible` lets read it (others get it blank)."""
    people = list(TaskTeamPerson.objects.filter(pilot=pilot))
    if not task_team_contact_visible(user, pilot):
        for person in people:
            person.contact = ""
    return people


def pilot_step_list(*, user) -> QuerySet[PilotStep]:
    """The six steps' records of the pilots `user` may see (how far a pilot is is programme
    information)."""
    return PilotStep.objects.filter(pilot__in=Pilot.objects.visible_to(user)).select_related(
        "pilot"
    )


def task_team_person_list(*, user) -> QuerySet[TaskTeamPerson]:
    """Task-team people of the pilots `user` may see; their contacts are each reader's rule
    (`pilots.rules.task_team_contact_visible`), applied where they are shown."""
    return TaskTeamPerson.objects.filter(pilot__in=Pilot.objects.visible_to(user)).select_related(
        "pilot"
    )
