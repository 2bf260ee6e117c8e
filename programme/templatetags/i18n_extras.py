"""Template helpers for the active language: reference data in it, money in its formats, and
the language switcher. Loaded as a builtin (see TEMPLATES in config/settings.py)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from base.i18n import language_choices, localised
from programme.choices import Role

register = template.Library()


# {{ goal|localised:"title" }}: the goal's title in the active language, English if none.
register.filter("localised", localised)


@register.filter
def money(amount, currency: str = "") -> str:
    """An amount with two decimals, grouped and punctuated as the active language writes it,
    followed by its ISO 4217 code: "1,250,000.00 USD", "1 250 000,00 USD"."""
    if amount in (None, ""):
        return ""
    text = number_format(Decimal(amount), decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()


# {% language_choices as choices %}: (code, name) pairs for the header's switcher.
register.simple_tag(language_choices, name="language_choices")


@register.filter
def role_label(value: str) -> str:
    """A role's name for people ("focal_point" -> "Country focal point"), translated."""
    return Role(value).label if value in Role.values else value
