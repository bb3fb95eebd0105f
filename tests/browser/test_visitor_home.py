from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    PAGE_BUDGET_BYTES,
    assert_accessible,
    assert_big_enough_targets,
    measure_first_load,
)


def test_a_visitor_reads_what_a_group_is_and_finds_how_to_log_in(phone: Page, live_server):
    phone.goto(live_server.url)

    expect(phone).to_have_title("Bienvenue · Cuisines de Quartier")
    expect(phone.locator("html")).to_have_attribute("lang", "fr")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Cuisiner ensemble, près de chez vous"
    )
    expect(phone.get_by_role("navigation", name="Menu principal")).to_be_visible()
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    phone.get_by_role("main").get_by_role("link", name="Se connecter").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Se connecter")
    assert_accessible(phone)


def test_the_home_page_weighs_under_60_kb_on_first_load(js_phone: Page, live_server):
    transfer = measure_first_load(js_phone, live_server.url)

    assert any(url.endswith(".css") for url in transfer.bodies), transfer.bodies
    assert any("htmx" in url for url in transfer.bodies), transfer.bodies
    assert transfer.total <= PAGE_BUDGET_BYTES, transfer.bodies
