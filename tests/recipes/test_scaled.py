"""A recipe for some number of portions: lines, equipment, cost, allergens and diets.

The soup (tests/conftest.py), by hand, at the movement's prices:

    800 g carrots at 1,89 €/kg                    151,2  c
    3 onions × 150 g = 450 g at 1,49 €/kg          67,05 c
    400 g lentils at 3,49 €/kg                    139,6  c
    1 bunch of parsley at 0,99 € a bunch           99    c
    salt, no quantity                              —
                                                  ---------
    for 16 portions                               456,85 c → 4,57 € · 28,55 c → 0,29 € a portion
    for 48 portions (× 3)                        1370,55 c → 13,71 € · 28,55 c → 0,29 € a portion
"""

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from recipes.allergens import Allergen, to_mask
from recipes.models import Food, Ingredient, Price, Recipe
from recipes.scaled import MOST_PORTIONS, PriceBook, clamp_portions, scale_recipe
from tests.factories import add_lines, make_food, make_price

D = Decimal


def load(recipe: Recipe) -> Recipe:
    """The recipe with what scale_recipe needs prefetched (it runs no query itself)."""
    return Recipe.objects.with_lines().prefetch_related("equipment").get(pk=recipe.pk)


def scaled(recipe: Recipe, portions: int, group_id: int | None = None):
    recipe = load(recipe)
    book = PriceBook.load(group_id, [line.food_id for line in recipe.ingredients.all()])
    return scale_recipe(recipe, portions, book)


def by_food(result) -> dict[str, object]:
    return {line.food.name: line for line in result.lines}


def codes(diets) -> set[str]:
    return {diet.code for diet in diets}


# The price book -----------------------------------------------------------------------------


def test_the_newest_movement_price_wins(foods):
    carrot = foods["carrot"]
    make_price(carrot, 210, days_ago=400)
    newest = make_price(carrot, 199, days_ago=1)
    make_price(carrot, 150, days_ago=30)

    book = PriceBook.load(None, [carrot.pk])

    assert book.get(carrot.pk) == newest
    assert book.get(carrot.pk).amount_cents == 199


def test_on_the_same_day_the_price_recorded_last_wins(foods):
    carrot = foods["carrot"]
    make_price(carrot, 150, days_ago=0)
    last = make_price(carrot, 160, days_ago=0)

    assert PriceBook.load(None, [carrot.pk]).get(carrot.pk) == last


def test_a_groups_own_price_wins_for_that_group_only(foods, group, other_group):
    carrot = foods["carrot"]
    own = make_price(carrot, 120, days_ago=60, group=group)  # older than the movement's
    newest = make_price(carrot, 199, days_ago=1)

    assert PriceBook.load(group.pk, [carrot.pk]).get(carrot.pk) == own
    assert PriceBook.load(other_group.pk, [carrot.pk]).get(carrot.pk) == newest
    assert PriceBook.load(None, [carrot.pk]).get(carrot.pk) == newest
    # Given every price, the book still keeps only the group's own and the movement's.
    everything = list(Price.objects.filter(food=carrot))
    assert PriceBook(everything, other_group.pk).get(carrot.pk) == newest
    assert PriceBook(everything, None).get(carrot.pk) == newest


def test_a_price_of_another_group_is_never_used(foods, group, other_group):
    salt = foods["salt"]  # no movement price
    make_price(salt, 50, group=other_group)

    assert PriceBook.load(group.pk, [salt.pk]).get(salt.pk) is None
    assert PriceBook.load(None, [salt.pk]).get(salt.pk) is None
    assert PriceBook.load(other_group.pk, [salt.pk]).get(salt.pk).amount_cents == 50


def test_the_book_is_loaded_in_one_query_for_the_foods_asked(foods, django_assert_num_queries):
    with django_assert_num_queries(1):
        book = PriceBook.load(None, [foods["carrot"].pk, foods["onion"].pk])

    assert book.get(foods["carrot"].pk).amount_cents == 189
    assert book.get(foods["lentils"].pk) is None  # not asked


# The soup, scaled -------------------------------------------------------------------------


def test_the_soup_for_its_16_portions_costs_4_57_and_0_29_a_portion(soup):
    result = scaled(soup, 16)

    assert result.portions == 16
    assert result.batch_cents == 457  # 456.85 cents
    assert result.portion_cents == 29  # 28.55 cents
    lines = by_food(result)
    assert lines["carotte"].exact_cents == Fraction(1512, 10)
    assert lines["oignon"].exact_cents == Fraction(6705, 100)
    assert lines["lentilles corail"].exact_cents == Fraction(1396, 10)
    assert lines["persil"].exact_cents == 99


def test_the_soup_for_48_portions_costs_13_71_and_still_0_29_a_portion(soup):
    result = scaled(soup, 48)

    assert result.batch_cents == 1371  # 1370.55 cents
    assert result.portion_cents == 29
    assert sum(line.exact_cents for line in result.lines if line.exact_cents) == Fraction(
        137055, 100
    )


def test_the_soup_lines_for_48_portions_read_as_a_cook_buys(soup):
    result = scaled(soup, 48)
    shown = [
        (line.name, line.shown and (line.shown.amount, line.shown.unit)) for line in result.lines
    ]

    assert shown == [
        ("carottes", (D("2.4"), "kg")),
        ("oignons", (D("9"), "piece")),
        ("lentilles corail", (D("1.2"), "kg")),
        ("persil", (D("3"), "bunch")),
        ("sel", None),  # salt to taste: no quantity, whatever the portions
    ]
    assert [line.is_piece for line in result.lines] == [False, True, False, False, False]


def test_one_onion_keeps_the_singular_name(soup):
    result = scaled(soup, 5)  # 3 × 5 / 16 = 0.94 onion: rounded up to 1

    onion = by_food(result)["oignon"]
    assert (onion.shown.amount, onion.name) == (D("1"), "oignon")


def test_a_line_that_does_not_scale_stays_as_written(soup, foods):
    Ingredient.objects.create(
        recipe=soup, position=9, food=foods["flour"], quantity=D("30"), unit="g", scales=False
    )

    for portions in (8, 48, 160):
        flour = by_food(scaled(soup, portions))["farine"]
        assert (flour.shown.amount, flour.shown.unit) == (D("30"), "g")
        assert flour.exact_cents == Fraction(30 * 99, 1000)  # 0.99 €/kg, always for 30 g


def test_equipment_is_counted_in_whole_pots_and_a_blender_stays_one(soup):
    counts = {line.item.name: line.count for line in scaled(soup, 48).equipment}
    assert counts == {"Marmite": 3, "Mixeur": 1}

    assert {line.item.name: line.count for line in scaled(soup, 8).equipment} == {
        "Marmite": 1,
        "Mixeur": 1,
    }
    assert {line.item.name: line.count for line in scaled(soup, 17).equipment}["Marmite"] == 2


def test_without_equipment_asked_none_is_counted(soup):
    recipe = Recipe.objects.with_lines().get(pk=soup.pk)
    book = PriceBook.load(None, [line.food_id for line in recipe.ingredients.all()])

    assert scale_recipe(recipe, 48, book, with_equipment=False).equipment == []


# What cannot be priced ------------------------------------------------------------------------


def test_salt_without_a_quantity_is_not_counted_as_unpriced(soup):
    result = scaled(soup, 16)

    assert result.unpriced == []
    assert result.is_complete


def test_a_food_without_a_price_is_listed_and_the_rest_still_costed(soup, foods):
    Ingredient.objects.create(
        recipe=soup, position=9, food=foods["salt"], quantity=D("20"), unit="g"
    )

    result = scaled(soup, 16)

    assert result.unpriced == [foods["salt"]]
    assert not result.is_complete
    assert result.batch_cents == 457  # the other lines, as before
    assert by_food(result)["sel"].exact_cents is None


def test_a_unit_that_cannot_convert_to_the_prices_unit_is_listed(foods, group):
    # Lentils are priced per kg and say nothing of the weight of a "piece" (the form
    # refuses this line; an older line or the admin may still hold one).
    recipe = add_lines(
        Recipe.objects.create(title="Dahl", author_group=group),
        (foods["lentils"], "2", "piece", True),
        (foods["carrot"], "1", "kg", True),
    )

    result = scaled(recipe, 16)

    assert result.unpriced == [foods["lentils"]]
    assert result.batch_cents == 189
    assert result.portion_cents == 12  # 189 / 16 = 11.8
    assert by_food(result)["lentilles corail"].shown.amount == D("2")


def test_a_food_without_any_line_priced_has_no_price_per_portion(foods, group):
    recipe = add_lines(
        Recipe.objects.create(title="Eau salée", author_group=group),
        (foods["salt"], "10", "g", True),
    )

    result = scaled(recipe, 16)

    assert result.portion_cents is None
    assert result.batch_cents == 0
    assert result.unpriced == [foods["salt"]]


def test_the_same_unpriced_food_on_two_lines_is_listed_once(foods, group):
    recipe = add_lines(
        Recipe.objects.create(title="Deux sels", author_group=group),
        (foods["salt"], "10", "g", True),
        (foods["salt"], "5", "g", False),
    )

    assert scaled(recipe, 16).unpriced == [foods["salt"]]


def test_a_price_more_than_a_year_old_is_flagged(foods, group):
    recipe = add_lines(
        Recipe.objects.create(title="Pain", author_group=group),
        (foods["flour"], "1", "kg", True),  # priced 500 days ago
        (foods["carrot"], "1", "kg", True),  # 10 days ago
    )

    result = scaled(recipe, 16)

    assert result.old_prices == [foods["flour"]]
    assert result.batch_cents == 99 + 189  # an old price still counts


def test_a_price_of_exactly_a_year_is_not_old_one_more_day_is(foods):
    today = timezone.localdate()
    carrot = foods["carrot"]
    a_year = Price(food=carrot, amount_cents=1, observed_on=today - timedelta(days=365))
    older = Price(food=carrot, amount_cents=1, observed_on=today - timedelta(days=366))

    assert not a_year.is_old(today)
    assert older.is_old(today)


# Allergens and diets ---------------------------------------------------------------------------


def test_the_soup_suits_every_diet_and_has_no_allergen(soup):
    result = scaled(soup, 16)

    assert codes(result.diets) == {"vegetarian", "vegan", "no_pork", "no_alcohol"}
    assert result.allergens == []
    assert codes(result.badges) == {"vegan"}


def test_milk_makes_it_vegetarian_not_vegan_with_the_milk_allergen(soup, foods):
    Ingredient.objects.create(recipe=soup, position=9, food=foods["milk"], quantity=1, unit="l")

    result = scaled(soup, 16)

    assert codes(result.diets) == {"vegetarian", "no_pork", "no_alcohol"}
    assert result.allergens == [Allergen.MILK]
    assert codes(result.badges) == {"vegetarian"}


def test_chicken_makes_it_neither_vegetarian_nor_vegan_but_without_pork(soup, foods):
    Ingredient.objects.create(recipe=soup, position=9, food=foods["chicken"], quantity=1, unit="kg")

    result = scaled(soup, 16)

    assert codes(result.diets) == {"no_pork", "no_alcohol"}
    assert codes(result.badges) == {"no_pork"}


def test_pork_takes_away_no_pork_and_alcohol_no_alcohol(soup):
    bacon = make_food("lardons", is_meat=True, is_pork=True)
    wine = make_food("vin blanc", sold_by=Food.SoldBy.VOLUME, is_alcohol=True)
    Ingredient.objects.create(recipe=soup, position=9, food=bacon, quantity=200, unit="g")
    Ingredient.objects.create(recipe=soup, position=10, food=wine, quantity=25, unit="cl")

    result = scaled(soup, 16)

    assert result.diets == []
    assert result.badges == []


def test_allergens_of_all_the_foods_are_gathered_once_in_their_order(soup, foods):
    mustard = make_food("moutarde", allergens=to_mask([Allergen.MUSTARD, Allergen.SULPHITES]))
    for position, food in enumerate([foods["flour"], mustard, foods["flour"]], start=9):
        Ingredient.objects.create(recipe=soup, position=position, food=food, quantity=5, unit="g")

    result = scaled(soup, 16)

    assert result.allergens == [Allergen.GLUTEN, Allergen.MUSTARD, Allergen.SULPHITES]


# Portions asked in the address -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("48", 48),
        ("1", 1),
        (str(MOST_PORTIONS), MOST_PORTIONS),
        ("0", 16),
        ("-3", 16),
        ("abc", 16),
        ("501", 16),
        ("4.5", 16),
        ("", 16),
        (None, 16),
    ],
)
def test_the_portions_asked_are_a_whole_number_from_1_to_500(value, expected):
    assert clamp_portions(value, 16) == expected


def test_the_fallback_is_the_recipes_own_portions():
    assert clamp_portions("abc", 10) == 10
    assert clamp_portions(None, 24) == 24


# Property: the price of a portion does not depend on how many are cooked ----------------------

LINE_UNITS = {  # line unit: (what the food is sold by, price units that fit)
    "g": (Food.SoldBy.MASS, ["kg", "g"]),
    "kg": (Food.SoldBy.MASS, ["kg", "g"]),
    "piece": (Food.SoldBy.MASS, ["kg"]),  # through grams_per_piece
    "ml": (Food.SoldBy.VOLUME, ["l", "cl"]),
    "l": (Food.SoldBy.VOLUME, ["l"]),
    "bunch": (Food.SoldBy.BUNCH, ["bunch"]),
}


@st.composite
def priced_lines(draw):
    count = draw(st.integers(1, 10))
    lines = []
    for index in range(count):
        unit = draw(st.sampled_from(sorted(LINE_UNITS)))
        sold_by, price_units = LINE_UNITS[unit]
        lines.append(
            {
                "index": index,
                "unit": unit,
                "sold_by": sold_by,
                "quantity": draw(st.decimals(D("0.001"), D("5000"), places=3)),
                "grams_per_piece": draw(st.integers(1, 2000)),
                "price_cents": draw(st.integers(1, 100_000)),
                "price_quantity": draw(st.decimals(D("0.001"), D("100"), places=3)),
                "price_unit": draw(st.sampled_from(price_units)),
            }
        )
    return lines


def unsaved_recipe(lines: list[dict], written_for: int) -> tuple[Recipe, PriceBook]:
    """A recipe and its prices in memory only: scale_recipe runs no query."""
    recipe = Recipe(pk=1, title="Au hasard", portions=written_for)
    ingredients, prices = [], []
    for line in lines:
        food = Food(
            pk=line["index"] + 1,
            name=f"food {line['index']}",
            sold_by=line["sold_by"],
            grams_per_piece=D(line["grams_per_piece"]),
        )
        ingredient = Ingredient(
            recipe=recipe,
            position=line["index"],
            food=food,
            quantity=line["quantity"],
            unit=line["unit"],
            scales=True,
        )
        ingredients.append(ingredient)
        prices.append(
            Price(
                pk=line["index"] + 1,
                food=food,
                amount_cents=line["price_cents"],
                quantity=line["price_quantity"],
                unit=line["price_unit"],
                observed_on=timezone.localdate(),
            )
        )
    recipe._prefetched_objects_cache = {"ingredients": ingredients, "equipment": []}
    return recipe, PriceBook(prices)


@settings(deadline=None)  # what it proves is the cents; timing on a busy 2-core machine varies
@given(
    lines=priced_lines(),
    written_for=st.integers(1, 100),
    portions=st.tuples(st.integers(1, MOST_PORTIONS), st.integers(1, MOST_PORTIONS)),
)
def test_the_price_of_a_portion_moves_by_at_most_a_cent_with_the_portions(
    lines, written_for, portions
):
    recipe, book = unsaved_recipe(lines, written_for)
    first, second = (scale_recipe(recipe, p, book) for p in portions)

    assert first.unpriced == second.unpriced == []
    assert first.portion_cents is not None
    assert abs(first.portion_cents - second.portion_cents) <= 1
