from playwright.sync_api import Page, expect

from accounts.models import User
from tests.browser.conftest import assert_accessible, assert_big_enough_targets, log_in

SECTIONS = [
    ("Cuisine", "Cuisine"),
    ("Recettes", "Recettes"),
    ("Agenda", "Agenda"),
    ("Moi", "Moi"),
    ("Accueil", "Bonjour Amina !"),
]


def test_a_cook_sees_her_home_with_honest_empty_states_and_visits_every_menu_entry(
    phone: Page, live_server, member: User
):
    log_in(phone, live_server, member)
    phone.goto(live_server.url)

    expect(phone.get_by_role("heading", level=1)).to_have_text("Bonjour Amina !")
    session = phone.get_by_role("region", name="Prochaine session de cuisine")
    expect(session).to_contain_text("Pas encore de session de cuisine prévue")
    balance = phone.get_by_role("region", name="Ce que je dois")
    expect(balance).to_contain_text("Rien à payer")
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    menu = phone.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link")).to_have_count(5)
    for link, heading in SECTIONS:
        menu.get_by_role("link", name=link).click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
        expect(menu.get_by_role("link", name=link)).to_have_attribute("aria-current", "page")
        assert_accessible(phone)
        assert_big_enough_targets(phone)


def test_a_cook_changes_her_name_phone_and_language_on_her_page(
    phone: Page, live_server, member: User
):
    log_in(phone, live_server, member)
    phone.goto(live_server.url + "/me/")

    phone.get_by_label("Mon nom").fill("Amina B.")
    phone.get_by_label("Mon téléphone").fill("0470 12 34 56")
    phone.get_by_label("Ma langue").select_option("nl")
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.get_by_role("status")).to_have_text("Opgeslagen.")
    expect(phone.locator("html")).to_have_attribute("lang", "nl")
    expect(phone.get_by_label("Mijn naam")).to_have_value("Amina B.")
    assert_accessible(phone)
    member.refresh_from_db()
    assert (member.display_name, member.phone, member.language) == (
        "Amina B.",
        "0470 12 34 56",
        "nl",
    )


def test_an_empty_name_is_refused_and_nothing_typed_is_lost(phone: Page, live_server, member: User):
    log_in(phone, live_server, member)
    phone.goto(live_server.url + "/me/")

    phone.get_by_label("Mon nom").fill("")
    phone.get_by_label("Mon téléphone").fill("0470 12 34 56")
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.locator(".errorlist")).to_have_text("Ce champ est obligatoire.")
    expect(phone.get_by_label("Mon téléphone")).to_have_value("0470 12 34 56")
    assert_accessible(phone)
    member.refresh_from_db()
    assert member.display_name == "Amina Benali"
