"""Domain errors: a rule of the programme refused a write. The UI shows them as messages and
the API answers them with `http_status` and a stable machine-readable `code`."""

from __future__ import annotations


class DomainError(Exception):
    """A write the programme's rules refuse (an illegal move, an action outside one's remit)."""

    code: str = "conflict"
    http_status: int = 409

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class NotPermitted(DomainError):
    """The actor may not do this to this object (views answer such objects with 404 first)."""

    code = "not_permitted"
    http_status = 403


class IllegalTransition(DomainError):
    """A workflow move the allowed-moves table does not list, or one already made."""

    code = "illegal_transition"


def refuse(refusal: DomainError | None) -> None:
    """Raise a rule's refusal (an app's `*_refusal(user, obj)`), if it has one: how a service
    enforces the predicate the pages ask."""
    if refusal is not None:
        raise refusal


# Keys of a service's ValidationError that address one item of a multi-row form, e.g. "4.score"
# for the score of criterion 4: "<item>.<field>".
ITEM_SEPARATOR = "."


def form_errors_add(target, exc: Exception) -> None:
    """Put a service's error on the form(s) it concerns: the one adapter every view uses.

    `target` is a form, or a mapping of item key -> form for pages with one form per row (the
    criteria of a review). A ValidationError's messages go to the field they name (keys like
    "4.score" address item 4's `score`); what names no field of a form is a form-wide error.
    A DomainError is a form-wide error of the first form. Nothing else is caught.
    """
    from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

    single = not isinstance(target, dict)
    forms = {None: target} if single else target
    first = forms.get(None) or next(iter(forms.values()))
    if isinstance(exc, DomainError):
        first.add_error(None, exc.message)
        return
    if not isinstance(exc, ValidationError):
        raise TypeError(f"Not a service error: {exc!r}")
    if not hasattr(exc, "error_dict"):
        first.add_error(None, exc.messages)
        return
    for key, messages in exc.message_dict.items():
        form, field = first, key
        if not single and ITEM_SEPARATOR in key:
            item, _sep, field = key.partition(ITEM_SEPARATOR)
            form = _item_form(forms, item) or first
        if key == NON_FIELD_ERRORS or field not in form.fields:
            field = None
        for message in messages:
            form.add_error(field, message)


def _item_form(forms: dict, item: str):
    if item in forms:
        return forms[item]
    if item.isdigit():
        return forms.get(int(item))
    return None


def error_messages(exc: Exception) -> list[str]:
    """A service error as flat messages, for pages that report it as a message rather than on
    a form (POST-only actions)."""
    if isinstance(exc, DomainError):
        return [exc.message]
    return list(getattr(exc, "messages", [str(exc)]))
