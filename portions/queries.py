"""Read-only views of sessions for the pages, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from portions.models import CookingSession, Dish, LedgerEntry, Order
from recipes.models import Ingredient
from recipes.scaled import PriceBook, scale_recipe

LINES = Prefetch("recipe__ingredients", Ingredient.objects.select_related("food"))


@dataclass
class MenuLine:
    dish: Dish
    estimate_cents: int | None  # per portion, from the price list
    mine: int = 0  # the person's portions
    ordered: int = 0  # everyone's

    @property
    def left(self) -> int | None:
        if self.dish.max_portions is None:
            return None
        return max(self.dish.max_portions - self.ordered, 0)

    @property
    def to_complete_batch(self) -> int:
        """Portions that would complete the last batch: "4 more would fill the pot"."""
        size = self.dish.batch_portions
        if size <= 1 or not self.ordered or self.ordered % size == 0:
            return 0
        return size - self.ordered % size

    @property
    def to_cook(self) -> int:
        """The ordered total rounded up to whole batches, but never beyond the pots."""
        size = self.dish.batch_portions
        if size <= 1:
            return self.ordered
        batches = -(-self.ordered // size) * size
        most = self.dish.max_portions
        return max(self.ordered, min(batches, most)) if most else batches


@dataclass
class Menu:
    session: CookingSession
    lines: list[MenuLine] = field(default_factory=list)

    @property
    def my_total_cents(self) -> int:
        return sum(line.mine * (line.estimate_cents or 0) for line in self.lines)

    @property
    def my_portions(self) -> int:
        return sum(line.mine for line in self.lines)

    @property
    def ordered(self) -> int:
        return sum(line.ordered for line in self.lines)


def menu(session: CookingSession, person) -> Menu:
    """The dishes of a session, their estimated price per portion, what everyone and
    what `person` ordered. Four queries."""
    dishes = list(
        Dish.objects.filter(session=session).select_related("recipe").prefetch_related(LINES)
    )
    return _menu(session, dishes, person)


def _menu(session, dishes, person) -> Menu:
    foods = {line.food_id for dish in dishes for line in dish.recipe.ingredients.all()}
    book = PriceBook.load(session.group_id, foods)
    totals: dict[int, int] = {}
    mine: dict[int, int] = {}
    rows = Order.objects.filter(dish__session=session).values_list(
        "dish", "membership__person", "ordered"
    )
    for dish_id, person_id, ordered in rows:
        totals[dish_id] = totals.get(dish_id, 0) + ordered
        if person_id == person.pk:
            mine[dish_id] = ordered
    result = Menu(session)
    for dish in dishes:
        estimate = scale_recipe(dish.recipe, dish.recipe.portions, book, with_equipment=False)
        result.lines.append(
            MenuLine(dish, estimate.portion_cents, mine.get(dish.pk, 0), totals.get(dish.pk, 0))
        )
    return result


def next_menu(person) -> Menu | None:
    """The next session open for pre-orders in one of the person's groups, with its menu.
    Four queries: the dishes (with their session and recipe), their ingredients, the
    prices, the orders."""
    sessions = CookingSession.objects.filter(
        group__memberships__person=person,
        group__memberships__left_on__isnull=True,
        status=CookingSession.Status.OPEN,
        starts_at__gte=timezone.now(),
    ).order_by("starts_at", "pk")
    first = sessions.values("pk")[:1]
    dishes = list(
        Dish.objects.filter(session__in=first)
        .select_related("session__group", "session__kitchen", "recipe")
        .prefetch_related(LINES)
    )
    if not dishes:
        return None
    return _menu(dishes[0].session, dishes, person)


def with_my_balance(groups, person):
    """Groups annotated with `my_balance`: the person's balance there, in cents (positive:
    the group owes them). No extra query."""
    mine = (
        LedgerEntry.objects.filter(group=OuterRef("pk"), membership__person=person)
        .values("group")
        .annotate(total=Sum("amount_cents"))
        .values("total")
    )
    return groups.annotate(my_balance=Coalesce(Subquery(mine[:1]), 0))
