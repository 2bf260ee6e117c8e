"""Small template helpers for consistent, accessible markup."""

from django import template
from django.forms import (
    CheckboxInput,
    CheckboxSelectMultiple,
    ChoiceField,
    ModelChoiceField,
    RadioSelect,
    Select,
    SelectMultiple,
)
from django.utils.translation import gettext_lazy as _

from pilots.choices import PilotStatus
from programme.choices import MilestoneStatus
from programme.roles import page_allows
from roadmaps.choices import VersionStatus

register = template.Library()


# Django's blank choice; people read "Choose…" instead (filters say "Any").
BLANK_DASHES = "---------"


def _blank_choice_in_words(field) -> None:
    if getattr(field, "empty_label", None) == BLANK_DASHES:
        field.empty_label = _("Choose…")
    elif isinstance(field, ChoiceField) and not isinstance(field, ModelChoiceField):
        choices = list(field.choices)
        if any(label == BLANK_DASHES for _value, label in choices):
            field.choices = [
                (value, _("Choose…") if label == BLANK_DASHES else label)
                for value, label in choices
            ]


@register.filter
def bs_field(bound_field):
    """Render a form field's widget with Bootstrap classes and ARIA attributes."""
    widget = bound_field.field.widget
    if isinstance(widget, Select) and not isinstance(widget, SelectMultiple):
        _blank_choice_in_words(bound_field.field)
        widget = bound_field.field.widget
    elif isinstance(widget, SelectMultiple) and not bound_field.field.help_text:
        # A bare multi-select does not say how to pick more than one.
        bound_field.field.help_text = _(
            "Hold Ctrl (⌘ on a Mac) and click to choose more than one, or to unselect one."
        )
    if isinstance(widget, CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, CheckboxSelectMultiple | RadioSelect):
        css = ""
    elif isinstance(widget, Select | SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {}
    existing = widget.attrs.get("class", "")
    if css:
        attrs["class"] = f"{existing} {css}".strip()
    if bound_field.errors:
        attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        attrs["aria-invalid"] = "true"
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_errors")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for sort links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    query.pop("page", None)
    return query.urlencode()


STATUS_COLOURS = {
    "draft": "secondary",
    "submitted": "info",
    "under_review": "warning",
    "returned": "danger",
    # Not the green of an active pilot: the two are often side by side.
    "accepted": "teal",
    "published": "primary",
    "interested": "secondary",
    "accepted_pilot": "info",
    "active": "success",
    "roadmap_adopted": "primary",
    "implementing": "primary",
    "withdrawn": "dark",
    "not_started": "light",
    "in_progress": "warning",
    "done": "success",
    "planned": "info",
    "held": "success",
    "tbc": "secondary",
    "cancelled": "dark",
    "postponed": "secondary",
    "confirmed": "primary",
    "open": "warning",
    "dropped": "dark",
    "slipped": "danger",
}


def _status_labels() -> dict:
    """Every workflow status's label by value (versions first: their labels win)."""
    labels: dict = {}
    for choices in (MilestoneStatus, PilotStatus, VersionStatus):
        labels.update(choices.choices)
    return labels


@register.inclusion_tag("includes/status_badge.html")
def status_badge(value, label=None):
    """A coloured badge for a workflow status; the text, not the colour, carries the meaning."""
    # Without a label, the status's own (translated) label, else the value humanised.
    label = label or _status_labels().get(value) or str(value or "").replace("_", " ").capitalize()
    return {"colour": STATUS_COLOURS.get(value, "secondary"), "label": label}


# --- Links only where they lead ---------------------------------------------------------------
# A page offers a link only when the rule of the page it points to lets the reader in, asked of
# that rule itself: never a role name in a template.


@register.simple_tag(takes_context=True)
def page_opens(context, url: str) -> bool:
    """Whether the page at `url` lets the signed-in user in (its view's `allows`, the rule the
    menu asks): `{% url 'x' as u %}{% page_opens u as ok %}{% if ok %}<a href="{{ u }}">…`."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and page_allows(url, user))


@register.simple_tag(takes_context=True)
def may_open(context, obj) -> bool:
    """Whether the signed-in user may read `obj` through its model's scoping (`visible_to`,
    the query its page makes), so a link to a page that would answer 404 is not offered."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if obj is None or user is None or not user.is_authenticated:
        return False
    queryset = type(obj)._default_manager.filter(pk=obj.pk)
    return queryset.visible_to(user).exists()
