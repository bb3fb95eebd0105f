"""Facilitation in the browser: the dashboard, logging a contact, the launch checklist,
with JavaScript on and off, axe at 0, and the page weight with 200 groups."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from facilitation.models import Contact, FollowUp, Need
from groups.models import Group
from tests.browser.conftest import (
    PAGE_BUDGET_BYTES,
    assert_accessible,
    assert_big_enough_targets,
    log_in,
    measure_first_load,
)


@pytest.fixture
def followed(group, other_group, facilitator):
    """The facilitator follows both groups: Ça Chauffe is overdue by 8 days."""
    Group.objects.filter(pk=group.pk).update(facilitator=facilitator)
    today = timezone.localdate()
    Contact.objects.create(group=group, contacted_on=today - timedelta(days=50))
    Contact.objects.create(
        group=other_group, contacted_on=today - timedelta(days=20), needs=[Need.EQUIPMENT]
    )
    return group, other_group


def test_the_facilitator_logs_a_contact_and_the_overdue_group_moves_down(
    phone: Page, live_server, followed, facilitator
):
    log_in(phone, live_server, facilitator)
    phone.goto(live_server.url)
    phone.get_by_role("link", name="Facilitation : les groupes à contacter").click()

    cards = phone.locator("#groups .follow")
    expect(cards.first.get_by_role("heading")).to_have_text("Ça Chauffe")
    expect(cards.first).to_contain_text("en retard de 8 jours")
    expect(cards.nth(1)).to_contain_text("dans 22 jours")
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    phone.get_by_role("link", name="Noter un contact · Ça Chauffe").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Noter un contact")
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    phone.get_by_label("Appel").check()
    phone.get_by_label("Nouvelles").fill("Deux nouvelles personnes, la cuisine est trop petite.")
    phone.get_by_label("Espace").check()
    phone.get_by_label("Argent").check()
    phone.get_by_role("button", name="Enregistrer le contact").click()

    expect(phone.get_by_role("status")).to_contain_text("Contact avec Ça Chauffe noté.")
    expect(cards.first.get_by_role("heading")).to_have_text("Les Mosaïques de Saveurs")
    expect(cards.nth(1)).to_contain_text("Ça Chauffe")
    expect(cards.nth(1)).to_contain_text("dans 42 jours")
    expect(cards.nth(1).locator(".badge-need")).to_have_text(["Espace", "Argent"])
    expect(phone.locator("#needs")).to_contain_text("Matériel")
    assert_accessible(phone)

    cards.nth(1).get_by_role("link", name="Ça Chauffe", exact=True).click()
    expect(phone.locator(".contact-list")).to_contain_text("la cuisine est trop petite")
    assert_accessible(phone)
    assert_big_enough_targets(phone)


def test_the_facilitator_ticks_launch_steps_and_they_stay_ticked(
    phone: Page, live_server, followed, facilitator
):
    group, _other = followed
    Group.objects.filter(pk=group.pk).update(status=Group.Status.LAUNCHING)
    FollowUp.objects.create(group=group, launch_steps=["space"])
    log_in(phone, live_server, facilitator)
    phone.goto(live_server.url + "/facilitation/")
    expect(phone.locator("#groups")).to_contain_text(
        "Lancement : 1 étape sur 6 faite. Suite : les premiers membres (3 ou plus)."
    )

    phone.get_by_role("link", name="Ça Chauffe", exact=True).click()
    launch = phone.locator("#launch")
    expect(launch.get_by_label("Un espace cuisine trouvé")).to_be_checked()
    assert_accessible(phone)
    launch.get_by_label("Les premiers membres (3 ou plus)").check()
    launch.get_by_role("button", name="Enregistrer les étapes").click()
    expect(phone.get_by_role("status")).to_contain_text("C'est enregistré.")

    expect(
        phone.locator("#launch").get_by_label("Les premiers membres (3 ou plus)")
    ).to_be_checked()
    assert FollowUp.objects.get(group=group).launch_steps == ["space", "members"]
    phone.reload()
    expect(
        phone.locator("#launch").get_by_label("Les premiers membres (3 ou plus)")
    ).to_be_checked()
    assert_accessible(phone)


def test_the_dashboard_of_200_groups_weighs_less_than_the_budget(
    js_phone: Page,
    live_server,
    many_groups,
    facilitator,
):
    log_in(js_phone, live_server, facilitator)

    transfer = measure_first_load(js_phone, live_server.url + "/facilitation/")

    assert transfer.total <= PAGE_BUDGET_BYTES, transfer.bodies
    expect(js_phone.locator("#groups .follow")).to_have_count(30)
    assert_accessible(js_phone)
    assert_big_enough_targets(js_phone)


def test_the_facilitator_corrects_a_contact_then_removes_it_after_confirming(
    phone: Page, live_server, followed, facilitator
):
    group, _other = followed
    recent = Contact.objects.create(
        group=group,
        contacted_on=timezone.localdate() - timedelta(days=10),
        channel=Contact.Channel.CALL,
        news="Le groupe cherche une cusine.",
        by=facilitator,
    )
    log_in(phone, live_server, facilitator)
    phone.goto(live_server.url + f"/facilitation/{group.slug}/")
    contacts = phone.locator(".contact-list > li")
    expect(contacts).to_have_count(2)
    expect(phone.locator(".badges")).to_contain_text("dans 32 jours")
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    contacts.filter(has_text="cherche une cusine").get_by_role("link", name="Corriger").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Corriger le contact")
    expect(phone.get_by_label("Nouvelles")).to_have_value("Le groupe cherche une cusine.")
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    phone.get_by_label("Nouvelles").fill("Le groupe cherche une cuisine à Jette.")
    phone.get_by_role("button", name="Enregistrer le contact").click()

    expect(phone.get_by_role("status")).to_contain_text("Le contact est corrigé.")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ça Chauffe")
    expect(contacts).to_have_count(2)
    expect(phone.locator(".contact-list")).to_contain_text("Le groupe cherche une cuisine à Jette.")
    expect(phone.locator(".contact-list")).not_to_contain_text("cusine")
    recent.refresh_from_db()
    assert recent.news == "Le groupe cherche une cuisine à Jette."
    assert recent.channel == Contact.Channel.CALL  # what was not touched stays as it was
    assert_accessible(phone)

    contacts.filter(has_text="cuisine à Jette").get_by_role("link", name="Corriger").click()
    phone.get_by_role("link", name="Retirer ce contact").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Retirer ce contact ?")
    expect(phone.get_by_role("main")).to_contain_text("Le groupe cherche une cuisine à Jette.")
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    assert Contact.objects.filter(pk=recent.pk).exists()  # asking writes nothing
    phone.get_by_role("button", name="Oui, le retirer").click()

    expect(phone.get_by_role("status")).to_contain_text("Le contact est retiré.")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ça Chauffe")
    expect(contacts).to_have_count(1)
    expect(phone.locator(".contact-list")).not_to_contain_text("cuisine à Jette")
    # The next contact is counted from the one before again: 50 days ago.
    expect(phone.locator(".badges")).to_contain_text("en retard de 8 jours")
    assert not Contact.objects.filter(pk=recent.pk).exists()
    assert_accessible(phone)
