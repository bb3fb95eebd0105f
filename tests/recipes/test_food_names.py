"""Foods have names in Dutch and English too: people reading the app in those languages
buy "2,4 kg wortelen", not "carottes". Without a name in their language, the French one."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from demo.food_names import FOOD_NAMES
from demo.recipes import FOODS
from recipes.models import Food

NBSP = "\N{NO-BREAK SPACE}"


def name_in_dutch(food: Food, name: str, plural: str = "") -> None:
    food.name_nl, food.plural_nl = name, plural
    food.save()


def test_a_food_is_named_in_the_pages_language_and_in_french_without_a_translation(db):
    carrot = Food.objects.create(
        name="carotte", plural="carottes", name_nl="wortel", plural_nl="wortelen"
    )
    salt = Food.objects.create(name="sel")
    herbs = Food.objects.create(name="persil", name_en="parsley")

    with translation.override("nl"):
        assert (str(carrot), carrot.name_for(1), carrot.name_for(3)) == (
            "wortel",
            "wortel",
            "wortelen",
        )
        assert carrot.plural_name() == "wortelen"
        assert str(salt) == "sel" and str(herbs) == "persil"  # no Dutch name: French
    with translation.override("en"):
        assert str(carrot) == "carotte" and herbs.name_for(2) == "parsley"  # no plural: the name
    with translation.override("fr"):
        assert carrot.name_for(3) == "carottes" and str(herbs) == "persil"
    assert carrot.name_for(3, "nl") == "wortelen"


def test_a_food_is_found_by_any_of_its_names(client_as, foods):
    name_in_dutch(foods["carrot"], "wortel", "wortelen")
    client = client_as("member")

    for query in ["wortelen", "Wortel", "carottes"]:
        page = client.get("/recipes/prices/", {"q": query}).content.decode()
        assert "carotte" in page, query
    assert "carotte" not in client.get("/recipes/prices/", {"q": "ui"}).content.decode()


def test_the_recipe_and_the_shopping_list_speak_the_readers_language(client_as, open_session):
    soup = open_session.dishes.get(recipe__title="Soupe de carottes").recipe
    shopping_list = reverse("portions:shopping", args=[open_session.group.slug, open_session.pk])
    carrot = Food.objects.get(name="carotte")
    name_in_dutch(carrot, "wortel", "wortelen")
    client = client_as("member")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"

    shopping = client.get(shopping_list).content.decode()
    recipe = client.get(f"/recipes/{soup.pk}/?portions=48")
    french = client_as("referent").get(shopping_list).content.decode()

    assert f"2,4{NBSP}kg</strong> wortelen" in shopping
    assert "</strong> carottes" not in shopping  # ("Soupe de carottes" is the recipe's title)
    assert "oignon" in shopping  # no Dutch name given in this test: the French one
    assert "wortelen" in recipe.content.decode()
    assert f"2,4{NBSP}kg</strong> carottes" in french


def test_the_recipe_forms_food_list_is_in_the_readers_language_and_its_order(
    client_as, group, foods
):
    name_in_dutch(foods["carrot"], "wortel", "wortelen")
    name_in_dutch(foods["lentils"], "rode linzen")
    client = client_as("member")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"

    page = client.get("/recipes/new/").content.decode()
    select = page.split('name="ingredients-0-food"')[1].split("</select>")[0]

    names = [option.split(">")[1].split("<")[0] for option in select.split("<option")[2:]]
    assert "wortel" in names and "rode linzen" in names and "carotte" not in names
    assert names == sorted(names, key=str.casefold)


def test_every_demo_food_has_a_dutch_and_an_english_name():
    assert {row[0] for row in FOODS} == set(FOOD_NAMES)
    assert all(names[0] and names[2] for names in FOOD_NAMES.values())


def test_foods_loaded_without_save_are_found_by_their_dutch_or_english_name_too(
    client_as, foods, soup
):
    """Bulk loads skip save(), so the folded search text is empty: the plain match on each
    name still finds them."""
    Food.objects.bulk_create([Food(name="navet", name_nl="raap", name_en="turnip")])
    Food.objects.filter(name="carotte").update(search_name="", name_nl="wortel")
    client = client_as("member")

    assert "navet" in client.get("/recipes/prices/", {"q": "turnip"}).content.decode()
    assert "Soupe de carottes" in client.get("/recipes/", {"q": "wortel"}).content.decode()
