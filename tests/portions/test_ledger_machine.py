"""The ledger stays true whatever people do, in whatever order: a Hypothesis state machine
over the real services, on a small group (Rosa the referent, Amina, Ferhat, Sadika) and
sessions of two dishes (a tajine of at most 8 portions, a soup without limit).

People create sessions and move them along, pre-order, record what they took, enter and
remove receipts, settle, reopen, mark transfers paid and confirm them. The test keeps its
own plain model of what should be true, and checks after every step that:

- the entries of the ledger sum to 0, in the group and in each session;
- a settled session's standing receipt entries are its receipts, its charges their total;
  a session that is not settled has no standing entry;
- each member's balance in the ledger is the model's;
- paying every transfer proposed or waiting for confirmation brings everyone to 0.

Each example runs in a transaction rolled back at its end (as in test_bookings.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.db.models import Sum
from django.utils import translation
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from groups.models import Group, Membership
from groups.services import add_member
from portions import ledger, money
from portions.models import CookingSession, Dish, LedgerEntry, Order, Receipt, Transfer
from portions.services import (
    AlreadySettled,
    DishFull,
    SessionError,
    add_receipt,
    change_status,
    confirm,
    mark_paid,
    place_order,
    record_taken,
    remove_receipt,
    reopen,
    settle,
)
from tests.factories import make_person, make_session

S = CookingSession.Status
T = Transfer.Status
TAJINE_POT = 8
MOST_SESSIONS = 4
# The moves a referent may make by hand (the spec the model's next_states must follow).
ALLOWED = {
    S.DRAFT: {S.OPEN},
    S.OPEN: {S.CLOSED, S.DRAFT},
    S.CLOSED: {S.OPEN, S.COOKED},
    S.COOKED: {S.CLOSED},
}
FORWARD = {S.DRAFT: S.OPEN, S.OPEN: S.CLOSED, S.CLOSED: S.COOKED}

members = st.integers(0, 3)  # Rosa, Amina, Ferhat, Sadika
dishes = st.integers(0, 1)  # the tajine, the soup
sessions = st.integers(0, MOST_SESSIONS - 1)  # modulo the sessions made so far
portions = st.one_of(st.integers(0, 6), st.sampled_from([-1, 100]))


@dataclass
class Model:
    """What the test expects of one session."""

    pk: int
    dishes: list[int]  # dish ids: the tajine, the soup
    status: str = S.DRAFT
    ordered: dict[tuple[int, int], int] = field(default_factory=dict)  # (dish, member)
    taken: dict[tuple[int, int], int] = field(default_factory=dict)
    receipts: dict[int, tuple[int, int]] = field(default_factory=dict)  # pk: (member, cents)
    settled_with: dict[int, int] | None = None  # member: cents added to their balance

    def portions_taken(self) -> dict[int, int]:
        taken = defaultdict(int)
        for key in self.ordered.keys() | self.taken.keys():
            _dish, who = key
            taken[who] += self.taken.get(key, self.ordered.get(key, 0))
        return dict(taken)

    def paid(self) -> dict[int, int]:
        paid = defaultdict(int)
        for who, cents in self.receipts.values():
            paid[who] += cents
        return dict(paid)


class LedgerMachine(RuleBasedStateMachine):
    # Set by the test: the group (pk), its memberships and their people, in membership
    # order, and the two recipes.
    group_pk: int
    membership_pks: list[int]
    recipes: list

    def __init__(self):
        super().__init__()
        self._example = transaction.atomic()
        self._example.__enter__()
        self.group = Group.objects.get(pk=self.group_pk)
        self.memberships = [
            Membership.objects.select_related("person").get(pk=pk) for pk in self.membership_pks
        ]
        self.people = [membership.person for membership in self.memberships]
        self.models: list[Model] = []
        self.balances: dict[int, int] = defaultdict(int)  # member index: cents
        # Transfers marked paid, waiting for confirmation: {pk: (debtor, creditor, cents)}
        self.waiting: dict[int, tuple[int, int, int]] = {}

    def teardown(self):
        transaction.set_rollback(True)
        self._example.__exit__(None, None, None)

    # Helpers

    def model(self, i: int) -> Model:
        return self.models[i % len(self.models)]

    def session(self, model: Model) -> CookingSession:
        """Read afresh, as each request would."""
        return CookingSession.objects.get(pk=model.pk)

    def index(self, membership_id: int) -> int:
        return self.membership_pks.index(membership_id)

    def owed_after_waiting(self) -> dict[int, int]:
        """The balances once the transfers marked paid are confirmed."""
        owed = defaultdict(int, self.balances)
        for debtor, creditor, cents in self.waiting.values():
            owed[debtor] += cents
            owed[creditor] -= cents
        return owed

    @initialize(
        treasurer=st.booleans(),
        cooked=st.lists(
            st.tuples(
                st.lists(st.tuples(members, dishes, st.integers(0, 4)), min_size=1, max_size=6),
                st.lists(st.tuples(members, st.integers(1, 6000)), min_size=1, max_size=3),
            ),
            min_size=2,
            max_size=2,
        ),
    )
    def start_with_an_open_session_and_two_cooked_ones(self, treasurer, cooked):
        """Through the rules themselves, so the model follows."""
        if treasurer:  # Sadika
            self.group.settling = "treasurer"
            self.group.treasurer = self.people[3]
            self.group.save(update_fields=["settling", "treasurer"])
        self.create_a_session()
        self.move_a_session(0, S.OPEN)
        for i, (orders, receipts) in enumerate(cooked, start=1):
            self.create_a_session()
            self.move_a_session(i, S.OPEN)
            for who, dish, count in orders:
                self.pre_order(i, who, {dish: count}, as_referent=False)
            self.move_a_session(i, S.CLOSED)
            self.move_a_session(i, S.COOKED)
            for payer, cents in receipts:
                self.enter_a_receipt(i, payer, cents, for_a_dish=False)

    # The session

    @precondition(lambda self: len(self.models) < MOST_SESSIONS)
    @rule()
    def create_a_session(self):
        tajine, soup = self.recipes
        session = make_session(self.group, [(tajine, TAJINE_POT), soup], by=self.people[0])
        self.models.append(Model(session.pk, list(session.dishes.values_list("pk", flat=True))))

    @rule(i=sessions, status=st.one_of(st.none(), st.sampled_from(S.values)))
    def move_a_session(self, i, status):
        """To `status`, or (None) one step on towards cooking."""
        model = self.model(i)
        if status is None:
            movable = [model for model in self.models if model.status in FORWARD]
            if not movable:
                return
            model = movable[i % len(movable)]
            status = FORWARD[model.status]
        if status in ALLOWED.get(model.status, set()):
            change_status(self.session(model), status, by=self.people[0])
            model.status = status
        else:
            with pytest.raises(SessionError):
                change_status(self.session(model), status, by=self.people[0])
            assert CookingSession.objects.get(pk=model.pk).status == model.status

    # Pre-orders and portions taken

    @rule(
        i=sessions,
        who=members,
        wanted=st.dictionaries(dishes, portions, min_size=1),
        as_referent=st.booleans(),
    )
    def pre_order(self, i, who, wanted, as_referent):
        model = self.model(i)
        allowed = model.status in (S.OPEN, S.CLOSED) if as_referent else model.status == S.OPEN
        others = {
            dish: sum(n for (d, w), n in model.ordered.items() if d == dish and w != who)
            for dish in wanted
        }
        by_id = {model.dishes[dish]: count for dish, count in wanted.items()}

        def order():
            return place_order(
                self.session(model),
                self.memberships[who],
                by_id,
                by=self.people[who],
                as_referent=as_referent,
            )

        if any(not 0 <= count <= 99 for count in wanted.values()) or not allowed:
            with pytest.raises(SessionError) as refused:
                order()
            assert not isinstance(refused.value, DishFull)
        elif any(dish == 0 and others[dish] + n > TAJINE_POT for dish, n in wanted.items()):
            with pytest.raises(DishFull):
                order()
        else:
            order()
            for dish, count in wanted.items():
                model.ordered[(dish, who)] = count

    @rule(i=sessions, who=members, dish=dishes, count=st.integers(0, 6))
    def record_what_someone_took(self, i, who, dish, count):
        model = self.model(i)
        taken = {(model.dishes[dish], self.membership_pks[who]): count}
        if model.status not in (S.CLOSED, S.COOKED):  # before closing, or settled
            with pytest.raises(SessionError):
                record_taken(self.session(model), taken, by=self.people[0])
        else:
            record_taken(self.session(model), taken, by=self.people[0])
            model.taken[(dish, who)] = count
            model.ordered.setdefault((dish, who), 0)

    # Receipts

    @rule(i=sessions, payer=members, cents=st.integers(1, 6000), for_a_dish=st.booleans())
    def enter_a_receipt(self, i, payer, cents, for_a_dish):
        model = self.model(i)
        fields = {"dish": Dish.objects.get(pk=model.dishes[1])} if for_a_dish else {}

        def enter():
            return add_receipt(
                self.session(model),
                payer=self.memberships[payer],
                amount_cents=cents,
                by=self.people[0],
                **fields,
            )

        if model.status == S.SETTLED:
            with pytest.raises(SessionError):
                enter()
        else:
            model.receipts[enter().pk] = (payer, cents)

    @precondition(lambda self: any(model.receipts for model in self.models))
    @rule(i=sessions, k=st.integers(0, 10))
    def remove_a_receipt(self, i, k):
        with_receipts = [model for model in self.models if model.receipts]
        model = with_receipts[i % len(with_receipts)]
        pk = sorted(model.receipts)[k % len(model.receipts)]
        if model.status == S.SETTLED:
            with pytest.raises(SessionError):
                remove_receipt(Receipt.objects.get(pk=pk))
        else:
            remove_receipt(Receipt.objects.get(pk=pk))
            del model.receipts[pk]

    # Settling

    @rule(i=sessions, a_cooked_one=st.booleans())
    def settle_a_session(self, i, a_cooked_one):
        cooked = [model for model in self.models if model.status == S.COOKED]
        model = cooked[i % len(cooked)] if a_cooked_one and cooked else self.model(i)
        total = sum(model.paid().values())
        taken = model.portions_taken()
        if model.status == S.SETTLED:
            with pytest.raises(AlreadySettled):
                settle(self.session(model), by=self.people[0])
            return
        if model.status != S.COOKED or not total or not any(taken.values()):
            with pytest.raises(SessionError) as refused:
                settle(self.session(model), by=self.people[0])
            assert not isinstance(refused.value, AlreadySettled)
            return
        result = settle(self.session(model), by=self.people[0])
        event("settled")
        # Membership order for the odd cents, as the service does.
        charges = money.session_charges(total, dict(sorted(taken.items())))
        owed = money.balances(charges, model.paid())
        assert {self.index(pk): cents for pk, cents in result.charges.items()} == charges
        # The page showed the transfers that settling then proposes.
        proposed = Transfer.objects.filter(group=self.group, status=T.PROPOSED)
        assert sorted(result.transfers) == sorted(
            proposed.values_list("debtor", "creditor", "amount_cents")
        )
        model.status = S.SETTLED
        model.settled_with = owed
        for who, cents in owed.items():
            self.balances[who] += cents

    @rule(i=sessions, a_settled_one=st.booleans())
    def reopen_a_session(self, i, a_settled_one):
        settled = [model for model in self.models if model.status == S.SETTLED]
        model = settled[i % len(settled)] if a_settled_one and settled else self.model(i)
        if model.status != S.SETTLED:
            with pytest.raises(SessionError):
                reopen(self.session(model), by=self.people[0])
            return
        reopen(self.session(model), by=self.people[0])
        event("reopened")
        for who, cents in model.settled_with.items():
            self.balances[who] -= cents
        model.status, model.settled_with = S.COOKED, None

    # Paying each other back

    def transfers(self, status) -> list[Transfer]:
        return list(
            Transfer.objects.filter(group=self.group, status=status).select_related("creditor")
        )

    def paid_back(self, transfer: Transfer) -> None:
        self.balances[self.index(transfer.debtor_id)] += transfer.amount_cents
        self.balances[self.index(transfer.creditor_id)] -= transfer.amount_cents

    @precondition(lambda self: any(self.owed_after_waiting().values()))
    @rule(k=st.integers(0, 10), by=st.sampled_from(["debtor", "Rosa", "creditor"]))
    def mark_a_transfer_paid(self, k, by):
        proposed = self.transfers(T.PROPOSED)
        assert proposed, "someone owes money but no transfer is proposed"
        transfer = proposed[k % len(proposed)]
        person = {
            "debtor": self.people[self.index(transfer.debtor_id)],
            "creditor": self.people[self.index(transfer.creditor_id)],
            "Rosa": self.people[0],
        }[by]
        mark_paid(transfer, by=person, method=Transfer.Method.CASH)
        event("marked paid")
        transfer.refresh_from_db()
        if person.pk == transfer.creditor.person_id:
            assert transfer.status == T.CONFIRMED
            self.paid_back(transfer)
        else:
            assert transfer.status == T.PAID
            self.waiting[transfer.pk] = (
                self.index(transfer.debtor_id),
                self.index(transfer.creditor_id),
                transfer.amount_cents,
            )
            with pytest.raises(SessionError):
                mark_paid(transfer, by=person, method=Transfer.Method.BANK)

    @precondition(lambda self: self.waiting)
    @rule(k=st.integers(0, 10))
    def confirm_a_transfer(self, k):
        waiting = self.transfers(T.PAID)
        assert {transfer.pk for transfer in waiting} == set(self.waiting)
        transfer = waiting[k % len(waiting)]
        creditor = self.people[self.index(transfer.creditor_id)]
        confirm(transfer, by=creditor)
        event("confirmed")
        del self.waiting[transfer.pk]
        self.paid_back(transfer)
        with pytest.raises(SessionError):
            confirm(transfer, by=creditor)

    # What stays true

    @invariant()
    def the_ledger_sums_to_zero_in_each_session_and_in_the_group(self):
        totals = (
            LedgerEntry.objects.filter(group=self.group)
            .values("session")  # None: the payments, in pairs
            .annotate(total=Sum("amount_cents"))
            .order_by()
        )
        assert {row["total"] for row in totals} <= {0}

    @invariant()
    def a_settled_session_counts_its_receipts_and_nothing_else_stands(self):
        statuses = dict(CookingSession.objects.filter(group=self.group).values_list("pk", "status"))
        assert statuses == {model.pk: model.status for model in self.models}
        receipts = defaultdict(set)
        for session_id, pk in Receipt.objects.filter(session__group=self.group).values_list(
            "session", "pk"
        ):
            receipts[session_id].add(pk)
        standing = defaultdict(lambda: defaultdict(int))  # session: (kind, member): cents
        for session_id, kind, membership_id, cents in (
            LedgerEntry.objects.filter(group=self.group, session__isnull=False)
            .filter(reversed_by__isnull=True)
            .exclude(kind=LedgerEntry.Kind.REVERSAL)
            .values_list("session", "kind", "membership", "amount_cents")
        ):
            standing[session_id][kind, self.index(membership_id)] += cents
        for model in self.models:
            assert receipts[model.pk] == set(model.receipts)
            if model.status != S.SETTLED:
                assert not standing[model.pk], "an entry stands for a session not settled"
                continue
            entries = standing[model.pk]
            paid = {who: cents for (kind, who), cents in entries.items() if kind == "receipt"}
            assert paid == model.paid()
            charged = sum(cents for (kind, _), cents in entries.items() if kind == "charge")
            assert charged == -sum(model.paid().values())

    @invariant()
    def the_balances_are_the_models_and_the_transfers_settle_them(self):
        balances = ledger.balances(self.group)
        in_ledger = {self.index(pk): cents for pk, cents in balances.items() if cents}
        assert in_ledger == {who: cents for who, cents in self.balances.items() if cents}
        # Paying every transfer proposed or waiting for confirmation brings all to 0.
        after = defaultdict(int, balances)
        transfers = Transfer.objects.filter(group=self.group).exclude(status=T.CONFIRMED)
        for debtor, creditor, cents in transfers.values_list("debtor", "creditor", "amount_cents"):
            assert cents > 0 and debtor != creditor
            after[debtor] += cents
            after[creditor] -= cents
        assert set(after.values()) <= {0}

    @invariant()
    def no_pre_order_is_beyond_the_pot(self):
        tajines = [model.dishes[0] for model in self.models]
        totals = (
            Order.objects.filter(dish_id__in=tajines)
            .values("dish")
            .annotate(total=Sum("ordered"))
            .order_by()
        )
        assert all(row["total"] <= TAJINE_POT for row in totals)


@pytest.fixture
def small_group(group, member, referent, kept_recipe, soup):
    people = [referent, member] + [
        make_person(f"{name.lower()}@example.org", name) for name in ["Ferhat", "Sadika"]
    ]
    memberships = [add_member(group, person) for person in people]
    assert [m.pk for m in memberships] == sorted(m.pk for m in memberships)
    return group, memberships, [kept_recipe, soup]


def test_the_ledger_stays_true_whatever_people_do(small_group):
    group, memberships, recipes = small_group
    LedgerMachine.group_pk = group.pk
    LedgerMachine.membership_pks = [m.pk for m in memberships]
    LedgerMachine.recipes = recipes

    with translation.override("en"):
        run_state_machine_as_test(
            LedgerMachine,
            settings=settings(
                max_examples=25,
                stateful_step_count=20,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
