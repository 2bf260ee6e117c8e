from django import template
from django.apps import apps
from django.contrib.auth import get_user_model

from audit.selectors import recent_history, record_history
from base.cache import read_key, read_through

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
    # Kept per reader's scope and language until a write to the model, its history or what
    # its rows name (who made each change, the records its fields point to).
    key = read_key(
        "recent-history",
        user,
        history_panel_models(model),
        model_label,
        str(person),
        str(for_country),
        repr(sorted(filters.items())),
    )
    entries = read_through(
        key,
        lambda: recent_history(
            user=user, model=model, person=person, for_country=for_country, **filters
        ),
    )
    return {"entries": entries, "title": title, "slug": model_label.replace(".", "-").lower()}


def history_panel_models(model) -> list:
    """The models a panel of `model`'s recent changes reads: the model, its history, the
    people who made the changes, and the records its fields point to (and theirs, which name
    them)."""
    found = {model, get_user_model()}
    history = getattr(model, "history", None)
    if history is not None:
        found.add(history.model)
    related = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
    for other in list(related):
        related |= {f.related_model for f in other._meta.concrete_fields if f.is_relation}
    found |= {m for m in related if m is not None}
    return sorted(found, key=lambda m: m._meta.label_lower)
