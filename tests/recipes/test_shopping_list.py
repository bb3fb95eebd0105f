"""The shopping list of several recipes, each at its own number of portions.

The soup (tests/conftest.py) for 48 portions, and a "carrot tajine" written here for
16, at the movement's prices:

    carrots   800 g × 3 = 2,400 g  +  1,000 g             = 3,400 g  at 1,89 €/kg  642,6  c
    onions    3 × 3 = 9 pieces × 150 g = 1,350 g  +  300 g = 1,650 g  at 1,49 €/kg  245,85 c
"""

from decimal import Decimal
from fractions import Fraction

import pytest

from recipes import quantities
from recipes.models import Food, Recipe
from recipes.scaled import PriceBook, scale_recipe, shopping_list
from tests.factories import add_lines, make_food

D = Decimal


def load(*recipes: Recipe) -> list[Recipe]:
    """The recipes with their lines prefetched, in the order given."""
    loaded = Recipe.objects.with_lines().in_bulk([recipe.pk for recipe in recipes])
    return [loaded[recipe.pk] for recipe in recipes]


def book_for(*recipes: Recipe, group_id=None) -> PriceBook:
    foods = {line.food_id for recipe in recipes for line in recipe.ingredients.all()}
    return PriceBook.load(group_id, foods)


def shop(dishes: list[tuple[Recipe, int]]):
    recipes = load(*(recipe for recipe, _portions in dishes))
    loaded = [(recipe, portions) for recipe, (_r, portions) in zip(recipes, dishes, strict=True)]
    return shopping_list(loaded, book_for(*recipes))


def lines_of(sections) -> dict[str, list]:
    found = {}
    for section in sections:
        for line in section.lines:
            found.setdefault(line.food.name, []).append(line)
    return found


def shown(line) -> str:
    return f"{line.shown.amount} {line.shown.unit}"


@pytest.fixture
def carrot_tajine(foods) -> Recipe:
    recipe = Recipe.objects.create(title="Tajine aux carottes")
    return add_lines(
        recipe,
        (foods["carrot"], "1000", "g", True),
        (foods["onion"], "300", "g", True),
        (foods["chicken"], "2", "kg", True),
    )


def test_two_recipes_sharing_carrots_and_onions_make_one_line_each(soup, carrot_tajine):
    sections = shop([(soup, 48), (carrot_tajine, 16)])

    lines = lines_of(sections)
    assert len(lines["carotte"]) == 1
    assert shown(lines["carotte"][0]) == "3.4 kg"
    assert lines["carotte"][0].name == "carottes"
    assert [recipe.title for recipe in lines["carotte"][0].recipes] == [
        "Soupe de carottes",
        "Tajine aux carottes",
    ]
    # 9 onions counted in the soup (× 150 g) and 300 g weighed in the tajine: 1,650 g.
    assert len(lines["oignon"]) == 1
    assert shown(lines["oignon"][0]) == "1.7 kg"
    assert lines["oignon"][0].exact_cents == Fraction(1650 * 149, 1000)


def test_800_g_for_16_portions_is_2_4_kg_for_48(soup):
    (carrots,) = lines_of(shop([(soup, 48)]))["carotte"]

    assert carrots.shown == quantities.Shown(D("2.4"), "kg", D("0.1"))
    assert carrots.exact_cents == Fraction(2400 * 189, 1000)
    assert carrots.cents == 454  # 453,6 c


def test_counted_and_weighed_onions_add_up_through_grams_per_piece(foods):
    counted = add_lines(Recipe.objects.create(title="A"), (foods["onion"], "2", "piece", True))
    weighed = add_lines(Recipe.objects.create(title="B"), (foods["onion"], "200", "g", True))

    (onions,) = lines_of(shop([(counted, 16), (weighed, 16)]))["oignon"]

    assert shown(onions) == "500 g"  # 2 × 150 g + 200 g


def test_milk_in_litres_and_in_grams_adds_up_through_grams_per_litre(foods):
    litres = add_lines(Recipe.objects.create(title="A"), (foods["milk"], "1", "l", True))
    grams = add_lines(Recipe.objects.create(title="B"), (foods["milk"], "515", "g", True))

    (milk,) = lines_of(shop([(litres, 16), (grams, 16)]))["lait"]

    assert shown(milk) == "1.5 l"  # 1,000 ml + 515 g ÷ 1,03 g/ml
    assert milk.cents == 164  # 1,5 l at 1,09 €/l: 163,5 c


def test_a_line_that_cannot_be_converted_stays_a_line_of_its_own(foods):
    weighed = add_lines(Recipe.objects.create(title="A"), (foods["flour"], "100", "g", True))
    spooned = add_lines(
        Recipe.objects.create(title="B"),
        (foods["flour"], "2", "tbsp", True),  # flour has no grams per litre
        (foods["flour"], "1", "tbsp", True),
    )

    flour = lines_of(shop([(weighed, 32), (spooned, 16)]))["farine"]

    assert [shown(line) for line in flour] == ["200 g", "45 ml"]  # never in spoons here
    assert flour[0].exact_cents == Fraction(200 * 99, 1000)
    assert flour[1].exact_cents is None  # a price per kg says nothing of millilitres
    assert [recipe.title for recipe in flour[1].recipes] == ["B"]


def test_lines_without_quantity_read_to_taste_once(soup, foods):
    salted = add_lines(
        Recipe.objects.create(title="Salée"),
        (foods["salt"], None, "pinch", False),
        (foods["carrot"], "100", "g", True),
    )

    (salt,) = lines_of(shop([(soup, 16), (salted, 16)]))["sel"]

    assert salt.shown is None
    assert salt.to_taste
    assert salt.exact_cents is None
    assert salt.name == "sel"
    assert [recipe.title for recipe in salt.recipes] == ["Soupe de carottes", "Salée"]


def test_a_measured_line_also_wanted_to_taste_says_both(soup, foods):
    measured = add_lines(Recipe.objects.create(title="A"), (foods["salt"], "10", "g", True))

    (salt,) = lines_of(shop([(soup, 16), (measured, 16)]))["sel"]

    assert shown(salt) == "10 g"
    assert salt.to_taste
    assert salt.exact_cents is None  # salt has no price


def test_sections_follow_the_walk_through_the_shop(soup, kept_recipe, foods):
    dairy = add_lines(
        Recipe.objects.create(title="Riz au lait"),
        (foods["milk"], "2", "l", True),
        (foods["flour"], "50", "g", True),
    )

    sections = shop([(dairy, 16), (soup, 16), (kept_recipe, 16)])

    assert [section.category for section in sections] == [
        Food.Category.VEGETABLES,
        Food.Category.MEAT_FISH,
        Food.Category.DAIRY,
        Food.Category.DRY,
        Food.Category.SPICES,
    ]
    assert sections[0].label == Food.Category.VEGETABLES.label
    assert [line.food.name for line in sections[0].lines] == ["carotte", "oignon"]
    assert [line.food.name for line in sections[3].lines] == ["farine", "lentilles corail"]
    assert [line.food.name for line in sections[4].lines] == ["persil", "sel"]


def test_foods_sort_by_name_as_people_read_it(foods):
    V = Food.Category.VEGETABLES
    spinach = make_food("épinards", category=V)
    recipe = add_lines(
        Recipe.objects.create(title="A"),
        (foods["onion"], "1", "piece", True),
        (spinach, "100", "g", True),
        (foods["carrot"], "100", "g", True),
    )

    (section,) = shop([(recipe, 16)])

    assert [line.food.name for line in section.lines] == ["carotte", "épinards", "oignon"]


def test_the_cost_is_the_sum_of_the_recipes_costs_to_the_cent(soup, carrot_tajine, kept_recipe):
    dishes = [(soup, 48), (carrot_tajine, 16), (kept_recipe, 32)]
    recipes = load(*(recipe for recipe, _portions in dishes))
    book = book_for(*recipes)

    sections = shopping_list(list(zip(recipes, [48, 16, 32], strict=True)), book)

    parts = [
        line.exact_cents
        for recipe, portions in zip(recipes, [48, 16, 32], strict=True)
        for line in scale_recipe(recipe, portions, book, with_equipment=False).lines
        if line.exact_cents is not None
    ]
    exact = quantities.batch_cost(section.exact_cents for section in sections)
    assert exact == quantities.batch_cost(parts)
    assert quantities.to_cents(exact) == quantities.to_cents(sum(parts))
    vegetables = sections[0]
    assert vegetables.exact_cents == Fraction(3400 * 189, 1000) + Fraction(
        (1350 + 300 + 8 * 150) * 149, 1000
    )
    assert vegetables.total_cents == 1067  # 642,6 + 424,65 = 1067,25 c


def test_an_unpriced_food_is_named_and_left_out_of_the_total(foods):
    recipe = add_lines(
        Recipe.objects.create(title="A"),
        (foods["salt"], "10", "g", True),
        (foods["parsley"], "2", "bunch", True),
    )

    (spices,) = shop([(recipe, 16)])

    assert spices.unpriced == [foods["salt"]]
    assert spices.total_cents == 198  # 2 bunches at 0,99 €


def test_a_dish_nobody_ordered_adds_nothing(soup, kept_recipe):
    sections = shop([(soup, 0), (kept_recipe, 16)])

    assert sorted(lines_of(sections)) == ["cuisses de poulet", "oignon"]


def test_a_line_that_does_not_scale_is_bought_once_per_dish(foods):
    recipe = add_lines(Recipe.objects.create(title="A"), (foods["parsley"], "1", "bunch", False))

    (parsley,) = lines_of(shop([(recipe, 48)]))["persil"]

    assert shown(parsley) == "1 bunch"


def test_it_runs_no_query(soup, kept_recipe, django_assert_num_queries):
    recipes = load(soup, kept_recipe)
    book = book_for(*recipes)

    with django_assert_num_queries(0):
        shopping_list([(recipes[0], 48), (recipes[1], 16)], book)
