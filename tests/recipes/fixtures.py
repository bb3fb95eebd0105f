"""Recipe fixtures (imported by tests/conftest.py): a few foods with prices, a movement
recipe of "Ça Chauffe", a recipe Ça Chauffe keeps for itself, and one that "Les Mosaïques
de Saveurs" keep for themselves."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from recipes.allergens import Allergen, to_mask
from recipes.models import Food, Ingredient, Price, Recipe, RecipeEquipment, Step

D = Decimal


def make_food(name: str, **fields) -> Food:
    return Food.objects.create(name=name, **fields)


def make_price(food: Food, cents: int, quantity="1", unit="kg", *, days_ago=10, group=None):
    return Price.objects.create(
        food=food,
        amount_cents=cents,
        quantity=D(quantity),
        unit=unit,
        source="Marché du Midi",
        observed_on=timezone.localdate() - timedelta(days=days_ago),
        group=group,
    )


@pytest.fixture
def foods(db) -> dict[str, Food]:
    V = Food.Category.VEGETABLES
    foods = {
        "carrot": make_food("carotte", plural="carottes", category=V, grams_per_piece=D(100)),
        "onion": make_food("oignon", plural="oignons", category=V, grams_per_piece=D(150)),
        "lentils": make_food("lentilles corail", category=Food.Category.DRY),
        "milk": make_food(
            "lait",
            category=Food.Category.DAIRY,
            sold_by=Food.SoldBy.VOLUME,
            is_dairy=True,
            allergens=to_mask([Allergen.MILK]),
            grams_per_litre=D(1030),
        ),
        "chicken": make_food("cuisses de poulet", category=Food.Category.MEAT_FISH, is_meat=True),
        "flour": make_food("farine", category=Food.Category.DRY, allergens=Allergen.GLUTEN.bit),
        "parsley": make_food("persil", category=Food.Category.SPICES, sold_by=Food.SoldBy.BUNCH),
        "salt": make_food("sel", category=Food.Category.SPICES),
    }
    make_price(foods["carrot"], 189)  # 1,89 € / kg
    make_price(foods["onion"], 149)
    make_price(foods["lentils"], 349)
    make_price(foods["milk"], 109, unit="l")
    make_price(foods["chicken"], 899)
    make_price(foods["flour"], 99, days_ago=500)  # more than a year old
    make_price(foods["parsley"], 99, quantity="1", unit="bunch")
    # salt: no price at all
    return foods


def add_lines(recipe: Recipe, *lines) -> Recipe:
    for position, (food, quantity, unit, scales) in enumerate(lines):
        Ingredient.objects.create(
            recipe=recipe,
            position=position,
            food=food,
            quantity=None if quantity is None else D(quantity),
            unit=unit,
            scales=scales,
        )
    return recipe


@pytest.fixture
def soup(foods, group, referent) -> Recipe:
    """Soupe de carottes: vegetarian, shared with the movement, by Ça Chauffe."""
    recipe = Recipe.objects.create(
        title="Soupe de carottes",
        author_group=group,
        created_by=referent,
        visibility=Recipe.Visibility.MOVEMENT,
        fridge_days=3,
        freezer_months=3,
        can_sterilise=True,
    )
    add_lines(
        recipe,
        (foods["carrot"], "800", "g", True),
        (foods["onion"], "3", "piece", True),
        (foods["lentils"], "400", "g", True),
        (foods["parsley"], "1", "bunch", True),
        (foods["salt"], None, "pinch", False),
    )
    RecipeEquipment.objects.create(recipe=recipe, name="Marmite", size="20 l", quantity=1)
    RecipeEquipment.objects.create(recipe=recipe, name="Mixeur", quantity=1, scales=False)
    Step.objects.create(recipe=recipe, position=0, text="Épluchez les carottes et les oignons.")
    Step.objects.create(recipe=recipe, position=1, text="Faites cuire 30 minutes, puis mixez.")
    return recipe


@pytest.fixture
def secret_recipe(foods, other_group, outsider_referent) -> Recipe:
    """A recipe Les Mosaïques keep for themselves."""
    recipe = Recipe.objects.create(
        title="Poulet de Nadia",
        author_group=other_group,
        created_by=outsider_referent,
        visibility=Recipe.Visibility.GROUP,
    )
    return add_lines(
        recipe, (foods["chicken"], "2", "kg", True), (foods["flour"], "100", "g", True)
    )


@pytest.fixture
def kept_recipe(foods, group, referent) -> Recipe:
    """A recipe Ça Chauffe keeps for itself, written by its referent."""
    recipe = Recipe.objects.create(
        title="Tajine de Rosa",
        author_group=group,
        created_by=referent,
        visibility=Recipe.Visibility.GROUP,
    )
    return add_lines(
        recipe, (foods["chicken"], "2", "kg", True), (foods["onion"], "4", "piece", True)
    )
