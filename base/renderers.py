"""The form renderer: Django's own templates, except that selects are written in Python.

A select renders each of its options through a template include; with a few hundred options
(every organisation, every user, every country) that was most of a page's time. The markup is
exactly what Django's `select.html` and `select_option.html` produce (tests compare the two),
so nothing on the page changes but its speed.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name.
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_select(widget: dict) -> str | None:
    """The HTML of Django's select template for a widget's context, built without templates
    (each option keeps the newline that ends Django's option template). None when an option
    has a template of its own, which the template engine must then render."""
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option.get("template_name", OPTION_TEMPLATE) != OPTION_TEMPLATE:
                return None
            out.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


class ProgrammeFormRenderer(DjangoTemplates):
    """Django's form templates; selects with the standard option template skip the engine."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(html)  # every value is escaped in render_select
        return super().render(template_name, context, request=request)
