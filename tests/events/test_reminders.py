"""events.reminders: the e-mail two days before an event, to the confirmed people, once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.models import Event, Registration
from events.reminders import send_reminders
from events.services import cancel, register
from tests.factories import at, make_event, make_people, make_person
from tests.races import at_once

R = Registration.Status
# The clock stands still late on a Tuesday evening, when "in two days" is two dates later;
# the events are 48 hours ahead, in the middle of the reminders' 36-to-60-hour window.
NOW = at(2026, 12, 1, 23, 30)
IN_TWO_DAYS = NOW + timedelta(hours=48)
pytestmark = pytest.mark.time_machine(NOW, tick=False)


def move(event: Event, starts_at) -> None:
    """Dates register() would refuse (the past), set once the registrations are made."""
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=3)
    )


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_confirmed_people_are_reminded_two_days_before(member, referent):
    event = make_event(starts_at=IN_TWO_DAYS, address="Rue Royale Sainte-Marie 50")
    first, second = register(event, person=member), register(event, person=referent)

    assert send_reminders() == 2

    assert recipients() == ["amina@example.org", "referente@example.org"]
    message = mail.outbox[0]
    assert "Rendez-vous de printemps" in message.subject
    assert "Rendez-vous de printemps" in message.body
    assert "Rue Royale Sainte-Marie 50" in message.body
    assert date_format(timezone.localtime(event.starts_at), "H:i") in message.body
    assert event.get_absolute_url() in message.body
    for registration in (first, second):
        assert Registration.objects.get(pk=registration.pk).reminded_at is not None


def test_nobody_waiting_or_cancelled_is_reminded(member, referent, outsider):
    event = make_event(starts_at=IN_TWO_DAYS, capacity=1)
    register(event, person=member)
    waiting = register(event, person=referent)
    gone = register(make_event(starts_at=IN_TWO_DAYS, title="Autre"), person=outsider)
    cancel(gone)
    mail.outbox.clear()

    assert waiting.status == R.WAITING
    assert send_reminders() == 1
    assert recipients() == ["amina@example.org"]


def test_a_workshop_place_does_not_send_a_second_reminder(member):
    event = make_event(starts_at=IN_TWO_DAYS)
    workshop = event.workshops.create(slot="matin", title="Pain", places=5)
    register(event, person=member, workshop=workshop)

    assert Registration.objects.filter(person=member).count() == 2
    assert send_reminders() == 1


def test_nobody_is_reminded_of_a_cancelled_event(member):
    event = make_event(starts_at=IN_TWO_DAYS)
    register(event, person=member)
    Event.objects.filter(pk=event.pk).update(cancelled_at=timezone.now())

    assert send_reminders() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("in_hours", [24 * 5, -24, 30, 66])
def test_nobody_is_reminded_of_an_event_too_far_or_past(member, in_hours):
    event = make_event(starts_at=IN_TWO_DAYS)
    register(event, person=member)
    move(event, timezone.now() + timedelta(hours=in_hours))

    assert send_reminders() == 0
    assert mail.outbox == []


def test_a_daily_run_catches_every_event_once(member):
    """Between 36 and 60 hours ahead: runs 24 hours apart see each event exactly once."""
    now = timezone.now()
    for hours in range(36, 61, 3):
        event = make_event(starts_at=IN_TWO_DAYS, title=f"Dans {hours} h")
        register(event, person=member)
        move(event, now + timedelta(hours=hours, minutes=1))

    sent = sum(send_reminders(now + timedelta(hours=h)) for h in (-24, 0, 24, 48))

    assert sent == Registration.objects.count() == 9
    assert len(mail.outbox) == 9


def test_running_it_twice_reminds_once(member):
    register(make_event(starts_at=IN_TWO_DAYS), person=member)

    assert send_reminders() == 1
    assert send_reminders() == 0
    assert send_reminders(timezone.now() + timedelta(hours=6)) == 0
    assert len(mail.outbox) == 1


def test_a_guest_is_reminded_at_their_e_mail_with_their_private_link(db):
    registration = register(
        make_event(starts_at=IN_TWO_DAYS), name="Fatima", email="fatima@example.org"
    )

    assert send_reminders() == 1
    assert recipients() == ["fatima@example.org"]
    assert f"/r/{registration.token}/" in mail.outbox[0].body


def test_someone_without_e_mail_is_marked_but_not_sent(db):
    event = make_event(starts_at=IN_TWO_DAYS)
    nobody = register(event, name="Mohamed", phone="0470 12 34 56")
    no_address = register(event, person=make_person(None, "Khadija"))

    assert send_reminders() == 0
    assert mail.outbox == []
    assert (
        Registration.objects.filter(
            pk__in=[nobody.pk, no_address.pk], reminded_at__isnull=False
        ).count()
        == 2
    )


def test_each_person_is_reminded_in_their_language(member, outsider):
    event = make_event(starts_at=IN_TWO_DAYS)
    register(event, person=member)  # French
    register(event, person=outsider)  # Dutch
    starts = timezone.localtime(event.starts_at)
    days = {}
    for language in ("fr", "nl"):
        with translation.override(language):
            days[language] = date_format(starts, "l j F")
    assert days["fr"] != days["nl"]

    send_reminders()

    by_address = {message.to[0]: message for message in mail.outbox}
    french, dutch = by_address["amina@example.org"], by_address["voisin@example.org"]
    assert days["fr"] in french.subject and days["fr"] in french.body
    assert days["nl"] in dutch.subject and days["nl"] in dutch.body
    assert days["fr"] not in dutch.body


def test_a_mail_that_fails_is_tried_again_next_time(member, monkeypatch):
    registration = register(make_event(starts_at=IN_TWO_DAYS), person=member)

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("events.reminders.send_mail", broken)
    assert send_reminders() == 0
    assert Registration.objects.get(pk=registration.pk).reminded_at is None

    monkeypatch.undo()
    assert send_reminders() == 1
    assert len(mail.outbox) == 1


def test_the_absolute_address_comes_from_site_url(member, settings):
    settings.SITE_URL = "https://membres.example.org/"
    event = make_event(starts_at=IN_TWO_DAYS)
    register(event, person=member)

    send_reminders()

    assert f"https://membres.example.org{event.get_absolute_url()}" in mail.outbox[0].body


def test_the_command_says_how_many_went(member, referent):
    event = make_event(starts_at=IN_TWO_DAYS)
    register(event, person=member)
    register(event, person=referent)
    out = StringIO()

    call_command("send_event_reminders", stdout=out)

    assert out.getvalue().startswith("2 ")
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_remind_each_person_once():
    event = make_event(starts_at=IN_TWO_DAYS)
    cooks = make_people(20)
    for cook in cooks:
        register(event, person=cook)

    outcomes = at_once(4, lambda i: send_reminders())

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == len(cooks)
    assert recipients() == sorted(cook.email for cook in cooks)
    assert not Registration.objects.filter(reminded_at__isnull=True).exists()
