"""The services of a cooking session, through the worked example of the product brief.

"Ça Chauffe" cooks a tajine and a carrot soup, 16 portions each. Amina, Ferhat, Sadika and
Melvin join in that order. Pre-orders: Amina 6 tajine + 4 soup, Ferhat 4 tajine, Sadika
6 tajine + 8 soup, Melvin 4 soup (32 portions). Amina paid 38,40 € of shopping, Sadika
21,15 €: 59,55 € over 32 portions. Amina is charged 18,61 €, Ferhat 7,45 €, Sadika
26,05 €, Melvin 7,44 €; Ferhat, Melvin and Sadika pay Amina back.

The arithmetic itself is tested in test_money.py; here, what the services read, write and
refuse.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone, translation

from accounts.models import User
from groups.models import Membership
from groups.services import add_member, leave_group
from portions import ledger
from portions.models import (
    MOST_ORDERED,
    CookingSession,
    Dish,
    LedgerEntry,
    Order,
    Receipt,
    Transfer,
)
from portions.services import (
    AlreadySettled,
    DishFull,
    SessionError,
    add_receipt,
    change_status,
    confirm,
    create_session,
    mark_paid,
    place_order,
    preview,
    record_taken,
    remove_receipt,
    reopen,
    settle,
)
from tests import factories
from tests.factories import make_person, make_session

S = CookingSession.Status
T = Transfer.Status
K = LedgerEntry.Kind

NAMES = ["Amina", "Ferhat", "Sadika", "Melvin"]
PRE_ORDERS = {  # name: {dish: portions}
    "Amina": {"tajine": 6, "soup": 4},
    "Ferhat": {"tajine": 4},
    "Sadika": {"tajine": 6, "soup": 8},
    "Melvin": {"soup": 4},
}
CHARGES = {"Amina": 1861, "Ferhat": 745, "Sadika": 2605, "Melvin": 744}
BALANCES = {"Amina": 1979, "Ferhat": -745, "Sadika": -490, "Melvin": -744}
TRANSFERS = [("Ferhat", "Amina", 745), ("Melvin", "Amina", 744), ("Sadika", "Amina", 490)]


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


# The group, its people, the session ------------------------------------------------------


class Cooks:
    """The people of the worked example, by first name: `people["Sadika"]` (a User),
    `m["Sadika"]` (her membership), and `named()` to read results keyed by membership id."""

    def __init__(self, group, people: dict[str, User]):
        self.group = group
        self.people = people
        self.m = {
            name: Membership.objects.get(group=group, person=person)
            for name, person in people.items()
        }
        self._names = {membership.pk: name for name, membership in self.m.items()}

    def name(self, membership_id: int) -> str:
        return self._names[membership_id]

    def named(self, by_membership: dict[int, int]) -> dict[str, int]:
        """{membership id: x} as {first name: x}, in the same order."""
        return {self._names[pk]: value for pk, value in by_membership.items()}

    def transfers(self, rows) -> list[tuple[str, str, int]]:
        return [(self._names[d], self._names[c], cents) for d, c, cents in rows]

    def proposed(self) -> list[tuple[str, str, int]]:
        rows = Transfer.objects.filter(group=self.group, status=T.PROPOSED)
        return self.transfers(rows.values_list("debtor", "creditor", "amount_cents"))

    def transfer(self, debtor: str, creditor: str) -> Transfer:
        return Transfer.objects.get(
            group=self.group, debtor=self.m[debtor], creditor=self.m[creditor]
        )

    def balances(self) -> dict[str, int]:
        """The group's balances from the ledger, leaving out those back at 0."""
        return {k: v for k, v in self.named(ledger.balances(self.group)).items() if v}


@pytest.fixture
def cooks(group, member, referent) -> Cooks:
    """Rosa the referent, then Amina (the `member` fixture), then the three others."""
    people = {"Rosa": referent, "Amina": member}
    for email, name in [
        ("ferhat@example.org", "Ferhat Yılmaz"),
        ("sadika@example.org", "Sadika Diallo"),
        ("melvin@example.org", "Melvin Mukendi"),
    ]:
        person = make_person(email, name)
        add_member(group, person)
        people[name.split()[0]] = person
    return Cooks(group, people)


def dishes_of(session: CookingSession) -> dict[str, Dish]:
    tajine, soup = session.dishes.all()
    return {"tajine": tajine, "soup": soup}


@pytest.fixture
def session(group, referent, kept_recipe, soup) -> CookingSession:
    """A draft session of Ça Chauffe: the tajine, then the soup."""
    return make_session(group, [kept_recipe, soup], by=referent, note="Apportez vos boîtes")


def pre_order(session: CookingSession, cooks: Cooks, orders=PRE_ORDERS) -> None:
    dishes = dishes_of(session)
    for name, wanted in orders.items():
        place_order(
            session,
            cooks.m[name],
            {dishes[dish].pk: portions for dish, portions in wanted.items()},
            by=cooks.people[name],
        )


def cook(session: CookingSession, cooks: Cooks, orders=PRE_ORDERS, receipts=None) -> CookingSession:
    """draft → open → pre-orders (each by the member) → closed → cooked, then the
    receipts; Rosa does the rest."""
    return factories.cook(
        session,
        {
            cooks.m[name]: [wanted.get("tajine", 0), wanted.get("soup", 0)]
            for name, wanted in orders.items()
        },
        by=cooks.people["Rosa"],
        members_order=True,
        receipts={
            cooks.m[name]: cents
            for name, cents in (receipts or {"Amina": 3840, "Sadika": 2115}).items()
        },
        shop="Marché",
    )


@pytest.fixture
def cooked(session, cooks) -> CookingSession:
    """The worked example, cooked, its two receipts entered: ready to settle."""
    return cook(session, cooks)


@pytest.fixture
def settled(cooked, cooks) -> CookingSession:
    settle(cooked, by=cooks.people["Rosa"])
    cooked.refresh_from_db()
    return cooked


def ledger_sum(**filters) -> int:
    return LedgerEntry.objects.filter(**filters).aggregate(total=Sum("amount_cents"))["total"] or 0


# The worked example ----------------------------------------------------------------------


def test_the_people_join_in_the_order_of_the_worked_example(cooks, member):
    assert member.display_name == "Amina Benali"
    ids = [cooks.m[name].pk for name in ["Rosa", *NAMES]]
    assert ids == sorted(ids)
    assert {membership.group for membership in cooks.m.values()} == {cooks.group}


def test_a_new_session_is_a_draft_with_its_menu(session, referent, group):
    dishes = dishes_of(session)

    assert (session.group, session.status, session.created_by) == (group, S.DRAFT, referent)
    assert session.note == "Apportez vos boîtes"
    assert [d.recipe.title for d in dishes.values()] == ["Tajine de Rosa", "Soupe de carottes"]
    assert [(d.position, d.batch_portions, d.max_portions) for d in dishes.values()] == [
        (0, 16, None),
        (1, 16, None),
    ]


def test_the_status_follows_the_buttons_one_step_at_a_time(session, referent):
    for refused in [S.CLOSED, S.COOKED, S.SETTLED, "nonsense"]:
        with pytest.raises(SessionError):
            change_status(session, refused, by=referent)
    for status in [S.OPEN, S.CLOSED, S.COOKED, S.CLOSED, S.OPEN, S.DRAFT, S.OPEN]:
        change_status(session, status, by=referent)
        assert CookingSession.objects.get(pk=session.pk).status == status
    for refused in [S.COOKED, S.SETTLED]:
        with pytest.raises(SessionError):
            change_status(session, refused, by=referent)


def test_the_pre_orders_are_saved_as_asked(session, cooks):
    change_status(session, S.OPEN, by=cooks.people["Rosa"])
    pre_order(session, cooks)

    dishes = dishes_of(session)
    saved = {
        (order.membership_id, order.dish_id): (order.ordered, order.taken, order.updated_by)
        for order in Order.objects.all()
    }
    assert saved == {
        (cooks.m[name].pk, dishes[dish].pk): (portions, None, cooks.people[name])
        for name, wanted in PRE_ORDERS.items()
        for dish, portions in wanted.items()
    }
    assert Order.objects.aggregate(total=Sum("ordered"))["total"] == 32


def test_a_member_changes_their_pre_order_and_zero_is_kept_as_zero(session, cooks):
    change_status(session, S.OPEN, by=cooks.people["Rosa"])
    pre_order(session, cooks)
    dishes = dishes_of(session)

    place_order(session, cooks.m["Amina"], {dishes["tajine"].pk: 2, dishes["soup"].pk: 0}, by=None)

    mine = Order.objects.filter(membership=cooks.m["Amina"])
    assert dict(mine.values_list("dish__position", "ordered")) == {0: 2, 1: 0}
    assert Order.objects.count() == 6


def test_the_preview_of_the_worked_example_has_the_exact_figures_and_writes_nothing(cooked, cooks):
    result = preview(cooked)

    assert result.ready and result.problem == ""
    assert result.total_cents == 5955
    assert cooks.named(result.portions) == {"Amina": 10, "Ferhat": 4, "Sadika": 14, "Melvin": 4}
    assert cooks.named(result.paid) == {"Amina": 3840, "Sadika": 2115}
    assert cooks.named(result.charges) == CHARGES
    assert list(cooks.named(result.charges)) == NAMES  # membership order
    assert sum(result.charges.values()) == 5955
    assert cooks.named(result.balances) == BALANCES
    assert cooks.transfers(result.transfers) == TRANSFERS
    assert not LedgerEntry.objects.exists()
    assert not Transfer.objects.exists()
    assert CookingSession.objects.get(pk=cooked.pk).status == S.COOKED


def test_settling_writes_the_session_in_the_ledger(cooked, cooks, group):
    rosa = cooks.people["Rosa"]

    result = settle(cooked, by=rosa)

    cooked.refresh_from_db()
    assert cooked.status == S.SETTLED and cooked.settled_at is not None
    assert cooks.named(result.charges) == CHARGES
    entries = {
        (cooks.name(e.membership_id), e.kind): e.amount_cents for e in LedgerEntry.objects.all()
    }
    assert entries == {
        ("Amina", K.RECEIPT): 3840,
        ("Sadika", K.RECEIPT): 2115,
        ("Amina", K.CHARGE): -1861,
        ("Ferhat", K.CHARGE): -745,
        ("Sadika", K.CHARGE): -2605,
        ("Melvin", K.CHARGE): -744,
    }
    assert LedgerEntry.objects.count() == 6
    assert set(LedgerEntry.objects.values_list("session", "group", "created_by", "transfer")) == {
        (cooked.pk, group.pk, rosa.pk, None)
    }
    assert ledger_sum(session=cooked) == 0
    assert ledger_sum(group=group) == 0
    assert cooks.balances() == BALANCES
    assert cooks.proposed() == TRANSFERS
    assert set(Transfer.objects.values_list("group", "status", "method")) == {
        (group.pk, T.PROPOSED, "")
    }


def test_a_session_is_settled_once(settled, cooks):
    with pytest.raises(AlreadySettled) as refused:
        settle(settled, by=cooks.people["Rosa"])

    assert refused.value.message
    assert LedgerEntry.objects.count() == 6
    assert cooks.proposed() == TRANSFERS


def test_ledger_entries_are_never_changed_or_deleted(settled):
    entry = LedgerEntry.objects.filter(kind=K.CHARGE).first()
    entry.amount_cents = 0

    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()

    with pytest.raises(ValidationError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount_cents=0)
    with pytest.raises(ValidationError):
        LedgerEntry.objects.filter(group=entry.group).delete()

    assert LedgerEntry.objects.get(pk=entry.pk).amount_cents != 0
    assert LedgerEntry.objects.count() == 6


# Paying each other back ------------------------------------------------------------------


def test_the_debtor_says_they_paid_then_the_creditor_confirms(settled, cooks):
    ferhat, amina = cooks.people["Ferhat"], cooks.people["Amina"]
    transfer = cooks.transfer("Ferhat", "Amina")

    mark_paid(transfer, by=ferhat, method=Transfer.Method.CASH)

    transfer.refresh_from_db()
    assert (transfer.status, transfer.method) == (T.PAID, "cash")
    assert transfer.paid_at is not None and transfer.confirmed_at is None
    assert not LedgerEntry.objects.filter(kind=K.PAYMENT).exists()
    assert cooks.balances() == BALANCES  # not in the ledger until Amina confirms

    confirm(transfer, by=amina)

    transfer.refresh_from_db()
    assert transfer.status == T.CONFIRMED and transfer.confirmed_at is not None
    payments = LedgerEntry.objects.filter(kind=K.PAYMENT, transfer=transfer)
    assert cooks.named(dict(payments.values_list("membership", "amount_cents"))) == {
        "Ferhat": 745,
        "Amina": -745,
    }
    assert set(payments.values_list("created_by", "session")) == {(amina.pk, None)}
    assert ledger_sum() == 0
    assert cooks.balances() == {"Amina": 1234, "Sadika": -490, "Melvin": -744}
    assert cooks.proposed() == [("Melvin", "Amina", 744), ("Sadika", "Amina", 490)]


def test_the_creditor_saying_they_received_it_confirms_at_once(settled, cooks):
    transfer = cooks.transfer("Melvin", "Amina")

    mark_paid(transfer, by=cooks.people["Amina"], method=Transfer.Method.BANK)

    transfer.refresh_from_db()
    assert (transfer.status, transfer.method) == (T.CONFIRMED, "bank")
    assert LedgerEntry.objects.filter(kind=K.PAYMENT, transfer=transfer).count() == 2
    assert cooks.balances() == {"Amina": 1235, "Ferhat": -745, "Sadika": -490}
    assert cooks.proposed() == [("Ferhat", "Amina", 745), ("Sadika", "Amina", 490)]


def test_a_transfer_waiting_for_confirmation_is_not_proposed_again(settled, cooks):
    mark_paid(cooks.transfer("Ferhat", "Amina"), by=cooks.people["Ferhat"], method="cash")
    # Amina confirms Melvin's at once, which proposes the transfers again.
    mark_paid(cooks.transfer("Melvin", "Amina"), by=cooks.people["Amina"], method="cash")

    assert cooks.proposed() == [("Sadika", "Amina", 490)]
    assert cooks.transfer("Ferhat", "Amina").status == T.PAID
    assert cooks.balances() == {"Amina": 1235, "Ferhat": -745, "Sadika": -490}


def test_the_referent_marking_a_transfer_paid_leaves_it_to_the_creditor(settled, cooks):
    transfer = cooks.transfer("Sadika", "Amina")

    mark_paid(transfer, by=cooks.people["Rosa"], method="cash")

    assert Transfer.objects.get(pk=transfer.pk).status == T.PAID
    assert not LedgerEntry.objects.filter(kind=K.PAYMENT).exists()


def test_a_transfer_is_marked_paid_and_confirmed_once(settled, cooks):
    ferhat, amina = cooks.people["Ferhat"], cooks.people["Amina"]
    transfer = cooks.transfer("Ferhat", "Amina")

    with pytest.raises(SessionError):
        confirm(transfer, by=amina)  # not marked paid yet
    mark_paid(transfer, by=ferhat, method="cash")
    with pytest.raises(SessionError):
        mark_paid(transfer, by=ferhat, method="bank")
    confirm(transfer, by=amina)
    with pytest.raises(SessionError):
        confirm(transfer, by=amina)
    with pytest.raises(SessionError):
        mark_paid(transfer, by=amina, method="cash")

    assert LedgerEntry.objects.filter(kind=K.PAYMENT).count() == 2
    assert Transfer.objects.get(pk=transfer.pk).method == "cash"


def test_once_everyone_paid_nobody_owes_anything(settled, cooks):
    for debtor, creditor, _cents in TRANSFERS:
        mark_paid(cooks.transfer(debtor, creditor), by=cooks.people[creditor], method="cash")

    assert cooks.balances() == {}
    assert cooks.proposed() == []
    assert Transfer.objects.filter(status=T.CONFIRMED).count() == 3
    assert ledger_sum() == 0


# Reopening -------------------------------------------------------------------------------


def test_reopening_reverses_every_entry_and_settling_again_writes_them_again(settled, cooks):
    rosa = cooks.people["Rosa"]
    settled_entries = list(LedgerEntry.objects.all())

    reopen(settled, by=rosa)

    settled.refresh_from_db()
    assert (settled.status, settled.settled_at) == (S.COOKED, None)
    assert LedgerEntry.objects.count() == 2 * len(settled_entries) == 12
    reversals = LedgerEntry.objects.filter(kind=K.REVERSAL)
    assert {(r.reverses_id, r.amount_cents, r.membership_id) for r in reversals} == {
        (e.pk, -e.amount_cents, e.membership_id) for e in settled_entries
    }
    assert set(reversals.values_list("session", flat=True)) == {settled.pk}
    assert ledger_sum(session=settled) == 0
    assert ledger_sum() == 0
    assert cooks.balances() == {}  # as before settling
    assert cooks.proposed() == []

    result = settle(settled, by=rosa)

    assert cooks.named(result.charges) == CHARGES
    assert LedgerEntry.objects.count() == 18
    assert ledger_sum() == 0
    assert cooks.balances() == BALANCES
    assert cooks.proposed() == TRANSFERS


def test_a_reopened_session_is_corrected_then_settled_with_the_new_figures(settled, cooks):
    rosa = cooks.people["Rosa"]
    reopen(settled, by=rosa)
    soup = dishes_of(settled)["soup"]

    record_taken(settled, {(soup.pk, cooks.m["Melvin"].pk): 2}, by=rosa)  # not 4
    settle(settled, by=rosa)

    # 59,55 € over 30 portions: 1,985 € a portion, no odd cent.
    standing = LedgerEntry.objects.filter(kind=K.CHARGE, reversed_by__isnull=True)
    assert cooks.named(dict(standing.values_list("membership", "amount_cents"))) == {
        "Amina": -1985,
        "Ferhat": -794,
        "Sadika": -2779,
        "Melvin": -397,
    }
    assert cooks.balances() == {"Amina": 1855, "Ferhat": -794, "Sadika": -664, "Melvin": -397}
    assert cooks.proposed() == [
        ("Ferhat", "Amina", 794),
        ("Sadika", "Amina", 664),
        ("Melvin", "Amina", 397),
    ]
    assert ledger_sum() == 0


def test_reopening_after_a_payment_proposes_to_give_it_back(settled, cooks):
    mark_paid(cooks.transfer("Ferhat", "Amina"), by=cooks.people["Amina"], method="cash")

    reopen(settled, by=cooks.people["Rosa"])

    assert cooks.balances() == {"Ferhat": 745, "Amina": -745}
    assert cooks.proposed() == [("Amina", "Ferhat", 745)]
    assert ledger_sum() == 0


def test_only_a_settled_session_is_reopened(cooked, cooks):
    with pytest.raises(SessionError):
        reopen(cooked, by=cooks.people["Rosa"])

    assert not LedgerEntry.objects.exists()


def test_reopening_twice_reverses_once(settled, cooks):
    rosa = cooks.people["Rosa"]
    reopen(settled, by=rosa)

    with pytest.raises(SessionError):
        reopen(settled, by=rosa)

    assert LedgerEntry.objects.count() == 12


# Pre-orders: who may order when, and how much ----------------------------------------------


@pytest.fixture
def opened(session, cooks) -> CookingSession:
    change_status(session, S.OPEN, by=cooks.people["Rosa"])
    return session


def order_soup(session, cooks, name="Melvin", portions=2, **kwargs):
    soup = dishes_of(session)["soup"]
    return place_order(session, cooks.m[name], {soup.pk: portions}, by=None, **kwargs)


def soup_ordered(cooks, name="Melvin") -> int | None:
    order = Order.objects.filter(membership=cooks.m[name]).first()
    return order and order.ordered


def test_members_cannot_order_after_the_deadline_but_the_referent_can(opened, cooks):
    CookingSession.objects.filter(pk=opened.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(SessionError) as refused:
        order_soup(opened, cooks)
    assert refused.value.message == "Pre-orders are closed for this session."
    assert soup_ordered(cooks) is None

    order_soup(opened, cooks, as_referent=True)
    assert soup_ordered(cooks) == 2


def test_members_cannot_order_once_closed_but_the_referent_can(opened, cooks):
    change_status(opened, S.CLOSED, by=cooks.people["Rosa"])

    with pytest.raises(SessionError):
        order_soup(opened, cooks)
    order_soup(opened, cooks, portions=3, as_referent=True)

    assert soup_ordered(cooks) == 3


@pytest.mark.parametrize("status", [S.DRAFT, S.COOKED, S.SETTLED])
def test_nobody_orders_before_the_session_opens_or_after_cooking(session, cooks, status):
    CookingSession.objects.filter(pk=session.pk).update(status=status)

    with pytest.raises(SessionError):
        order_soup(session, cooks)
    with pytest.raises(SessionError):
        order_soup(session, cooks, as_referent=True)

    assert not Order.objects.exists()


def test_the_status_is_read_again_when_ordering(opened, cooks):
    stale = CookingSession.objects.get(pk=opened.pk)  # read while open
    change_status(opened, S.CLOSED, by=cooks.people["Rosa"])

    with pytest.raises(SessionError):
        order_soup(stale, cooks)

    assert not Order.objects.exists()


@pytest.mark.parametrize("portions", [-1, MOST_ORDERED + 1, 1000])
def test_portions_outside_0_to_99_are_refused(opened, cooks, portions):
    with pytest.raises(SessionError) as refused:
        order_soup(opened, cooks, portions=portions)

    assert "99" in refused.value.message
    assert not Order.objects.exists()


@pytest.mark.parametrize("portions", [0, MOST_ORDERED])
def test_0_and_99_portions_are_fine(opened, cooks, portions):
    order_soup(opened, cooks, portions=portions)

    assert soup_ordered(cooks) == portions


def test_a_dish_of_another_session_is_refused(opened, cooks, group, kept_recipe):
    other = make_session(group, [kept_recipe], by=None)
    change_status(other, S.OPEN, by=None)
    foreign = other.dishes.get()

    with pytest.raises(SessionError) as refused:
        place_order(opened, cooks.m["Amina"], {foreign.pk: 2}, by=None)

    assert refused.value.message == "This dish is not on the menu."
    assert not Order.objects.exists()


def test_a_membership_of_another_group_is_refused(opened, cooks, other_group, outsider):
    stranger = Membership.objects.get(group=other_group, person=outsider)

    with pytest.raises(SessionError) as refused:
        place_order(opened, stranger, {dishes_of(opened)["soup"].pk: 2}, by=outsider)

    assert refused.value.message == "This person is not in the group."
    assert not Order.objects.exists()


def test_someone_who_left_the_group_cannot_order(opened, cooks):
    leave_group(cooks.m["Melvin"])

    with pytest.raises(SessionError):
        order_soup(opened, cooks, as_referent=True)

    assert not Order.objects.exists()


def test_a_dish_is_never_ordered_beyond_its_maximum(group, cooks, kept_recipe, soup):
    session = make_session(group, [kept_recipe, soup], by=None, max_portions=10)
    change_status(session, S.OPEN, by=None)
    dishes = dishes_of(session)
    place_order(session, cooks.m["Amina"], {dishes["soup"].pk: 6}, by=None)

    with pytest.raises(DishFull) as full:
        order_soup(session, cooks, name="Ferhat", portions=5)
    assert (full.value.dish, full.value.left) == (dishes["soup"], 4)
    assert full.value.message == "Only 4 portions of Soupe de carottes are left."

    order_soup(session, cooks, name="Ferhat", portions=4)
    order_soup(session, cooks, name="Amina", portions=6)  # her own 6 do not count twice
    with pytest.raises(DishFull) as full:
        order_soup(session, cooks, name="Melvin", portions=1)
    assert full.value.left == 0
    assert full.value.message == "Soupe de carottes is full: no portion left."
    # All or nothing: the tajine is not ordered either.
    with pytest.raises(DishFull):
        place_order(
            session, cooks.m["Sadika"], {dishes["tajine"].pk: 2, dishes["soup"].pk: 1}, by=None
        )
    assert not Order.objects.filter(membership=cooks.m["Sadika"]).exists()
    assert Order.objects.filter(dish=dishes["soup"]).aggregate(t=Sum("ordered"))["t"] == 10


# Receipts, portions taken and settling: what is refused ----------------------------------


@pytest.mark.parametrize("status", [S.DRAFT, S.OPEN, S.CLOSED])
def test_a_session_is_settled_only_once_cooked(cooked, cooks, status):
    CookingSession.objects.filter(pk=cooked.pk).update(status=status)

    with pytest.raises(SessionError) as refused:
        settle(cooked, by=cooks.people["Rosa"])

    assert not isinstance(refused.value, AlreadySettled)
    assert refused.value.message == "Mark the session as cooked first."
    assert not LedgerEntry.objects.exists() and not Transfer.objects.exists()


def test_a_session_without_receipts_is_not_settled(cooked, cooks):
    for receipt in Receipt.objects.all():
        remove_receipt(receipt)
    problem = preview(cooked).problem

    with pytest.raises(SessionError) as refused:
        settle(cooked, by=cooks.people["Rosa"])

    assert problem and refused.value.message == problem
    assert not preview(cooked).ready
    assert not LedgerEntry.objects.exists()
    assert CookingSession.objects.get(pk=cooked.pk).status == S.COOKED


def test_a_session_where_nobody_took_a_portion_is_not_settled(cooked, cooks):
    record_taken(cooked, {(o.dish_id, o.membership_id): 0 for o in Order.objects.all()}, by=None)
    result = preview(cooked)

    with pytest.raises(SessionError) as refused:
        settle(cooked, by=cooks.people["Rosa"])

    assert result.problem and refused.value.message == result.problem
    assert not LedgerEntry.objects.exists()


def test_receipts_and_portions_of_a_settled_session_cannot_change(settled, cooks):
    receipt = Receipt.objects.first()
    soup = dishes_of(settled)["soup"]

    with pytest.raises(SessionError):
        add_receipt(settled, payer=cooks.m["Ferhat"], amount_cents=100, by=None)
    with pytest.raises(SessionError):
        remove_receipt(receipt)
    with pytest.raises(SessionError):
        record_taken(settled, {(soup.pk, cooks.m["Melvin"].pk): 1}, by=None)

    assert Receipt.objects.count() == 2
    assert Order.objects.get(dish=soup, membership=cooks.m["Melvin"]).taken is None


def test_a_receipt_needs_a_payer_of_the_group_and_an_amount(cooked, cooks, other_group):
    stranger = other_group.memberships.first()

    with pytest.raises(SessionError):
        add_receipt(cooked, payer=stranger, amount_cents=100, by=None)
    with pytest.raises(SessionError):
        add_receipt(cooked, payer=cooks.m["Ferhat"], amount_cents=0, by=None)

    assert Receipt.objects.count() == 2


def test_a_receipt_for_a_dish_of_another_session_or_by_someone_who_left_is_refused(
    cooked, cooks, group, kept_recipe
):
    foreign = make_session(group, [kept_recipe], by=None).dishes.get()
    leave_group(cooks.m["Melvin"])

    with pytest.raises(SessionError):
        add_receipt(cooked, payer=cooks.m["Ferhat"], amount_cents=100, dish=foreign, by=None)
    with pytest.raises(SessionError):
        add_receipt(cooked, payer=cooks.m["Melvin"], amount_cents=100, by=None)

    assert Receipt.objects.count() == 2


def test_portions_taken_are_recorded_once_the_pre_orders_are_closed(opened, cooks):
    soup = dishes_of(opened)["soup"]

    with pytest.raises(SessionError):
        record_taken(opened, {(soup.pk, cooks.m["Melvin"].pk): 1}, by=None)

    assert not Order.objects.exists()


def test_portions_taken_of_another_session_or_group_are_refused(
    cooked, cooks, group, kept_recipe, other_group, outsider
):
    foreign = make_session(group, [kept_recipe], by=None).dishes.get()
    stranger = Membership.objects.get(group=other_group, person=outsider)
    soup = dishes_of(cooked)["soup"]

    for taken in [{(foreign.pk, cooks.m["Melvin"].pk): 1}, {(soup.pk, stranger.pk): 1}]:
        with pytest.raises(SessionError):
            record_taken(cooked, taken, by=None)
    with pytest.raises(SessionError):
        record_taken(cooked, {}, by=None, not_charged={foreign.pk: (1, 1)})

    assert Order.objects.count() == 6
    assert not Order.objects.filter(taken__isnull=False).exists()
    foreign.refresh_from_db()
    assert (foreign.left_for_group, foreign.given_away) == (0, 0)


def test_a_session_needs_a_deadline_before_it_and_a_dish(group, soup):
    now = timezone.now()

    with pytest.raises(SessionError):
        create_session(
            group, starts_at=now, deadline=now + timedelta(hours=1), recipes=[(soup, None)], by=None
        )
    with pytest.raises(SessionError):
        create_session(group, starts_at=now, deadline=now, recipes=[], by=None)

    assert not CookingSession.objects.exists()


def test_the_portions_taken_replace_the_pre_order_and_may_add_someone(cooked, cooks):
    dishes = dishes_of(cooked)
    tajine, soup = dishes["tajine"], dishes["soup"]

    record_taken(
        cooked,
        {(soup.pk, cooks.m["Melvin"].pk): 3, (tajine.pk, cooks.m["Rosa"].pk): 2},
        by=cooks.people["Rosa"],
        not_charged={soup.pk: (2, 1)},
    )

    assert cooks.named(preview(cooked).portions) == {
        "Rosa": 2,
        "Amina": 10,
        "Ferhat": 4,
        "Sadika": 14,
        "Melvin": 3,
    }
    rosa = Order.objects.get(membership=cooks.m["Rosa"])
    assert (rosa.ordered, rosa.taken, rosa.portions_taken) == (0, 2, 2)
    soup.refresh_from_db()
    assert (soup.left_for_group, soup.given_away) == (2, 1)
    with pytest.raises(SessionError):
        record_taken(cooked, {(soup.pk, cooks.m["Melvin"].pk): 100}, by=None)


# Options of the group --------------------------------------------------------------------


@pytest.fixture
def priced_by_dish(group):
    group.pricing = "dish"
    group.save(update_fields=["pricing"])
    return group


def test_priced_by_dish_the_charges_add_up_to_the_receipts(priced_by_dish, session, cooks):
    cook(session, cooks)

    result = preview(session)

    assert result.ready
    assert sum(result.charges.values()) == 5955
    assert set(cooks.named(result.charges)) == set(NAMES)
    assert cooks.named(result.balances)["Amina"] == 3840 - cooks.named(result.charges)["Amina"]
    settle(session, by=None)
    assert ledger_sum() == 0
    assert sum(cooks.balances().values()) == 0


def test_priced_by_dish_a_receipt_for_one_dish_charges_only_those_who_took_it(
    priced_by_dish, session, cooks
):
    cook(session, cooks, receipts={"Ferhat": 1000})
    Receipt.objects.update(dish=dishes_of(session)["tajine"])

    charges = cooks.named(preview(session).charges)

    # Tajine: Amina 6, Ferhat 4, Sadika 6 of 16 portions; Melvin only took soup.
    assert {name: cents for name, cents in charges.items() if cents} == {
        "Amina": 375,
        "Ferhat": 250,
        "Sadika": 375,
    }
    assert charges.get("Melvin", 0) == 0


def test_priced_by_dish_adding_a_tajine_receipt_leaves_the_soup_eaters_alone(
    priced_by_dish, session, cooks
):
    cook(session, cooks)
    before = cooks.named(preview(session).charges)

    add_receipt(
        session,
        payer=cooks.m["Melvin"],
        amount_cents=1600,
        dish=dishes_of(session)["tajine"],
        by=None,
    )
    after = cooks.named(preview(session).charges)

    # 16 € over 16 tajine portions: 1 € each, no odd cent.
    assert {name: after[name] - before[name] for name in NAMES} == {
        "Amina": 600,
        "Ferhat": 400,
        "Sadika": 600,
        "Melvin": 0,
    }


def test_priced_by_dish_a_receipt_for_a_dish_nobody_took_is_a_problem(
    priced_by_dish, session, cooks
):
    cook(session, cooks, orders={"Ferhat": {"tajine": 4}})
    Receipt.objects.filter(payer=cooks.m["Sadika"]).update(dish=dishes_of(session)["soup"])

    result = preview(session)

    assert not result.ready and result.problem
    with pytest.raises(SessionError):
        settle(session, by=None)


def test_with_a_treasurer_everyone_settles_with_her(group, session, cooks):
    group.settling = "treasurer"
    group.treasurer = cooks.people["Sadika"]
    group.save(update_fields=["settling", "treasurer"])
    cook(session, cooks)

    # The money comes in to Sadika before she passes it on to Amina.
    expected = [("Ferhat", "Sadika", 745), ("Melvin", "Sadika", 744), ("Sadika", "Amina", 1979)]
    assert cooks.transfers(preview(session).transfers) == expected
    settle(session, by=None)

    assert sorted(cooks.proposed()) == sorted(expected)  # listed by amount
    assert all("Sadika" in (debtor, creditor) for debtor, creditor, _ in cooks.proposed())
    assert cooks.balances() == BALANCES


def test_a_treasurer_who_is_not_in_the_group_is_ignored(group, session, cooks, outsider):
    group.settling = "treasurer"
    group.treasurer = outsider
    group.save(update_fields=["settling", "treasurer"])
    cook(session, cooks)

    settle(session, by=None)

    assert cooks.proposed() == TRANSFERS


# Several sessions --------------------------------------------------------------------------


def test_balances_carry_over_from_one_session_to_the_next(settled, cooks, group, kept_recipe, soup):
    second = make_session(group, [kept_recipe, soup], by=None)
    # Ferhat paid 10 €; Amina took 2 tajines, Ferhat 2 soups: 2,50 € a portion.
    cook(
        second,
        cooks,
        orders={"Amina": {"tajine": 2}, "Ferhat": {"soup": 2}},
        receipts={"Ferhat": 1000},
    )

    assert cooks.named(preview(second).balances) == {"Amina": -500, "Ferhat": 500}
    assert cooks.transfers(preview(second).transfers) == [
        ("Melvin", "Amina", 744),
        ("Sadika", "Amina", 490),
        ("Ferhat", "Amina", 245),
    ]
    settle(second, by=None)

    assert cooks.balances() == {"Amina": 1479, "Ferhat": -245, "Sadika": -490, "Melvin": -744}
    assert ledger_sum(session=settled) == ledger_sum(session=second) == ledger_sum() == 0
    assert cooks.proposed() == [
        ("Melvin", "Amina", 744),
        ("Sadika", "Amina", 490),
        ("Ferhat", "Amina", 245),
    ]

    reopen(settled, by=None)  # only the first one is undone

    assert cooks.balances() == {"Amina": -500, "Ferhat": 500}
    assert cooks.proposed() == [("Amina", "Ferhat", 500)]


def test_the_preview_counts_a_transfer_waiting_for_confirmation_like_settling_does(
    settled, cooks, group, kept_recipe, soup
):
    """Ferhat said he paid Amina; she has not confirmed yet. The next session's preview
    must not ask him to pay again: settling it will not (refresh_transfers counts
    transfers marked paid as done), so the page must show what will be proposed."""
    mark_paid(cooks.transfer("Ferhat", "Amina"), by=cooks.people["Ferhat"], method="cash")
    second = make_session(group, [kept_recipe, soup], by=None)
    cook(
        second,
        cooks,
        orders={"Amina": {"tajine": 2}, "Ferhat": {"soup": 2}},
        receipts={"Ferhat": 1000},
    )

    shown = cooks.transfers(preview(second).transfers)
    settle(second, by=None)

    assert cooks.proposed() == [
        ("Melvin", "Amina", 734),
        ("Sadika", "Ferhat", 490),
        ("Melvin", "Ferhat", 10),
    ]
    assert shown == cooks.proposed()
