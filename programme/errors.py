"""Domain errors: a service refusing something the rules of the programme do not allow."""

from __future__ import annotations


class DomainError(Exception):
    """A refused move (illegal workflow step, conflicting state) that the UI shows as a message
    and the API answers with `http_status` and `code`, so callers can tell refusals apart."""

    code: str = "conflict"
    http_status: int = 409

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
