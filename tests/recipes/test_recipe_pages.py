"""The recipe pages: the library and its filters, a recipe for some portions, writing,
changing, copying and deleting a recipe, and the price list.

Pages are in French (the default language): numbers are checked as French writes them,
"2,4 kg" and "0,29 €"; sentences are not, their translations may still change.
"""

import re
from decimal import Decimal

from recipes.models import Ingredient, Price, Recipe, RecipeEquipment, Step, month_bit
from tests.factories import add_lines, make_food, make_person, make_price
from tests.form_data import EMPTY_INGREDIENT, equipment, ingredient, price_data, recipe_data

D = Decimal
NBSP = "\N{NO-BREAK SPACE}"


# Posting the recipe form ------------------------------------------------------------------------


def as_posted(recipe: Recipe) -> dict:
    """The edit form of a saved recipe, posted back unchanged."""
    lines = [
        ingredient(
            line.food,
            "" if line.quantity is None else f"{line.quantity:f}",
            line.unit,
            scales=line.scales,
            note=line.note,
            pk=line.pk,
        )
        for line in recipe.ingredients.all()
    ]
    items = [
        equipment(item.name, str(item.quantity), item.size, scales=item.scales, pk=item.pk)
        for item in recipe.equipment.all()
    ]
    steps = [{"id": str(step.pk), "text": step.text} for step in recipe.steps.all()]
    return recipe_data(
        recipe.author_group,
        lines,
        items,
        steps,
        initial=(len(lines), len(items), len(steps)),
        title=recipe.title,
        portions=str(recipe.portions),
        visibility=recipe.visibility,
        language=recipe.language,
    )


# Reading the pages ---------------------------------------------------------------------------


def titles(response) -> list[str]:
    """The titles of the recipe cards in the library, in their order."""
    assert response.status_code == 200
    return re.findall(r'<h3><a href="/recipes/\d+/"[^>]*>([^<]+)</a></h3>', response.text)


def foods_in_order(recipe: Recipe) -> list[str]:
    return [line.food.name for line in recipe.ingredients.select_related("food")]


def movement_recipe_of(other_group, foods) -> Recipe:
    recipe = Recipe.objects.create(title="Couscous des Mosaïques", author_group=other_group)
    return add_lines(recipe, (foods["carrot"], "1", "kg", True))


# The library ---------------------------------------------------------------------------------


def test_the_library_lists_what_the_person_may_read(client_as, soup, kept_recipe, secret_recipe):
    assert titles(client_as("member").get("/recipes/")) == ["Soupe de carottes", "Tajine de Rosa"]
    assert titles(client_as("coordinator").get("/recipes/")) == [
        "Poulet de Nadia",
        "Soupe de carottes",
        "Tajine de Rosa",
    ]


def test_outsiders_never_see_another_groups_own_recipe_in_the_library(
    client_as, soup, kept_recipe, secret_recipe
):
    for query in ({}, {"q": "Tajine"}, {"q": "poulet"}, {"diet": "no_pork"}, {"max_cost": "200"}):
        response = client_as("outsider").get("/recipes/", query)

        assert "Tajine de Rosa" not in response.text, query
        assert "Tajine de Rosa" not in titles(response)
    assert titles(client_as("outsider").get("/recipes/")) == [
        "Poulet de Nadia",
        "Soupe de carottes",
    ]


def test_the_vegetarian_filter_keeps_the_soup_and_leaves_out_the_chicken(
    client_as, soup, kept_recipe
):
    response = client_as("member").get("/recipes/", {"diet": "vegetarian"})

    assert titles(response) == ["Soupe de carottes"]


def test_the_vegan_filter_leaves_out_a_recipe_with_milk(client_as, soup, foods, group):
    add_lines(
        Recipe.objects.create(title="Purée", author_group=group),
        (foods["milk"], "1", "l", True),
    )

    assert titles(client_as("member").get("/recipes/", {"diet": "vegan"})) == ["Soupe de carottes"]
    assert titles(client_as("member").get("/recipes/", {"diet": "vegetarian"})) == [
        "Purée",
        "Soupe de carottes",
    ]


def test_search_finds_a_title_or_an_ingredient(client_as, soup, kept_recipe):
    member = client_as("member")

    assert titles(member.get("/recipes/", {"q": "soupe"})) == ["Soupe de carottes"]
    assert titles(member.get("/recipes/", {"q": "lentilles"})) == ["Soupe de carottes"]
    assert titles(member.get("/recipes/", {"q": "oignon"})) == [
        "Soupe de carottes",
        "Tajine de Rosa",
    ]
    assert titles(member.get("/recipes/", {"q": "chocolat"})) == []


def test_without_gluten_leaves_out_the_recipe_with_flour(client_as, soup, secret_recipe):
    coordinator = client_as("coordinator")
    assert titles(coordinator.get("/recipes/")) == ["Poulet de Nadia", "Soupe de carottes"]

    response = coordinator.get("/recipes/", {"without": "0"})  # gluten is allergen 0

    assert titles(response) == ["Soupe de carottes"]
    milk_free = coordinator.get("/recipes/", {"without": "6"})
    assert titles(milk_free) == ["Poulet de Nadia", "Soupe de carottes"]


def test_the_season_filter_keeps_summer_dishes_for_summer_and_all_year_ones_always(
    client_as, soup, foods, group
):
    add_lines(
        Recipe.objects.create(
            title="Gaspacho", author_group=group, season=month_bit(7) | month_bit(8)
        ),
        (foods["carrot"], "1", "kg", True),
    )
    member = client_as("member")

    assert titles(member.get("/recipes/", {"season": "7"})) == ["Gaspacho", "Soupe de carottes"]
    assert titles(member.get("/recipes/", {"season": "8"})) == ["Gaspacho", "Soupe de carottes"]
    assert titles(member.get("/recipes/", {"season": "1"})) == ["Soupe de carottes"]
    assert titles(member.get("/recipes/")) == ["Gaspacho", "Soupe de carottes"]


def test_the_price_filter_keeps_recipes_cheap_enough_and_leaves_out_unpriced_ones(
    client_as, soup, kept_recipe, foods, group
):
    # The soup: 0,29 € a portion. The tajine: (2 kg × 8,99 + 0,6 kg × 1,49) / 16 = 1,18 €.
    add_lines(
        Recipe.objects.create(title="Sel seul", author_group=group),
        (foods["salt"], "10", "g", True),  # no price: its cost is not known
    )
    member = client_as("member")

    assert titles(member.get("/recipes/", {"max_cost": "100"})) == ["Soupe de carottes"]
    assert titles(member.get("/recipes/", {"max_cost": "200"})) == [
        "Soupe de carottes",
        "Tajine de Rosa",
    ]
    assert "Sel seul" in titles(member.get("/recipes/"))


def test_my_groups_recipes_leave_out_the_movement_recipes_of_other_groups(
    client_as, soup, kept_recipe, other_group, foods
):
    movement_recipe_of(other_group, foods)
    member = client_as("member")
    assert titles(member.get("/recipes/")) == [
        "Couscous des Mosaïques",
        "Soupe de carottes",
        "Tajine de Rosa",
    ]

    assert titles(member.get("/recipes/", {"mine": "on"})) == [
        "Soupe de carottes",
        "Tajine de Rosa",
    ]
    assert titles(client_as("outsider").get("/recipes/", {"mine": "on"})) == [
        "Couscous des Mosaïques"
    ]


def test_the_cards_show_the_price_of_a_portion(client_as, soup):
    response = client_as("member").get("/recipes/")

    assert f"0,29{NBSP}€" in response.text


def test_the_library_with_htmx_returns_only_the_results(client_as, soup):
    response = client_as("member").get(
        "/recipes/", {"q": "soupe"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )

    assert '<section id="results"' in response.text
    assert "<html" not in response.text
    assert "Soupe de carottes" in response.text


def make_library(group, count: int, lines: int) -> list[Recipe]:
    foods = [make_food(f"aliment {index}") for index in range(lines)]
    for index, food in enumerate(foods):
        make_price(food, 100 + index)
    recipes = Recipe.objects.bulk_create(
        Recipe(title=f"Recette {index:02d}", author_group=group) for index in range(count)
    )
    Ingredient.objects.bulk_create(
        Ingredient(recipe=recipe, position=position, food=food, quantity=D(100 + position))
        for recipe in recipes
        for position, food in enumerate(foods)
    )
    return recipes


def test_the_library_of_30_recipes_of_12_lines_stays_within_the_query_budget(
    client_as, group, max_queries
):
    make_library(group, 30, 12)
    member = client_as("member")

    for query in ({}, {"max_cost": "300"}, {"diet": "vegan", "q": "recette", "mine": "on"}):
        with max_queries(8):
            response = member.get("/recipes/", query)
        assert len(titles(response)) == 20, query  # one page


# A recipe ---------------------------------------------------------------------------------------


def test_the_soup_for_48_shows_2_4_kg_of_carrots_and_0_29_a_portion(client_as, soup):
    response = client_as("member").get(f"/recipes/{soup.pk}/", {"portions": "48"})

    assert response.status_code == 200
    html = response.text
    assert re.search(r'class="quantity">2,4[ \xa0]kg</strong> <span>carottes', html)
    assert re.search(r'class="quantity">9\s*</strong> <span>oignons', html)
    assert re.search(r'class="quantity">1,2[ \xa0]kg</strong> <span>lentilles corail', html)
    assert f"<strong>0,29{NBSP}€</strong>" in html
    assert f"13,71{NBSP}€" in html
    assert re.search(r"3 ×</strong> <span>Marmite 20 l", html)
    assert re.search(r"1 ×</strong> <span>Mixeur", html)
    assert 'value="48"' in html


def test_with_htmx_only_the_scaled_part_is_sent(client_as, soup):
    response = client_as("member").get(
        f"/recipes/{soup.pk}/",
        {"portions": "32"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="scaled",
    )

    assert response.status_code == 200
    assert '<section id="scaled"' in response.text
    assert "<html" not in response.text
    assert "Épluchez les carottes" not in response.text  # the steps are not in the part
    assert re.search(r'class="quantity">1,6[ \xa0]kg</strong> <span>carottes', response.text)
    assert "HX-Request" in response["Vary"]


def test_portions_that_make_no_sense_fall_back_to_the_recipes_16(client_as, soup):
    member = client_as("member")

    for asked in ("abc", "0", "-2", "501", "1e3"):
        response = member.get(f"/recipes/{soup.pk}/", {"portions": asked})
        assert response.status_code == 200
        assert 'value="16"' in response.text, asked
        assert re.search(r'class="quantity">800[ \xa0]g</strong> <span>carottes', response.text)


def test_a_movement_recipe_is_for_everyone_a_group_only_one_is_404_for_outsiders(
    client_as, soup, kept_recipe
):
    outsider = client_as("outsider")

    assert outsider.get(f"/recipes/{soup.pk}/").status_code == 200
    assert outsider.get(f"/recipes/{kept_recipe.pk}/").status_code == 404
    assert outsider.get(f"/recipes/{kept_recipe.pk}/sheet.pdf").status_code == 404
    assert outsider.post(f"/recipes/{kept_recipe.pk}/variant/").status_code == 404
    assert client_as("member").get(f"/recipes/{kept_recipe.pk}/").status_code == 200


def test_a_big_recipe_page_stays_within_the_query_budget(client_as, group, max_queries):
    foods = [make_food(f"aliment {index}") for index in range(40)]
    for food in foods:
        make_price(food, 250)
    recipe = Recipe.objects.create(title="Grand buffet", author_group=group)
    Ingredient.objects.bulk_create(
        Ingredient(recipe=recipe, position=index, food=food, quantity=D(50 + index))
        for index, food in enumerate(foods)
    )
    RecipeEquipment.objects.bulk_create(
        RecipeEquipment(recipe=recipe, position=index, name=f"Plat {index}") for index in range(10)
    )
    Step.objects.bulk_create(
        Step(recipe=recipe, position=index, text=f"Étape numéro {index}") for index in range(10)
    )
    member = client_as("member")

    with max_queries(8):
        response = member.get(f"/recipes/{recipe.pk}/", {"portions": "48"})

    assert response.status_code == 200
    assert response.text.count('class="quantity"') == 50  # 40 lines and 10 pieces of equipment
    assert "Étape numéro 9" in response.text


# Writing a recipe ----------------------------------------------------------------------------


def test_a_member_writes_a_recipe_with_its_lines_in_order(client_as, group, foods):
    data = recipe_data(
        group,
        [
            ingredient(foods["lentils"], "500"),
            EMPTY_INGREDIENT,  # left empty: ignored
            ingredient(foods["onion"], "2", "piece", note="émincés"),
            ingredient(foods["milk"], "0,5", "l"),  # French decimal comma
            ingredient(foods["salt"], "", "pinch", scales=False),
        ],
        [equipment("Marmite", "2", "20 l"), equipment("Mixeur", scales=False)],
        [{"text": "Rincez les lentilles."}, {"text": "Faites cuire 20 minutes."}],
        fridge_days="3",
        season=["10", "11"],
    )

    response = client_as("member").post("/recipes/new/", data)

    recipe = Recipe.objects.get(title="Dahl de lentilles")
    assert response.status_code == 302
    assert response["Location"] == f"/recipes/{recipe.pk}/"
    assert recipe.author_group == group
    assert recipe.created_by.email == "amina@example.org"
    assert recipe.fridge_days == 3
    assert recipe.months == [10, 11]
    lines = list(recipe.ingredients.select_related("food"))
    assert [(line.position, line.food.name) for line in lines] == [
        (0, "lentilles corail"),
        (1, "oignon"),
        (2, "lait"),
        (3, "sel"),
    ]
    assert [line.quantity for line in lines] == [D("500"), D("2"), D("0.5"), None]
    assert lines[1].note == "émincés"
    assert [line.scales for line in lines] == [True, True, True, False]
    assert [(e.position, e.name, e.quantity, e.scales) for e in recipe.equipment.all()] == [
        (0, "Marmite", 2, True),
        (1, "Mixeur", 1, False),
    ]
    assert [(s.position, s.text) for s in recipe.steps.all()] == [
        (0, "Rincez les lentilles."),
        (1, "Faites cuire 20 minutes."),
    ]


def test_add_an_ingredient_shows_one_more_row_and_saves_nothing(client_as, group, foods):
    data = recipe_data(group, [ingredient(foods["lentils"], "500"), EMPTY_INGREDIENT])
    data["add"] = "ingredient"

    response = client_as("member").post("/recipes/new/", data)

    assert response.status_code == 200
    assert not Recipe.objects.exists()
    assert response.context["ingredients"].total_form_count() == 3
    assert 'name="ingredients-2-food"' in response.text
    assert 'name="ingredients-3-food"' not in response.text
    assert 'value="Dahl de lentilles"' in response.text  # what was typed is kept
    assert "<html" in response.text


def test_add_with_htmx_sends_only_the_form_and_works_for_steps_too(client_as, group, foods):
    data = recipe_data(group, [ingredient(foods["lentils"], "500")], steps=[{"text": "Rincez."}])
    data["add"] = "step"

    response = client_as("member").post(
        "/recipes/new/", data, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="recipe-form"
    )

    assert response.status_code == 200
    assert '<form id="recipe-form"' in response.text
    assert "<html" not in response.text
    assert 'name="steps-1-text"' in response.text
    assert response.context["ingredients"].total_form_count() == 1
    assert not Recipe.objects.exists()


def test_the_referent_changes_the_soup(client_as, soup, foods):
    soup = Recipe.objects.get(pk=soup.pk)
    data = as_posted(soup)
    data["title"] = "Soupe de carottes au cumin"
    data["ingredients-0-quantity"] = "1000"
    data["ingredients-3-DELETE"] = "on"  # the parsley

    response = client_as("referent").post(f"/recipes/{soup.pk}/edit/", data)

    assert response.status_code == 302
    soup.refresh_from_db()
    assert soup.title == "Soupe de carottes au cumin"
    assert soup.ingredients.get(food=foods["carrot"]).quantity == D("1000")
    assert foods_in_order(soup) == ["carotte", "oignon", "lentilles corail", "sel"]


def test_changing_one_line_keeps_the_lines_in_their_order(client_as, soup):
    data = as_posted(soup)
    data["ingredients-2-quantity"] = "500"  # only the lentils change

    response = client_as("referent").post(f"/recipes/{soup.pk}/edit/", data)

    assert response.status_code == 302
    assert foods_in_order(soup) == ["carotte", "oignon", "lentilles corail", "persil", "sel"]


def test_a_line_added_at_the_end_stays_at_the_end(client_as, soup, foods):
    data = as_posted(soup)
    rows = int(data["ingredients-TOTAL_FORMS"])
    data.update(
        {
            f"ingredients-{rows}-{name}": value
            for name, value in ingredient(foods["milk"], "1", "l").items()
        }
    )
    data["ingredients-TOTAL_FORMS"] = str(rows + 1)

    response = client_as("referent").post(f"/recipes/{soup.pk}/edit/", data)

    assert response.status_code == 302
    assert foods_in_order(soup) == [
        "carotte",
        "oignon",
        "lentilles corail",
        "persil",
        "sel",
        "lait",
    ]


def test_a_member_may_not_change_the_referents_recipe(client_as, soup):
    member = client_as("member")
    data = as_posted(soup)
    data["title"] = "Changée"

    assert member.get(f"/recipes/{soup.pk}/edit/").status_code == 403
    assert member.post(f"/recipes/{soup.pk}/edit/", data).status_code == 403
    assert member.post(f"/recipes/{soup.pk}/delete/", {"confirm": "1"}).status_code == 403
    assert Recipe.objects.get(pk=soup.pk).title == "Soupe de carottes"


def test_a_member_makes_a_variant_for_her_group_with_the_same_lines(client_as, soup, group):
    member = client_as("member")

    response = member.post(f"/recipes/{soup.pk}/variant/")

    copy = Recipe.objects.exclude(pk=soup.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/recipes/{copy.pk}/edit/"
    assert copy.variant_of == soup
    assert copy.visibility == Recipe.Visibility.GROUP
    assert copy.author_group == group
    assert copy.created_by.email == "amina@example.org"
    assert "Soupe de carottes" in copy.title and copy.title != soup.title

    def lines(recipe):
        return [
            (line.position, line.food_id, line.quantity, line.unit, line.scales, line.note)
            for line in recipe.ingredients.all()
        ]

    assert lines(copy) == lines(soup)
    assert [(e.name, e.quantity, e.scales) for e in copy.equipment.all()] == [
        ("Marmite", 1, True),
        ("Mixeur", 1, False),
    ]
    assert [s.text for s in copy.steps.all()] == [s.text for s in soup.steps.all()]
    assert member.get(f"/recipes/{copy.pk}/edit/").status_code == 200  # hers to change


def test_a_variant_credits_the_original(client_as, soup):
    member = client_as("member")
    member.post(f"/recipes/{soup.pk}/variant/")
    copy = Recipe.objects.get(variant_of=soup)

    response = member.get(f"/recipes/{copy.pk}/")

    assert response.status_code == 200
    assert f'<a href="/recipes/{soup.pk}/">Soupe de carottes</a> (Ça Chauffe)' in response.text


def test_a_variant_of_a_movement_recipe_stays_with_the_outsiders_group(
    client_as, soup, other_group
):
    client_as("outsider").post(f"/recipes/{soup.pk}/variant/")

    copy = Recipe.objects.get(variant_of=soup)
    assert copy.author_group == other_group
    assert client_as("member").get(f"/recipes/{copy.pk}/").status_code == 404


def test_deleting_needs_the_box_ticked(client_as, soup):
    referent = client_as("referent")

    response = referent.post(f"/recipes/{soup.pk}/delete/")

    assert response.status_code == 200
    assert Recipe.objects.filter(pk=soup.pk).exists()

    response = referent.post(f"/recipes/{soup.pk}/delete/", {"confirm": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/recipes/"
    assert not Recipe.objects.filter(pk=soup.pk).exists()
    assert not Ingredient.objects.filter(recipe_id=soup.pk).exists()


# Prices -------------------------------------------------------------------------------------------


def test_the_price_list_shows_each_food_with_its_price(client_as, foods):
    response = client_as("member").get("/recipes/prices/")

    assert response.status_code == 200
    html = response.text
    assert re.search(rf"carotte</span>\s*<span><strong>1,89{NBSP}€</strong> / (1 )?kg", html)
    assert re.search(rf"persil</span>\s*<span><strong>0,99{NBSP}€</strong>", html)
    assert re.search(r'"food">sel</span>\s*<span class="hint">', html)  # no price yet
    assert "/recipes/prices/add/" not in html  # a member may not give prices


def test_the_referent_gives_a_price_in_euros_saved_in_cents(client_as, foods, group):
    response = client_as("referent").post(
        "/recipes/prices/add/", price_data(foods["carrot"], "1,89")
    )

    assert response.status_code == 302
    price = Price.objects.get(source="Colruyt")
    assert price.amount_cents == 189
    assert price.group is None
    assert price.created_by.email == "referente@example.org"


def test_a_member_may_not_give_a_price(client_as, foods, group):
    response = client_as("member").post("/recipes/prices/add/", price_data(foods["carrot"], "1,89"))

    assert response.status_code == 403
    assert not Price.objects.filter(source="Colruyt").exists()


def test_a_referent_cannot_give_a_price_for_another_group(client_as, foods, group, other_group):
    response = client_as("referent").post(
        "/recipes/prices/add/", price_data(foods["carrot"], "0,89", other_group)
    )

    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert not Price.objects.filter(source="Colruyt").exists()


def test_a_groups_own_price_is_used_for_its_members_only(client_as, soup, foods, group):
    referent = client_as("referent")
    response = referent.post(
        "/recipes/prices/add/", price_data(foods["carrot"], "0,89", group, source="Grossiste")
    )
    assert response.status_code == 302
    assert Price.objects.get(source="Grossiste").group == group

    # 800 g at 0,89 €/kg = 71,2 c instead of 151,2: (456,85 − 80) / 16 = 23,55 c a portion.
    for persona in ("member", "referent"):
        page = client_as(persona).get(f"/recipes/{soup.pk}/").text
        assert f"<strong>0,24{NBSP}€</strong>" in page, persona
    for persona in ("outsider", "outsider_referent"):
        page = client_as(persona).get(f"/recipes/{soup.pk}/").text
        assert "<strong>0,29" in page, persona
        assert "0,24" not in page, persona
    assert re.search(
        rf"carotte</span>\s*<span><strong>0,89{NBSP}€",
        client_as("member").get("/recipes/prices/").text,
    )
    assert re.search(
        r"carotte</span>\s*<span><strong>1,89", client_as("outsider").get("/recipes/prices/").text
    )


def test_someone_without_a_group_reads_the_library_but_cannot_write_a_recipe(client_as, soup):
    loner = make_person("seul@example.org", "Sam Seul")
    client = client_as("visitor")
    client.force_login(loner)

    library = client.get("/recipes/")

    assert "Soupe de carottes" in library.content.decode()
    assert "/recipes/new/" not in library.content.decode()
    assert client.get("/recipes/new/").status_code == 403
    assert client.post("/recipes/new/", {"title": "Rien"}).status_code == 403
    assert not Recipe.objects.filter(title="Rien").exists()


def test_search_ignores_accents_and_case_as_cooks_type(client_as, soup, foods):
    member = client_as("member")
    Recipe.objects.filter(pk=soup.pk).update(title="Crème de carottes")
    soup.refresh_from_db()
    soup.save()  # titles are folded when saved
    make_food("Pâtes", plural="Pâtes fraîches")

    assert titles(member.get("/recipes/", {"q": "CREME"})) == ["Crème de carottes"]
    assert titles(member.get("/recipes/", {"q": "crème"})) == ["Crème de carottes"]
    assert titles(member.get("/recipes/", {"q": "LENTILLES"})) == ["Crème de carottes"]
    prices = client_as("referent").get("/recipes/prices/", {"q": "pates fraiches"}).text
    assert "Pâtes" in prices
