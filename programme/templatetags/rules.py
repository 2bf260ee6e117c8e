"""Templates ask the same rules the services enforce, never a role by name.

    {% load rules %}
    {% rule "egm.meeting_can_manage" meeting as can_manage %}
    {% if can_manage %}<a href="...">Edit</a>{% endif %}

`name` is "<package>.<predicate>": the predicate of `<package>/rules.py` (an app's rules room),
called as `predicate(user, obj)` for the signed-in reader. Only yes/no predicates may be
asked (`*_can_*`, `*_visible`), never a service or a refusal. The app is found by name when the
tag runs, so this base module imports no feature app.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from django import template

register = template.Library()


@cache
def predicate(name: str):
    """The rules-room function `name` ("egm.meeting_can_manage") stands for."""
    package, _dot, function = name.rpartition(".")
    if not package or not ("_can_" in function or function.endswith("_visible")):
        raise template.TemplateSyntaxError(
            f"{name!r} is not a yes/no rule: ask '<app>.<noun>_can_<verb>' or '..._visible'."
        )
    module = import_module(f"{package}.rules")
    try:
        return getattr(module, function)
    except AttributeError as exc:
        raise template.TemplateSyntaxError(f"{package}/rules.py has no {function}.") from exc


def _reader(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def rule(context, name: str, obj=None) -> bool:
    """Whether the reader may do what the rule `name` says, to `obj` (or at all)."""
    user = _reader(context)
    if user is None or not user.is_authenticated:
        return False
    return bool(predicate(name)(user, obj))


@register.filter
def role_labels(user) -> list[str]:
    """The names of the roles `user` holds, for people ("Country focal point"), translated:
    what the account menu says about whoever is signed in (never a permission check)."""
    from programme.choices import Role

    held = getattr(user, "roles", None) or ()
    return [str(Role(r).label) if r in Role.values else r for r in held]
