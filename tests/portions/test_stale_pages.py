"""A page shows what was true when it was loaded; by the time its button is pressed,
somebody else may have changed the session, the menu or the group. The services decide
on what is true once they hold the lock, never on the copy the page held.

The thread tests hold one change uncommitted while the other request runs: on
PostgreSQL the second request reads the old values and then waits for the lock, which is
where a decision on stale values would go wrong. (On SQLite a second writer cannot even
start before the first commits, so there they pass whatever the code.)"""

from datetime import timedelta

import pytest
from django.db.models import Sum

from core.locks import lock_row
from groups.bookings import book_kitchen, cancel_booking
from groups.models import KitchenBooking, Membership
from groups.services import GroupError, leave_group
from portions.models import CookingSession, Order, Receipt, Transfer
from portions.services import (
    DishFull,
    SessionError,
    add_receipt,
    change_status,
    mark_paid,
    place_order,
    refresh_transfers,
    settle,
    update_session,
)
from recipes.models import Recipe
from tests.factories import local_moment, make_session
from tests.races import interleaved, while_uncommitted

S = CookingSession.Status


def _change(session: CookingSession, **changes) -> CookingSession:
    fields = dict(
        starts_at=session.starts_at, deadline=session.deadline, kitchen=None, note="", maxima={}
    )
    return update_session(CookingSession.objects.get(pk=session.pk), **{**fields, **changes})


@pytest.mark.django_db(transaction=True)
def test_an_order_made_while_the_maximum_is_lowered_keeps_to_the_new_maximum(group, soup):
    session = make_session(group, [soup], max_portions=10)
    change_status(session, S.OPEN, by=None)
    dish = session.dishes.get()
    first, second = Membership.objects.filter(group=group).order_by("pk")
    place_order(session, first, {dish.pk: 4}, by=None)

    outcome = while_uncommitted(
        lambda: _change(session, maxima={dish.pk: 5}),
        lambda: place_order(
            CookingSession.objects.get(pk=session.pk), second, {dish.pk: 6}, by=None
        ),
    )

    ordered = Order.objects.filter(dish=dish).aggregate(total=Sum("ordered"))["total"]
    assert ordered <= 5, f"{ordered} portions ordered of a dish limited to 5 ({outcome})"
    assert isinstance(outcome[0], DishFull) and outcome[0].left == 1, outcome


@pytest.mark.django_db(transaction=True)
def test_a_transfer_marked_paid_is_never_replaced_by_a_new_proposal(cooked_soup):
    settle(cooked_soup, by=None)
    transfer = Transfer.objects.order_by("pk").first()
    debtor = transfer.debtor.person

    outcome = while_uncommitted(
        lambda: mark_paid(Transfer.objects.get(pk=transfer.pk), by=debtor, method="cash"),
        lambda: refresh_transfers(cooked_soup.group),
    )

    assert isinstance(outcome[0], list), outcome
    paid = Transfer.objects.filter(pk=transfer.pk, status=Transfer.Status.PAID)
    assert paid.exists(), "the payment was deleted with the old proposals"
    # And the debtor is not asked for the same money again.
    asked = Transfer.objects.filter(debtor=transfer.debtor, status=Transfer.Status.PROPOSED)
    assert not asked.filter(creditor=transfer.creditor).exists()


@pytest.mark.django_db(transaction=True)
def test_two_referents_leaving_at_once_leave_one_behind(group, referent):
    rosa = Membership.objects.get(group=group, person=referent)
    member = Membership.objects.get(group=group, role=Membership.Role.MEMBER)
    Membership.objects.filter(pk=member.pk).update(role=Membership.Role.REFERENT)

    outcome = while_uncommitted(
        lambda: leave_group(Membership.objects.get(pk=rosa.pk)),
        lambda: leave_group(Membership.objects.get(pk=member.pk)),
    )

    assert isinstance(outcome[0], GroupError), f"both referents left ({outcome})"
    assert Membership.objects.current().filter(group=group, role="referent").count() == 1


# One person, one stale page: no threads needed. -----------------------------------------


def test_leaving_from_a_page_loaded_before_one_became_the_only_referent_is_refused(
    group, referent, member
):
    page = Membership.objects.get(group=group, person=member)  # loaded as a plain member
    rosa = Membership.objects.get(group=group, person=referent)
    Membership.objects.filter(pk=page.pk).update(role=Membership.Role.REFERENT)
    Membership.objects.filter(pk=rosa.pk).update(role=Membership.Role.MEMBER)

    with pytest.raises(GroupError, match="au moins une personne référente"):
        leave_group(page)
    assert Membership.objects.current().filter(group=group, role="referent").count() == 1


def test_a_receipt_for_a_dish_just_taken_off_the_menu_is_refused(group, soup, referent):
    bread = Recipe.objects.create(title="Pain", author_group=group, created_by=referent)
    session = make_session(group, [soup])
    session = _change(session, add=[(bread, None)])
    payer = Membership.objects.get(group=group, person=referent)
    page_dish = session.dishes.get(recipe=bread)  # the receipts page, loaded before
    _change(session, remove={page_dish.pk})

    with pytest.raises(SessionError, match="pas au menu"):
        add_receipt(session, payer=payer, amount_cents=250, dish=page_dish, by=None)
    assert not Receipt.objects.exists()


def test_nobody_who_has_left_orders_or_pays_from_a_page_loaded_before(group, soup, member):
    session = make_session(group, [soup])
    change_status(session, S.OPEN, by=None)
    dish = session.dishes.get()
    page = Membership.objects.get(group=group, person=member)  # loaded while in the group
    leave_group(Membership.objects.get(pk=page.pk))

    with pytest.raises(SessionError, match="pas dans le groupe"):
        place_order(session, page, {dish.pk: 2}, by=None)
    with pytest.raises(SessionError, match="pas dans le groupe"):
        add_receipt(session, payer=page, amount_cents=500, by=None)
    assert not Order.objects.exists() and not Receipt.objects.exists()


def _booked(kitchen, group, days=3):
    starts_at = local_moment(days)
    return book_kitchen(
        kitchen=kitchen,
        group=group,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=4),
        booked_by=None,
    )


@pytest.mark.django_db(transaction=True)
def test_two_referents_planning_the_same_booked_slot_at_once_both_get_a_session(
    group, soup, kitchen
):
    """The booking goes to the first session; the second is planned without it, instead of
    failing on the booking's one-session rule."""
    booking = _booked(kitchen, group)

    def plan():
        return make_session(group, [soup], starts_at=booking.starts_at, kitchen=kitchen)

    outcome = while_uncommitted(plan, plan)

    assert isinstance(outcome[0], CookingSession), outcome
    assert CookingSession.objects.filter(booking=booking).count() == 1
    assert CookingSession.objects.count() == 2


def test_a_booking_cancelled_or_used_since_the_page_was_loaded_is_refused(group, soup, kitchen):
    used = _booked(kitchen, group)
    make_session(group, [soup], starts_at=used.starts_at, booking=used)
    with pytest.raises(SessionError, match="annulée ou prise"):
        make_session(group, [soup], starts_at=used.starts_at, booking=used)

    gone = _booked(kitchen, group, days=5)
    cancel_booking(KitchenBooking.objects.get(pk=gone.pk), by=None)
    with pytest.raises(SessionError, match="annulée ou prise"):
        make_session(group, [soup], starts_at=gone.starts_at, booking=gone)
    assert CookingSession.objects.count() == 1


# Lock orders: two requests each holding what the other needs would deadlock. ---------------


@pytest.mark.django_db(transaction=True)
def test_booking_a_kitchen_while_a_session_is_planned_there_does_not_deadlock(group, soup, kitchen):
    """Booking holds the kitchen, then writes a row pointing at the group; planning a
    session must not hold the group while it writes a row pointing at the kitchen."""
    later = local_moment(3)

    result, outcome = interleaved(
        lambda: lock_row(kitchen),  # as book_kitchen does first
        lambda: make_session(group, [soup], starts_at=later, kitchen=kitchen),
        lambda: _booked(kitchen, group, days=4),
    )

    assert isinstance(result, KitchenBooking), result
    assert isinstance(outcome[0], CookingSession), outcome


@pytest.mark.django_db(transaction=True)
def test_cancelling_a_booking_while_its_session_is_settled_does_not_deadlock(group, soup, kitchen):
    """Settling holds the session, then the group; cancelling the booking must not hold
    the group while it lets go of the session."""
    booking = _booked(kitchen, group)
    session = make_session(group, [soup], starts_at=booking.starts_at, booking=booking)

    result, outcome = interleaved(
        lambda: lock_row(CookingSession.objects.get(pk=session.pk)),  # as settle does first
        lambda: cancel_booking(KitchenBooking.objects.get(pk=booking.pk), by=None),
        lambda: refresh_transfers(group),  # settle's next lock: the group
    )

    assert isinstance(result, list), result
    assert outcome == [None], outcome
    assert CookingSession.objects.get(pk=session.pk).booking is None
