"""Many people pressing the same button at the same moment: real threads, each with its
own database connection, in committed data, on SQLite and on PostgreSQL (as in
tests/groups/test_bookings.py). The last portions of a dish go to as many people as fit,
and a session's money is written in the ledger once."""

import time

import pytest
from django.db import transaction
from django.db.models import Sum

from groups.models import Membership
from groups.services import add_member
from portions import ledger
from portions.models import CookingSession, LedgerEntry, Order, Receipt, Transfer
from portions.services import (
    AlreadySettled,
    DishFull,
    Preview,
    SessionError,
    add_receipt,
    change_status,
    place_order,
    preview,
    settle,
)
from tests.factories import make_person, make_session
from tests.races import at_once, in_a_thread, while_uncommitted

S = CookingSession.Status
ORDERING = 50  # people ordering at once
POT = 20  # portions in the pot
SETTLING = 10  # referents pressing "Settle" at once


@pytest.mark.django_db(transaction=True)
def test_of_many_people_ordering_the_last_portions_at_once_only_as_many_as_fit_get_one(group, soup):
    session = make_session(group, [soup], max_portions=POT)
    change_status(session, S.OPEN, by=None)
    dish = session.dishes.get()
    cooks = [
        add_member(group, make_person(f"cook{i}@example.org", f"Cook {i}")) for i in range(ORDERING)
    ]
    # Each thread has its own copy of the session, as each request would.
    sessions = [CookingSession.objects.get(pk=session.pk) for _ in range(ORDERING)]

    started = time.monotonic()
    outcomes = at_once(
        ORDERING, lambda i: place_order(sessions[i], cooks[i], {dish.pk: 1}, by=None)
    )
    elapsed = time.monotonic() - started

    served = [o for o in outcomes if isinstance(o, list)]
    full = [o for o in outcomes if isinstance(o, DishFull)]
    assert (len(served), len(full)) == (POT, ORDERING - POT), outcomes
    assert {f.left for f in full} == {0}
    assert Order.objects.filter(dish=dish).aggregate(total=Sum("ordered"))["total"] == POT
    assert Order.objects.filter(dish=dish).count() == POT
    assert {order.membership_id for [order] in served} == set(
        Order.objects.values_list("membership", flat=True)
    )
    assert elapsed < 15, f"{ORDERING} orders took {elapsed:.1f} s"


@pytest.mark.django_db(transaction=True)
def test_of_many_referents_settling_a_session_at_once_one_writes_the_ledger(cooked_soup, referent):
    sessions = [CookingSession.objects.get(pk=cooked_soup.pk) for _ in range(SETTLING)]

    started = time.monotonic()
    outcomes = at_once(SETTLING, lambda i: settle(sessions[i], by=referent))
    elapsed = time.monotonic() - started

    settled = [o for o in outcomes if isinstance(o, Preview)]
    refused = [o for o in outcomes if isinstance(o, AlreadySettled)]
    assert (len(settled), len(refused)) == (1, SETTLING - 1), outcomes
    # Once: two receipts and four charges, summing to 0.
    assert LedgerEntry.objects.count() == 6
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.RECEIPT).count() == 2
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.CHARGE).count() == 4
    assert LedgerEntry.objects.aggregate(total=Sum("amount_cents"))["total"] == 0
    balances = ledger.balances(cooked_soup.group)
    assert balances == {
        membership_id: settled[0].balances.get(membership_id, 0) for membership_id in balances
    }
    proposed = Transfer.objects.values_list("debtor", "creditor", "amount_cents")
    assert sorted(proposed) == sorted(settled[0].transfers)
    assert CookingSession.objects.get(pk=cooked_soup.pk).status == S.SETTLED
    assert elapsed < 15, f"{SETTLING} settlements took {elapsed:.1f} s"


@pytest.mark.django_db(transaction=True)
def test_a_receipt_entered_while_the_session_is_being_settled_is_refused(cooked_soup, member):
    """One referent settles while another, on the receipts page read a moment before,
    saves one more receipt. Either the receipt is refused, or it is in the ledger: a
    settled session never has a receipt its ledger does not count."""
    payer = Membership.objects.get(group=cooked_soup.group, person=member)
    page = CookingSession.objects.get(pk=cooked_soup.pk)  # the receipts page, read while cooked

    with transaction.atomic():
        settle(cooked_soup, by=None)  # holds the session until it commits
        thread, outcome = in_a_thread(
            lambda: add_receipt(page, payer=payer, amount_cents=500, by=None)
        )
        time.sleep(0.5)
    thread.join(timeout=30)
    assert not thread.is_alive()

    counted = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.RECEIPT).aggregate(
        t=Sum("amount_cents")
    )["t"]
    receipts = Receipt.objects.filter(session=cooked_soup).aggregate(t=Sum("amount_cents"))["t"]
    assert counted == receipts, f"the ledger counts {counted} of {receipts} cents of receipts"
    assert isinstance(outcome[0], SessionError), outcome


@pytest.mark.django_db(transaction=True)
def test_an_order_changed_while_another_referent_cooks_and_settles_is_counted(
    cooked_soup, referent
):
    """Pre-orders are closed; Rosa corrects her own order (the referent may, until
    cooking) while another referent marks the session cooked and settles it. Settling
    must count her order as it ends up: it waits for her, or she is refused."""
    change_status(cooked_soup, S.CLOSED, by=None)
    rosa = Membership.objects.get(group=cooked_soup.group, person=referent)
    dish = cooked_soup.dishes.get()

    def cook_and_settle() -> Preview:
        session = CookingSession.objects.get(pk=cooked_soup.pk)
        change_status(session, S.COOKED, by=None)
        return settle(session, by=None)

    # Rosa's order, not yet committed, while the other referent goes ahead or waits for her.
    outcome = while_uncommitted(
        lambda: place_order(cooked_soup, rosa, {dish.pk: 9}, by=referent, as_referent=True),
        cook_and_settle,
    )

    assert isinstance(outcome[0], Preview), outcome
    charged = {
        membership_id: -cents
        for membership_id, cents in LedgerEntry.objects.filter(
            kind=LedgerEntry.Kind.CHARGE
        ).values_list("membership", "amount_cents")
    }
    now = {
        pk: cents
        for pk, cents in preview(CookingSession.objects.get(pk=cooked_soup.pk)).charges.items()
    }
    assert charged == {pk: cents for pk, cents in now.items() if cents}, (
        f"Rosa ordered {Order.objects.get(membership=rosa).ordered}; the ledger charges "
        f"{charged.get(rosa.pk)} cents for {outcome[0].portions.get(rosa.pk)} portions"
    )
