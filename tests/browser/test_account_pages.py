"""allauth's other pages live in our shell too: translated, accessible, phone-sized."""

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.browser.conftest import assert_accessible, log_in

VISITOR_PAGES = [
    ("/accounts/login/", "Se connecter avec un mot de passe"),
    ("/accounts/signup/", "Rejoindre un groupe"),
    ("/accounts/password/reset/", "Réinitialisation du mot de passe"),
    ("/nothing-here/", "Page introuvable"),
]
MEMBER_PAGES = [
    ("/accounts/email/", "Adresses e-mail"),
    ("/accounts/password/set/", "Définir un mot de passe"),
    ("/accounts/logout/", "Se déconnecter"),
]


@pytest.mark.parametrize(("path", "heading"), VISITOR_PAGES)
def test_a_visitor_finds_the_account_pages_in_the_shell(phone: Page, live_server, path, heading):
    phone.goto(live_server.url + path)

    expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
    expect(phone.get_by_role("navigation", name="Menu principal")).to_be_visible()
    assert_accessible(phone)


@pytest.mark.parametrize(("path", "heading"), MEMBER_PAGES)
def test_a_cook_finds_her_account_pages_in_the_shell(
    phone: Page, live_server, member: User, path, heading
):
    log_in(phone, live_server, member)
    phone.goto(live_server.url + path)

    expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(phone)
