"""Fixtures every test shares: the personas and the query budget.

Personas (see the brief): a visitor, a cook (member), a cook of another group (outsider),
the group's referent, a facilitator and a coordinator. Later features give them groups.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from accounts.services import create_person

QUERY_BUDGET = 8  # SQL queries per page, whatever the amount of data


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


PERSONAS = ["visitor", "member", "outsider", "referent", "facilitator", "coordinator"]


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
