"""One way to make each thing the tests need: people, groups and kitchens, foods, prices
and recipes, cooking sessions (a draft, then open, closed or cooked), events and their
registrations, pictures. Fixtures (tests/conftest.py and each app's conftest.py) call
these; a test calls them for what only it needs.

Dates are built so that the hour of the run cannot matter: a session or an event starts
at a fixed local time on a day ahead, never at "now + n hours", which crosses midnight
(or the night the clocks change) when the suite runs late in the evening. A test about
hours freezes the clock instead (the `time_machine` fixture or marker).
"""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from PIL import Image

from accounts.models import User
from accounts.services import create_person
from events.models import Event, Registration
from groups.models import Commune, Group, GroupStatusChange, Kitchen, Membership
from portions.models import CookingSession, Dish, Order
from portions.services import add_receipt, change_status, create_session, place_order, record_taken
from recipes.models import Food, Ingredient, Price, Recipe

BRUSSELS = ZoneInfo("Europe/Brussels")
S = CookingSession.Status


# Moments ---------------------------------------------------------------------------------


def local_moment(days: int, at: time = time(14, 0)) -> datetime:
    """An aware moment at a local time `days` days from today, in Brussels."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


def at(year: int, month: int, day: int, hour: int = 18, minute: int = 0) -> datetime:
    """A known moment in Brussels, 18:00 unless told otherwise."""
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


# People, groups, kitchens ------------------------------------------------------------------


def make_person(email: str | None, name: str, **fields) -> User:
    """Someone whose e-mail is verified, as if they had logged in once."""
    return create_person(email, name, email_verified=True, **fields)


def make_people(count: int, prefix: str = "cook") -> list[User]:
    """cook0@example.org "Cook 0", cook1@example.org "Cook 1", …"""
    return [make_person(f"{prefix}{i}@example.org", f"{prefix.title()} {i}") for i in range(count)]


def set_history(group: Group, *changes: tuple[date, str]) -> None:
    """The group's status history, replaced by `changes` ((day, status) each)."""
    GroupStatusChange.objects.filter(group=group).delete()
    GroupStatusChange.objects.bulk_create(
        GroupStatusChange(group=group, status=status, changed_on=day) for day, status in changes
    )


def make_group(slug: str, commune: str, neighbourhood: str, *changes: tuple[date, str]) -> Group:
    """A group named after its slug, with its status history (see `set_history`)."""
    group = Group.objects.create(
        name=slug.title(), slug=slug, commune=commune, neighbourhood=neighbourhood
    )
    set_history(group, *changes)
    return group


def make_kitchen(slug: str = "cbo") -> Kitchen:
    """A kitchen in Jette, named after its slug."""
    return Kitchen.objects.create(
        name=slug.upper(), slug=slug, address="Rue Léopold Ier 329", commune=Commune.JETTE
    )


# Foods, prices, recipes --------------------------------------------------------------------


def make_food(name: str, **fields) -> Food:
    return Food.objects.create(name=name, **fields)


def make_price(food: Food, cents: int, quantity="1", unit="kg", *, days_ago=10, group=None):
    """A price seen at the Marché du Midi `days_ago` days ago."""
    return Price.objects.create(
        food=food,
        amount_cents=cents,
        quantity=Decimal(quantity),
        unit=unit,
        source="Marché du Midi",
        observed_on=timezone.localdate() - timedelta(days=days_ago),
        group=group,
    )


def add_lines(recipe: Recipe, *lines) -> Recipe:
    """The recipe's ingredients, in order: (food, quantity or None, unit, scales) each."""
    for position, (food, quantity, unit, scales) in enumerate(lines):
        Ingredient.objects.create(
            recipe=recipe,
            position=position,
            food=food,
            quantity=None if quantity is None else Decimal(quantity),
            unit=unit,
            scales=scales,
        )
    return recipe


# Cooking sessions --------------------------------------------------------------------------


def make_session(
    group: Group,
    recipes,
    *,
    by: User | None = None,
    starts_at: datetime | None = None,
    deadline: datetime | None = None,
    max_portions: int | None = None,
    **fields,
) -> CookingSession:
    """A draft session of `group`, its menu `recipes`: each a Recipe (at most
    `max_portions` portions of it) or a (recipe, maximum) pair. In two days at 14:00, the
    pre-orders closing the day before at the same time, unless told otherwise; `fields`
    as create_session takes them (kitchen, booking, note…)."""
    starts_at = starts_at or local_moment(2)
    return create_session(
        group,
        starts_at=starts_at,
        deadline=deadline or starts_at - timedelta(days=1),
        recipes=[
            recipe if isinstance(recipe, tuple) else (recipe, max_portions) for recipe in recipes
        ],
        by=by,
        **fields,
    )


def cook(
    session: CookingSession,
    orders: dict[Membership, list[int]] | None = None,
    *,
    by: User | None = None,
    as_referent: bool = False,
    members_order: bool = False,
    until: str = S.COOKED,
    taken: dict[tuple[int, Membership], int] | None = None,
    not_charged: dict[int, tuple[int, int]] | None = None,
    receipts: dict[Membership, int] | None = None,
    **receipt_fields,
) -> CookingSession:
    """Take a draft session as far as `until` (open, closed or cooked), as `by` would.

    Opened, then the `orders` placed: {membership: [portions of each dish, in the menu's
    order]} (nothing for a 0), by `by` (as the referent when `as_referent`) or, with
    `members_order`, by each member. Closed, cooked. Then, when given, what was `taken`
    written down ({(dish index, membership): portions}) with what was `not_charged` ({dish
    index: (left to the group, given away)}), and the `receipts` entered ({payer
    membership: cents}, by `by`, with `receipt_fields` such as the shop)."""
    change_status(session, S.OPEN, by=by)
    dishes = list(session.dishes.all())
    for membership, portions in (orders or {}).items():
        wanted = {dish.pk: count for dish, count in zip(dishes, portions, strict=True) if count}
        ordered_by = membership.person if members_order else by
        place_order(session, membership, wanted, by=ordered_by, as_referent=as_referent)
    if until == S.OPEN:
        return session
    change_status(session, S.CLOSED, by=by)
    if until == S.CLOSED:
        return session
    change_status(session, S.COOKED, by=by)
    if taken is not None or not_charged is not None:
        record_taken(
            session,
            {(dishes[i].pk, m.pk): count for (i, m), count in (taken or {}).items()},
            by=by,
            not_charged={dishes[i].pk: pair for i, pair in (not_charged or {}).items()},
        )
    for payer, cents in (receipts or {}).items():
        add_receipt(session, payer=payer, amount_cents=cents, by=by, **receipt_fields)
    return session


def make_cooked_session(group, recipe, days_ago: int, portions: int, *, membership=None):
    """A session cooked `days_ago` days ago at 10:00, one dish, written straight to the
    database (the services refuse the past): `portions` left to the group or, given a
    `membership`, pre-ordered by that member."""
    day = timezone.localdate() - timedelta(days=days_ago)
    starts_at = timezone.make_aware(datetime.combine(day, time(10)))
    session = CookingSession.objects.create(
        group=group, starts_at=starts_at, deadline=starts_at, status=S.COOKED
    )
    if membership is None:
        Dish.objects.create(session=session, recipe=recipe, left_for_group=portions)
    else:
        dish = Dish.objects.create(session=session, recipe=recipe)
        Order.objects.create(dish=dish, membership=membership, ordered=portions)
    return session


# Events ------------------------------------------------------------------------------------


def make_event(**fields) -> Event:
    """An event in ten days, 14:00 to 17:00 local time (unless told otherwise)."""
    starts_at = fields.pop("starts_at", None) or local_moment(10)
    fields.setdefault("ends_at", starts_at + timedelta(hours=3))
    fields.setdefault("title", "Rendez-vous de printemps")
    return Event.objects.create(starts_at=starts_at, **fields)


def make_registration(
    event, *, person=None, name="", workshop=None, status=Registration.Status.CONFIRMED, **fields
) -> Registration:
    """A registration written straight to the database, as it stands after the event
    (register() refuses the past and counts places)."""
    return Registration.objects.create(
        event=event, person=person, name=name, workshop=workshop, status=status, **fields
    )


# Pictures ----------------------------------------------------------------------------------


def picture(fmt: str, size=(60, 40), mode="RGB", color="tomato", **save) -> bytes:
    """A plain picture made with Pillow: picture("JPEG"), picture("PNG", size=(8, 8))."""
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()
