"""What changes a cooking session: its status, pre-orders, receipts, portions taken, and
settling its money. Views call these; nothing else writes these tables.

The arithmetic is in portions/money.py (pure Python); this module reads the rows, calls
it, and writes the results under locks, so two people pressing the same button at the
same moment cannot both succeed where only one may.
"""

from collections import defaultdict
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Prefetch, Sum, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.locks import lock_row, locked
from core.refusals import Refusal
from groups.bookings import free_booking
from groups.models import Group, KitchenBooking, Membership
from portions import ledger, money
from portions.models import MOST_ORDERED, CookingSession, Dish, Order, Receipt, Transfer
from recipes.models import Ingredient
from recipes.scaled import MOST_PORTIONS, PriceBook, scale_recipe

S = CookingSession.Status


class SessionError(Refusal):
    """Something that cannot be done now; `message` is translated, ready to show."""


# In a transaction; a lock held too long becomes a polite Busy refusal.
_locked = locked(gettext_lazy("Many people are ordering right now. Please try again."))


# The session ----------------------------------------------------------------------------


@_locked
def create_session(
    group: Group, *, starts_at, deadline, recipes, kitchen=None, booking=None, note="", by
) -> CookingSession:
    """A draft session with its menu: `recipes` is a list of (recipe, max_portions or None)."""
    if deadline > starts_at:
        raise SessionError(_("The pre-order deadline must come before the session."))
    if not recipes:
        raise SessionError(_("Choose at least one dish."))
    # A booking chosen a moment ago may be gone, or taken by another referent's session:
    # it is locked, then checked (groups.bookings.free_booking).
    if booking is not None:
        booking = free_booking(booking)
        if booking is None:
            raise SessionError(_("This booking was just cancelled or used. Choose again."))
    kitchen = kitchen or (booking.kitchen if booking else None)
    if booking is None and kitchen is not None:
        # The group's booking of that kitchen at that time, if it made one.
        found = (
            KitchenBooking.objects.overlapping(kitchen, starts_at, starts_at + timedelta(minutes=1))
            .filter(group=group, session__isnull=True)
            .first()
        )
        booking = free_booking(found) if found else None
    session = CookingSession.objects.create(
        group=group,
        starts_at=starts_at,
        deadline=deadline,
        kitchen=kitchen,
        booking=booking,
        note=note,
        created_by=by,
    )
    Dish.objects.bulk_create(
        Dish(
            session=session,
            recipe=recipe,
            position=position,
            max_portions=max_portions,
            batch_portions=recipe.portions,
        )
        for position, (recipe, max_portions) in enumerate(recipes)
    )
    return session


@_locked
def update_session(
    session: CookingSession,
    *,
    starts_at,
    deadline,
    kitchen,
    note: str,
    maxima: dict[int, int | None],
    remove: Set[int] = frozenset(),
    add: Sequence[tuple] = (),
) -> CookingSession:
    """Change a session not cooked yet. A dish's maximum never goes below what is ordered;
    a dish leaves the menu only while nobody ordered it; `add` is (recipe, max) pairs."""
    lock_row(session)
    session.refresh_from_db()
    if not session.may_be_changed:
        raise SessionError(_("This session is cooked: it cannot change any more."))
    if deadline > starts_at:
        raise SessionError(_("The pre-order deadline must come before the session."))
    dishes = {dish.pk: dish for dish in session.dishes.select_related("recipe")}
    ordered = dict(
        Order.objects.filter(dish__session=session)
        .values("dish")
        .annotate(total=Sum("ordered"))
        .values_list("dish", "total")
    )
    for dish_id in remove:
        if ordered.get(dish_id):
            raise SessionError(
                _("%(ordered)s portions of %(dish)s are ordered: it stays on the menu.")
                % {"ordered": ordered[dish_id], "dish": dishes[dish_id].recipe.title}
            )
    if Receipt.objects.filter(dish__in=remove).exists():
        raise SessionError(_("A receipt is written for this dish: it stays on the menu."))
    on_menu = {dish.recipe_id for dish in dishes.values()}
    if any(recipe.pk in on_menu for recipe, _most in add):
        raise SessionError(_("This dish is already on the menu."))
    if not set(dishes) - set(remove) and not add:
        raise SessionError(_("Choose at least one dish."))
    for dish_id, most in maxima.items():
        if dish_id in remove:
            continue
        dish = dishes[dish_id]
        if most is not None and most < ordered.get(dish_id, 0):
            raise SessionError(
                _("%(ordered)s portions of %(dish)s are already ordered.")
                % {"ordered": ordered[dish_id], "dish": dish.recipe.title}
            )
        dish.max_portions = most
        dish.save(update_fields=["max_portions"])
    Dish.objects.filter(session=session, pk__in=remove).delete()  # their empty orders too
    last = max((dish.position for dish in dishes.values()), default=-1)
    Dish.objects.bulk_create(
        Dish(
            session=session,
            recipe=recipe,
            position=last + 1 + n,
            max_portions=most,
            batch_portions=recipe.portions,
        )
        for n, (recipe, most) in enumerate(add)
    )
    session.starts_at, session.deadline, session.kitchen, session.note = (
        starts_at,
        deadline,
        kitchen,
        note,
    )
    session.save(update_fields=["starts_at", "deadline", "kitchen", "note"])
    return session


@_locked
def change_status(session: CookingSession, status: str, *, by) -> CookingSession:
    lock_row(session)
    session.refresh_from_db()
    if not session.may_change_to(status):
        raise SessionError(_("This cannot be done now."))
    session.status = status
    session.save(update_fields=["status"])
    return session


# Pre-orders -------------------------------------------------------------------------------


class DishFull(SessionError):
    def __init__(self, dish: Dish, left: int):
        self.dish, self.left = dish, left
        if left:
            message = ngettext(
                "Only %(left)s portion of %(dish)s is left.",
                "Only %(left)s portions of %(dish)s are left.",
                left,
            ) % {"left": left, "dish": dish.recipe.title}
        else:
            message = _("%(dish)s is full: no portion left.") % {"dish": dish.recipe.title}
        super().__init__(message)


@_locked
def place_order(
    session: CookingSession,
    membership: Membership,
    wanted: dict[int, int],
    *,
    by,
    as_referent=False,
) -> list[Order]:
    """Set `membership`'s portions for the dishes in `wanted` ({dish id: portions}), all
    or nothing. Members may change until the deadline; referents until cooking. A dish's
    maximum is never exceeded: each dish is locked, then its total is counted again."""
    if any(not 0 <= portions <= MOST_ORDERED for portions in wanted.values()):
        raise SessionError(_("Choose between 0 and %(most)s portions.") % {"most": MOST_ORDERED})
    # The session first (settling, status and menu changes lock it too: an order cannot
    # slip in while a session is settled or its dishes change), then its dishes, always
    # in the same order; what they are is read once the locks are held.
    lock_row(session)
    session.refresh_from_db()  # its status may have changed while we waited
    membership.refresh_from_db()  # they may have left meanwhile
    if membership.group_id != session.group_id or membership.left_on is not None:
        raise SessionError(_("This person is not in the group."))
    dishes = {dish.pk: dish for dish in session.dishes.select_related("recipe")}
    if any(dish_id not in dishes for dish_id in wanted):
        raise SessionError(_("This dish is not on the menu."))
    for dish_id in sorted(wanted):
        lock_row(dishes[dish_id])
    allowed = session.referent_may_order if as_referent else session.members_may_order
    if not allowed:
        raise SessionError(_("Pre-orders are closed for this session."))
    orders = []
    for dish_id, portions in sorted(wanted.items()):
        dish = dishes[dish_id]
        if dish.max_portions is not None:
            others = (
                Order.objects.filter(dish=dish)
                .exclude(membership=membership)
                .aggregate(total=Sum("ordered"))["total"]
                or 0
            )
            if others + portions > dish.max_portions:
                raise DishFull(dish, max(dish.max_portions - others, 0))
        order, _created = Order.objects.update_or_create(
            dish=dish, membership=membership, defaults={"ordered": portions, "updated_by": by}
        )
        orders.append(order)
    return orders


# After cooking ------------------------------------------------------------------------------


def _lock_unsettled(session: CookingSession) -> None:
    """Money may change only before settling: checked under the session's lock, so a
    change cannot slip in while someone settles."""
    lock_row(session)
    session.refresh_from_db()
    if not session.money_may_change:
        raise SessionError(_("This session is settled. Reopen it to change it."))


@_locked
def add_receipt(session: CookingSession, *, payer: Membership, amount_cents: int, by, **fields):
    _lock_unsettled(session)
    payer.refresh_from_db()  # they may have left meanwhile
    if payer.group_id != session.group_id or payer.left_on is not None:
        raise SessionError(_("This person is not in the group."))
    dish = fields.get("dish")
    if dish is not None and not session.dishes.filter(pk=dish.pk).exists():
        raise SessionError(_("This dish is not on the menu."))  # or was just taken off
    if amount_cents <= 0:
        raise SessionError(_("The amount must be more than 0 €."))
    return Receipt.objects.create(
        session=session, payer=payer, amount_cents=amount_cents, created_by=by, **fields
    )


@_locked
def remove_receipt(receipt: Receipt) -> None:
    _lock_unsettled(receipt.session)
    receipt.delete()


@_locked
def record_taken(
    session: CookingSession,
    taken: dict[tuple[int, int], int],
    *,
    by,
    not_charged: dict[int, tuple[int, int]] | None = None,
) -> None:
    """What each member took: {(dish id, membership id): portions}. Extra portions for
    someone who did not pre-order are fine. `not_charged`: {dish id: (left to the group,
    given away)}, counted as cooked but paid by nobody."""
    _lock_unsettled(session)
    if not session.takes_portions_taken:
        raise SessionError(_("Close the pre-orders first."))
    dishes = set(session.dishes.values_list("pk", flat=True))
    members = set(session.group.memberships.values_list("pk", flat=True))
    asked = set(taken) | {(dish_id, None) for dish_id in not_charged or {}}
    if any(d not in dishes or (m is not None and m not in members) for d, m in asked):
        raise SessionError(_("This dish or this person is not in the session."))
    if any(
        not 0 <= count <= MOST_PORTIONS for pair in (not_charged or {}).values() for count in pair
    ):
        raise SessionError(_("Choose between 0 and %(most)s portions.") % {"most": MOST_PORTIONS})
    for dish_id, (left, given) in (not_charged or {}).items():
        session.dishes.filter(pk=dish_id).update(left_for_group=left, given_away=given)
    for (dish_id, membership_id), portions in taken.items():
        if not 0 <= portions <= MOST_ORDERED:
            raise SessionError(
                _("Choose between 0 and %(most)s portions.") % {"most": MOST_ORDERED}
            )
        Order.objects.update_or_create(
            dish_id=dish_id,
            membership_id=membership_id,
            defaults={"taken": portions, "updated_by": by},
        )


# Settling -----------------------------------------------------------------------------------


@dataclass
class Preview:
    """Who pays what for a session, before anything is written."""

    session: CookingSession
    total_cents: int
    portions: dict[int, int]  # membership id → portions taken
    charges: dict[int, int]  # membership id → cents
    paid: dict[int, int]  # membership id → cents
    balances: dict[int, int]  # this session only: paid − charge
    transfers: list[money.Repayment[int]] = field(default_factory=list)  # after settling
    problem: str = ""
    people: dict[int, Membership] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return not self.problem


def preview(session: CookingSession, *, with_transfers: bool = True) -> Preview:
    """The split of the session's receipts over the portions taken, by the group's rule,
    and (unless not needed) the transfers that would then settle the group's balances.
    Writes nothing. Two queries, two more for the transfers, three more when each dish
    is priced separately (the estimates). `Preview.people` has the memberships met."""
    orders = sorted(
        Order.objects.filter(dish__session=session).select_related("membership__person"),
        key=lambda order: order.membership_id,
    )
    receipts = list(session.receipts.select_related("payer__person"))
    people = {order.membership_id: order.membership for order in orders}
    people.update({receipt.payer_id: receipt.payer for receipt in receipts})
    total = sum(receipt.amount_cents for receipt in receipts)
    portions_by_dish: dict[int, dict[int, int]] = defaultdict(dict)
    for order in orders:
        portions_by_dish[order.dish_id][order.membership_id] = order.portions_taken
    portions: dict[int, int] = defaultdict(int)
    for taken in portions_by_dish.values():
        for membership_id, count in taken.items():
            portions[membership_id] += count
    paid: defaultdict[int, int] = defaultdict(int)
    for receipt in receipts:
        paid[receipt.payer_id] += receipt.amount_cents
    # Membership order (the order people were added to the group here) breaks ties
    # between equal remainders: stable from one preview to the next.
    portions = dict(sorted(portions.items()))
    result = Preview(session, total, portions, {}, dict(sorted(paid.items())), {}, people=people)
    if not total:
        result.problem = _("Enter the receipts first.")
        return result
    if not sum(portions.values()):
        result.problem = _("Nobody took a portion: confirm the portions taken first.")
        return result
    try:
        if session.group.pricing == Group.Pricing.DISH:
            result.charges = money.dish_charges(
                sum(r.amount_cents for r in receipts if r.dish_id is None),
                _by_dish(receipts),
                _estimates(session, portions_by_dish),
                dict(portions_by_dish),
            )
        else:
            result.charges = money.session_charges(total, portions)
    except ValueError:
        result.problem = _("A receipt is for a dish nobody took. Change the receipt.")
        return result
    result.balances = money.balances(result.charges, result.paid)
    if not with_transfers:
        return result
    after = _balances_counting_paid(session.group)
    for membership_id, cents in result.balances.items():
        after[membership_id] = after.get(membership_id, 0) + cents
    result.transfers = _transfers_for(session.group, after)
    return result


def _by_dish(receipts) -> dict[int, int]:
    totals: defaultdict[int, int] = defaultdict(int)
    for receipt in receipts:
        if receipt.dish_id is not None:
            totals[receipt.dish_id] += receipt.amount_cents
    return dict(totals)


def _estimates(session: CookingSession, portions_by_dish) -> dict[int, int]:
    """The estimated cost of each dish for the portions taken, from the price list: how a
    shared receipt is split between dishes."""
    dishes = list(session.dishes.select_related("recipe"))
    recipes = [dish.recipe for dish in dishes]
    prefetch_related_objects(
        recipes, Prefetch("ingredients", Ingredient.objects.select_related("food"))
    )
    foods = {line.food_id for recipe in recipes for line in recipe.ingredients.all()}
    book = PriceBook.load(session.group_id, foods)
    estimates = {}
    for dish in dishes:
        count = sum(portions_by_dish.get(dish.pk, {}).values())
        scaled = scale_recipe(dish.recipe, count, book, with_equipment=False) if count else None
        estimates[dish.pk] = scaled.batch_cents if scaled else 0
    return estimates


def _transfers_for(group: Group, balances: dict[int, int]) -> list[money.Repayment[int]]:
    balances = {key: value for key, value in balances.items() if value}
    if group.settling == Group.Settling.TREASURER and group.treasurer_id:
        treasurer = (
            Membership.objects.current()
            .filter(group=group, person_id=group.treasurer_id)
            .values_list("pk", flat=True)
            .first()
        )
        if treasurer is not None:
            balances.setdefault(treasurer, 0)
            return money.settle_with_treasurer(balances, treasurer)
    return money.settle_up(balances)


class AlreadySettled(SessionError):
    def __init__(self):
        super().__init__(_("This session is already settled."))


@_locked
def settle(session: CookingSession, *, by) -> Preview:
    """Write the session's money in the ledger, once: the session row is locked and its
    status checked again under the lock, so pressing "Settle" twice writes once."""
    lock_row(session)
    session.refresh_from_db()
    if session.status == S.SETTLED:
        raise AlreadySettled()
    if session.status != S.COOKED:
        raise SessionError(_("Mark the session as cooked first."))
    result = preview(session)
    if not result.ready:
        raise SessionError(result.problem)
    now = timezone.now()
    ledger.write_settlement(session, paid=result.paid, charges=result.charges, by=by, at=now)
    session.status = S.SETTLED
    session.settled_at = now
    session.save(update_fields=["status", "settled_at"])
    refresh_transfers(session.group)
    return result


@_locked
def reopen(session: CookingSession, *, by) -> None:
    """Undo a settlement by writing the opposite of each of its entries; the session can
    then be corrected and settled again."""
    lock_row(session)
    session.refresh_from_db()
    if session.status != S.SETTLED:
        raise SessionError(_("This session is not settled."))
    now = timezone.now()
    ledger.reverse_settlement(session, by=by, at=now)
    session.status = S.COOKED
    session.settled_at = None
    session.save(update_fields=["status", "settled_at"])
    refresh_transfers(session.group)


# Settling up between members ----------------------------------------------------------------


def _balances_counting_paid(group: Group) -> dict[int, int]:
    """The ledger's balances, with transfers marked paid (not yet confirmed) as done."""
    balances = ledger.balances(group)
    for pending in Transfer.objects.filter(group=group, status=Transfer.Status.PAID):
        balances[pending.debtor_id] = balances.get(pending.debtor_id, 0) + pending.amount_cents
        balances[pending.creditor_id] = balances.get(pending.creditor_id, 0) - pending.amount_cents
    return balances


@transaction.atomic
def refresh_transfers(group: Group) -> list[Transfer]:
    """Propose the transfers that settle the group's balances, counting the ones already
    marked paid as done. Proposals are suggestions, not money: they are replaced, under
    the group's lock so two refreshes cannot both write theirs."""
    lock_row(group)
    Transfer.objects.filter(group=group, status=Transfer.Status.PROPOSED).delete()
    balances = _balances_counting_paid(group)
    return Transfer.objects.bulk_create(
        Transfer(group=group, debtor_id=debtor, creditor_id=creditor, amount_cents=cents)
        for debtor, creditor, cents in _transfers_for(group, balances)
    )


@_locked
def mark_paid(transfer: Transfer, *, by, method: str) -> Transfer:
    """Either side says the money was given. Said by the receiver, it is also confirmed.
    Who may say it is the access module's question (groups.access.get_transfer_for_party)."""
    _lock_transfer(transfer)
    if transfer.status != Transfer.Status.PROPOSED:
        raise SessionError(_("This is already marked as paid."))
    transfer.status = Transfer.Status.PAID
    transfer.method = method
    transfer.paid_at = timezone.now()
    transfer.save(update_fields=["status", "method", "paid_at"])
    if by.pk == transfer.creditor.person_id:
        _confirm(transfer, by)
    return transfer


@_locked
def confirm(transfer: Transfer, *, by) -> Transfer:
    """The receiver says the money arrived: the ledger records it. Only the receiver may
    say so (the payer, a referent, a coordinator cannot)."""
    if getattr(by, "pk", None) != transfer.creditor.person_id:
        raise SessionError(_("Only the person who receives the money confirms it."))
    _lock_transfer(transfer)
    if transfer.status != Transfer.Status.PAID:
        raise SessionError(_("This transfer is not marked as paid."))
    _confirm(transfer, by)
    return transfer


def _lock_transfer(transfer: Transfer) -> None:
    """Proposals are replaced when balances change (under the group's lock): one seen a
    moment ago may be gone. The group first, then the transfer, in the same order as
    every refresh: a payment is never replaced while it is being marked."""
    lock_row(Group(pk=transfer.group_id))
    if not Transfer.objects.filter(pk=transfer.pk).exists():
        raise SessionError(_("The accounts have just changed. Look at them again."))
    lock_row(transfer)
    transfer.refresh_from_db()


def _confirm(transfer: Transfer, by) -> None:
    now = timezone.now()
    transfer.status = Transfer.Status.CONFIRMED
    transfer.confirmed_at = now
    transfer.save(update_fields=["status", "confirmed_at"])
    ledger.write_payment(transfer, by=by, at=now)
    refresh_transfers(transfer.group)
