"""core.refusals: a refusal raised by a service becomes one error message, and nothing
else is swallowed."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from core.refusals import Busy, Refusal, shown_as_message


def request_with_messages():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_becomes_an_error_message_and_the_attempt_says_so():
    request = request_with_messages()

    with shown_as_message(request) as attempt:
        raise Refusal("Plus de place.")

    assert not attempt.ok
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("error", "Plus de place.")
    ]


def test_what_went_through_says_nothing():
    request = request_with_messages()

    with shown_as_message(request) as attempt:
        pass

    assert attempt.ok
    assert list(get_messages(request)) == []


def test_a_busy_lock_is_a_refusal_too():
    request = request_with_messages()

    with shown_as_message(request) as attempt:
        raise Busy("Beaucoup de monde.")

    assert isinstance(attempt.refusal, Busy)


def test_other_errors_are_not_swallowed():
    with pytest.raises(ZeroDivisionError), shown_as_message(request_with_messages()):
        1 / 0  # noqa: B018
