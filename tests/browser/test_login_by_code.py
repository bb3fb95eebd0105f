import re

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_big_enough_targets

CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")


def test_a_cook_logs_in_with_the_code_from_her_mailbox_and_logs_out(
    phone: Page, live_server, member
):
    phone.goto(live_server.url)
    phone.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Se connecter"
    ).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Se connecter")
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    phone.get_by_label("Mon e-mail").fill("amina@example.org")
    phone.get_by_role("button", name="Recevoir un code").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Tapez le code")
    expect(phone.get_by_text("amina@example.org")).to_be_visible()
    assert_accessible(phone)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]
    code = CODE.search(mail.outbox[0].body).group()

    phone.get_by_label("Le code").fill(code)
    phone.get_by_role("button", name="Se connecter").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Bonjour Amina !")
    assert_accessible(phone)

    phone.get_by_role("link", name="Moi").click()
    phone.get_by_role("button", name="Se déconnecter").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Cuisiner ensemble, près de chez vous"
    )
    expect(phone.get_by_role("link", name="Moi")).to_have_count(0)


def test_a_wrong_code_is_refused_with_a_clear_message_and_the_form_stays(
    phone: Page, live_server, member
):
    phone.goto(live_server.url + "/accounts/login/code/")
    phone.get_by_label("Mon e-mail").fill("amina@example.org")
    phone.get_by_role("button", name="Recevoir un code").click()

    phone.get_by_label("Le code").fill("AAAA-AAAA")
    phone.get_by_role("button", name="Se connecter").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Tapez le code")
    expect(phone.locator(".errorlist")).to_contain_text("Code incorrect")
    expect(phone.get_by_label("Le code")).to_have_value("AAAA-AAAA")
    assert_accessible(phone)
