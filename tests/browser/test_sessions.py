"""The heart of it, on a phone: Amina pre-orders from her home, the referent closes,
enters the receipts, settles, and everyone sees the worked example's figures."""

import pytest
from playwright.sync_api import Page, expect

from groups.services import add_member
from portions.models import CookingSession, LedgerEntry, Order
from tests.browser.conftest import (
    PAGE_BUDGET_BYTES,
    assert_accessible,
    assert_big_enough_targets,
    log_in,
    measure_first_load,
)
from tests.factories import cook, local_moment, make_person, make_session


@pytest.fixture
def cooks(group):
    """Ferhat, Sadika and Melvin join after Amina, in that order (ties follow it)."""
    return {
        name.split()[0]: add_member(
            group, make_person(f"{name.split()[0].lower()}@example.org", name)
        )
        for name in ["Ferhat Yılmaz", "Sadika Diallo", "Melvin Mukendi"]
    }


@pytest.fixture
def session(group, referent, soup, kept_recipe, cooks):
    """Tajine (Rosa's) and soup, open for pre-orders until tomorrow evening."""
    session = make_session(group, [kept_recipe, soup], by=referent, starts_at=local_moment(3))
    orders = {cooks["Ferhat"]: [4, 0], cooks["Sadika"]: [6, 8], cooks["Melvin"]: [0, 4]}
    return cook(session, orders, by=referent, until=CookingSession.Status.OPEN)


def test_amina_preorders_from_home_and_the_referent_settles_the_worked_example(
    phone: Page, live_server, session, member, referent
):
    log_in(phone, live_server, member)
    phone.goto(live_server.url)
    card = phone.locator("#next-session")
    expect(card).to_contain_text("Tajine de Rosa et Soupe de carottes.")
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    card.get_by_label("Portions de Tajine de Rosa").fill("6")
    card.get_by_label("Portions de Soupe de carottes").fill("4")
    card.get_by_role("button", name="Commander").click()

    expect(phone.locator(".messages")).to_have_text("Merci ! Votre pré-commande est enregistrée.")
    expect(phone).to_have_url(live_server.url + "/")
    expect(card.get_by_label("Portions de Tajine de Rosa")).to_have_value("6")
    expect(card.locator("[data-total]")).to_contain_text("€")
    assert [o.ordered for o in Order.objects.filter(membership__person=member)] == [6, 4]

    # The referent runs the session.
    log_in(phone, live_server, referent)
    phone.goto(live_server.url + session.get_absolute_url())
    assert_accessible(phone)
    phone.get_by_role("button", name="Fermer les pré-commandes").click()
    phone.get_by_role("button", name="C'est cuisiné").click()
    expect(phone.locator(".badge-cooked")).to_be_visible()
    phone.get_by_role("link", name="Tickets de caisse").click()
    for payer, amount in [("Amina Benali", "38,40"), ("Sadika Diallo", "21,15 €")]:
        phone.get_by_label("Payé par").select_option(label=payer)
        phone.get_by_label("Montant").fill(amount)
        phone.get_by_role("button", name="Ajouter").click()
        expect(phone.locator(".messages")).to_be_visible()
    expect(phone.get_by_role("heading", level=2).first).to_contain_text("59,55\u00a0€")
    assert_accessible(phone)

    phone.goto(live_server.url + session.get_absolute_url())
    phone.get_by_role("link", name="Faire les comptes").click()
    preview = phone.get_by_role("main")
    expect(preview).to_contain_text("Ferhat Yılmaz donne 7,45\u00a0€ à Amina Benali")
    expect(preview).to_contain_text("Melvin Mukendi donne 7,44\u00a0€ à Amina Benali")
    expect(preview).to_contain_text("Sadika Diallo donne 4,90\u00a0€ à Amina Benali")
    assert not LedgerEntry.objects.exists()  # a preview writes nothing
    assert_accessible(phone)
    phone.get_by_role("button", name="Valider les comptes").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Comptes")
    assert sum(entry.amount_cents for entry in LedgerEntry.objects.all()) == 0

    # Amina sees who owes her what, in words.
    log_in(phone, live_server, member)
    phone.goto(live_server.url + f"/cooking/{session.group.slug}/accounts/")
    mine = phone.get_by_role("region", name="Moi")
    expect(mine).to_contain_text("Ferhat vous doit 7,45\u00a0€.")
    expect(mine).to_contain_text("Melvin vous doit 7,44\u00a0€.")
    expect(mine).to_contain_text("Sadika vous doit 4,90\u00a0€.")
    assert_accessible(phone)
    phone.goto(live_server.url)
    expect(phone.locator("#balance")).to_contain_text("Ça Chauffe vous doit 19,79\u00a0€.")


def test_plus_and_minus_change_a_preorder_with_or_without_javascript(
    phone: Page, live_server, session, member
):
    log_in(phone, live_server, member)
    phone.goto(live_server.url)
    card = phone.locator("#next-session")

    card.get_by_role("button", name="Une portion de plus de Soupe de carottes").click()
    card.get_by_role("button", name="Une portion de plus de Soupe de carottes").click()
    card.get_by_role("button", name="Une portion de moins de Soupe de carottes").click()

    expect(card.get_by_label("Portions de Soupe de carottes")).to_have_value("1")
    card.get_by_role("button", name="Commander").click()
    expect(phone.locator(".messages")).to_have_text("Merci ! Votre pré-commande est enregistrée.")
    assert (
        Order.objects.get(
            membership__person=member, dish__recipe__title="Soupe de carottes"
        ).ordered
        == 1
    )


def test_the_home_with_a_session_and_the_session_page_weigh_under_60_kb(
    js_phone: Page, live_server, session, member
):
    log_in(js_phone, live_server, member)

    home = measure_first_load(js_phone, live_server.url)
    page = measure_first_load(js_phone, live_server.url + session.get_absolute_url())

    assert any("order.js" in url for url in home.bodies), home.bodies
    assert home.total <= PAGE_BUDGET_BYTES, home.bodies
    assert page.total <= PAGE_BUDGET_BYTES, page.bodies
