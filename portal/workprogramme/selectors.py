"""Reads for the work programme: components, the trust fund's totals, the support landscape's
rows, and what the public site may show. Who sees what is asked of the rules
(portal/workprogramme/rules.py); the selectors turn the answer into querysets."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from egm.choices import MeetingStatus
from egm.models import Meeting
from guidebook.choices import EditionStatus
from guidebook.models import GuidebookEdition
from pilots.choices import ANNOUNCED_PILOT_STATUSES
from pilots.models import Pilot, PilotSupport
from portal.models import (
    CountryRecordLink,
    ExchangeRate,
    PeerExchange,
    PeerExchangeRequest,
    SupportOutput,
    TrustFund,
    TrustFundContribution,
    TrustFundReceipt,
)
from portal.workprogramme import money
from portal.workprogramme.rules import (
    landscape_shows_unannounced,
    peer_learning_opens_every,
    workprogramme_can_keep,
)
from programme.choices import MilestoneStatus
from programme.models import Milestone, WorkProgrammeComponent
from roadmaps.choices import AssessmentStatus, VersionStatus
from roadmaps.models import Assessment, ConsolidatedScore, PublicReleaseConsent, RoadmapVersion

# Guidebook editions the public may read about.
PUBLIC_EDITION_STATUSES = frozenset({EditionStatus.CONSULTATION, EditionStatus.PUBLISHED})


# --- Components ----------------------------------------------------------------------------


def component_list(*, user) -> QuerySet[WorkProgrammeComponent]:
    """The work programme's components with their leads and the progress of the milestones
    `user` may see (`milestones_total`, `milestones_done`): programme information for everyone
    signed in."""
    if not user.is_authenticated:
        return WorkProgrammeComponent.objects.none()
    visible = Milestone.objects.visible_to(user).filter(component=OuterRef("pk")).order_by()

    def count(qs):
        return Coalesce(Subquery(qs.values("component").annotate(n=Count("pk")).values("n")), 0)

    return WorkProgrammeComponent.objects.prefetch_related("lead_organisations").annotate(
        milestones_total=count(visible.exclude(status=MilestoneStatus.CANCELLED)),
        milestones_done=count(visible.filter(status=MilestoneStatus.DONE)),
    )


# How many of a component's milestones its card lists (the next ones still owed); the rest
# are one link away, on the milestone list filtered by the component.
COMPONENT_MILESTONES_SHOWN = 8


def component_overview(*, user) -> list[WorkProgrammeComponent]:
    """Each component with its next open milestones (at most COMPONENT_MILESTONES_SHOWN, in
    `next_milestones`; the counts are `milestones_total` / `milestones_done`), outputs and
    (for peer learning) exchanges, for the work-programme page; a fixed number of queries
    whatever the number of milestones."""
    milestones = (
        Milestone.objects.visible_to(user)
        .open()
        .filter(due_on__isnull=False)
        .order_by("due_on", "pk")[:COMPONENT_MILESTONES_SHOWN]
    )
    outputs = support_output_list(user=user).prefetch_related("organisations")
    return list(
        component_list(user=user).prefetch_related(
            Prefetch("milestones", queryset=milestones, to_attr="next_milestones"),
            Prefetch("outputs", queryset=outputs, to_attr="visible_outputs"),
        )
    )


# --- Trust fund ----------------------------------------------------------------------------


def trust_fund_totals(*, fund: TrustFund | None = None) -> list[money.CurrencyTotal]:
    """Pledged and received money per currency, with the latest recorded rate to USD of each;
    three queries whatever the number of pledges."""
    pledges = TrustFundContribution.objects.all()
    receipts = TrustFundReceipt.objects.all()
    if fund is not None:
        pledges = pledges.filter(fund=fund)
        receipts = receipts.filter(pledge__fund=fund)
    pledged = pledges.order_by().values_list("currency").annotate(s=Sum("amount"))
    received = receipts.order_by().values_list("pledge__currency").annotate(s=Sum("amount"))
    return money.currency_totals(pledged, received, latest_rates())


def latest_rates() -> dict[str, money.Rate]:
    """The most recent rate the secretariat recorded for each currency."""
    rows = ExchangeRate.objects.order_by("currency", "-rate_on").distinct("currency")
    return {r.currency: money.Rate(r.usd_per_unit, r.rate_on) for r in rows}


def pledge_list(*, user) -> QuerySet[TrustFundContribution]:
    """Pledges with their donors and receipts: the secretariat's alone."""
    if not workprogramme_can_keep(user):
        return TrustFundContribution.objects.none()
    return TrustFundContribution.objects.select_related(
        "donor", "component", "fund"
    ).prefetch_related("receipts")


# --- Support landscape ---------------------------------------------------------------------


def landscape_pilot_list(*, user) -> QuerySet[Pilot]:
    """Pilot countries the landscape shows `user`: all for the secretariat, announced ones
    otherwise. International partners follow no steps, so they have no gaps to show."""
    if not user.is_authenticated:
        return Pilot.objects.none()
    pilots = Pilot.objects.visible_to(user).countries()
    if not landscape_shows_unannounced(user):
        pilots = pilots.filter(status__in=ANNOUNCED_PILOT_STATUSES)
    return pilots.select_related("country__region", "organisation")


def support_list(*, user) -> QuerySet[PilotSupport]:
    """Support records of the pilots `user` may see in the landscape, with their scope."""
    return (
        PilotSupport.objects.filter(pilot__in=landscape_pilot_list(user=user))
        .select_related("pilot__country__region", "pilot__organisation", "organisation", "scope")
        .order_by("organisation__name", "pilot_id", "role", "start_on", "pk")
    )


# --- Peer learning and outputs -------------------------------------------------------------


def peer_learning_pilot_list(*, user) -> QuerySet[Pilot]:
    """Pilots whose peer-learning page `user` may open: any landscape pilot for the secretariat
    and the advisory group, a focal point's own country's, nobody else's (the rule of
    `portal.workprogramme.rules.peer_learning_can_open`, as a queryset)."""
    pilots = landscape_pilot_list(user=user)
    if peer_learning_opens_every(user):
        return pilots
    return pilots.filter(country__in=user.country_ids)


def peer_exchange_list(*, user) -> QuerySet[PeerExchange]:
    """Recorded peer exchanges among the pilots `user` may see in the landscape."""
    pilots = landscape_pilot_list(user=user)
    return PeerExchange.objects.filter(learner__in=pilots, peer__in=pilots).select_related(
        "learner__country", "learner__organisation", "peer__country", "peer__organisation"
    )


def support_output_list(*, user) -> QuerySet[SupportOutput]:
    """International-support outputs: all of them for signed-in users."""
    if not user.is_authenticated:
        return SupportOutput.objects.none()
    return SupportOutput.objects.all()


def public_output_list() -> QuerySet[SupportOutput]:
    """International-support outputs the secretariat marked public."""
    return SupportOutput.objects.filter(is_public=True)


# --- The public site -------------------------------------------------------------------------


def public_version_list() -> QuerySet[RoadmapVersion]:
    """Roadmap versions the world may read: published, with the country's consent in force.
    (Published alone is for signed-in partners; the world needs a separate, recorded consent.)"""
    consent = PublicReleaseConsent.objects.in_force().filter(version=OuterRef("pk"))
    return (
        # A made-up demo draft is never released, whatever consent is recorded.
        RoadmapVersion.objects.filter(status=VersionStatus.PUBLISHED, illustrative=False)
        .filter(Exists(consent))
        .select_related("roadmap__country", "roadmap__owner")
        .order_by("roadmap__title", "-number")
    )


def public_scorecard_list() -> QuerySet[Assessment]:
    """Finalised scorecards of publicly released versions, with their scores."""
    return (
        Assessment.objects.filter(
            status=AssessmentStatus.FINALISED, version__in=public_version_list()
        )
        .select_related("version__roadmap__country")
        .prefetch_related(
            Prefetch(
                "scores", queryset=ConsolidatedScore.objects.select_related("criterion__group")
            )
        )
    )


def public_pilot_list() -> QuerySet[Pilot]:
    """Announced pilots, with their progress through the six steps as recorded (illustrative
    demo progress is left out: the public site shows only what the record supports)."""
    return (
        Pilot.objects.filter(status__in=ANNOUNCED_PILOT_STATUSES)
        .select_related("country__region", "organisation", "cohort")
        .with_progress(recorded_only=True)
    )


def public_meeting_list() -> QuerySet[Meeting]:
    """Meetings held that the programme made public."""
    return (
        Meeting.objects.filter(is_public=True, status=MeetingStatus.HELD)
        .select_related("country")
        .order_by("start_date")
    )


def public_edition_list() -> QuerySet[GuidebookEdition]:
    """Guidebook editions out for consultation or published."""
    return GuidebookEdition.objects.filter(status__in=PUBLIC_EDITION_STATUSES)


def consent_list(*, user) -> QuerySet[PublicReleaseConsent]:
    """Consents to public release: the secretariat keeps them."""
    if not workprogramme_can_keep(user):
        return PublicReleaseConsent.objects.none()
    return PublicReleaseConsent.objects.select_related("version__roadmap__country", "recorded_by")


def peer_exchange_request_list(*, user) -> QuerySet[PeerExchangeRequest]:
    """Countries' requests for a peer exchange: the secretariat reads all (to arrange them), a
    focal point their own country's, nobody else any."""
    if not (user and user.is_authenticated):
        return PeerExchangeRequest.objects.none()
    requests = PeerExchangeRequest.objects.select_related(
        "learner__country",
        "suggested_peer__country",
        "suggested_peer__organisation",
        "requested_by",
    )
    if user.is_secretariat:
        return requests
    return requests.filter(learner__country_id__in=user.country_ids)


def country_record_link_list(*, user) -> QuerySet[CountryRecordLink]:
    """Countries' records on other public sources: public links, for everyone signed in."""
    if not (user and user.is_authenticated):
        return CountryRecordLink.objects.none()
    return CountryRecordLink.objects.select_related("country")
