"""A refusal: something a person asked for that cannot be done, with the words to tell
them. Services raise it; views show it with `shown_as_message()` (one place, not a
try/except in every view).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest


class Refusal(Exception):
    """Something that cannot be done now; `message` is translated, ready to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Busy(Refusal):
    """Others held what this needed for too long (a row lock): trying again works.
    Raised by `core.locks.locked` with the caller's polite words."""


@dataclass
class Attempt:
    """What happened in a `shown_as_message()` block: the refusal, if there was one."""

    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


@contextmanager
def shown_as_message(request: HttpRequest) -> Iterator[Attempt]:
    """Run a service call; a refusal becomes an error message on the next page.

    with shown_as_message(request) as attempt:
        services.open_session(session, by=request.user)
    if attempt.ok:
        messages.success(request, _("Open for pre-orders."))
    """
    attempt = Attempt()
    try:
        yield attempt
    except Refusal as refusal:
        attempt.refusal = refusal
        messages.error(request, refusal.message)
