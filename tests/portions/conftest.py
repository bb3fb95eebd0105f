"""Fixtures the tests of cooking sessions share (the personas, the soup and the worked
example's people are in tests/conftest.py)."""

import pytest

from groups.services import add_member
from portions.models import CookingSession
from tests.factories import cook, make_person, make_session


@pytest.fixture
def cooked_soup(group, member, referent, soup) -> CookingSession:
    """A soup cooked for the member, the referent and two others; two receipts."""
    session = make_session(group, [soup])
    people = [referent, member] + [
        make_person(f"{name}@example.org", name.title()) for name in ["ferhat", "sadika"]
    ]
    memberships = [add_member(group, person) for person in people]
    return cook(
        session,
        {
            membership: [portions]
            for membership, portions in zip(memberships, [2, 6, 4, 3], strict=True)
        },
        receipts={memberships[1]: 3840, memberships[3]: 2115},
    )
