"""Every URL × every persona: who may see what. The one place access is proven.

A new URL fails `test_every_url_is_in_the_matrix` until its row is written here. Rows
read: persona -> expected status for a plain GET (302 to the login page for a visitor
on a members' page). From the groups feature on, "outsider" is a cook of another group:
their pages answer 404 to them.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import PERSONAS, QUERY_BUDGET

LOGIN = "/accounts/login/code/"
EVERYONE_200 = dict.fromkeys(PERSONAS, 200)
MEMBERS_ONLY = {"visitor": 302, **dict.fromkeys(PERSONAS[1:], 200)}
VISITORS_ONLY = {"visitor": 200, **dict.fromkeys(PERSONAS[1:], 302)}

MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "home": ("/", EVERYONE_200),
    "healthz": ("/healthz", EVERYONE_200),
    "set_language": ("/i18n/setlang/", dict.fromkeys(PERSONAS, 405)),
    "accounts:me": ("/me/", MEMBERS_ONLY),
    "portions:index": ("/cooking/", MEMBERS_ONLY),
    "recipes:index": ("/recipes/", MEMBERS_ONLY),
    "events:index": ("/events/", MEMBERS_ONLY),
    # allauth's pages, in our shell.
    "account_request_login_code": (LOGIN, VISITORS_ONLY),
    "account_confirm_login_code": ("/accounts/login/code/confirm/", dict.fromkeys(PERSONAS, 302)),
    "account_login": ("/accounts/login/", VISITORS_ONLY),
    "account_signup": ("/accounts/signup/", VISITORS_ONLY),
    "account_logout": ("/accounts/logout/", {"visitor": 302, **dict.fromkeys(PERSONAS[1:], 200)}),
    "account_inactive": ("/accounts/inactive/", EVERYONE_200),
    # People who log in by code have no password to type again.
    "account_reauthenticate": (
        "/accounts/reauthenticate/",
        {"visitor": 302, **dict.fromkeys(PERSONAS[1:], 403)},
    ),
    "account_email": ("/accounts/email/", MEMBERS_ONLY),
    "account_email_verification_sent": ("/accounts/confirm-email/", EVERYONE_200),
    "account_change_password": ("/accounts/password/change/", dict.fromkeys(PERSONAS, 302)),
    "account_set_password": ("/accounts/password/set/", MEMBERS_ONLY),
    "account_reset_password": ("/accounts/password/reset/", EVERYONE_200),
    "account_reset_password_done": ("/accounts/password/reset/done/", EVERYONE_200),
    "account_reset_password_from_key_done": ("/accounts/password/reset/key/done/", EVERYONE_200),
    # With a key in the address: an unknown key is refused to everyone.
    "account_confirm_email": ("/accounts/confirm-email/unknown-key/", EVERYONE_200),
    "account_reset_password_from_key": (
        "/accounts/password/reset/key/1-unknown-key/",
        EVERYONE_200,
    ),
}
# Reached through their own login and tested by Django: the admin.
NOT_IN_MATRIX = {"admin"}


def url_names(patterns=None, namespace: str | None = None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in NOT_IN_MATRIX:
                continue
            yield from url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    missing = set(url_names()) - set(MATRIX)
    assert not missing, f"add these URLs to the access matrix: {sorted(missing)}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_what_the_matrix_says_within_the_query_budget(
    client_as, max_queries, persona, name
):
    path, expected = MATRIX[name]
    client = client_as(persona)

    with max_queries(QUERY_BUDGET):
        response = client.get(path)

    assert response.status_code == expected[persona], (path, persona, response.get("Location"))
    if response.status_code == 302 and expected is MEMBERS_ONLY:
        assert response["Location"].startswith(LOGIN + "?next=")
