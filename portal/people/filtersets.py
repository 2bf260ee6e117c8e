"""The People list's filters (one FilterSet, as every list has)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pilots.models import Country, FocalPoint
from programme.choices import Role
from programme.models import Invitation, Organisation, User

STATE_CHOICES = (
    ("active", _("Active")),
    ("invited", _("Invited, not yet signed up")),
    ("inactive", _("Inactive")),
)


class PersonFilterSet(django_filters.FilterSet):
    """Who holds which role, for which country or organisation, in which state."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, field_name="groups__name", distinct=True
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.filter(pilot__isnull=False).order_by("name"),
        method="filter_country",
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=STATE_CHOICES, method="filter_state"
    )

    class Meta:
        model = User
        fields = ["role", "organisation"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
            | Q(username__icontains=value)
        )

    def filter_country(self, queryset, name, value):
        today = timezone.localdate()
        links = FocalPoint.objects.filter(user=OuterRef("pk"), country=value).exclude(
            until__lt=today
        )
        return queryset.filter(Exists(links))

    def filter_state(self, queryset, name, value):
        invited = Exists(Invitation.objects.open().filter(user=OuterRef("pk")))
        if value == "active":
            return queryset.filter(is_active=True)
        if value == "invited":
            return queryset.filter(invited, is_active=False)
        return queryset.filter(~invited, is_active=False)
