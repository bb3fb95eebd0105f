"""Sharing a session's money: charges, balances and who pays whom. Pure Python, no Django.

Everything is in whole cents (int) and every split is exact: the shares of a sum always add
up to that sum, so no cent is ever created or lost, and a group's balances always sum to 0.
Splits use the largest remainder, so each share is within one cent of its exact value, and
ties go to whoever comes first (the order of the mappings, that is membership order), so
the same session always gives the same figures.

A balance is positive when the member is owed money (a creditor), negative when they owe
it (a debtor).
"""

import heapq
from collections.abc import Hashable, Mapping, Sequence
from typing import NamedTuple


class Repayment[K: Hashable](NamedTuple):
    """`debtor` pays `cents` to `creditor`. A plain tuple too, for unpacking and comparing."""

    debtor: K
    creditor: K
    cents: int


def allocate_cents(total_cents: int, weights: Sequence[int]) -> list[int]:
    """Split `total_cents` in shares proportional to `weights` that add up to exactly the
    total. Each share is first its exact value rounded down; the few cents left over go one
    each to the largest remainders, earlier positions first on a tie. So each share is
    within one cent of its exact value, a larger weight never gets less than a smaller one,
    and a zero weight gets nothing.

    A negative total (a refund) is split as its absolute value and negated, so a refund is
    shared out exactly like the payment it cancels: the earlier of two equal weights gets
    the extra cent back.

    Raises ValueError for a negative weight, and for a non-zero total with only zero
    weights (or none): nobody is there to carry the money."""
    if any(weight < 0 for weight in weights):
        raise ValueError("weights cannot be negative")
    if total_cents < 0:
        return [-share for share in allocate_cents(-total_cents, weights)]
    whole = sum(weights)
    if not whole:
        if total_cents:
            raise ValueError(f"{total_cents} cents cannot be split: every weight is zero")
        return [0] * len(weights)
    shares = [total_cents * weight // whole for weight in weights]
    remainders = [total_cents * weight % whole for weight in weights]  # exact, in 1/whole cents
    left = total_cents - sum(shares)  # fewer than the number of non-zero weights
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[:left]:  # left > 0 means more than `left` non-zero remainders
        shares[i] += 1
    return shares


def _check_balanced[K: Hashable](balances: Mapping[K, int]) -> None:
    if (total := sum(balances.values())) != 0:
        raise ValueError(f"balances must sum to 0, not {total}")


def settle_up[K: Hashable](balances: Mapping[K, int]) -> list[Repayment[K]]:
    """The transfers that bring every balance to 0: the largest debtor pays the largest
    creditor as much as they can, again and again. Each transfer settles at least one of
    the two (the last one both), so n members with a non-zero balance need at most n − 1
    transfers. Equal amounts are taken in the order of `balances`, so the list is stable.

    Members with a zero balance take no part. Raises ValueError if the balances do not sum
    to 0: then no set of transfers can settle them."""
    _check_balanced(balances)
    # Heaps of (−amount, position, member): the largest first, the earliest on a tie.
    debtors = [(cents, i, who) for i, (who, cents) in enumerate(balances.items()) if cents < 0]
    creditors = [(-cents, i, who) for i, (who, cents) in enumerate(balances.items()) if cents > 0]
    heapq.heapify(debtors)
    heapq.heapify(creditors)
    transfers = []
    while debtors:  # balanced: the creditors run out at the same time
        owes, i, debtor = heapq.heappop(debtors)
        owed, j, creditor = heapq.heappop(creditors)
        cents = min(-owes, -owed)
        transfers.append(Repayment(debtor, creditor, cents))
        if owes + cents:
            heapq.heappush(debtors, (owes + cents, i, debtor))
        if owed + cents:
            heapq.heappush(creditors, (owed + cents, j, creditor))
    return transfers


def settle_with_treasurer[K: Hashable](
    balances: Mapping[K, int], treasurer: K
) -> list[Repayment[K]]:
    """The transfers that bring every balance to 0 when everyone settles with the group's
    treasurer only: every debtor pays the treasurer, then the treasurer pays every
    creditor, so the money comes in before it goes out. The treasurer's own balance is
    settled by the others' payments; the treasurer need not have one. Largest amounts
    first, ties in the order of `balances`, as in settle_up.

    Raises ValueError if the balances do not sum to 0."""
    _check_balanced(balances)
    others = [(who, cents) for who, cents in balances.items() if who != treasurer and cents]
    pay_in = sorted((item for item in others if item[1] < 0), key=lambda item: item[1])
    pay_out = sorted((item for item in others if item[1] > 0), key=lambda item: -item[1])
    return [Repayment(who, treasurer, -cents) for who, cents in pay_in] + [
        Repayment(treasurer, who, cents) for who, cents in pay_out
    ]


def _check_portions[K: Hashable](portions: Mapping[K, int]) -> None:
    if any(count < 0 for count in portions.values()):
        raise ValueError("portions cannot be negative")


def session_charges[K: Hashable](total_cents: int, portions: Mapping[K, int]) -> dict[K, int]:
    """The default rule, one price per portion for the whole session: the receipts' total
    split over the portions each member took (in the order of `portions`, membership
    order, for the odd cents). A member who took nothing is charged 0.

    Raises ValueError if there is money but no portion to carry it."""
    _check_portions(portions)
    if total_cents and not any(portions.values()):
        raise ValueError(f"{total_cents} cents cannot be split: no portion was taken")
    return dict(zip(portions, allocate_cents(total_cents, list(portions.values())), strict=True))


def dish_charges[D: Hashable, K: Hashable](
    shared_cents: int,
    dish_receipts: Mapping[D, int],
    estimates: Mapping[D, int],
    portions: Mapping[D, Mapping[K, int]],
) -> dict[K, int]:
    """The option "price each dish separately". The shared receipts (oil, spices, anything
    not bought for one dish) are split over the dishes in proportion to their estimated
    cost (`estimates`: the estimated cost, in cents, of each dish's batch for the portions
    taken), or to their portions taken when nothing is estimated; each dish adds its own
    receipts, and its total is split over the portions of it each member took.

    The dishes are those of `portions`, then any only in `dish_receipts` or `estimates`
    (with no portions). Members come in the order they first appear in `portions`.

    Raises ValueError when a dish carries money (its own receipts or a share of the shared
    ones) but nobody took a portion of it: that money cannot be split over anyone, and
    whoever records it must move it to the shared receipts or to another dish."""
    dishes = list(dict.fromkeys([*portions, *dish_receipts, *estimates]))
    taken = {dish: portions.get(dish, {}) for dish in dishes}
    for counts in taken.values():
        _check_portions(counts)
    weights = [estimates.get(dish, 0) for dish in dishes]
    if not any(weights):
        weights = [sum(taken[dish].values()) for dish in dishes]
    if shared_cents and not any(weights):
        raise ValueError(f"{shared_cents} shared cents cannot be split: no portion was taken")
    shared = allocate_cents(shared_cents, weights)
    charges: dict[K, int] = {}
    for dish, share in zip(dishes, shared, strict=True):
        total = dish_receipts.get(dish, 0) + share
        if total and not any(taken[dish].values()):
            raise ValueError(
                f"dish {dish!r} carries {total} cents but nobody took a portion of it: "
                "the money cannot be split"
            )
        for who, cents in session_charges(total, taken[dish]).items():
            charges[who] = charges.get(who, 0) + cents
    return charges


def balances[K: Hashable](charges: Mapping[K, int], paid: Mapping[K, int]) -> dict[K, int]:
    """What each member paid minus what they are charged: positive when they are owed
    money. Covers everyone charged (in that order), then anyone who paid without being
    charged. Raises ValueError unless the money paid is exactly the money charged, so the
    balances always sum to 0."""
    if (spent := sum(paid.values())) != (charged := sum(charges.values())):
        raise ValueError(f"{spent} cents were paid but {charged} cents are charged")
    members = dict.fromkeys([*charges, *paid])
    return {who: paid.get(who, 0) - charges.get(who, 0) for who in members}
