"""The support landscape's filters: one FilterSet for the matrix page, its export and the API."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilots.choices import SDG_CHOICES, STEP_CHOICES, SupportRole
from pilots.models import PilotSupport, Region
from portal.models import CountryRecordLink, PeerExchangeRequest


class PilotSupportFilterSet(django_filters.FilterSet):
    """Filter support records by step, SDG, the pilot's region, role and the date they run on.

    With no date, the records running today are shown; `on` picks another day.
    """

    step = django_filters.ChoiceFilter(
        choices=STEP_CHOICES,
        method="filter_step",
        label=_("Step"),
    )
    sdg = django_filters.ChoiceFilter(choices=SDG_CHOICES, method="filter_sdg", label=_("SDG"))
    region = django_filters.ModelChoiceFilter(
        field_name="pilot__country__region",
        queryset=Region.objects.filter(level="region"),
        label=_("Region"),
    )
    role = django_filters.ChoiceFilter(choices=SupportRole.choices, label=_("Role"))
    on = django_filters.DateFilter(method="filter_on", label=_("Running on"))

    class Meta:
        model = PilotSupport
        fields = ["step", "sdg", "region", "role", "on"]

    def filter_step(self, queryset, name, value: str):
        return queryset.filter(scope__steps__contains=[int(value)])

    def filter_sdg(self, queryset, name, value: str):
        return queryset.filter(scope__goals__contains=[int(value)])

    def filter_on(self, queryset, name, value):
        return queryset.current(value)

    @property
    def qs(self):
        queryset = super().qs
        if not (self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("on")):
            queryset = queryset.current(timezone.localdate())
        return queryset


class CountryRecordLinkFilterSet(django_filters.FilterSet):
    """Filters for countries' records on other sources (API): by country (a plain id), source."""

    country = django_filters.NumberFilter(label=_("Country"))

    class Meta:
        model = CountryRecordLink
        fields = ["country", "source"]


class PeerExchangeRequestFilterSet(django_filters.FilterSet):
    """Filters for peer-exchange requests (API): by requesting pilot, as a plain id."""

    learner = django_filters.NumberFilter(label=_("Requesting pilot"))

    class Meta:
        model = PeerExchangeRequest
        fields = ["learner"]
