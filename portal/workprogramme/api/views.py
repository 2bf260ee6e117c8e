"""API endpoints for the work programme: components, the trust fund's public totals and the
support landscape of announced pilots."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from base.api.base import CachedReadsMixin, ReadOnlyScopedViewSet, ScopedViewSet, cached_body
from base.httpcache import app_models
from pilots.models import Country, Pilot
from pilots.rules import country_keeper
from portal.models import (
    CountryRecordLink,
    ExchangeRate,
    PeerExchangeRequest,
    TrustFund,
    TrustFundContribution,
    TrustFundReceipt,
)
from portal.workprogramme import money
from portal.workprogramme.api.serializers import (
    ComponentSerializer,
    CountryRecordLinkSerializer,
    PeerExchangeRequestSerializer,
    SupportSerializer,
    TrustFundTotalsSerializer,
    totals_data,
)
from portal.workprogramme.filtersets import (
    CountryRecordLinkFilterSet,
    PeerExchangeRequestFilterSet,
    PilotSupportFilterSet,
)
from portal.workprogramme.rules import exchange_can_request
from portal.workprogramme.selectors import (
    component_list,
    country_record_link_list,
    peer_exchange_request_list,
    support_list,
    trust_fund_totals,
)
from programme.models import Milestone, Organisation, User, WorkProgrammeComponent


@extend_schema_view(
    list=extend_schema(summary="List the work programme's components"),
    retrieve=extend_schema(summary="One component"),
)
class ComponentViewSet(ReadOnlyScopedViewSet):
    """Peer learning, joint support for pilots, donor coordination, knowledge and advocacy."""

    selector = staticmethod(component_list)
    serializer_class = ComponentSerializer
    filterset_class = None
    search_fields = ("name", "description")
    ordering_fields = ("order", "name")
    # The components, their lead organisations and the milestones counted (visible ones:
    # public, of the caller's countries or owned by the caller).
    cache_models = (WorkProgrammeComponent, Organisation, Milestone)


@extend_schema_view(
    list=extend_schema(summary="The support landscape: who supports which pilot"),
    retrieve=extend_schema(summary="One support record"),
)
class SupportViewSet(ReadOnlyScopedViewSet):
    """Organisations supporting announced pilots: role, dates, steps and SDGs. Records running
    today unless `on` names another day."""

    selector = staticmethod(support_list)
    serializer_class = SupportSerializer
    filterset_class = PilotSupportFilterSet
    ordering_fields = ("start_on", "role")

    @property
    def cache_models(self):
        # Supports, their scope, pilots, countries and organisations ("running today": the
        # day is part of every cached API answer's key).
        return app_models("pilots", "programme", "auth")

    def filter_queryset(self, queryset):
        # One record is found by its id whatever its dates; the filters (and "running today")
        # shape lists and exports.
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)


class SummarySchema(AutoSchema):
    """A `list` route that answers one summary object, not a list of rows."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class TrustFundTotalViewSet(viewsets.GenericViewSet):
    """The trust fund's public totals: per currency, exact, and in USD where a rate exists.
    Who gave what is the secretariat's; only totals are published."""

    serializer_class = TrustFundTotalsSerializer
    schema = SummarySchema()
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):  # no rows: a summary
        return []

    @extend_schema(summary="The trust fund's totals", responses=TrustFundTotalsSerializer)
    def list(self, request):
        def build() -> bytes:
            totals = trust_fund_totals()
            data = totals_data(totals, money.usd_total(totals))
            return JSONRenderer().render(TrustFundTotalsSerializer(data).data)

        body = cached_body(
            request,
            "api:trust-fund-totals",
            (TrustFund, TrustFundContribution, TrustFundReceipt, ExchangeRate),
            build,
        )
        return HttpResponse(body, content_type="application/json")


@extend_schema_view(
    list=extend_schema(summary="List countries' records on other sources"),
    retrieve=extend_schema(summary="One country's record on another source"),
    create=extend_schema(
        summary="Note a country's STIP Compass or GO-SPIN record (its country, the secretariat)",
        description=(
            "Replaces the record already noted for that source; an empty `record` removes it "
            "and answers 204."
        ),
    ),
)
class CountryRecordLinkViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ScopedViewSet,
):
    """Where pilot countries' public records live on STIP Compass and GO-SPIN."""

    selector = staticmethod(country_record_link_list)
    serializer_class = CountryRecordLinkSerializer
    filterset_class = CountryRecordLinkFilterSet
    write_rule = staticmethod(country_keeper)
    cache_models = (CountryRecordLink, Country)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = serializer.save()
        if link is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self.get_serializer(link).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="List requests for a peer exchange (the country's, or all)"),
    retrieve=extend_schema(summary="One request for a peer exchange"),
    create=extend_schema(
        summary="Ask for a peer exchange with a suggested country (its country, the secretariat)"
    ),
)
class PeerExchangeRequestViewSet(
    CachedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ScopedViewSet,
):
    """Countries' requests for peer exchanges; the secretariat arranges them."""

    selector = staticmethod(peer_exchange_request_list)
    serializer_class = PeerExchangeRequestSerializer
    filterset_class = PeerExchangeRequestFilterSet
    write_rule = staticmethod(exchange_can_request)
    cache_models = (PeerExchangeRequest, Pilot, Country, Organisation, User)
