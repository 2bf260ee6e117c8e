"""Errors that services raise when a request breaks a rule of the programme's workflow."""

from __future__ import annotations


class DomainError(Exception):
    """A refused move (e.g. editing a submitted review); the UI shows it as a message.

    `code` is a stable identifier for the API and tests; the message is for people.
    """

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
