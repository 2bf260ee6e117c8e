from django import template
from django.apps import apps

from audit.selectors import recent_history, record_history

register = template.Library()


@register.inclusion_tag("audit/history_panel.html", takes_context=True)
def history_panel(context, obj):
    """The record's audit history, for the secretariat; renders nothing for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"entries": record_history(user=user, obj=obj), "object": obj}


@register.inclusion_tag("audit/recent_history_panel.html", takes_context=True)
def recent_history_panel(
    context,
    model_label: str,
    title: str = "",
    person: bool = False,
    for_country: int | None = None,
    **filters,
):
    """The latest changes across a model's records (e.g. `"programme.ApiToken"`), for the
    secretariat (and, with `for_country`, that country's focal points: the filters must keep
    to its records); renders nothing for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    model = apps.get_model(model_label)
    entries = recent_history(
        user=user, model=model, person=person, for_country=for_country, **filters
    )
    return {"entries": entries, "title": title, "slug": model_label.replace(".", "-").lower()}
