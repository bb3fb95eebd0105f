"""Demo cooking sessions: a year of settled sessions in "Ça Chauffe", the brief's worked
example cooked last Saturday and waiting to be settled, and an open session taking
pre-orders; a few sessions in "Les Mosaïques de Saveurs" too.

Everything goes through portions/services.py, as the pages would: the ledger is only
written by settling sessions and confirming transfers."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import User
from groups.models import Group, Kitchen, Membership
from portions import services
from portions.models import CookingSession, Transfer
from recipes.models import Ingredient, Recipe
from recipes.scaled import PriceBook, scale_recipe

S = CookingSession.Status
SATURDAY = 5

# Oldest first, one every six weeks before the worked example: two dishes each.
CA_CHAUFFE_PAST = [
    ("Hachis parmentier", "Soupe de potiron"),
    ("Dahl de lentilles corail", "Gratin de chou-fleur du samedi"),
    ("Couscous aux légumes", "Soupe de légumes de saison"),
    ("Chili sin carne", "Riz cantonais"),
    ("Ratatouille et riz", "Curry de pois chiches aux épinards"),
    ("Penne au pesto et aux courgettes", "Tajine aux pois chiches (variante)"),
    ("Lasagne aux légumes", "Bolognaise aux lentilles (variante)"),
    ("Hachis parmentier aux lentilles (variante)", "Soupe de potiron"),
]
CA_CHAUFFE_COOKS = [
    "amina@example.org",
    "ferhat@example.org",
    "sadika@example.org",
    "melvin@example.org",
]
# The worked example of the product brief: {cook: {dish: portions}}, then the receipts.
WORKED_EXAMPLE_DISHES = ("Tajine de poulet aux légumes", "Soupe de légumes de saison")
WORKED_EXAMPLE_ORDERS = {
    "amina@example.org": (6, 4),
    "ferhat@example.org": (4, 0),
    "sadika@example.org": (6, 8),
    "melvin@example.org": (0, 4),
}
WORKED_EXAMPLE_RECEIPTS = [
    ("amina@example.org", 3840, "Marché du Midi"),
    ("sadika@example.org", 2115, "Colruyt"),
]
# The next session: Amina (the newcomer of the demo) has not pre-ordered yet.
CA_CHAUFFE_OPEN_DISHES = (("Dahl de lentilles corail", 30), ("Soupe de potiron", None))
CA_CHAUFFE_OPEN_ORDERS = {
    "ferhat@example.org": (6, 0),
    "sadika@example.org": (4, 6),
    "melvin@example.org": (0, 5),
}

MOSAIQUES_PAST = [
    ("Mafé de légumes", "Soupe de légumes de saison"),
    ("Shakshuka", "Lasagne aux légumes"),
    ("Tajine de poulet aux légumes", "Couscous aux légumes"),
]
MOSAIQUES_COOKS = ["nadia@example.org", "voisin@example.org"]
MOSAIQUES_OPEN_DISHES = (("Mafé de légumes", None), ("Couscous aux légumes", 24))
MOSAIQUES_OPEN_ORDERS = {"voisin@example.org": (4, 3)}

SHOPS = ["Colruyt", "Marché du Midi", "Aldi", "Lidl", "Delhaize", "Cultureghem"]
NOTE = "Apportez vos boîtes, avec votre nom dessus."


@transaction.atomic
def seed_sessions(groups: dict[str, Group], people: dict[str, User]) -> list[CookingSession]:
    """The demo sessions of "Ça Chauffe" and "Les Mosaïques de Saveurs". A group that has
    sessions already is left alone, so running it again changes nothing."""
    today = timezone.localdate()
    last_saturday = today - timedelta(days=(today.weekday() - SATURDAY) % 7 or 7)
    next_saturday = today + timedelta(days=(SATURDAY - today.weekday()) % 7 or 7)
    recipes = {recipe.title: recipe for recipe in _recipes()}
    kitchen = Kitchen.objects.get(slug="bouillon-de-cultures")

    ca_chauffe = groups["ca-chauffe"]
    if not ca_chauffe.sessions.exists():
        demo = _Demo(ca_chauffe, people["referente@example.org"], kitchen, recipes, time(9))
        for n, titles in enumerate(CA_CHAUFFE_PAST):
            day = last_saturday - timedelta(weeks=6 * (len(CA_CHAUFFE_PAST) - n))
            demo.past(day, titles, CA_CHAUFFE_COOKS)
            if n % 2 and n < len(CA_CHAUFFE_PAST) - 2:  # balances carry over in between
                demo.settle_up(everything=True)
        demo.settle_up(everything=False)  # the rest shows on the members' pages
        demo.worked_example(last_saturday)
        demo.open(next_saturday + timedelta(days=7), CA_CHAUFFE_OPEN_DISHES, CA_CHAUFFE_OPEN_ORDERS)

    mosaiques = groups["les-mosaiques-de-saveurs"]
    if not mosaiques.sessions.exists():
        demo = _Demo(mosaiques, people["nadia@example.org"], kitchen, recipes, time(15))
        for n, titles in enumerate(MOSAIQUES_PAST):
            day = last_saturday - timedelta(weeks=4 * (len(MOSAIQUES_PAST) - n) - 1)
            demo.past(day, titles, MOSAIQUES_COOKS)
            if n < len(MOSAIQUES_PAST) - 1:  # the last one is not paid back yet
                demo.settle_up(everything=True)
        demo.open(next_saturday + timedelta(days=7), MOSAIQUES_OPEN_DISHES, MOSAIQUES_OPEN_ORDERS)

    return list(
        CookingSession.objects.filter(group__in=[ca_chauffe, mosaiques]).order_by(
            "group", "starts_at"
        )
    )


def _recipes() -> list[Recipe]:
    titles = {title for menu in CA_CHAUFFE_PAST + MOSAIQUES_PAST for title in menu}
    titles |= set(WORKED_EXAMPLE_DISHES)
    titles |= {title for title, _ in CA_CHAUFFE_OPEN_DISHES + MOSAIQUES_OPEN_DISHES}
    found = list(
        Recipe.objects.filter(title__in=titles).prefetch_related(
            Prefetch("ingredients", Ingredient.objects.select_related("food"))
        )
    )
    if missing := titles - {recipe.title for recipe in found}:
        raise ValueError("Demo sessions need these demo recipes: " + ", ".join(sorted(missing)))
    return found


class _Demo:
    """One group's demo sessions, made one after the other as its referent would."""

    def __init__(self, group, referent, kitchen, recipes, starts_at):
        self.group, self.referent, self.kitchen = group, referent, kitchen
        self.recipes, self.starts_at = recipes, starts_at
        self.recipes_by_pk = {recipe.pk: recipe for recipe in recipes.values()}
        self.members = {
            membership.person.email: membership
            for membership in Membership.objects.current()
            .filter(group=group)
            .select_related("person")
        }
        # Demo figures, not secrets: the same group always gets the same ones.
        self.random = random.Random(group.slug)  # noqa: S311
        self.book = PriceBook.load(group.pk)

    def _create(self, day: date, dishes, *, note="") -> CookingSession:
        starts_at = timezone.make_aware(datetime.combine(day, self.starts_at))
        thursday = day - timedelta(days=2)
        session = services.create_session(
            self.group,
            starts_at=starts_at,
            deadline=timezone.make_aware(datetime.combine(thursday, time(20))),
            recipes=[(self.recipes[title], most) for title, most in dishes],
            kitchen=self.kitchen,
            note=note,
            by=self.referent,
        )
        services.change_status(session, S.OPEN, by=self.referent)
        return session

    def _order(self, session: CookingSession, orders: dict[str, tuple[int, ...]], *, as_referent):
        dishes = list(session.dishes.all())
        for email, portions in orders.items():
            membership = self.members[email]
            services.place_order(
                session,
                membership,
                {dish.pk: count for dish, count in zip(dishes, portions, strict=True) if count},
                by=membership.person,
                as_referent=as_referent,
            )

    def _cook(self, session: CookingSession) -> None:
        services.change_status(session, S.CLOSED, by=self.referent)
        services.change_status(session, S.COOKED, by=self.referent)

    def past(self, day: date, titles: tuple[str, str], cooks: list[str]) -> CookingSession:
        """A session cooked and settled: pre-orders, portions taken, receipts, settled."""
        session = self._create(day, [(title, None) for title in titles])
        self._order(session, self._pre_orders(cooks, len(titles)), as_referent=True)
        self._cook(session)
        dishes = list(session.dishes.prefetch_related("orders"))
        taken = {
            (dish.pk, order.membership_id): order.ordered
            for dish in dishes
            for order in dish.orders.all()
        }
        if self.random.random() < 0.4:  # someone took one more than pre-ordered
            key = self.random.choice(sorted(taken))
            taken[key] += 1
        given_away = {}
        if self.random.random() < 0.3:  # a portion for a neighbour
            given_away[self.random.choice(dishes).pk] = (0, 1)
        services.record_taken(session, taken, by=self.referent, not_charged=given_away)

        cooked = {dish.pk: sum(n for (d, _), n in taken.items() if d == dish.pk) for dish in dishes}
        for dish_id, (left, given) in given_away.items():
            cooked[dish_id] += left + given
        total = self._shopping_cents(dishes, cooked)
        payers = self.random.sample(cooks, 2 if self.random.random() < 0.6 else 1)
        shares = [total] if len(payers) == 1 else self._two_shares(total)
        shops = self.random.sample(SHOPS, len(payers))
        for email, cents, shop in zip(payers, shares, shops, strict=True):
            services.add_receipt(
                session, payer=self.members[email], amount_cents=cents, shop=shop, by=self.referent
            )
        services.settle(session, by=self.referent)
        return session

    def _pre_orders(self, cooks: list[str], dishes: int) -> dict[str, tuple[int, ...]]:
        """3 to 8 portions of most dishes for every cook, each dish ordered by someone."""
        while True:
            orders = {
                email: tuple(
                    self.random.randint(3, 8) if self.random.random() < 0.7 else 0
                    for _ in range(dishes)
                )
                for email in cooks
            }
            everyone = all(any(portions) for portions in orders.values())
            every_dish = all(any(p[i] for p in orders.values()) for i in range(dishes))
            if everyone and every_dish:
                return orders

    def _shopping_cents(self, dishes, cooked: dict[int, int]) -> int:
        """The price list's estimate for what was cooked, give or take what the market
        asked that day: between 1 € and 3 € a portion."""
        total = 0
        for dish in dishes:
            portions = cooked[dish.pk]
            recipe = self.recipes_by_pk[dish.recipe_id]  # with its ingredients
            scaled = scale_recipe(recipe, portions, self.book, with_equipment=False)
            cents = round(scaled.batch_cents * self.random.uniform(0.9, 1.12))
            total += min(max(cents, 100 * portions), 300 * portions)
        return total

    def _two_shares(self, total: int) -> list[int]:
        first = round(total * self.random.uniform(0.5, 0.75))
        return [first, total - first]

    def settle_up(self, *, everything: bool) -> None:
        """Pay the proposed transfers (or only the largest one), as members do: the debtor
        says it is paid and the creditor confirms, or the creditor says it arrived."""
        while proposed := Transfer.objects.filter(
            group=self.group, status=Transfer.Status.PROPOSED
        ).first():
            method = self.random.choice(Transfer.Method.values)
            if self.random.random() < 0.5:
                services.mark_paid(proposed, by=proposed.debtor.person, method=method)
                services.confirm(proposed, by=proposed.creditor.person)
            else:
                services.mark_paid(proposed, by=proposed.creditor.person, method=method)
            if not everything:
                return

    def worked_example(self, day: date) -> CookingSession:
        """The product brief's session, cooked and waiting to be settled."""
        session = self._create(day, [(title, None) for title in WORKED_EXAMPLE_DISHES])
        self._order(session, WORKED_EXAMPLE_ORDERS, as_referent=True)
        self._cook(session)
        for email, cents, shop in WORKED_EXAMPLE_RECEIPTS:
            services.add_receipt(
                session, payer=self.members[email], amount_cents=cents, shop=shop, by=self.referent
            )
        return session

    def open(self, day: date, dishes, orders: dict[str, tuple[int, ...]]) -> CookingSession:
        """A session taking pre-orders until the Thursday before."""
        session = self._create(day, dishes, note=NOTE)
        self._order(session, orders, as_referent=False)
        return session
