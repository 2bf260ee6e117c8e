"""The rules of monitoring/rules.py for templates: which links and buttons a page shows.

{% load monitoring_rules %}
{% monitoring_rule "update_can_edit" request.user update as can_edit %}
"""

from django import template

from monitoring import rules
from monitoring.charts import plain

register = template.Library()

# The predicates a template may ask; each is the same function the service enforces.
PREDICATES = {
    "monitoring_visible": rules.monitoring_visible,
    "monitoring_can_keep": rules.monitoring_can_keep,
    "framework_can_edit": rules.framework_can_edit,
    "update_can_start": rules.update_can_start,
    "update_can_edit": rules.update_can_edit,
    "update_can_correct": rules.update_can_correct,
}


@register.filter
def normalize(value):
    """A stored decimal without its trailing zeros (12.5, not 12.5000)."""
    return plain(value)


@register.simple_tag
def monitoring_rule(name: str, user, obj) -> bool:
    """Ask one rule of monitoring/rules.py about `obj` for `user`."""
    return bool(obj is not None and PREDICATES[name](user, obj))


@register.inclusion_tag("monitoring/includes/results_link.html", takes_context=True)
def monitoring_link(context, roadmap):
    """The small "Results and progress" link on the pilot and roadmap pages."""
    user = context["request"].user
    return {
        "roadmap": roadmap,
        "show": roadmap is not None and rules.monitoring_visible(user, roadmap),
    }
