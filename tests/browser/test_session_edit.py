"""Changing a session on a phone: the referent rewrites the note, adds a dish with a
maximum, takes it off again, and is refused when a member already ordered the dish."""

import pytest
from playwright.sync_api import Page, expect

from portions.models import CookingSession, Dish, Order
from tests.browser.conftest import assert_accessible, assert_big_enough_targets, log_in
from tests.factories import cook, local_moment, make_session


@pytest.fixture
def session(group, referent, member, kept_recipe, soup):
    """Rosa's tajine only, open for pre-orders; Amina already ordered 4 portions of it.
    The soup (a movement recipe of Ça Chauffe) is not on the menu yet."""
    session = make_session(
        group, [kept_recipe], by=referent, starts_at=local_moment(3), note="On cuisine à 9 h."
    )
    amina = group.memberships.get(person=member)
    return cook(session, {amina: [4]}, by=referent, until=CookingSession.Status.OPEN)


def ordered_cell(page: Page, dish: str):
    """The "Commandé" cell of a dish's row, in the referent's table."""
    rows = page.get_by_role("region", name="Gérer la session").get_by_role("row")
    return rows.filter(has_text=dish).get_by_role("cell").nth(1)


def test_the_referent_adds_a_dish_takes_it_off_and_cannot_take_off_an_ordered_one(
    phone: Page, live_server, session, referent
):
    log_in(phone, live_server, referent)
    phone.goto(live_server.url + session.get_absolute_url())
    phone.get_by_role("link", name="Modifier la session").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Modifier la session")
    expect(phone.get_by_label("Note pour les membres")).to_have_value("On cuisine à 9 h.")
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    phone.get_by_label("Note pour les membres").fill("Apportez vos boîtes.")
    phone.get_by_label("Ajouter un plat").select_option(label="Soupe de carottes")
    phone.get_by_label("Au plus, pour le nouveau plat (portions)").fill("16")
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.locator(".messages")).to_have_text("C'est enregistré.")
    expect(phone).to_have_url(live_server.url + session.get_absolute_url())
    expect(phone.get_by_role("main")).to_contain_text("Apportez vos boîtes.")
    expect(ordered_cell(phone, "Soupe de carottes")).to_have_text("0 / 16")
    expect(ordered_cell(phone, "Tajine de Rosa")).to_have_text("4")
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    soup_dish = session.dishes.get(recipe__title="Soupe de carottes")
    assert soup_dish.max_portions == 16

    # Nobody ordered the soup yet: it may leave the menu again.
    phone.get_by_role("link", name="Modifier la session").click()
    expect(phone.get_by_label("Note pour les membres")).to_have_value("Apportez vos boîtes.")
    expect(phone.get_by_label("Au maximum : Soupe de carottes")).to_have_value("16")
    phone.get_by_label("Retirer Soupe de carottes du menu").check()
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.locator(".messages")).to_have_text("C'est enregistré.")
    expect(ordered_cell(phone, "Tajine de Rosa")).to_have_text("4")
    expect(phone.get_by_role("main")).not_to_contain_text("Soupe de carottes")
    assert not Dish.objects.filter(pk=soup_dish.pk).exists()

    # Amina ordered the tajine: it stays, and the referent is told why.
    phone.get_by_role("link", name="Modifier la session").click()
    phone.get_by_label("Note pour les membres").fill("Changement refusé")
    phone.get_by_label("Retirer Tajine de Rosa du menu").check()
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.locator(".messages")).to_have_text(
        "4 portions de Tajine de Rosa sont commandées : le plat reste au menu."
    )
    expect(phone.get_by_role("heading", level=1)).to_have_text("Modifier la session")
    # Nothing typed is lost: the page shows the form as it was sent.
    expect(phone.get_by_label("Note pour les membres")).to_have_value("Changement refusé")
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    assert list(session.dishes.values_list("recipe__title", flat=True)) == ["Tajine de Rosa"]
    assert Order.objects.get(dish__session=session).ordered == 4
    session.refresh_from_db()
    assert session.note == "Apportez vos boîtes."  # a refused change writes nothing

    phone.goto(live_server.url + session.get_absolute_url())
    expect(ordered_cell(phone, "Tajine de Rosa")).to_have_text("4")
