"""The rules of monitoring/rules.py for templates: which links a page shows.

{% load monitoring_rules %}
{% monitoring_link roadmap %}
"""

from django import template

from monitoring import rules
from monitoring.charts import plain

register = template.Library()


@register.filter
def normalize(value):
    """A stored decimal without its trailing zeros (12.5, not 12.5000)."""
    return plain(value)


@register.inclusion_tag("monitoring/includes/results_link.html", takes_context=True)
def monitoring_link(context, roadmap):
    """The small "Results and progress" link on the pilot and roadmap pages."""
    user = context["request"].user
    return {
        "roadmap": roadmap,
        "show": roadmap is not None and rules.monitoring_visible(user, roadmap),
    }
