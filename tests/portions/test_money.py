import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from portions.money import (
    Repayment,
    allocate_cents,
    balances,
    dish_charges,
    session_charges,
    settle_up,
    settle_with_treasurer,
)


def settled(start, transfers) -> dict:
    """The balances once the transfers are paid: the debtor's rises, the creditor's falls."""
    after = dict(start)
    for debtor, creditor, cents in transfers:
        after[debtor] = after.get(debtor, 0) + cents
        after[creditor] = after.get(creditor, 0) - cents
    return after


# The worked example of the issue ---------------------------------------------------------

# Session of "Ça Chauffe": Amina 6 tajine + 4 soup, Ferhat 4, Sadika 6 + 8, Melvin 4.
PORTIONS = {"Amina": 10, "Ferhat": 4, "Sadika": 14, "Melvin": 4}
PAID = {"Amina": 3840, "Sadika": 2115}


def test_the_worked_example_charges_one_price_per_portion():
    # Exact shares 1860.9375, 744.375, 2605.3125, 744.375: the floors sum to 5,953 and the
    # 2 cents left go to Amina (.9375), then to Ferhat, before Melvin on the .375 tie.
    charges = session_charges(5955, PORTIONS)

    assert charges == {"Amina": 1861, "Ferhat": 745, "Sadika": 2605, "Melvin": 744}
    assert list(charges) == list(PORTIONS)


def test_the_worked_example_balances_and_settles_in_three_transfers():
    owed = balances(session_charges(5955, PORTIONS), PAID)

    assert owed == {"Amina": 1979, "Ferhat": -745, "Sadika": -490, "Melvin": -744}
    assert list(owed) == ["Amina", "Ferhat", "Sadika", "Melvin"]
    # Largest debtor first: Ferhat 745, Melvin 744, Sadika 490, all to Amina.
    assert settle_up(owed) == [
        ("Ferhat", "Amina", 745),
        ("Melvin", "Amina", 744),
        ("Sadika", "Amina", 490),
    ]
    assert set(settled(owed, settle_up(owed)).values()) == {0}


def test_the_worked_example_with_sadika_as_treasurer():
    owed = balances(session_charges(5955, PORTIONS), PAID)

    assert settle_with_treasurer(owed, "Sadika") == [
        ("Ferhat", "Sadika", 745),
        ("Melvin", "Sadika", 744),
        ("Sadika", "Amina", 1979),
    ]


def test_transfers_name_their_parts():
    transfer = settle_up({"Amina": 5, "Ferhat": -5})[0]

    assert transfer == Repayment(debtor="Ferhat", creditor="Amina", cents=5)
    assert (transfer.debtor, transfer.creditor, transfer.cents) == ("Ferhat", "Amina", 5)


# Splitting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (100, [1, 1, 1], [34, 33, 33]),
        (100, [0, 1, 1], [0, 50, 50]),
        (101, [1, 0, 1], [51, 0, 50]),
        (7, [0, 3, 0], [0, 7, 0]),
        (999, [5], [999]),
        (0, [3, 1], [0, 0]),
        (0, [0, 0], [0, 0]),
        (0, [], []),
        (10, [1, 2], [3, 7]),  # 3.33 and 6.67: the cent goes to the larger remainder
        (-100, [1, 1, 1], [-34, -33, -33]),  # a refund is split like the payment
        (-5955, [10, 4, 14, 4], [-1861, -745, -2605, -744]),
    ],
)
def test_allocate_cents_examples(total, weights, expected):
    assert allocate_cents(total, weights) == expected


@pytest.mark.parametrize(
    ("total", "weights"),
    [(100, [1, -1, 2]), (0, [-1]), (-100, [2, -1]), (100, [0, 0]), (-1, [0]), (1, [])],
)
def test_allocate_cents_refuses_negative_weights_and_money_nobody_carries(total, weights):
    with pytest.raises(ValueError):
        allocate_cents(total, weights)


def test_session_charges_refuse_money_without_portions_or_negative_portions():
    with pytest.raises(ValueError, match="no portion"):
        session_charges(500, {"Amina": 0, "Ferhat": 0})
    with pytest.raises(ValueError, match="portions cannot be negative"):
        session_charges(500, {"Amina": 3, "Ferhat": -1})
    with pytest.raises(ValueError, match="portions cannot be negative"):
        dish_charges(0, {}, {}, {"soup": {"Amina": 3, "Ferhat": -1}})
    assert session_charges(0, {"Amina": 0}) == {"Amina": 0}


# Dishes priced separately (made-up figures for the same session) ------------------------

DISH_PORTIONS = {
    "tajine": {"Amina": 6, "Ferhat": 4, "Sadika": 6},
    "soup": {"Amina": 4, "Sadika": 8, "Melvin": 4},
}


def test_dish_charges_split_shared_receipts_by_estimated_cost_then_each_dish_by_portion():
    # Shared 1,000 over estimates 3,000 : 1,500 → 667 + 333. Tajine 3,200 + 667 = 3,867 over
    # 6/4/6 → 1450.125, 966.75, 1450.125: Ferhat takes the odd cent. Soup 1,755 + 333 =
    # 2,088 over 4/8/4 → 522, 1,044, 522.
    charges = dish_charges(
        1000, {"tajine": 3200, "soup": 1755}, {"tajine": 3000, "soup": 1500}, DISH_PORTIONS
    )

    assert charges == {"Amina": 1972, "Ferhat": 967, "Sadika": 2494, "Melvin": 522}
    assert list(charges) == ["Amina", "Ferhat", "Sadika", "Melvin"]
    assert sum(charges.values()) == 5955


def test_dish_charges_weigh_shared_receipts_by_portions_when_nothing_is_estimated():
    charges = dish_charges(
        100, {}, {"tajine": 0, "soup": 0}, {"tajine": {"Amina": 3}, "soup": {"Ferhat": 1}}
    )

    assert charges == {"Amina": 75, "Ferhat": 25}


def test_dish_charges_refuse_a_dish_with_money_but_no_portions():
    with pytest.raises(ValueError, match="'dessert' carries 300 cents"):
        dish_charges(0, {"dessert": 300}, {}, DISH_PORTIONS)
    with pytest.raises(ValueError, match="'dessert' carries 100 cents"):  # its shared share
        dish_charges(100, {}, {"dessert": 500}, {**DISH_PORTIONS, "dessert": {"Amina": 0}})
    with pytest.raises(ValueError):
        dish_charges(100, {}, {}, {"soup": {"Amina": 0}})
    # A dish nobody took and nobody paid for is no trouble.
    assert dish_charges(0, {"soup": 80}, {}, {"soup": {"Amina": 1}, "dessert": {}}) == {"Amina": 80}


# Balances and settling -------------------------------------------------------------------


def test_balances_cover_payers_who_were_not_charged_and_refuse_unequal_sums():
    assert balances({"Amina": 30, "Ferhat": 70}, {"Melvin": 100}) == {
        "Amina": -30,
        "Ferhat": -70,
        "Melvin": 100,
    }
    assert list(balances({"Amina": 30}, {"Melvin": 20, "Amina": 10})) == ["Amina", "Melvin"]
    with pytest.raises(ValueError):
        balances({"Amina": 30}, {"Amina": 29})


def test_settle_up_leaves_out_zero_balances_and_refuses_unbalanced_ones():
    assert settle_up({"Amina": 0, "Ferhat": 0}) == []
    assert settle_up({"Amina": 0, "Ferhat": -10, "Sadika": 10}) == [("Ferhat", "Sadika", 10)]
    with pytest.raises(ValueError):
        settle_up({"Amina": 10, "Ferhat": -9})
    with pytest.raises(ValueError):
        settle_with_treasurer({"Amina": 10, "Ferhat": -9}, "Amina")


def test_settle_up_pairs_the_largest_debtor_with_the_largest_creditor():
    owed = {"A": 50, "B": -70, "C": 30, "D": -10}

    assert settle_up(owed) == [("B", "A", 50), ("B", "C", 20), ("D", "C", 10)]


def test_settle_up_breaks_ties_by_the_order_of_the_balances():
    assert settle_up({"A": -5, "B": -5, "C": 10}) == [("A", "C", 5), ("B", "C", 5)]
    assert settle_up({"B": -5, "A": -5, "C": 10}) == [("B", "C", 5), ("A", "C", 5)]
    assert settle_up({"C": -10, "B": 5, "A": 5}) == [("C", "B", 5), ("C", "A", 5)]
    # A, partly paid, still comes before B when they owe as much; likewise for creditors.
    assert settle_up({"A": -10, "B": -5, "C": 5, "D": 5, "E": 5}) == [
        ("A", "C", 5),
        ("A", "D", 5),
        ("B", "E", 5),
    ]
    assert settle_up({"A": 10, "B": 5, "C": -5, "D": -5, "E": -5}) == [
        ("C", "A", 5),
        ("D", "A", 5),
        ("E", "B", 5),
    ]


def test_a_treasurer_without_a_balance_passes_the_money_on():
    assert settle_with_treasurer({"Amina": 40, "Ferhat": -40}, "Nour") == [
        ("Ferhat", "Nour", 40),
        ("Nour", "Amina", 40),
    ]


# Properties ------------------------------------------------------------------------------

totals = st.integers(0, 10**7)
weight_lists = st.lists(st.integers(0, 1000), min_size=1, max_size=30).filter(any)
members = st.sampled_from(["Amina", "Ferhat", "Sadika", "Melvin", "Nour", "Yanis", "Lou"])


@st.composite
def balanced(draw) -> dict[str, int]:
    """Balances that sum to 0: n − 1 random ones and minus their sum."""
    names = draw(st.lists(members, min_size=1, max_size=7, unique=True))
    size = len(names) - 1
    cents = draw(st.lists(st.integers(-(10**6), 10**6), min_size=size, max_size=size))
    return dict(zip(names, [*cents, -sum(cents)], strict=True))


@settings(max_examples=200)
@given(total=totals, weights=weight_lists)
def test_shares_add_up_and_stay_within_a_cent_of_their_exact_value(total, weights):
    shares = allocate_cents(total, weights)

    assert sum(shares) == total
    assert len(shares) == len(weights)
    for share, weight in zip(shares, weights, strict=True):
        assert abs(share - Fraction(total * weight, sum(weights))) < 1
        if weight == 0:
            assert share == 0


@settings(max_examples=200)
@given(total=totals, weights=weight_lists)
def test_a_larger_weight_never_gets_less_and_ties_favour_the_earlier(total, weights):
    shares = allocate_cents(total, weights)

    for i, (share_i, weight_i) in enumerate(zip(shares, weights, strict=True)):
        for share_j, weight_j in zip(shares[i + 1 :], weights[i + 1 :], strict=True):
            if weight_i > weight_j:
                assert share_i >= share_j
            elif weight_i < weight_j:
                assert share_i <= share_j
            else:
                assert share_j <= share_i <= share_j + 1


@given(total=totals, weights=weight_lists)
def test_a_refund_is_the_payment_negated(total, weights):
    assert allocate_cents(-total, weights) == [-share for share in allocate_cents(total, weights)]


@settings(max_examples=200)
@given(owed=balanced())
def test_settling_up_zeroes_everyone_in_at_most_n_minus_1_transfers(owed):
    transfers = settle_up(owed)
    involved = [who for who, cents in owed.items() if cents]

    assert set(settled(owed, transfers).values()) <= {0}
    assert len(transfers) <= max(len(involved) - 1, 0)
    for debtor, creditor, cents in transfers:
        assert cents > 0
        assert owed[debtor] < 0 < owed[creditor]  # debtors only pay, creditors only receive


@settings(max_examples=200)
@given(owed=balanced(), data=st.data())
def test_settling_with_the_treasurer_zeroes_everyone_through_the_treasurer(owed, data):
    treasurer = data.draw(members)
    transfers = settle_with_treasurer(owed, treasurer)

    assert set(settled(owed, transfers).values()) <= {0}
    for debtor, creditor, cents in transfers:
        assert cents > 0
        assert treasurer in (debtor, creditor) and debtor != creditor
    others = [who for who, cents in owed.items() if cents and who != treasurer]
    assert len(transfers) == len(others)


@given(
    total=totals,
    portions=st.dictionaries(members, st.integers(0, 50), min_size=1).filter(
        lambda portions: any(portions.values())
    ),
)
def test_session_charges_add_up_to_the_receipts(total, portions):
    charges = session_charges(total, portions)

    assert sum(charges.values()) == total
    assert list(charges) == list(portions)


dishes = st.sampled_from(["tajine", "soup", "bread", "salad", "cake"])
taken = st.dictionaries(members, st.integers(0, 12), min_size=1).filter(
    lambda counts: any(counts.values())
)


@settings(max_examples=200)
@given(
    shared=totals,
    portions=st.dictionaries(dishes, taken, min_size=1),
    data=st.data(),
)
def test_dish_charges_add_up_to_all_the_money(shared, portions, data):
    dish_receipts = data.draw(st.dictionaries(st.sampled_from(list(portions)), totals))
    estimates = data.draw(st.dictionaries(st.sampled_from(list(portions)), st.integers(0, 10**5)))
    charges = dish_charges(shared, dish_receipts, estimates, portions)

    assert sum(charges.values()) == shared + sum(dish_receipts.values())
    everyone = {who for counts in portions.values() for who in counts}
    assert set(charges) == everyone


@given(
    charges=st.dictionaries(members, st.integers(0, 10**6)),
    payers=st.lists(members, min_size=1, max_size=4),
    data=st.data(),
)
def test_balances_sum_to_zero(charges, payers, data):
    total = sum(charges.values())
    size = len(payers)
    weights = data.draw(st.lists(st.integers(1, 9), min_size=size, max_size=size))
    paid: dict[str, int] = {}
    for payer, cents in zip(payers, allocate_cents(total, weights), strict=True):
        paid[payer] = paid.get(payer, 0) + cents

    owed = balances(charges, paid)

    assert sum(owed.values()) == 0
    assert set(owed) == set(charges) | set(paid)
    with pytest.raises(ValueError):
        balances(charges, {**paid, "Amina": paid.get("Amina", 0) + 1})


# A tiny ledger built on this module alone -------------------------------------------------


class Ledger(RuleBasedStateMachine):
    """Sessions collect receipts and portions, then are settled into ledger entries
    (member, cents; positive = owed), transfers are paid, settlements are reversed."""

    @initialize()
    def open(self):
        self.entries: list[tuple[str, int]] = []
        self.settlements: list[list[tuple[str, int]]] = []
        self.paid: dict[str, int] = {}
        self.portions: dict[str, int] = {}

    def owed(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for who, cents in self.entries:
            totals[who] = totals.get(who, 0) + cents
        return totals

    @rule(payer=members, cents=st.integers(0, 50_000))
    def add_receipt(self, payer, cents):
        self.paid[payer] = self.paid.get(payer, 0) + cents

    @rule(member=members, count=st.integers(0, 8))
    def add_portions(self, member, count):
        self.portions[member] = self.portions.get(member, 0) + count

    @rule()
    def settle(self):
        total = sum(self.paid.values())
        if total and not any(self.portions.values()):
            with pytest.raises(ValueError):
                session_charges(total, self.portions)
            return
        owed = balances(session_charges(total, self.portions), self.paid)
        added = list(owed.items())
        self.entries += added
        self.settlements.append(added)
        self.paid, self.portions = {}, {}

    @precondition(lambda self: any(self.owed().values()))
    @rule(data=st.data())
    def pay_a_transfer(self, data):
        debtor, creditor, cents = data.draw(st.sampled_from(settle_up(self.owed())))
        self.entries += [(debtor, cents), (creditor, -cents)]

    @precondition(lambda self: self.settlements)
    @rule()
    def reverse_the_last_settlement(self):
        self.entries += [(who, -cents) for who, cents in self.settlements.pop()]

    @invariant()
    def the_entries_sum_to_zero(self):
        assert sum(cents for _, cents in self.entries) == 0

    @invariant()
    def paying_every_proposed_transfer_settles_everyone(self):
        owed = self.owed()
        assert set(settled(owed, settle_up(owed)).values()) <= {0}
        assert set(settled(owed, settle_with_treasurer(owed, "Nour")).values()) <= {0}


Ledger.TestCase.settings = settings(max_examples=100, stateful_step_count=30, deadline=None)
test_the_ledger = Ledger.TestCase


# Independence from Django ---------------------------------------------------------------


def test_the_module_stands_without_django():
    import ast
    import inspect

    import portions.money

    tree = ast.parse(inspect.getsource(portions.money))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"collections", "heapq", "typing"}


def test_importing_the_module_loads_no_django():
    # Loaded from its file, so the package's __init__ (free to use Django) plays no part.
    path = Path(__file__).resolve().parents[2] / "portions" / "money.py"
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('money', {str(path)!r})\n"
        "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "assert not [name for name in sys.modules if name.split('.')[0] == 'django']\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
