"""Fixtures every test shares: the personas and the query budget.

Personas (see the brief): a visitor, a cook (member), a cook of another group (outsider),
the group's referent, a facilitator and a coordinator. Later features give them groups.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from accounts.models import User
from accounts.services import create_person
from groups.models import Commune, Group, Kitchen, Membership
from groups.services import add_member, create_group
from tests.recipes.fixtures import foods, kept_recipe, secret_recipe, soup  # noqa: F401

QUERY_BUDGET = 8  # SQL queries per page, whatever the amount of data

# No per-example deadline: on a busy 2-core CI machine an example touching the database
# can take 300 ms once and 100 ms the next time, and Hypothesis calls that flaky.
hypothesis_settings.register_profile("cdq", deadline=None)
hypothesis_settings.load_profile("cdq")


def make_person(email: str | None, name: str, **fields) -> User:
    return create_person(email, name, email_verified=True, **fields)


@pytest.fixture
def member(db) -> User:
    return make_person("amina@example.org", "Amina Benali")


@pytest.fixture
def outsider(db) -> User:
    return make_person("voisin@example.org", "Jan Peeters", language="nl")


@pytest.fixture
def referent(db) -> User:
    return make_person("referente@example.org", "Rosa Martínez")


@pytest.fixture
def outsider_referent(db) -> User:
    return make_person("mosaiques@example.org", "Nadia Haddad")


@pytest.fixture
def facilitator(db) -> User:
    return make_person("facilitation@example.org", "Youssef El Amrani", is_facilitator=True)


@pytest.fixture
def coordinator(db) -> User:
    return make_person(
        "coordination@example.org",
        "Claire Lambert",
        is_coordinator=True,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request):
    """allauth counts attempts in the shared database cache, which survives a test's
    rollback: start each test that touches the database with no attempts counted."""
    if {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("db" if "db" in request.fixturenames else "transactional_db")
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in French, the default: a request in another language leaves that
    language active in the test's thread, and tests must not depend on their order."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


PERSONAS = [
    "visitor",
    "member",
    "referent",
    "outsider",
    "outsider_referent",
    "facilitator",
    "coordinator",
]


@pytest.fixture
def group(member, referent):
    """ "Ça Chauffe": the member and the referent cook there."""
    group = create_group(
        by=None,
        name="Ça Chauffe",
        slug="ca-chauffe",
        commune=Commune.SCHAERBEEK,
        status=Group.Status.ACTIVE,
    )
    add_member(group, referent, role=Membership.Role.REFERENT)
    add_member(group, member)
    return group


@pytest.fixture
def other_group(outsider, outsider_referent, facilitator):
    """ "Les Mosaïques de Saveurs": the outsiders' group, the one the facilitator follows."""
    group = create_group(
        by=None,
        name="Les Mosaïques de Saveurs",
        slug="les-mosaiques-de-saveurs",
        commune=Commune.SCHAERBEEK,
        status=Group.Status.ACTIVE,
        facilitator=facilitator,
    )
    add_member(group, outsider_referent, role=Membership.Role.REFERENT)
    add_member(group, outsider)
    return group


@pytest.fixture
def client_as(request, db):
    """client_as("member") gives a test client logged in as that persona."""

    def make(persona: str) -> Client:
        client = Client()
        if persona != "visitor":
            client.force_login(request.getfixturevalue(persona))
        return client

    return make


@pytest.fixture
def max_queries(django_assert_max_num_queries):
    """`with max_queries():` fails the test when a page runs more than the budget."""

    def budget(limit: int = QUERY_BUDGET):
        return django_assert_max_num_queries(limit)

    return budget


@pytest.fixture
def kitchen(group):
    """The CBO kitchen in Jette, where Ça Chauffe cooks."""
    kitchen = Kitchen.objects.create(
        name="CBO",
        slug="cbo",
        address="Rue Léopold Ier 329",
        commune=Commune.JETTE,
        access_instructions="Code du cadenas 2468",
        accessibility="De plain-pied.",
    )
    kitchen.equipment.create(name="Marmite", size="20 l", quantity=2)
    group.kitchens.add(kitchen)
    return kitchen
