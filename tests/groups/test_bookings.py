"""book_kitchen: the one way in. Bad slots and overlaps are refused, and so are the
overlaps that two people cause by booking at the same moment (real threads, each with its
own database connection, on SQLite and on PostgreSQL)."""

import time
from datetime import datetime, timedelta
from functools import partial
from unittest.mock import patch

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connections, transaction
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groups import bookings
from groups.bookings import (
    BookingConflict,
    KitchenBusy,
    book_kitchen,
    cancel_booking,
    lock_kitchen,
)
from groups.models import Kitchen, KitchenBooking
from tests.factories import make_kitchen
from tests.races import at_once, in_a_thread

THREADS = 12


def tomorrow_at(hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
        hours=hour, minutes=minute
    )


def book(kitchen, group, starts_at, ends_at, by=None, **fields) -> KitchenBooking:
    return book_kitchen(
        kitchen=kitchen, group=group, starts_at=starts_at, ends_at=ends_at, booked_by=by, **fields
    )


def overlaps(a, b) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def assert_no_two_overlap(kitchen) -> None:
    saved = list(KitchenBooking.objects.filter(kitchen=kitchen))
    for i, a in enumerate(saved):
        for b in saved[i + 1 :]:
            assert not overlaps(a, b), f"{a} overlaps {b}"


@pytest.fixture
def kitchen(db) -> Kitchen:
    return make_kitchen()


# One person at a time


def test_two_bookings_at_different_times_are_both_made(kitchen, group, other_group, referent):
    morning = book(kitchen, group, tomorrow_at(9), tomorrow_at(12), by=referent, note="Soupe")
    evening = book(kitchen, other_group, tomorrow_at(17), tomorrow_at(20))

    assert list(KitchenBooking.objects.filter(kitchen=kitchen)) == [morning, evening]
    assert (morning.group, morning.booked_by, morning.note) == (group, referent, "Soupe")


def test_a_slot_may_start_when_the_other_ends(kitchen, group, other_group):
    book(kitchen, group, tomorrow_at(9), tomorrow_at(12))
    book(kitchen, other_group, tomorrow_at(12), tomorrow_at(15))
    book(kitchen, group, tomorrow_at(6), tomorrow_at(9))

    assert KitchenBooking.objects.filter(kitchen=kitchen).count() == 3


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((10, 0), (11, 0)),  # inside
        ((8, 0), (13, 0)),  # around
        ((8, 0), (9, 1)),  # over the start
        ((11, 59), (14, 0)),  # over the end
        ((9, 0), (12, 0)),  # the same slot
    ],
)
def test_an_overlapping_booking_is_refused_and_nothing_is_saved(
    kitchen, group, other_group, start, end
):
    first = book(kitchen, group, tomorrow_at(9), tomorrow_at(12))

    with pytest.raises(BookingConflict) as refused:
        book(kitchen, other_group, tomorrow_at(*start), tomorrow_at(*end))

    assert refused.value.conflicting == first
    assert "Ça Chauffe" in refused.value.message
    assert list(KitchenBooking.objects.all()) == [first]


def test_the_refusal_is_in_the_language_of_the_person(kitchen, group, other_group):
    book(kitchen, group, tomorrow_at(9), tomorrow_at(12))

    with translation.override("en"), pytest.raises(BookingConflict) as in_english:
        book(kitchen, other_group, tomorrow_at(10), tomorrow_at(11))
    with translation.override("fr"), pytest.raises(BookingConflict) as in_french:
        book(kitchen, other_group, tomorrow_at(10), tomorrow_at(11))

    assert in_english.value.message == "This kitchen is already booked at that time, by Ça Chauffe."
    assert in_french.value.message.startswith("Cette cuisine est déjà réservée")


def test_another_kitchen_at_the_same_time_is_free(kitchen, group):
    other_kitchen = make_kitchen("bouillon")
    book(kitchen, group, tomorrow_at(9), tomorrow_at(12))
    book(other_kitchen, group, tomorrow_at(9), tomorrow_at(12))

    assert KitchenBooking.objects.count() == 2


def test_a_cancelled_booking_frees_its_slot(kitchen, group, other_group, referent):
    booking = book(kitchen, group, tomorrow_at(9), tomorrow_at(12))

    cancel_booking(booking, by=referent)

    assert not KitchenBooking.objects.exists()
    book(kitchen, other_group, tomorrow_at(9), tomorrow_at(12))


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "code"),
    [
        (lambda: tomorrow_at(12), lambda: tomorrow_at(9), "ends_before"),
        (lambda: tomorrow_at(12), lambda: tomorrow_at(12), "ends_before"),
        (
            lambda: tomorrow_at(9),
            lambda: tomorrow_at(9) + timedelta(hours=24, minutes=1),
            "too_long",
        ),
        (
            lambda: timezone.now() - timedelta(hours=3),
            lambda: timezone.now() + timedelta(hours=1),
            "past",
        ),
        (
            lambda: timezone.now() - timedelta(minutes=20),
            lambda: timezone.now() + timedelta(hours=1),
            "past",
        ),
    ],
)
def test_a_slot_that_makes_no_sense_is_refused_in_words(kitchen, group, starts_at, ends_at, code):
    with pytest.raises(ValidationError) as refused:
        book(kitchen, group, starts_at(), ends_at())

    assert refused.value.code == code
    assert refused.value.messages[0].endswith(".")
    assert not KitchenBooking.objects.exists()


def test_a_note_longer_than_the_field_is_refused(kitchen, group):
    with pytest.raises(ValidationError) as refused:
        book(kitchen, group, tomorrow_at(9), tomorrow_at(12), note="x" * 201)

    assert refused.value.code == "note_too_long"
    assert not KitchenBooking.objects.exists()


def test_a_whole_day_and_a_slot_that_started_a_moment_ago_are_fine(kitchen, group):
    book(kitchen, group, tomorrow_at(24), tomorrow_at(48))
    now = timezone.now()
    book(kitchen, group, now - timedelta(minutes=5), now + timedelta(hours=2))

    assert KitchenBooking.objects.count() == 2


def test_times_without_a_time_zone_are_a_programming_error(kitchen, group):
    naive = datetime.combine(timezone.localdate() + timedelta(days=1), datetime.min.time())

    with pytest.raises(ValueError, match="aware"):
        book(kitchen, group, naive, naive + timedelta(hours=2))


# The saved bookings never overlap, whatever the order of requests and cancellations.

slot_requests = st.lists(
    st.one_of(
        # (start, length) in quarters of an hour, over two days
        st.tuples(st.just("book"), st.integers(0, 8 * 24), st.integers(1, 4 * 24 + 1)),
        st.tuples(st.just("cancel"), st.integers(0, 20), st.just(0)),
    ),
    max_size=25,
)


@settings(
    max_examples=60,
    deadline=None,
    # Each example rolls its own bookings back; the kitchen and groups are shared.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(requests=slot_requests)
def test_saved_bookings_never_overlap(kitchen, group, other_group, requests):
    quarter = timedelta(minutes=15)
    base = tomorrow_at(0)
    held: list[KitchenBooking] = []
    with transaction.atomic():
        for n, (action, first, length) in enumerate(requests):
            if action == "cancel":
                if held:
                    cancel_booking(held.pop(first % len(held)), by=None)
                continue
            wanted = KitchenBooking(starts_at=base + first * quarter)
            wanted.ends_at = wanted.starts_at + length * quarter
            if length * quarter > bookings.LONGEST_BOOKING:
                with pytest.raises(ValidationError):
                    book(kitchen, group, wanted.starts_at, wanted.ends_at)
            elif any(overlaps(wanted, other) for other in held):
                with pytest.raises(BookingConflict) as refused:
                    book(kitchen, group, wanted.starts_at, wanted.ends_at)
                assert overlaps(wanted, refused.value.conflicting)
            else:
                held.append(
                    book(kitchen, (group, other_group)[n % 2], wanted.starts_at, wanted.ends_at)
                )

        assert_no_two_overlap(kitchen)
        assert {b.pk for b in KitchenBooking.objects.all()} == {b.pk for b in held}
        transaction.set_rollback(True)


# Many people at once: real threads, each with its own connection, in committed data.


@pytest.mark.django_db(transaction=True)
def test_of_many_people_booking_the_same_slot_at_once_one_gets_it(kitchen, group, other_group):
    groups = [group, other_group]

    outcomes = at_once(
        THREADS,
        lambda i: book(kitchen, groups[i % 2], tomorrow_at(9), tomorrow_at(12)),
    )

    made = [o for o in outcomes if isinstance(o, KitchenBooking)]
    refused = [o for o in outcomes if isinstance(o, BookingConflict)]
    assert (len(made), len(refused)) == (1, THREADS - 1), outcomes
    assert {r.conflicting.pk for r in refused} == {made[0].pk}
    assert list(KitchenBooking.objects.values_list("pk", flat=True)) == [made[0].pk]


@pytest.mark.django_db(transaction=True)
def test_many_people_booking_overlapping_slots_at_once_leave_no_overlap(kitchen, group):
    # Slots of two hours starting every half hour: each overlaps its three neighbours.
    outcomes = at_once(
        THREADS,
        lambda i: book(kitchen, group, tomorrow_at(8, 30 * i), tomorrow_at(10, 30 * i)),
    )

    made = [o for o in outcomes if isinstance(o, KitchenBooking)]
    refused = [o for o in outcomes if isinstance(o, BookingConflict)]
    assert len(made) + len(refused) == THREADS, outcomes
    assert {b.pk for b in KitchenBooking.objects.all()} == {b.pk for b in made}
    assert {r.conflicting.pk for r in refused} <= {b.pk for b in made}
    assert_no_two_overlap(kitchen)


@pytest.mark.django_db(transaction=True)
def test_people_booking_different_kitchens_at_once_all_get_theirs(group):
    kitchens = [make_kitchen(f"kitchen-{i}") for i in range(THREADS)]

    outcomes = at_once(THREADS, lambda i: book(kitchens[i], group, tomorrow_at(9), tomorrow_at(12)))

    assert all(isinstance(o, KitchenBooking) for o in outcomes), outcomes
    assert KitchenBooking.objects.count() == THREADS


@pytest.mark.django_db(transaction=True)
def test_a_booker_waits_for_the_one_holding_the_kitchen_then_sees_its_booking(
    kitchen, group, other_group
):
    with transaction.atomic():
        lock_kitchen(kitchen)
        thread, outcome = in_a_thread(
            partial(book, kitchen, other_group, tomorrow_at(9), tomorrow_at(12))
        )
        time.sleep(0.5)
        assert thread.is_alive() and not outcome, "the second booker did not wait"
        # What the first booker does while it holds the kitchen.
        first = KitchenBooking.objects.create(
            kitchen=kitchen, group=group, starts_at=tomorrow_at(10), ends_at=tomorrow_at(11)
        )
    thread.join(timeout=30)

    assert isinstance(outcome[0], BookingConflict), outcome
    assert outcome[0].conflicting == first
    assert list(KitchenBooking.objects.all()) == [first]


@pytest.mark.django_db(transaction=True)
def test_a_booker_gives_up_when_the_kitchen_stays_locked_too_long(kitchen, group, monkeypatch):
    monkeypatch.setattr(bookings, "LOCK_TIMEOUT", timedelta(milliseconds=300))
    if connections["default"].vendor == "sqlite":
        # SQLite's equivalent: the busy timeout of the connection the thread opens.
        monkeypatch.setitem(connections.settings["default"]["OPTIONS"], "timeout", 0.3)
    with transaction.atomic():
        lock_kitchen(kitchen)
        thread, outcome = in_a_thread(
            partial(book, kitchen, group, tomorrow_at(9), tomorrow_at(12))
        )
        thread.join(timeout=30)

    assert isinstance(outcome[0], KitchenBusy), outcome
    assert outcome[0].message
    assert not KitchenBooking.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_locking_a_kitchen_outside_a_transaction_is_refused(kitchen):
    with pytest.raises(RuntimeError, match="transaction"):
        lock_kitchen(kitchen)


def test_sqlite_without_immediate_transactions_is_refused_as_it_could_not_lock(kitchen):
    connection = transaction.get_connection()
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL locks the kitchen's row whatever the transaction mode.")

    # As if settings.py had lost OPTIONS["transaction_mode"] = "IMMEDIATE".
    with (
        patch.object(connection, "transaction_mode", None),
        transaction.atomic(),
        pytest.raises(ImproperlyConfigured, match="IMMEDIATE"),
    ):
        lock_kitchen(kitchen)
