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
