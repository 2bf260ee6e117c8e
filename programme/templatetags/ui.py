"""Small template helpers for consistent, accessible markup."""

from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select, SelectMultiple

register = template.Library()


@register.filter
def bs_field(bound_field):
    """Render a form field's widget with Bootstrap classes and ARIA attributes."""
    widget = bound_field.field.widget
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
    "accepted": "success",
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


@register.inclusion_tag("includes/status_badge.html")
def status_badge(value, label=None):
    """A coloured badge for a workflow status; the text, not the colour, carries the meaning."""
    # Without a label, the stored value reads well enough once humanised ("under_review").
    label = label or str(value or "").replace("_", " ").capitalize()
    return {"colour": STATUS_COLOURS.get(value, "secondary"), "label": label}
