from django import template

from audit.selectors import record_history

register = template.Library()


@register.inclusion_tag("audit/history_panel.html", takes_context=True)
def history_panel(context, obj):
    """The record's audit history, for the secretariat; renders nothing for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"entries": record_history(user=user, obj=obj), "object": obj}
