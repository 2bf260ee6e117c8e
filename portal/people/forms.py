"""Forms of the People pages. What may be done is the services' (and their rules')."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from base.i18n import language_choices
from pilots.models import Country
from programme.choices import Role
from programme.forms import ListedModelChoiceField
from programme.models import Organisation


def _pilot_countries():
    # Only pilot countries have focal points (pilots.rules.focal_point_link_refusal).
    return Country.objects.filter(pilot__isnull=False).order_by("name")


class PersonInviteForm(forms.Form):
    """Who to invite, by email, and with which role."""

    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    country = ListedModelChoiceField(
        queryset=_pilot_countries(),
        required=False,
        label=_("Country"),
        help_text=_("For a focal point: the pilot country they speak for."),
    )
    organisation = ListedModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        label=_("Organisation"),
        help_text=_("For a partner: the organisation the account is for."),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("The site's language")), *language_choices()]


class RoleGrantForm(forms.Form):
    """One more role for a person (a focal point's with its country)."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    country = ListedModelChoiceField(
        queryset=_pilot_countries(),
        required=False,
        label=_("Country"),
        help_text=_("For a focal point: the pilot country they speak for."),
    )
    organisation = ListedModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        required=False,
        label=_("Organisation"),
        help_text=_("For a partner: the organisation the account is for."),
    )
