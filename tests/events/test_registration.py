"""events.services: registering, the waiting list, cancelling and moving up, one person at
a time. The races (many people at the same moment) are in test_registration_races.py."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event, Registration, Workshop
from events.services import (
    RegistrationError,
    cancel,
    move_up,
    places_left,
    places_taken,
    register,
)
from tests.factories import make_event, make_people, make_person
from tests.reading import statuses

R = Registration.Status


def live_rows(event) -> list[tuple]:
    return list(
        Registration.objects.filter(event=event)
        .order_by("pk")
        .values_list("person_id", "workshop_id", "status")
    )


# Registering and counting places


def test_a_member_registers_and_is_confirmed(member):
    event = make_event(capacity=15)

    registration = register(event, person=member)

    saved = Registration.objects.get()
    assert saved == registration
    assert (saved.event, saved.person, saved.workshop, saved.status) == (
        event,
        member,
        None,
        R.CONFIRMED,
    )
    assert saved.companions == 0
    assert saved.token
    assert places_taken(event) == 1
    assert places_left(event) == 14


def test_places_left_is_the_capacity_less_the_confirmed_people(member, referent, outsider):
    event = make_event(capacity=15)
    for person in [member, referent, outsider]:
        register(event, person=person)

    assert places_taken(event) == 3
    assert places_left(event) == 12


def test_companions_take_places(member):
    event = make_event(capacity=10, most_companions=2)

    registration = register(event, person=member, companions=2)

    assert registration.status == R.CONFIRMED
    assert registration.seats == 3
    assert places_taken(event) == 3
    assert places_left(event) == 7


def test_an_event_without_a_limit_has_no_places_left_count(member):
    event = make_event(capacity=None)
    register(event, person=member)

    assert places_taken(event) == 1
    assert places_left(event) is None


def test_waiting_and_cancelled_registrations_take_no_place(member, referent, outsider):
    event = make_event(capacity=1)
    first = register(event, person=member)
    waiting = register(event, person=referent)
    gone = register(event, person=outsider)  # waiting too, then cancelled
    cancel(gone)

    assert waiting.status == R.WAITING
    assert places_taken(event) == 1
    assert places_left(event) == 0
    assert statuses([first, waiting, gone]) == [R.CONFIRMED, R.WAITING, R.CANCELLED]


def test_a_guest_registers_with_a_name_and_an_e_mail(db):
    event = make_event(capacity=5, most_companions=1)

    guest = register(
        event, name="  Lucie Dubois ", email=" lucie@example.org ", phone="", companions=1
    )

    guest.refresh_from_db()
    assert (guest.person, guest.name, guest.email, guest.status) == (
        None,
        "Lucie Dubois",
        "lucie@example.org",
        R.CONFIRMED,
    )
    assert places_left(event) == 3


# The waiting list


def test_when_full_the_next_people_wait_first_come_first_served(db):
    event = make_event(capacity=3)
    cooks = make_people(6)

    made = [register(event, person=cook) for cook in cooks]

    assert [r.status for r in made] == [R.CONFIRMED] * 3 + [R.WAITING] * 3
    waiting = Registration.objects.filter(event=event, status=R.WAITING)
    assert [r.person for r in waiting] == cooks[3:]
    assert places_taken(event) == 3
    assert places_left(event) == 0


def test_someone_whose_companions_do_not_fit_waits(member, referent):
    event = make_event(capacity=3, most_companions=2)
    register(event, person=member)

    with_two = register(event, person=referent, companions=2)

    assert with_two.status == R.WAITING
    assert places_taken(event) == 1


def test_a_newcomer_does_not_take_a_place_before_the_people_already_waiting(db):
    """Capacity 3: three singles, then Wafa with two companions and Xavier wait. One
    single cancels: Wafa does not fit and blocks, so Xavier keeps waiting (nobody jumps
    the queue). Yann, who registers after both, must not take that one free place."""
    event = make_event(capacity=3, most_companions=2)
    first, *_ = [register(event, person=cook) for cook in make_people(3)]
    wafa = register(event, person=make_person("wafa@example.org", "Wafa"), companions=2)
    xavier = register(event, person=make_person("xavier@example.org", "Xavier"))
    cancel(first)
    assert statuses([wafa, xavier]) == [R.WAITING, R.WAITING]

    yann = register(event, person=make_person("yann@example.org", "Yann"))

    assert yann.status == R.WAITING, (
        "Yann got the free place while Wafa and Xavier, who registered before him, wait"
    )
    assert places_taken(event) == 2


def test_cancelling_a_place_moves_the_first_waiting_up_and_tells_them_once(
    member, referent, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, title="Rendez-vous de printemps")
    confirmed = register(event, person=member)
    first_waiting = register(event, person=referent)
    second_waiting = register(event, person=outsider)
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        moved = cancel(confirmed)

    assert moved == [first_waiting]
    assert statuses([confirmed, first_waiting, second_waiting]) == [
        R.CANCELLED,
        R.CONFIRMED,
        R.WAITING,
    ]
    assert Registration.objects.get(pk=confirmed.pk).cancelled_at is not None
    assert places_taken(event) == 1
    assert len(mailoutbox) == 1
    [mail] = mailoutbox
    assert mail.to == [referent.email]
    assert "Rendez-vous de printemps" in mail.subject
    assert "Rendez-vous de printemps" in mail.body


def test_several_waiting_move_up_when_a_group_frees_several_places(
    referent, outsider, member, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=3, most_companions=2)
    big = register(event, person=member, companions=2)
    first = register(event, person=referent)
    second = register(event, person=outsider)
    third = register(event, person=make_person("third@example.org", "Third"), companions=2)

    with django_capture_on_commit_callbacks(execute=True):
        moved = cancel(big)

    # Two singles fit; the third, with two companions, needs three places of the one left.
    assert moved == [first, second]
    assert statuses([first, second, third]) == [R.CONFIRMED, R.CONFIRMED, R.WAITING]
    assert sorted(m.to[0] for m in mailoutbox) == sorted([referent.email, outsider.email])


def test_a_waiting_person_whose_companions_do_not_fit_blocks_the_queue(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=3, most_companions=2)
    first, *_ = [register(event, person=cook) for cook in make_people(3)]
    blocking = register(event, person=make_person("wafa@example.org", "Wafa"), companions=2)
    behind = register(event, person=make_person("xavier@example.org", "Xavier"))

    with django_capture_on_commit_callbacks(execute=True):
        moved = cancel(first)

    assert moved == []
    assert statuses([blocking, behind]) == [R.WAITING, R.WAITING]
    assert places_left(event) == 1
    assert mailoutbox == []


def test_a_guest_who_moves_up_is_told_at_their_e_mail(
    member, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, title="Grande fête annuelle")
    confirmed = register(event, person=member)
    guest = register(event, name="Lucie", email="lucie@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        cancel(confirmed)

    assert statuses([guest]) == [R.CONFIRMED]
    assert [m.to for m in mailoutbox] == [["lucie@example.org"]]
    assert "Grande fête annuelle" in mailoutbox[0].subject


def test_no_e_mail_is_sent_when_the_cancellation_is_rolled_back(
    member, referent, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    confirmed = register(event, person=member)
    waiting = register(event, person=referent)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                cancel(confirmed)
                raise RuntimeError("the request failed after cancelling")
        except RuntimeError:
            pass

    assert callbacks == []
    assert mailoutbox == []
    assert statuses([confirmed, waiting]) == [R.CONFIRMED, R.WAITING]


def test_cancelling_twice_is_harmless(
    member, referent, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    confirmed = register(event, person=member)
    first_waiting = register(event, person=referent)
    second_waiting = register(event, person=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(confirmed)
    cancelled_at = Registration.objects.get(pk=confirmed.pk).cancelled_at

    with django_capture_on_commit_callbacks(execute=True):
        again = cancel(confirmed)
        stale = cancel(Registration.objects.get(pk=confirmed.pk))

    assert again == stale == []
    assert Registration.objects.get(pk=confirmed.pk).cancelled_at == cancelled_at
    assert statuses([confirmed, first_waiting, second_waiting]) == [
        R.CANCELLED,
        R.CONFIRMED,
        R.WAITING,
    ]
    assert places_taken(event) == 1
    assert len(mailoutbox) == 1


def test_cancelling_ones_place_at_the_event_cancels_ones_workshops_and_frees_them(
    member, referent, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=10, title="Rendez-vous de printemps")
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain au levain", places=1)
    soap = Workshop.objects.create(event=event, slot="afternoon", title="Savon", places=1)
    at_event = register(event, person=member)
    in_bread = register(event, person=member, workshop=bread)
    in_soap = register(event, person=member, workshop=soap)
    bread_waiting = register(event, person=referent, workshop=bread)
    soap_waiting = register(event, person=outsider, workshop=soap)
    assert statuses([bread_waiting, soap_waiting]) == [R.WAITING, R.WAITING]

    with django_capture_on_commit_callbacks(execute=True):
        moved = cancel(at_event)

    assert sorted(r.pk for r in moved) == sorted([bread_waiting.pk, soap_waiting.pk])
    assert statuses([at_event, in_bread, in_soap]) == [R.CANCELLED] * 3
    assert statuses([bread_waiting, soap_waiting]) == [R.CONFIRMED, R.CONFIRMED]
    assert places_taken(event, bread) == places_taken(event, soap) == 1
    assert not Registration.objects.filter(person=member).exclude(status=R.CANCELLED).exists()
    # The others' places at the event itself are theirs still.
    assert places_taken(event) == 2
    told = {m.to[0]: m.subject for m in mailoutbox}
    assert set(told) == {referent.email, outsider.email}
    assert "Pain au levain" in told[referent.email]
    assert "Savon" in told[outsider.email]


def test_cancelling_a_workshop_keeps_ones_place_at_the_event(member, referent):
    event = make_event(capacity=10)
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain", places=1)
    in_bread = register(event, person=member, workshop=bread)
    waiting = register(event, person=referent, workshop=bread)

    moved = cancel(in_bread)

    assert moved == [waiting]
    at_event = Registration.objects.get(event=event, person=member, workshop=None)
    assert at_event.status == R.CONFIRMED
    assert places_taken(event) == 2


# Workshops


def test_registering_for_a_workshop_registers_for_the_event_too(member):
    event = make_event(capacity=10)
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain", places=5)

    in_bread = register(event, person=member, workshop=bread)

    assert (in_bread.workshop, in_bread.status) == (bread, R.CONFIRMED)
    at_event = Registration.objects.get(event=event, person=member, workshop=None)
    assert at_event.status == R.CONFIRMED
    assert Registration.objects.count() == 2
    assert places_taken(event) == 1
    assert places_taken(event, bread) == 1
    assert places_left(event) == 9
    assert places_left(event, bread) == 4


def test_a_second_workshop_in_another_slot_reuses_the_place_at_the_event(member):
    event = make_event(capacity=10)
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain", places=5)
    soap = Workshop.objects.create(event=event, slot="afternoon", title="Savon", places=5)

    register(event, person=member, workshop=bread)
    in_soap = register(event, person=member, workshop=soap)

    assert in_soap.status == R.CONFIRMED
    assert Registration.objects.filter(person=member, workshop=None).count() == 1
    assert Registration.objects.count() == 3
    assert places_taken(event) == 1


def test_one_workshop_per_time_slot(member):
    event = make_event(capacity=10)
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain", places=5)
    soap = Workshop.objects.create(event=event, slot="morning", title="Savon", places=5)
    register(event, person=member, workshop=bread)
    before = live_rows(event)

    with pytest.raises(RegistrationError) as refused:
        register(event, person=member, workshop=soap)

    assert refused.value.message
    assert live_rows(event) == before
    assert places_taken(event, soap) == 0


def test_a_workshop_of_another_event_is_refused(member):
    event = make_event(capacity=10)
    other = make_event(title="Formation hygiène", capacity=10)
    forged = Workshop.objects.create(event=other, slot="morning", title="HACCP", places=5)

    with pytest.raises(RegistrationError) as refused:
        register(event, person=member, workshop=forged)

    assert refused.value.message
    assert not Registration.objects.exists()


def test_workshop_places_are_counted_apart_from_the_event(member, referent, outsider):
    event = make_event(capacity=3)
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain", places=1)

    in_bread = register(event, person=member, workshop=bread)
    bread_full = register(event, person=referent, workshop=bread)
    at_event = register(event, person=outsider)

    assert (in_bread.status, bread_full.status, at_event.status) == (
        R.CONFIRMED,
        R.WAITING,
        R.CONFIRMED,
    )
    # The referent waits for the workshop but has a place at the event.
    assert Registration.objects.get(person=referent, workshop=None).status == R.CONFIRMED
    assert places_taken(event) == 3
    assert places_left(event) == 0
    assert places_taken(event, bread) == 1
    assert places_left(event, bread) == 0


def test_a_workshop_without_a_limit_never_fills(db):
    event = make_event(capacity=None)
    walk = Workshop.objects.create(event=event, title="Balade", places=None)

    made = [register(event, person=cook, workshop=walk) for cook in make_people(4)]

    assert {r.status for r in made} == {R.CONFIRMED}
    assert places_left(event, walk) is None


# Refusals: nothing is saved


def test_registering_twice_is_refused(member):
    event = make_event(capacity=10)
    register(event, person=member)

    with pytest.raises(RegistrationError) as refused:
        register(event, person=member)

    assert refused.value.message
    assert Registration.objects.count() == 1


def test_registering_twice_for_a_workshop_is_refused(member):
    event = make_event(capacity=10)
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain", places=5)
    register(event, person=member, workshop=bread)

    with pytest.raises(RegistrationError):
        register(event, person=member, workshop=bread)

    assert Registration.objects.count() == 2


def test_one_may_register_again_after_cancelling(member):
    event = make_event(capacity=10)
    cancel(register(event, person=member))

    again = register(event, person=member)

    assert again.status == R.CONFIRMED
    assert Registration.objects.filter(person=member).count() == 2


def _now():
    return timezone.now()


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"registration_opens": lambda: _now() + timedelta(days=1)}, id="not-open-yet"),
        pytest.param({"registration_closes": lambda: _now() - timedelta(hours=1)}, id="closed"),
        pytest.param(
            {
                "starts_at": lambda: _now() - timedelta(hours=1),
                "ends_at": lambda: _now() + timedelta(hours=2),
            },
            id="started",
        ),
        pytest.param({"cancelled_at": _now}, id="cancelled"),
    ],
)
def test_an_event_that_is_not_open_refuses_registrations(member, fields):
    event = make_event(capacity=10, **{name: value() for name, value in fields.items()})
    workshop = Workshop.objects.create(event=event, title="Pain", places=5)

    for attempt in [
        {"person": member},
        {"person": member, "workshop": workshop},
        {"name": "Lucie", "email": "lucie@example.org"},
    ]:
        with pytest.raises(RegistrationError) as refused:
            register(event, **attempt)
        assert refused.value.message

    assert Registration.objects.count() == 0


def test_the_event_is_read_again_so_a_cancellation_made_meanwhile_counts(member):
    event = make_event(capacity=10)
    Event.objects.filter(pk=event.pk).update(cancelled_at=timezone.now())

    with pytest.raises(RegistrationError):
        register(event, person=member)  # `event` still says it is not cancelled

    assert Registration.objects.count() == 0


def test_registration_is_open_between_opening_and_closing(member):
    now = timezone.now()
    event = make_event(
        capacity=10,
        registration_opens=now - timedelta(hours=1),
        registration_closes=now + timedelta(hours=1),
    )

    assert register(event, person=member).status == R.CONFIRMED


@pytest.mark.parametrize("companions", [3, -1])
def test_too_many_companions_are_refused(member, companions):
    event = make_event(capacity=10, most_companions=2)

    with pytest.raises(RegistrationError) as refused:
        register(event, person=member, companions=companions)

    assert "2" in refused.value.message
    assert Registration.objects.count() == 0


def test_companions_are_refused_when_everyone_comes_alone(member):
    event = make_event(capacity=10)  # most_companions=0

    with pytest.raises(RegistrationError):
        register(event, person=member, companions=1)
    with pytest.raises(RegistrationError):
        register(event, name="Lucie", email="lucie@example.org", companions=1)

    assert Registration.objects.count() == 0


@pytest.mark.parametrize(
    "guest",
    [
        pytest.param({"name": "", "email": "lucie@example.org"}, id="no-name"),
        pytest.param({"name": "   ", "phone": "0470 12 34 56"}, id="blank-name"),
        pytest.param({"name": "Lucie"}, id="no-way-to-reach"),
        pytest.param({"name": "Lucie", "email": "  ", "phone": " "}, id="blank-contact"),
    ],
)
def test_a_guest_without_a_name_or_a_way_to_reach_them_is_refused(db, guest):
    event = make_event(capacity=10)

    with pytest.raises(RegistrationError) as refused:
        register(event, **guest)

    assert refused.value.message
    assert Registration.objects.count() == 0


def test_a_guest_with_a_phone_only_is_fine(db):
    event = make_event(capacity=10)

    guest = register(event, name="Lucie", phone="0470 12 34 56")

    assert (guest.email, guest.phone, guest.status) == ("", "0470 12 34 56", R.CONFIRMED)


# A coordinator moves someone up


def test_moving_up_is_refused_when_no_place_is_free(
    member, referent, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    register(event, person=member)
    waiting = register(event, person=referent)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RegistrationError) as no:
        move_up(waiting)

    assert no.value.message
    assert statuses([waiting]) == [R.WAITING]
    assert places_taken(event) == 1
    assert mailoutbox == []


def test_moving_up_counts_the_companions(db):
    event = make_event(capacity=3, most_companions=2)
    first, *_ = [register(event, person=cook) for cook in make_people(3)]
    with_two = register(event, person=make_person("wafa@example.org", "Wafa"), companions=2)
    cancel(first)  # one place free; Wafa needs three

    with pytest.raises(RegistrationError):
        move_up(with_two)

    assert statuses([with_two]) == [R.WAITING]
    assert places_taken(event) == 2


def test_moving_up_gives_a_free_place_and_tells_the_person(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=3, most_companions=2, title="Rendez-vous d'été")
    first, *_ = [register(event, person=cook) for cook in make_people(3)]
    blocking = register(event, person=make_person("wafa@example.org", "Wafa"), companions=2)
    xavier = make_person("xavier@example.org", "Xavier")
    behind = register(event, person=xavier)
    cancel(first)  # Wafa blocks the queue: Xavier waits for a coordinator
    assert statuses([behind]) == [R.WAITING]

    with django_capture_on_commit_callbacks(execute=True):
        moved = move_up(behind)

    assert moved == behind
    assert statuses([blocking, behind]) == [R.WAITING, R.CONFIRMED]
    assert places_taken(event) == 3
    assert places_left(event) == 0
    assert [m.to for m in mailoutbox] == [[xavier.email]]
    assert "Rendez-vous d'été" in mailoutbox[0].subject


def test_moving_up_in_a_workshop_counts_the_workshop_places(
    member, referent, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=10)
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain au levain", places=1)
    register(event, person=member, workshop=bread)
    waiting = register(event, person=referent, workshop=bread)

    with pytest.raises(RegistrationError):
        move_up(waiting)  # the event has 8 places left, the workshop none
    Workshop.objects.filter(pk=bread.pk).update(places=2)
    with django_capture_on_commit_callbacks(execute=True):
        move_up(Registration.objects.get(pk=waiting.pk))

    assert statuses([waiting]) == [R.CONFIRMED]
    assert places_taken(event, bread) == 2
    assert [m.to for m in mailoutbox] == [[referent.email]]
    assert "Pain au levain" in mailoutbox[0].subject


def test_only_someone_waiting_can_be_moved_up(member, referent):
    event = make_event(capacity=5)
    confirmed = register(event, person=member)
    gone = register(event, person=referent)
    cancel(gone)

    for registration in [confirmed, gone]:
        with pytest.raises(RegistrationError):
            move_up(registration)

    assert statuses([confirmed, gone]) == [R.CONFIRMED, R.CANCELLED]
    assert places_taken(event) == 1


# The database's own guard


def test_the_database_refuses_two_live_registrations_of_a_person_for_an_event(member):
    event = make_event(capacity=10)
    Registration.objects.create(event=event, person=member, status=R.CONFIRMED)

    for status in [R.CONFIRMED, R.WAITING]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Registration.objects.create(event=event, person=member, status=status)

    assert Registration.objects.count() == 1


def test_a_cancelled_registration_and_a_live_one_are_fine(member):
    event = make_event(capacity=10)
    Registration.objects.create(event=event, person=member, status=R.CANCELLED)
    Registration.objects.create(event=event, person=member, status=R.CANCELLED)

    Registration.objects.create(event=event, person=member, status=R.CONFIRMED)

    assert Registration.objects.count() == 3


def test_the_database_refuses_two_live_registrations_of_a_person_for_a_workshop(member):
    event = make_event(capacity=10)
    bread = Workshop.objects.create(event=event, slot="morning", title="Pain", places=5)
    Registration.objects.create(event=event, person=member, status=R.CONFIRMED)
    Registration.objects.create(event=event, workshop=bread, person=member, status=R.CONFIRMED)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, workshop=bread, person=member, status=R.WAITING)

    Registration.objects.create(event=event, person=None, name="Lucie", status=R.CONFIRMED)
    Registration.objects.create(event=event, person=None, name="Lucie", status=R.CONFIRMED)
    assert Registration.objects.count() == 4


def test_the_database_refuses_a_registration_of_nobody(db):
    event = make_event(capacity=10)

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, person=None, name="", status=R.CONFIRMED)

    assert not Registration.objects.exists()


def test_a_workshop_place_waits_while_its_person_waits_for_the_event_then_follows(
    member, referent, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    workshop = Workshop.objects.create(event=event, title="Conserves", places=5)
    first = register(event, person=referent)

    at_workshop = register(event, person=member, workshop=workshop)

    at_event = Registration.objects.get(event=event, person=member, workshop=None)
    assert (at_event.status, at_workshop.status) == (R.WAITING, R.WAITING)
    assert places_taken(event, workshop) == 0  # no workshop seat for someone not coming yet

    with django_capture_on_commit_callbacks(execute=True):
        cancel(first)

    assert statuses([at_event, at_workshop]) == [R.CONFIRMED, R.CONFIRMED]
    assert len(mailoutbox) == 2  # one for the event, one for the workshop
