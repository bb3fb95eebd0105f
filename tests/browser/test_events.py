"""Rendez-vous on a phone: register in one tap, wait for a full workshop, move up when
someone cancels (and get the e-mail)."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from events.models import Event, Registration, Workshop
from events.services import register
from tests.browser.conftest import assert_accessible, assert_big_enough_targets, log_in
from tests.factories import local_moment, make_event


@pytest.fixture
def rendezvous(db):
    event = make_event(
        kind=Event.Kind.RENDEZVOUS,
        title="Rendez-vous d'hiver",
        description="Trois heures pour cuisiner et parler de nos groupes.",
        starts_at=local_moment(20),
        address="Rue Léopold Ier 329, Jette",
        capacity=40,
    )
    Workshop.objects.create(event=event, slot="Matin", title="Conserves", host="Sophie", places=1)
    return event


def test_one_registers_another_waits_a_third_cancels_and_the_second_moves_up(
    phone: Page, live_server, rendezvous, member, outsider, referent
):
    workshop = rendezvous.workshops.get()
    register(rendezvous, person=referent, workshop=workshop)  # Rosa takes the only place

    log_in(phone, live_server, member)
    phone.goto(live_server.url + "/events/")
    assert_accessible(phone)
    phone.get_by_role("link", name="Rendez-vous d'hiver").click()
    expect(phone.get_by_text("39 places restantes")).to_be_visible()
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    phone.get_by_role("button", name="Je viens").click()
    expect(phone.locator(".messages")).to_contain_text("Vous êtes inscrit")
    expect(phone.get_by_text("38 places restantes")).to_be_visible()

    # Jan wants the full workshop: waiting list.
    log_in(phone, live_server, outsider)
    phone.goto(live_server.url + rendezvous.get_absolute_url())
    phone.get_by_role("button", name="Rejoindre la liste d'attente · Conserves").click()
    expect(phone.locator(".messages")).to_contain_text("liste d'attente")
    jan = Registration.objects.get(person=outsider, workshop=workshop)
    assert jan.status == Registration.Status.WAITING
    assert_accessible(phone)

    # Rosa cannot come after all: Jan moves up and is told by e-mail.
    log_in(phone, live_server, referent)
    phone.goto(live_server.url + rendezvous.get_absolute_url())
    phone.get_by_role("button", name="Quitter cet atelier · Conserves").click()
    expect(phone.locator(".messages")).to_contain_text("Annulé")

    jan.refresh_from_db()
    assert jan.status == Registration.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [[outsider.email]]
    assert "Conserves" in mail.outbox[0].subject


def test_a_visitor_does_not_see_a_members_event(phone: Page, live_server, rendezvous):
    response = phone.goto(live_server.url + rendezvous.get_absolute_url())

    assert response.status == 404


def test_a_guest_registers_for_a_public_event_and_chooses_a_workshop(
    phone: Page, live_server, rendezvous
):
    Event.objects.filter(pk=rendezvous.pk).update(audience=Event.Audience.PUBLIC)
    phone.goto(live_server.url + rendezvous.get_absolute_url())
    phone.get_by_label("Votre nom").fill("Lucie Dubois")
    phone.get_by_label("Votre e-mail").fill("lucie@example.org")
    phone.get_by_role("button", name="Je viens").click()

    expect(phone.get_by_role("heading", name="Mon inscription")).to_be_visible()
    assert_accessible(phone)
    assert_big_enough_targets(phone)
    phone.get_by_role("button", name="Choisir · Conserves").click()
    expect(phone.locator(".messages")).to_contain_text("Vous êtes inscrit")
    lucie = Registration.objects.get(name="Lucie Dubois", workshop=None)
    assert lucie.workshop_places.get().status == Registration.Status.CONFIRMED

    phone.get_by_role("button", name="Je ne peux pas venir").click()
    expect(phone.locator(".messages")).to_contain_text("Annulé")
    assert_accessible(phone)
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}


def test_the_coordinator_ticks_who_came_to_the_event_and_to_the_workshop(
    phone: Page, live_server, rendezvous, member, referent, outsider, coordinator
):
    """Amina and Rosa have a place at the workshop, Jan at the event only. All but Jan
    came; only Amina is ticked on the workshop's list, which is often not kept."""
    rendezvous.workshops.update(places=2)
    workshop = rendezvous.workshops.get()
    for person in (member, referent):
        register(rendezvous, person=person, workshop=workshop)
    register(rendezvous, person=outsider)

    def came(person):
        at_event = Registration.objects.get(person=person, workshop=None)
        at_workshop = Registration.objects.filter(person=person, workshop=workshop).first()
        return at_event.came, at_workshop and at_workshop.came

    log_in(phone, live_server, coordinator)
    phone.goto(live_server.url + f"/events/{rendezvous.pk}/attendance/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Liste des présences")
    event_list = phone.locator("form > ul.attendance")
    workshop_list = phone.get_by_role("region", name="Conserves · Matin")
    expect(event_list.get_by_role("checkbox")).to_have_count(3)
    expect(workshop_list.get_by_role("checkbox")).to_have_count(2)
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    event_list.get_by_label("Amina Benali").check()
    event_list.get_by_label("Rosa Martínez").check()
    workshop_list.get_by_label("Amina Benali").check()
    phone.get_by_role("button", name="Enregistrer qui est venu").click()

    expect(phone.locator(".messages")).to_have_text("C'est enregistré.")
    expect(phone).to_have_url(live_server.url + f"/events/{rendezvous.pk}/attendance/")
    event_list = phone.locator("form > ul.attendance")
    workshop_list = phone.get_by_role("region", name="Conserves · Matin")
    expect(event_list.get_by_label("Amina Benali")).to_be_checked()
    expect(event_list.get_by_label("Rosa Martínez")).to_be_checked()
    expect(event_list.get_by_label("Jan Peeters")).not_to_be_checked()
    expect(workshop_list.get_by_label("Amina Benali")).to_be_checked()
    expect(workshop_list.get_by_label("Rosa Martínez")).not_to_be_checked()
    assert came(member) == (True, True)
    assert came(referent) == (True, None)  # came to the event; at the workshop, not known
    assert came(outsider) == (False, None)  # no workshop place at all
    assert_accessible(phone)

    # Rosa was ticked by mistake: unticked at the event, she was not at the workshop either.
    event_list.get_by_label("Rosa Martínez").uncheck()
    phone.get_by_role("button", name="Enregistrer qui est venu").click()

    expect(phone.locator(".messages")).to_have_text("C'est enregistré.")
    expect(phone.locator("form > ul.attendance").get_by_label("Rosa Martínez")).not_to_be_checked()
    expect(
        phone.get_by_role("region", name="Conserves · Matin").get_by_label("Amina Benali")
    ).to_be_checked()
    assert came(member) == (True, True)
    assert came(referent) == (False, False)
    assert came(outsider) == (False, None)
