"""API representations of the work programme's public parts."""

from __future__ import annotations

from rest_framework import serializers

from base.api.base import DocumentedModelSerializer, DocumentedSerializer
from pilots.choices import ANNOUNCED_PILOT_STATUSES
from pilots.models import Country, Pilot, PilotSupport
from pilots.rules import country_keeper
from portal.models import CountryRecordLink, PeerExchangeRequest
from portal.workprogramme.landscape import support_goals, support_steps
from portal.workprogramme.services import country_record_link_set, peer_exchange_request
from programme.api.serializers import OrganisationRefSerializer
from programme.models import WorkProgrammeComponent


class ComponentSerializer(DocumentedModelSerializer):
    """A component of the inter-sessional work programme, with its leads and progress."""

    lead_organisations = OrganisationRefSerializer(many=True, read_only=True)
    milestones_total = serializers.IntegerField(read_only=True)
    milestones_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = WorkProgrammeComponent
        fields = [
            "id",
            "name",
            "slug",
            "description",
            "order",
            "lead_organisations",
            "milestones_total",
            "milestones_done",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the component.",
            "name": "e.g. Peer learning.",
            "slug": "URL-friendly short name.",
            "description": "What the component is for.",
            "order": "Position in the work programme.",
            "lead_organisations": "The organisations that lead it.",
            "milestones_total": "Its milestones you may see (cancelled ones left out).",
            "milestones_done": "How many of those are done.",
        }


class SupportSerializer(DocumentedModelSerializer):
    """One organisation supporting one pilot, in a role, over dates, on steps and SDGs."""

    pilot_name = serializers.CharField(source="pilot.name", read_only=True)
    organisation = OrganisationRefSerializer(read_only=True)
    steps = serializers.SerializerMethodField()
    sdgs = serializers.SerializerMethodField()

    class Meta:
        model = PilotSupport
        fields = [
            "id",
            "pilot",
            "pilot_name",
            "organisation",
            "role",
            "start_on",
            "end_on",
            "steps",
            "sdgs",
        ]
        read_only_fields = fields
        help_texts = {
            "id": "Identifier of the support record.",
            "pilot": "Identifier of the pilot (see /pilots/).",
            "pilot_name": "The pilot's country or organisation.",
            "organisation": "The supporting organisation.",
            "role": "Its role for the pilot.",
            "start_on": "From (empty: not recorded).",
            "end_on": "Until (empty: open-ended).",
        }

    def get_steps(self, obj) -> list[int]:
        """Numbers (1-6) of the methodology steps supported."""
        return support_steps(obj)

    def get_sdgs(self, obj) -> list[int]:
        """Numbers (1-17) of the SDGs the support focuses on."""
        return support_goals(obj)


class CurrencyTotalSerializer(DocumentedSerializer):
    currency = serializers.CharField()
    pledged = serializers.DecimalField(max_digits=16, decimal_places=2)
    received = serializers.DecimalField(max_digits=16, decimal_places=2)
    outstanding = serializers.DecimalField(max_digits=16, decimal_places=2)
    usd_per_unit = serializers.DecimalField(max_digits=18, decimal_places=8, allow_null=True)
    rate_on = serializers.DateField(allow_null=True)
    pledged_usd = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    received_usd = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)

    class Meta:
        help_texts = {
            "currency": "ISO 4217 code.",
            "pledged": "Sum of pledges in this currency, exact.",
            "received": "Sum of receipts in this currency, exact.",
            "outstanding": "Pledged but not yet received.",
            "usd_per_unit": "The secretariat's latest recorded rate to USD (null: none).",
            "rate_on": "Date of that rate.",
            "pledged_usd": "Pledged in USD at that rate, to the cent (null without a rate).",
            "received_usd": "Received in USD at that rate, to the cent (null without a rate).",
        }


class UsdTotalSerializer(DocumentedSerializer):
    pledged = serializers.DecimalField(max_digits=16, decimal_places=2)
    received = serializers.DecimalField(max_digits=16, decimal_places=2)
    complete = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())

    class Meta:
        help_texts = {
            "pledged": "USD sum over the currencies that have a rate.",
            "received": "USD sum over the currencies that have a rate.",
            "complete": "False when some currency has no rate and is left out.",
            "missing": "Currencies left out for want of a rate.",
        }


class TrustFundTotalsSerializer(DocumentedSerializer):
    currencies = CurrencyTotalSerializer(many=True)
    usd = UsdTotalSerializer()

    class Meta:
        help_texts = {
            "currencies": "Totals per currency.",
            "usd": "The total in USD, where rates exist.",
        }


def totals_data(totals, usd) -> dict:
    """The public totals as the serializer reads them."""
    return {
        "currencies": [
            {
                "currency": t.currency,
                "pledged": t.pledged,
                "received": t.received,
                "outstanding": t.outstanding,
                "usd_per_unit": t.rate.usd_per_unit if t.rate else None,
                "rate_on": t.rate.rate_on if t.rate else None,
                "pledged_usd": t.pledged_usd,
                "received_usd": t.received_usd,
            }
            for t in totals
        ],
        "usd": {
            "pledged": usd.pledged,
            "received": usd.received,
            "complete": usd.complete,
            "missing": list(usd.missing),
        },
    }


class _KeptPilotField(serializers.PrimaryKeyRelatedField):
    """A pilot country whose record the caller keeps: another country's id is refused like an
    id that does not exist."""

    def get_queryset(self):
        user = self.context["request"].user
        if not country_keeper(user):
            return Pilot.objects.none()
        pilots = Pilot.objects.filter(country__isnull=False)
        return pilots if user.is_secretariat else pilots.filter(country_id__in=user.country_ids)


class _KeptCountryField(serializers.PrimaryKeyRelatedField):
    """A country whose record the caller keeps (a pilot country; any for the secretariat)."""

    def get_queryset(self):
        user = self.context["request"].user
        if not country_keeper(user):
            return Country.objects.none()
        countries = Country.objects.filter(pilot__isnull=False)
        return countries if user.is_secretariat else countries.filter(pk__in=user.country_ids)


class CountryRecordLinkSerializer(DocumentedModelSerializer):
    """Where a pilot country's public record lives on another source (STIP Compass,
    GO-SPIN). A POST for a source already noted replaces its record; an empty record removes
    it (the answer is then 204)."""

    country = _KeptCountryField()
    record = serializers.CharField(max_length=200, allow_blank=True)
    url = serializers.CharField(read_only=True)

    class Meta:
        model = CountryRecordLink
        fields = ["id", "country", "source", "record", "url"]
        read_only_fields = ["id", "url"]
        validators = []
        help_texts = {
            "id": "Identifier of the link.",
            "country": "Id of the country (one whose record you keep).",
            "source": "stip_compass or go_spin.",
            "record": "The country's page on that source, as its link pattern expects.",
            "url": "The full address.",
        }

    def create(self, validated_data):
        return country_record_link_set(actor=self.context["request"].user, **validated_data)


class PeerExchangeRequestSerializer(DocumentedModelSerializer):
    """A country's request for a peer exchange with a country it suggests."""

    learner = _KeptPilotField()
    suggested_peer = serializers.PrimaryKeyRelatedField(
        queryset=Pilot.objects.countries().filter(status__in=ANNOUNCED_PILOT_STATUSES)
    )
    requested_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = PeerExchangeRequest
        fields = [
            "id",
            "learner",
            "suggested_peer",
            "topic",
            "note",
            "requested_by",
            "requested_at",
        ]
        read_only_fields = ["id", "requested_by", "requested_at"]
        validators = []
        help_texts = {
            "id": "Identifier of the request.",
            "learner": "Id of the requesting pilot (one whose record you keep).",
            "suggested_peer": "Id of the announced pilot country suggested to learn from.",
            "topic": "What the exchange would be about.",
            "note": "Anything the secretariat should know.",
            "requested_by": "Who asked.",
            "requested_at": "When.",
        }

    def create(self, validated_data):
        return peer_exchange_request(actor=self.context["request"].user, **validated_data)
