"""A recipe as people read it for some number of portions: the lines scaled and fitted,
the equipment counted, the cost estimated from the price list, allergens and diets.

The recipe page, its PDF sheet, the booklet and the library cards all build a
`ScaledRecipe` here, and every number in it comes from recipes/quantities.py.
"""

import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils import timezone

from recipes import quantities
from recipes.allergens import Allergen, Diet, allergens_of, diets_of
from recipes.models import Food, Ingredient, Price, Recipe, RecipeEquipment

MOST_PORTIONS = 500  # more than any kitchen's pots; beyond, a typing mistake


class PriceBook:
    """The price that applies to each food for one group (or the movement): the group's
    own newest price if it has one, else the movement's newest."""

    def __init__(self, prices: list[Price], group_id: int | None = None):
        self.today = timezone.localdate()
        self._prices: dict[int, Price] = {}
        ranked = sorted(
            prices,
            key=lambda price: (price.group_id == group_id, price.observed_on, price.pk),
            reverse=True,
        )
        for price in ranked:
            if price.group_id in (None, group_id):
                self._prices.setdefault(price.food_id, price)

    @classmethod
    def load(cls, group_id: int | None, food_ids=None) -> "PriceBook":
        """One query. `food_ids` limits it to the foods of the recipes on the page."""
        prices = Price.objects.for_group(group_id).order_by()  # ranked below
        if food_ids is not None:
            prices = prices.filter(food_id__in=set(food_ids))
        return cls(list(prices), group_id)

    def get(self, food_id: int) -> Price | None:
        return self._prices.get(food_id)


@dataclass
class Line:
    ingredient: Ingredient
    food: Food
    shown: quantities.Shown | None  # None: no quantity ("salt to taste")
    exact_cents: Fraction | None  # None: could not be priced
    price: Price | None

    @property
    def name(self) -> str:
        """ "1 oignon", "3 oignons", and "1 kg carottes": counted things agree with their
        number, weighed ones read as plural."""
        if self.shown is None or self.shown.unit in ("piece", "bunch"):
            return self.food.name_for(self.shown.amount if self.shown else None)
        return self.food.plural_name()

    @property
    def is_piece(self) -> bool:
        return self.shown is not None and self.shown.unit == "piece"


@dataclass
class EquipmentLine:
    item: RecipeEquipment
    count: int


@dataclass
class ScaledRecipe:
    recipe: Recipe
    portions: int
    lines: list[Line]
    equipment: list[EquipmentLine] = field(default_factory=list)
    batch_cents: int = 0
    portion_cents: int | None = None  # None: nothing could be priced
    unpriced: list[Food] = field(default_factory=list)
    old_prices: list[Food] = field(default_factory=list)
    allergens: list[Allergen] = field(default_factory=list)
    diets: list[Diet] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.unpriced

    @property
    def badges(self) -> list[Diet]:
        """For a card: the one diet that says the most (vegan says vegetarian too)."""
        codes = [diet.code for diet in self.diets]
        for code in ("vegan", "vegetarian", "no_pork"):
            if code in codes:
                return [self.diets[codes.index(code)]]
        return []


def clamp_portions(value, default: int) -> int:
    """The portions asked in the address (?portions=48): a whole number from 1 to 500;
    anything else falls back to `default`."""
    try:
        portions = int(value)
    except (TypeError, ValueError):
        return default
    return portions if 1 <= portions <= MOST_PORTIONS else default


def _line(ingredient: Ingredient, recipe: Recipe, portions: int, book: PriceBook) -> Line:
    food = ingredient.food
    if ingredient.quantity is None:
        return Line(ingredient, food, None, None, None)
    amount = Fraction(ingredient.quantity)
    shown = quantities.fit_line(
        amount,
        ingredient.unit,
        written_for=recipe.portions,
        portions=portions,
        scales=ingredient.scales,
    )
    if shown.unit == "pinch":  # too little to weigh or to price
        return Line(ingredient, food, shown, Fraction(0), None)
    price = book.get(food.pk)
    exact = None
    if price is not None:
        try:
            exact = quantities.line_cost(
                amount,
                ingredient.unit,
                written_for=recipe.portions,
                portions=portions,
                scales=ingredient.scales,
                price_cents=price.amount_cents,
                price_amount=Fraction(price.quantity),
                price_unit=price.unit,
                **food.conversions,
            )
        except quantities.ConversionError:
            exact = None
    return Line(ingredient, food, shown, exact, price)


def scale_recipe(
    recipe: Recipe, portions: int, book: PriceBook, *, with_equipment: bool = True
) -> ScaledRecipe:
    """The recipe for `portions`. Its ingredients (with their food) and, when asked, its
    equipment must be prefetched: this runs no query."""
    ingredients = list(recipe.ingredients.all())
    lines = [_line(ingredient, recipe, portions, book) for ingredient in ingredients]
    foods = [line.food for line in lines]
    result = ScaledRecipe(
        recipe=recipe,
        portions=portions,
        lines=lines,
        allergens=allergens_of(foods),
        diets=diets_of(foods),
    )
    if with_equipment:
        result.equipment = [
            EquipmentLine(
                item,
                quantities.scale_count(item.quantity, recipe.portions, portions)
                if item.scales
                else item.quantity,
            )
            for item in recipe.equipment.all()
        ]
    priced = [line for line in lines if line.exact_cents is not None]
    result.unpriced = _unique(
        line.food for line in lines if line.shown is not None and line.exact_cents is None
    )
    result.old_prices = _unique(
        line.food for line in priced if line.price and line.price.is_old(book.today)
    )
    if priced:
        exact = quantities.batch_cost(line.exact_cents for line in priced)
        result.batch_cents = quantities.to_cents(exact)
        result.portion_cents = quantities.cost_per_portion(exact, portions)
    return result


def _unique(foods) -> list[Food]:
    seen = {}
    for food in foods:
        seen.setdefault(food.pk, food)
    return list(seen.values())


# The shopping list ------------------------------------------------------------------------
# Added for the sessions' shopping list (portions/printing.py): several recipes, each at
# its own number of portions, merged into what to buy, food by food, in shop order.

_BASE_UNIT = {
    quantities.Dimension.MASS: "g",
    quantities.Dimension.VOLUME: "ml",
    quantities.Dimension.COUNT: "piece",
    quantities.Dimension.BUNCH: "bunch",
}


@dataclass
class ShoppingLine:
    food: Food
    shown: quantities.Shown | None  # None: only "to taste"
    exact_cents: Fraction | None  # None: no price, or no way to convert to it
    price: Price | None
    to_taste: bool = False  # a recipe also asks for it "to taste" (or a pinch)
    recipes: list[Recipe] = field(default_factory=list)

    @property
    def name(self) -> str:
        if self.shown is None or self.shown.unit in ("piece", "bunch"):
            return self.food.name_for(self.shown.amount if self.shown else None)
        return self.food.plural_name()

    @property
    def cents(self) -> int | None:
        return None if self.exact_cents is None else quantities.to_cents(self.exact_cents)


@dataclass
class ShoppingSection:
    category: str  # a Food.Category value
    lines: list[ShoppingLine] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Food.Category(self.category).label

    @property
    def exact_cents(self) -> Fraction:
        return quantities.batch_cost(
            line.exact_cents for line in self.lines if line.exact_cents is not None
        )

    @property
    def total_cents(self) -> int:
        return quantities.to_cents(self.exact_cents)

    @property
    def unpriced(self) -> list[Food]:
        return [line.food for line in self.lines if line.shown and line.exact_cents is None]


def shopping_list(dishes: list[tuple[Recipe, int]], book: PriceBook) -> list[ShoppingSection]:
    """What to buy for several recipes, each for its own number of portions: one line per
    food, its quantities added up in the unit the food is sold in (onions counted in one
    recipe and weighed in another make one line, through the food's grams per piece), in
    sections in the order of a walk through the shop. A line that cannot be converted into
    the food's own unit stays a line of its own: nothing asked for is ever left out. Lines
    without a quantity (and pinches) read "to taste", once per food. Each line's cost comes
    from `book`, exact until a section's total is rounded once. The recipes' ingredients
    (with their food) must be prefetched: this runs no query."""
    totals: dict[tuple[int, quantities.Dimension | None], Fraction] = {}
    uses: dict[tuple[int, quantities.Dimension | None], list[Recipe]] = {}
    foods: dict[int, Food] = {}
    for recipe, portions in dishes:
        if portions <= 0:
            continue
        for ingredient in recipe.ingredients.all():
            food = foods.setdefault(ingredient.food_id, ingredient.food)
            if ingredient.quantity is None or ingredient.unit == "pinch":
                key, base = (food.pk, None), Fraction(0)
            else:
                amount = Fraction(ingredient.quantity)
                if ingredient.scales:
                    amount = quantities.scale(amount, recipe.portions, portions)
                try:
                    base = quantities.to_base(
                        amount, ingredient.unit, into=food.dimension, **food.conversions
                    )
                    key = (food.pk, food.dimension)
                except quantities.ConversionError:
                    base = quantities.to_base(amount, ingredient.unit)
                    key = (food.pk, quantities.dimension_of(ingredient.unit))
            totals[key] = totals.get(key, Fraction(0)) + base
            used = uses.setdefault(key, [])
            if recipe not in used:
                used.append(recipe)
    sections = {category: ShoppingSection(category) for category in Food.Category.values}
    for food in sorted(foods.values(), key=lambda food: _sort_key(food.local_name)):
        measured = sorted(
            (key for key in totals if key[0] == food.pk and key[1] is not None),
            key=lambda key: key[1] != food.dimension,  # the food's own unit first
        )
        lines = [_shopping_line(food, key[1], totals[key], book, uses[key]) for key in measured]
        if (food.pk, None) in totals:
            if lines:
                lines[0].to_taste = True
                lines[0].recipes += [r for r in uses[food.pk, None] if r not in lines[0].recipes]
            else:
                lines = [ShoppingLine(food, None, None, None, True, uses[food.pk, None])]
        sections[food.category].lines += lines
    return [section for section in sections.values() if section.lines]


def _shopping_line(
    food: Food, dimension: quantities.Dimension, base: Fraction, book: PriceBook, recipes
) -> ShoppingLine:
    price = book.get(food.pk)
    exact = None
    if price is not None:
        try:
            quantity = quantities.to_base(
                base,
                _BASE_UNIT[dimension],
                into=quantities.dimension_of(price.unit),
                **food.conversions,
            )
            exact = quantities.price_of(
                quantity,
                price.amount_cents,
                quantities.to_base(Fraction(price.quantity), price.unit),
            )
        except quantities.ConversionError:
            exact = None
    return ShoppingLine(food, quantities.fit(base, dimension), exact, price, recipes=list(recipes))


def _sort_key(name: str) -> str:
    """Alphabetical as people read it: "épinards" among the e's."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
