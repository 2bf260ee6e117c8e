from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.search.selectors import KINDS, MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        help_text=_(
            'Whole words, in any order; "quoted words" for a phrase, -word to leave one out.'
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Only"),
        required=False,
        choices=[("", _("Everything")), *[(k.key, k.label) for k in KINDS]],
    )
