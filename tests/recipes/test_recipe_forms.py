"""Bad input in the recipe and price forms: a message next to the field, nothing saved.

Each test posts what a person might type, then checks the page comes back (200) with the
error on that very field, and that the database holds nothing new, not even half a recipe.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from core.uploads import AUDIO_MAX_BYTES
from recipes.models import Ingredient, Price, Recipe, RecipeEquipment, Step
from tests.form_data import (
    EMPTY_INGREDIENT,
    equipment,
    ingredient,
    price_data,
    recipe_data,
)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def rows() -> dict[str, int]:
    return {
        "recipes": Recipe.objects.count(),
        "ingredients": Ingredient.objects.count(),
        "equipment": RecipeEquipment.objects.count(),
        "steps": Step.objects.count(),
        "prices": Price.objects.count(),
    }


@pytest.fixture
def nothing_saved(soup):
    """Call it after the post: the database holds what it held before (the soup, its
    lines, equipment, steps and the prices), nothing more, nothing less."""
    before = rows()

    def check():
        assert rows() == before

    return check


def refused(response, form_name: str, field: str, *, row: int | None = None, code=None):
    """The page came back with an error on `field` (of formset row `row`)."""
    assert response.status_code == 200
    form = response.context[form_name]
    if row is not None:
        form = form.forms[row]
    assert field in form.errors, form.errors
    if code is not None:
        assert form.has_error(field, code), form.errors.as_data()
    assert escape(form.errors[field][0]) in response.content.decode()  # shown on the page
    return form.errors[field]


# The dish --------------------------------------------------------------------------------------


@pytest.mark.parametrize("portions", ["0", "-1"])
def test_a_recipe_for_no_portion_is_refused(client_as, group, foods, nothing_saved, portions):
    data = recipe_data(group, [ingredient(foods["lentils"], "500")], portions=portions)

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "form", "portions", code="min_value")
    nothing_saved()


def test_a_group_only_recipe_needs_a_group(client_as, foods, nothing_saved):
    data = recipe_data(None, [ingredient(foods["lentils"], "500")], visibility="group")

    response = client_as("coordinator").post("/recipes/new/", data)

    refused(response, "form", "visibility")
    nothing_saved()


def test_a_coordinator_may_share_a_recipe_with_the_movement_without_a_group(client_as, foods, soup):
    data = recipe_data(None, [ingredient(foods["lentils"], "500")], visibility="movement")

    response = client_as("coordinator").post("/recipes/new/", data)

    assert response.status_code == 302
    assert Recipe.objects.get(title="Dahl de lentilles").author_group is None


def test_a_member_must_choose_one_of_her_groups(
    client_as, group, other_group, foods, nothing_saved
):
    data = recipe_data(other_group, [ingredient(foods["lentils"], "500")])

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "form", "author_group", code="invalid_choice")
    nothing_saved()


def test_a_recipe_without_any_ingredient_is_refused(client_as, group, nothing_saved):
    data = recipe_data(group, [EMPTY_INGREDIENT, EMPTY_INGREDIENT])

    response = client_as("member").post("/recipes/new/", data)

    assert response.status_code == 200
    errors = response.context["ingredients"].non_form_errors()
    assert errors.as_data()[0].code == "no_ingredient"
    assert escape(errors[0]) in response.content.decode()
    nothing_saved()


# Ingredient lines ------------------------------------------------------------------------------


@pytest.mark.parametrize("quantity", ["0", "-1", "-0,5"])
def test_an_ingredient_quantity_of_zero_or_less_is_refused(
    client_as, group, foods, nothing_saved, quantity
):
    data = recipe_data(group, [ingredient(foods["lentils"], quantity)])

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "ingredients", "quantity", row=0)
    nothing_saved()


def test_a_line_that_changes_with_the_portions_needs_a_quantity(
    client_as, group, foods, nothing_saved
):
    data = recipe_data(group, [ingredient(foods["lentils"], "", scales=True)])

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "ingredients", "quantity", row=0)
    nothing_saved()


def test_a_line_without_quantity_is_fine_when_it_does_not_change(client_as, group, foods):
    data = recipe_data(group, [ingredient(foods["salt"], "", "g", scales=False)])

    response = client_as("member").post("/recipes/new/", data)

    assert response.status_code == 302
    line = Ingredient.objects.get(recipe__title="Dahl de lentilles")
    assert (line.quantity, line.scales) == (None, False)


def test_a_unit_the_food_cannot_be_counted_in_is_refused(client_as, group, foods, nothing_saved):
    # Lentils say nothing of the weight of one "piece": such a line could never be costed.
    data = recipe_data(group, [ingredient(foods["lentils"], "3", "piece")])

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "ingredients", "unit", row=0, code="unit")
    nothing_saved()


def test_pieces_of_a_food_that_gives_its_weight_are_fine(client_as, group, foods):
    data = recipe_data(group, [ingredient(foods["onion"], "3", "piece")])

    assert client_as("member").post("/recipes/new/", data).status_code == 302


def test_an_unknown_food_is_refused(client_as, group, foods, nothing_saved):
    row = ingredient(foods["lentils"], "500")
    row["food"] = "999999"
    data = recipe_data(group, [row])

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "ingredients", "food", row=0, code="invalid_choice")
    nothing_saved()


def test_a_line_with_a_quantity_but_no_food_is_refused(client_as, group, foods, nothing_saved):
    row = ingredient(foods["lentils"], "500")
    row["food"] = ""  # typed the quantity, forgot to choose the food

    response = client_as("member").post(
        "/recipes/new/", recipe_data(group, [ingredient(foods["onion"], "2", "piece"), row])
    )

    refused(response, "ingredients", "food", row=1, code="required")
    nothing_saved()


def test_nothing_is_half_saved_when_one_line_is_wrong(client_as, group, foods, nothing_saved):
    data = recipe_data(
        group,
        [
            ingredient(foods["lentils"], "500"),
            ingredient(foods["onion"], "2", "piece"),
            ingredient(foods["carrot"], "0"),  # the one wrong line
        ],
        [equipment("Marmite", "1", "20 l")],
        [{"text": "Rincez les lentilles."}],
        title="Une recette presque juste",
    )

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "ingredients", "quantity", row=2)
    assert response.context["ingredients"].forms[0].errors == {}
    assert not Recipe.objects.filter(title="Une recette presque juste").exists()
    # What was typed comes back, to be corrected rather than typed again.
    assert 'value="Une recette presque juste"' in response.content.decode()
    nothing_saved()


def test_a_wrong_line_when_changing_a_recipe_changes_nothing(client_as, soup, foods):
    before = list(soup.ingredients.values_list("food_id", "quantity", "position"))
    data = recipe_data(
        soup.author_group,
        [ingredient(foods["carrot"], "900"), ingredient(foods["lentils"], "-4")],
        title="Soupe changée",
    )

    response = client_as("referent").post(f"/recipes/{soup.pk}/edit/", data)

    refused(response, "ingredients", "quantity", row=1)
    soup.refresh_from_db()
    assert soup.title == "Soupe de carottes"
    assert list(soup.ingredients.values_list("food_id", "quantity", "position")) == before


def test_equipment_for_no_pot_is_refused(client_as, group, foods, nothing_saved):
    data = recipe_data(
        group, [ingredient(foods["lentils"], "500")], [equipment("Marmite", quantity="0")]
    )

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "equipment", "quantity", row=0)
    nothing_saved()


# Voice recordings on a step ----------------------------------------------------------------


def step_with(audio: SimpleUploadedFile) -> dict:
    return {"text": "Mixez la soupe.", "audio": audio}


def test_a_recording_over_5_mb_is_refused(client_as, group, foods, nothing_saved):
    big = b"OggS" + b"\x00" * AUDIO_MAX_BYTES  # a real Ogg header, one byte too many
    audio = SimpleUploadedFile("voix.ogg", big, content_type="audio/ogg")
    data = recipe_data(group, [ingredient(foods["lentils"], "500")], steps=[step_with(audio)])

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "steps", "audio", row=0, code="too_big")
    nothing_saved()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("voix.mp3", PNG, "audio/mpeg"),
        ("voix.mp3", b"Bonjour, ceci est du texte.\n" * 20, "audio/mpeg"),
        ("voix.mp3", b"<!DOCTYPE html><script>alert(1)</script>", "audio/mpeg"),
    ],
)
def test_a_file_that_is_not_a_recording_is_refused(
    client_as, group, foods, nothing_saved, name, content, content_type
):
    audio = SimpleUploadedFile(name, content, content_type=content_type)
    data = recipe_data(group, [ingredient(foods["lentils"], "500")], steps=[step_with(audio)])

    response = client_as("member").post("/recipes/new/", data)

    refused(response, "steps", "audio", row=0, code="not_audio")
    nothing_saved()


def test_a_real_recording_is_kept_under_a_new_name(client_as, group, foods, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    audio = SimpleUploadedFile("evil.html", b"OggS" + b"\x00" * 200, content_type="text/html")
    data = recipe_data(group, [ingredient(foods["lentils"], "500")], steps=[step_with(audio)])

    response = client_as("member").post("/recipes/new/", data)

    assert response.status_code == 302
    step = Step.objects.get(recipe__title="Dahl de lentilles")
    assert step.audio.name.startswith("recipes/audio/")
    assert step.audio.name.endswith(".ogg") and "evil" not in step.audio.name
    assert (tmp_path / step.audio.name).read_bytes()[:4] == b"OggS"


# Prices ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [("0", "not_positive"), ("0,00", "not_positive"), ("-2", "not_positive"), ("abc", "invalid")],
)
def test_a_price_that_is_not_an_amount_of_money_is_refused(
    client_as, foods, group, nothing_saved, typed, code
):
    response = client_as("referent").post(
        "/recipes/prices/add/", price_data(foods["carrot"], typed)
    )

    refused(response, "form", "price", code=code)
    nothing_saved()


def test_a_price_for_no_quantity_is_refused(client_as, foods, group, nothing_saved):
    response = client_as("referent").post(
        "/recipes/prices/add/", price_data(foods["carrot"], "1,89", quantity="0")
    )

    refused(response, "form", "quantity")
    nothing_saved()


def test_a_price_in_a_unit_the_food_cannot_be_counted_in_is_refused(
    client_as, foods, group, nothing_saved
):
    response = client_as("referent").post(
        "/recipes/prices/add/", price_data(foods["lentils"], "3,49", unit="piece")
    )

    refused(response, "form", "unit", code="unit")
    nothing_saved()


def test_a_price_from_the_future_is_refused(client_as, foods, group, nothing_saved):
    response = client_as("referent").post(
        "/recipes/prices/add/", price_data(foods["carrot"], "1,89", observed_on="2999-01-01")
    )

    refused(response, "form", "observed_on")
    nothing_saved()
