from playwright.sync_api import Page, expect

from accounts.models import User
from tests.browser.conftest import assert_accessible, log_in


def test_a_visitor_switches_to_dutch_then_english_and_the_choice_is_remembered(
    phone: Page, live_server
):
    phone.goto(live_server.url)
    phone.get_by_role("button", name="Nederlands").click()

    expect(phone.locator("html")).to_have_attribute("lang", "nl")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Samen koken, dicht bij huis")
    expect(phone.get_by_role("button", name="Nederlands")).to_have_attribute("aria-current", "true")
    assert_accessible(phone)

    # Another page, still Dutch: the choice is kept.
    phone.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanmelden").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    assert_accessible(phone)

    # Switching stays on the page the visitor was reading.
    phone.get_by_role("button", name="English").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Log in")
    assert_accessible(phone)


def test_a_cook_who_switches_language_keeps_it_on_her_account(
    phone: Page, live_server, member: User
):
    log_in(phone, live_server, member)
    phone.goto(live_server.url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bonjour Amina !")

    phone.get_by_role("button", name="Nederlands").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Hallo Amina!")
    assert_accessible(phone)
    member.refresh_from_db()
    assert member.language == "nl"
