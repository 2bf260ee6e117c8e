"""The one place that picks text in the active language for reference data, and the language
a person's email is written in. Templates reach it through the `localised` filter."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _


def active_language() -> str:
    """The active language's base code ("fr" for "fr-ca"), or the site's default."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def localised(obj, field: str) -> str:
    """`obj.<field>` in the active language when its data has a translation, else English.

    Reference data (SDG goals and targets, the rubric, its groups, criteria and level
    descriptors) keeps its translations in a `translations` JSON field shaped
    {"fr": {"title": "..."}, "es": {...}}, so adding a language is data alone."""
    english = getattr(obj, field, "")
    if active_language() == settings.LANGUAGE_CODE:
        # English needs no translations: they may not even have been read (`.only()`).
        return english
    return localised_value(english, getattr(obj, "translations", None), field)


def localised_value(english: str, translations: dict | None, field: str) -> str:
    """`localised` for a row read as values: its English `field` and its `translations`."""
    language = active_language()
    if language == settings.LANGUAGE_CODE or not translations:
        return english
    return (translations.get(language) or {}).get(field) or english


def translations_field() -> models.JSONField:
    """The `translations` field every translated reference model carries."""
    return models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_(
            'Text in other languages, by language code: {"fr": {"field": "..."}}. '
            "Loaded with the reference data; English is the field itself."
        ),
    )


def language_choices() -> list[tuple[str, str]]:
    """The languages offered (settings.LANGUAGES), each named in itself: "Français"."""
    return [
        (code, capfirst(get_language_info(code)["name_local"])) for code, _n in settings.LANGUAGES
    ]
