from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from groups.models import Commune, Kitchen, KitchenBooking
from tests.browser.conftest import assert_accessible, assert_big_enough_targets, log_in


def test_a_cook_finds_her_group_from_home_and_sees_who_cooks_with_her(
    phone: Page, live_server, group, member
):
    log_in(phone, live_server, member)
    phone.goto(live_server.url)

    phone.get_by_role("link", name="Ça Chauffe").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Ça Chauffe")
    expect(phone.get_by_role("region", name="2 membres")).to_contain_text("Rosa")
    expect(phone.get_by_role("link", name="Gérer le groupe")).to_have_count(0)
    assert_accessible(phone)
    assert_big_enough_targets(phone)


def test_the_referent_adds_a_member_without_email_and_changes_the_status(
    phone: Page, live_server, group, referent
):
    log_in(phone, live_server, referent)
    phone.goto(live_server.url + "/groups/ca-chauffe/settings/")
    assert_accessible(phone)

    phone.get_by_label("Nouveau statut").select_option("dormant")
    phone.get_by_role("button", name="Changer le statut").click()
    expect(phone.get_by_role("status")).to_contain_text("en dormance")

    phone.get_by_role("link", name="Membres").click()
    assert_accessible(phone)
    phone.get_by_role("button", name="Ajouter").click()
    expect(phone.locator(".errorlist")).to_have_text("Ce champ est obligatoire.")
    phone.get_by_label("Nom").fill("Fatima Zahra")
    phone.get_by_label("Téléphone (pas obligatoire)").fill("0470 33 33 33")
    phone.get_by_role("button", name="Ajouter").click()

    expect(phone.get_by_role("status")).to_have_text("Fatima Zahra est dans le groupe.")
    expect(phone.get_by_role("link", name="Fatima Zahra")).to_be_visible()
    assert_accessible(phone)
    phone.goto(live_server.url + "/groups/ca-chauffe/")
    expect(phone.get_by_role("region", name="3 membres")).to_contain_text("Fatima")


def test_a_referent_books_the_kitchen_and_a_double_booking_is_refused(
    phone: Page, live_server, group, other_group, referent
):
    kitchen = Kitchen.objects.create(
        name="CBO", slug="cbo", address="Rue Léopold Ier 329", commune=Commune.JETTE
    )
    group.kitchens.add(kitchen)
    day = timezone.localdate() + timedelta(days=7)
    taken = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    KitchenBooking.objects.create(
        kitchen=kitchen,
        group=other_group,
        starts_at=taken + timedelta(hours=14),
        ends_at=taken + timedelta(hours=18),
    )
    log_in(phone, live_server, referent)
    phone.goto(live_server.url + "/kitchens/cbo/")
    assert_accessible(phone)
    phone.get_by_role("link", name="Réserver").click()

    phone.get_by_label("Jour").fill(day.isoformat())
    phone.get_by_label("De").fill("15:00")
    phone.get_by_label("Jusqu'à").fill("19:00")
    phone.get_by_role("button", name="Réserver").click()
    expect(phone.locator(".errorlist")).to_contain_text("déjà réservée")
    assert_accessible(phone)

    phone.get_by_label("De").fill("09:00")
    phone.get_by_label("Jusqu'à").fill("13:00")
    phone.get_by_role("button", name="Réserver").click()

    expect(phone.get_by_role("status")).to_have_text("C'est réservé.")
    expect(phone.locator("#week")).to_contain_text("09:00–13:00 · Ça Chauffe")
    assert_accessible(phone)
