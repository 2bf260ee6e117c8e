"""Writes for the work programme. Each is atomic, checks who may make it, and lets the model's
`full_clean()` decide what is valid, so a bad amount, date or currency saves nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from base.errors import refuse
from pilots.models import Pilot
from pilots.rules import country_record_change_refusal
from pilots.services import pilot_support_create
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
from portal.workprogramme.rules import exchange_request_refusal, workprogramme_keep_refusal
from programme.models import Organisation, User, WorkProgrammeComponent
from roadmaps.models import PublicReleaseConsent, RoadmapVersion
from roadmaps.services import public_release_consent_give
from roadmaps.services import public_release_consent_withdraw as roadmap_consent_withdraw


@transaction.atomic
def trust_fund_pledge_record(
    *,
    actor: User,
    fund: TrustFund,
    donor: Organisation,
    amount: Decimal,
    currency: str,
    pledged_on: dt.date,
    component: WorkProgrammeComponent | None = None,
    note: str = "",
) -> TrustFundContribution:
    """Record a donor's pledge to the fund, earmarked to a component or not."""
    refuse(workprogramme_keep_refusal(actor))
    pledge = TrustFundContribution(
        fund=fund,
        donor=donor,
        amount=amount,
        currency=currency,
        pledged_on=pledged_on,
        component=component,
        note=note,
    )
    pledge.full_clean()
    pledge.save()
    return pledge


@transaction.atomic
def trust_fund_receipt_record(
    *,
    actor: User,
    pledge: TrustFundContribution,
    amount: Decimal,
    received_on: dt.date,
    reference: str = "",
) -> TrustFundReceipt:
    """Record money received against a pledge. The pledge row is locked so two receipts
    recorded at once cannot together exceed it."""
    refuse(workprogramme_keep_refusal(actor))
    pledge = TrustFundContribution.objects.select_for_update().get(pk=pledge.pk)
    receipt = TrustFundReceipt(
        pledge=pledge,
        amount=amount,
        received_on=received_on,
        reference=reference,
        recorded_by=actor,
    )
    receipt.full_clean()
    receipt.save()
    return receipt


@transaction.atomic
def exchange_rate_record(
    *, actor: User, currency: str, usd_per_unit: Decimal, rate_on: dt.date, source: str = ""
) -> ExchangeRate:
    """Record the USD value of a currency on a date; USD totals use the latest rate."""
    refuse(workprogramme_keep_refusal(actor))
    rate = ExchangeRate(
        currency=currency,
        usd_per_unit=usd_per_unit,
        rate_on=rate_on,
        source=source,
        recorded_by=actor,
    )
    rate.full_clean()
    rate.save()
    return rate


# The landscape's page records support through the pilots app's one service, which locks the
# pilot and records the steps and SDGs covered (the name the page calls stays).
pilot_support_record = pilot_support_create


@transaction.atomic
def peer_exchange_record(
    *,
    actor: User,
    learner: Pilot,
    peer: Pilot,
    held_on: dt.date,
    topic: str,
    participants: str,
    criteria: Iterable[int] = (),
    notes: str = "",
) -> PeerExchange:
    """Record a peer-learning exchange that took place between two pilots."""
    refuse(workprogramme_keep_refusal(actor))
    exchange = PeerExchange(
        learner=learner,
        peer=peer,
        held_on=held_on,
        topic=topic,
        participants=participants,
        criteria=list(criteria),
        notes=notes,
        recorded_by=actor,
    )
    exchange.full_clean()
    exchange.save()
    return exchange


@transaction.atomic
def support_output_record(
    *,
    actor: User,
    title: str,
    kind: str,
    organisations: Iterable[Organisation],
    components: Iterable[WorkProgrammeComponent] = (),
    url: str = "",
    published_on: dt.date | None = None,
    summary: str = "",
    is_public: bool = False,
) -> SupportOutput:
    """Record a shared-understanding output (strategy, mainstreaming, deep dive)."""
    refuse(workprogramme_keep_refusal(actor))
    organisations = list(organisations)
    output = SupportOutput(
        title=title,
        kind=kind,
        url=url,
        published_on=published_on,
        summary=summary,
        is_public=is_public,
        recorded_by=actor,
    )
    output.full_clean()
    if not organisations:
        raise ValidationError({"organisations": _("Name at least one organisation.")})
    output.save()
    output.organisations.set(organisations)
    output.components.set(list(components))
    return output


def public_release_consent_record(
    *,
    actor: User,
    version: RoadmapVersion,
    given_by: str,
    given_on: dt.date,
    evidence: str,
) -> PublicReleaseConsent:
    """Record a country's consent to show a published version and its scorecard to the world:
    the roadmaps app's one service, which the country's own page calls too."""
    return public_release_consent_give(
        actor=actor, version=version, given_by=given_by, given_on=given_on, evidence=evidence
    )


def public_release_consent_withdraw(
    *, actor: User, consent: PublicReleaseConsent, withdrawn_on: dt.date
) -> PublicReleaseConsent:
    """Take a version off the public site: the country withdrew its consent."""
    return roadmap_consent_withdraw(actor=actor, consent=consent, withdrawn_on=withdrawn_on)


@transaction.atomic
def country_record_link_set(
    *, actor: User, country, source: str, record: str
) -> CountryRecordLink | None:
    """Note where a country's record lives on a public source (STIP Compass, GO-SPIN), or
    forget it with an empty `record` (the country's focal points, or the secretariat). Returns
    the link, or None once forgotten."""
    if country is None:
        raise ValidationError({"source": _("Only a pilot country has records on other sources.")})
    refuse(country_record_change_refusal(actor, country))
    record = (record or "").strip().lstrip("/")
    existing = CountryRecordLink.objects.select_for_update().filter(country=country, source=source)
    if not record:
        for link in existing:
            link.delete()  # one by one, so the removal is in the history
        return None
    link = existing.first() or CountryRecordLink(country=country, source=source)
    link.record = record
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def peer_exchange_request(
    *, actor: User, learner: Pilot, suggested_peer: Pilot, topic: str, note: str = ""
) -> PeerExchangeRequest:
    """A country asks for a peer exchange with a country it suggests; the secretariat sees it
    among the work programme's peer exchanges as requested."""
    refuse(exchange_request_refusal(actor, learner))
    request = PeerExchangeRequest(
        learner=learner, suggested_peer=suggested_peer, topic=topic, note=(note or "").strip(),
        requested_by=actor,
    )  # fmt: skip
    request.full_clean()
    request.save()
    return request
