"""Rendez-vous on a phone: register in one tap, wait for a full workshop, move up when
someone cancels (and get the e-mail)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from events.models import Event, Registration, Workshop
from events.services import register
from tests.browser.conftest import assert_accessible, assert_big_enough_targets, log_in


@pytest.fixture
def rendezvous(db):
    start = timezone.now() + timedelta(days=20)
    event = Event.objects.create(
        kind=Event.Kind.RENDEZVOUS,
        title="Rendez-vous d'hiver",
        description="Trois heures pour cuisiner et parler de nos groupes.",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
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
