"""Many people registering and cancelling at the same moment: real threads, each with its
own database connection, in committed data, on SQLite and on PostgreSQL (as in
tests/groups/test_bookings.py and tests/portions/test_races.py). An event or a workshop
never has more confirmed places than it has, and its waiting list keeps its order."""

import random
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connections, transaction

from core.locks import lock_row
from core.refusals import Busy
from events.models import Event, Registration, Workshop
from events.services import cancel, places_taken, register
from tests.factories import make_event, make_people
from tests.races import at_once, in_a_thread

R = Registration.Status
PEOPLE = 50  # people pressing "I'm coming" at once
CAPACITY = 20  # places at the event
WORKSHOP_PLACES = 10
MIXED = 20  # threads cancelling and registering at once


def seats(rows) -> int:
    return sum(row.seats for row in rows)


@pytest.mark.django_db(transaction=True)
def test_of_many_people_registering_at_once_only_as_many_as_fit_get_a_place():
    event = make_event(capacity=CAPACITY)
    cooks = make_people(PEOPLE)
    # Each thread has its own copy of the event, as each request would.
    events = [Event.objects.get(pk=event.pk) for _ in range(PEOPLE)]

    started = time.monotonic()
    outcomes = at_once(PEOPLE, lambda i: register(events[i], person=cooks[i]))
    elapsed = time.monotonic() - started

    assert all(isinstance(o, Registration) for o in outcomes), outcomes
    confirmed = [o for o in outcomes if o.status == R.CONFIRMED]
    waiting = [o for o in outcomes if o.status == R.WAITING]
    assert (len(confirmed), len(waiting)) == (CAPACITY, PEOPLE - CAPACITY)
    saved = list(Registration.objects.filter(event=event).order_by("pk"))
    assert len(saved) == PEOPLE
    assert {r.person_id for r in saved} == {cook.pk for cook in cooks}
    assert places_taken(event) == CAPACITY
    # First come, first served: whoever got the event first has a place.
    assert [r.status for r in saved] == [R.CONFIRMED] * CAPACITY + [R.WAITING] * (PEOPLE - CAPACITY)
    assert elapsed < 15, f"{PEOPLE} registrations took {elapsed:.1f} s"


@pytest.mark.django_db(transaction=True)
def test_of_many_people_registering_for_a_workshop_at_once_only_as_many_as_fit_get_it():
    event = make_event(capacity=PEOPLE)
    bread = Workshop.objects.create(
        event=event, slot="morning", title="Pain au levain", places=WORKSHOP_PLACES
    )
    cooks = make_people(PEOPLE)
    events = [Event.objects.get(pk=event.pk) for _ in range(PEOPLE)]
    workshops = [Workshop.objects.get(pk=bread.pk) for _ in range(PEOPLE)]

    started = time.monotonic()
    outcomes = at_once(
        PEOPLE, lambda i: register(events[i], person=cooks[i], workshop=workshops[i])
    )
    elapsed = time.monotonic() - started

    assert all(isinstance(o, Registration) for o in outcomes), outcomes
    confirmed = [o for o in outcomes if o.status == R.CONFIRMED]
    assert len(confirmed) == WORKSHOP_PLACES
    assert places_taken(event, bread) == WORKSHOP_PLACES
    in_bread = Registration.objects.filter(workshop=bread).order_by("pk")
    assert [r.status for r in in_bread] == [R.CONFIRMED] * WORKSHOP_PLACES + [R.WAITING] * (
        PEOPLE - WORKSHOP_PLACES
    )
    # Each has exactly one place at the event itself, which has room for all.
    at_event = Registration.objects.filter(event=event, workshop=None)
    assert sorted(at_event.values_list("person_id", flat=True)) == sorted(c.pk for c in cooks)
    assert set(at_event.values_list("status", flat=True)) == {R.CONFIRMED}
    assert places_taken(event) == PEOPLE
    assert elapsed < 15, f"{PEOPLE} workshop registrations took {elapsed:.1f} s"


@pytest.mark.django_db(transaction=True)
def test_people_cancelling_and_registering_at_once_never_overfill_the_event():
    """Ten places, full, five waiting; then ten people cancel (some had a place, some
    were waiting) while ten newcomers register, some with a companion, all at once."""
    capacity = 10
    event = make_event(capacity=capacity, most_companions=1)
    cooks = make_people(15)
    before = [
        register(event, person=cook, companions=i % 2 if i < 10 else 1)
        for i, cook in enumerate(cooks)
    ]
    assert places_taken(event) <= capacity
    assert any(r.status == R.WAITING for r in before)
    leaving = random.Random(20).sample(before, MIXED // 2)
    newcomers = make_people(MIXED // 2, prefix="new")
    mail.outbox = []

    def work(i: int):
        if i % 2:
            return cancel(Registration.objects.get(pk=leaving[i // 2].pk))
        return register(
            Event.objects.get(pk=event.pk), person=newcomers[i // 2], companions=(i // 2) % 2
        )

    started = time.monotonic()
    outcomes = at_once(MIXED, work)
    elapsed = time.monotonic() - started

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    rows = list(Registration.objects.filter(event=event).order_by("created_at", "pk"))
    confirmed = [r for r in rows if r.status == R.CONFIRMED]
    waiting = [r for r in rows if r.status == R.WAITING]
    assert seats(confirmed) == places_taken(event)
    assert seats(confirmed) <= capacity, f"{seats(confirmed)} seats for {capacity} places"
    assert {r.pk for r in rows if r.status == R.CANCELLED} == {r.pk for r in leaving}
    assert len(rows) == len(before) + len(newcomers)
    # Nobody waits while there is room for the first one waiting.
    if waiting:
        assert capacity - seats(confirmed) < waiting[0].seats, (
            f"{capacity - seats(confirmed)} places free, yet {waiting[0]} waits"
        )
    # Whoever moved up was told once, after the change was saved.
    moved = [row for outcome in outcomes if isinstance(outcome, list) for row in outcome]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.person.email for r in moved)
    # (unless they were among those cancelling, a moment later).
    assert {r.pk for r in moved} <= {r.pk for r in confirmed} | {r.pk for r in leaving}
    assert elapsed < 15, f"{MIXED} cancellations and registrations took {elapsed:.1f} s"


@pytest.mark.django_db(transaction=True)
def test_of_many_people_cancelling_at_once_as_many_waiting_move_up_each_told_once():
    event = make_event(capacity=CAPACITY)
    made = [register(event, person=cook) for cook in make_people(2 * CAPACITY)]
    confirmed, waiting = made[:CAPACITY], made[CAPACITY:]
    assert {r.status for r in waiting} == {R.WAITING}
    mail.outbox = []

    started = time.monotonic()
    outcomes = at_once(CAPACITY, lambda i: cancel(Registration.objects.get(pk=confirmed[i].pk)))
    elapsed = time.monotonic() - started

    assert all(isinstance(o, list) for o in outcomes), outcomes
    moved = sorted(row.pk for outcome in outcomes for row in outcome)
    assert moved == sorted(r.pk for r in waiting), "someone moved up twice, or not at all"
    assert set(Registration.objects.filter(pk__in=moved).values_list("status", flat=True)) == {
        R.CONFIRMED
    }
    assert places_taken(event) == CAPACITY
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.person.email for r in waiting)
    assert elapsed < 15, f"{CAPACITY} cancellations took {elapsed:.1f} s"


@pytest.mark.django_db(transaction=True)
def test_a_registration_waits_for_the_one_holding_the_event_then_sees_the_place_taken(
    member, referent
):
    event = make_event(capacity=1)
    with transaction.atomic():
        lock_row(event)
        thread, outcome = in_a_thread(
            lambda: register(Event.objects.get(pk=event.pk), person=referent)
        )
        time.sleep(0.5)
        assert thread.is_alive() and not outcome, "the second registration did not wait"
        # What the first registration does while it holds the event.
        first = Registration.objects.create(event=event, person=member, status=R.CONFIRMED)
    thread.join(timeout=30)

    assert not thread.is_alive()
    assert isinstance(outcome[0], Registration), outcome
    assert outcome[0].status == R.WAITING
    assert list(Registration.objects.filter(status=R.CONFIRMED)) == [first]


@pytest.mark.django_db(transaction=True)
def test_a_registration_gives_up_in_words_when_the_event_stays_locked_too_long(member, monkeypatch):
    monkeypatch.setattr(lock_row, "__kwdefaults__", {"timeout": timedelta(milliseconds=300)})
    if connections["default"].vendor == "sqlite":
        # SQLite's equivalent: the busy timeout of the connection the thread opens.
        monkeypatch.setitem(connections.settings["default"]["OPTIONS"], "timeout", 0.3)
    event = make_event(capacity=10)
    with transaction.atomic():
        lock_row(event)
        thread, outcome = in_a_thread(
            lambda: register(Event.objects.get(pk=event.pk), person=member)
        )
        thread.join(timeout=30)

    assert not thread.is_alive()
    assert isinstance(outcome[0], Busy), outcome
    assert outcome[0].message
    assert not Registration.objects.exists()
