"""The recipe sheet and the booklet as PDF files, read back with poppler's tools; and the
fetcher that keeps WeasyPrint from reading anything but our own uploaded files."""

import re
import subprocess
import time
from decimal import Decimal

import pytest

from core.pdf import LocalFetcher
from core.text import slug
from recipes.models import Ingredient, Recipe, RecipeEquipment, Step
from tests.factories import make_food, make_price, picture
from tests.reading import pdf_pages, pdf_text, poppler

NBSP = "\N{NO-BREAK SPACE}"


def assert_pdf(response, filename: str) -> bytes:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.content.startswith(b"%PDF-")
    return response.content


# The sheet ---------------------------------------------------------------------------------------


def test_the_sheet_for_48_portions_has_the_scaled_lines_price_and_pots(client_as, soup):
    response = client_as("member").get(f"/recipes/{soup.pk}/sheet.pdf", {"portions": "48"})

    text = pdf_text(assert_pdf(response, "soupe-de-carottes-48.pdf"))
    assert re.search(r"2,4 kg carottes", text), text
    assert re.search(r"9 oignons", text)
    assert re.search(r"1,2 kg lentilles corail", text)
    assert "0,29 €" in text  # a portion
    assert "13,71 €" in text  # the batch
    assert re.search(r"3 × Marmite 20 l", text)
    assert re.search(r"1 × Mixeur", text)
    assert "Épluchez les carottes et les oignons." in text
    assert "48 portions" in text


def test_the_sheet_without_portions_is_for_the_recipes_16(client_as, soup):
    response = client_as("member").get(f"/recipes/{soup.pk}/sheet.pdf")

    text = pdf_text(assert_pdf(response, "soupe-de-carottes-16.pdf"))
    assert re.search(r"800 g carottes", text)
    assert re.search(r"1 × Marmite 20 l", text)
    assert "4,57 €" in text


def test_the_sheet_of_a_group_only_recipe_is_404_for_outsiders(client_as, kept_recipe):
    assert client_as("outsider").get(f"/recipes/{kept_recipe.pk}/sheet.pdf").status_code == 404
    assert client_as("member").get(f"/recipes/{kept_recipe.pk}/sheet.pdf").status_code == 200


def test_file_names_are_plain_ascii():
    assert slug("Soupe à l'oignon") == "soupe-a-l-oignon"
    assert slug("Çà et là !") == "ca-et-la"
    assert slug("???") == "recipe"
    assert len(slug("x" * 200)) == 60


# The booklet ----------------------------------------------------------------------------------


@pytest.fixture
def twenty_recipes(group) -> list[Recipe]:
    foods = [make_food(f"ingrédient {index}") for index in range(10)]
    for index, food in enumerate(foods):
        make_price(food, 100 + 10 * index)
    recipes = Recipe.objects.bulk_create(
        Recipe(title=f"Plat numéro {index:02d}", author_group=group, fridge_days=2)
        for index in range(20)
    )
    Ingredient.objects.bulk_create(
        Ingredient(recipe=recipe, position=position, food=food, quantity=Decimal(100 + position))
        for recipe in recipes
        for position, food in enumerate(foods)
    )
    RecipeEquipment.objects.bulk_create(
        RecipeEquipment(recipe=recipe, name="Marmite", size="20 l") for recipe in recipes
    )
    Step.objects.bulk_create(
        Step(recipe=recipe, position=number, text=f"Étape {number} de {recipe.title}.")
        for recipe in recipes
        for number in range(4)
    )
    return recipes


def test_a_booklet_of_20_recipes_is_made_quickly_with_a_cover_contents_and_a_page_each(
    client_as, twenty_recipes
):
    member = client_as("member")
    query = {"recipe": [recipe.pk for recipe in twenty_recipes], "portions": "32"}

    started = time.monotonic()
    response = member.get("/recipes/booklet/", query)
    elapsed = time.monotonic() - started

    pdf = assert_pdf(response, "recettes-32.pdf")
    assert elapsed <= 10, f"{elapsed:.1f} s"
    assert pdf_pages(pdf) >= 22  # cover, contents, 20 recipes
    contents = pdf_text(pdf, first=2, last=2)
    for recipe in twenty_recipes:
        assert recipe.title in contents
    text = pdf_text(pdf)
    assert "Étape 3 de Plat numéro 19." in text
    assert "200 g ingrédient 0" in text  # 100 g for 16, for 32


def test_a_recipe_the_person_may_not_read_cannot_be_put_in_a_booklet(client_as, soup, kept_recipe):
    outsider = client_as("outsider")

    response = outsider.get("/recipes/booklet/", {"recipe": [soup.pk, kept_recipe.pk]})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "recipe" in response.context["form"].errors
    assert "Tajine de Rosa" not in response.text
    # Alone, the soup makes a booklet, still without the tajine.
    alone = outsider.get("/recipes/booklet/", {"recipe": [soup.pk], "portions": "16"})
    text = pdf_text(assert_pdf(alone, "recettes-16.pdf"))
    assert "Soupe de carottes" in text
    assert "Tajine" not in text


def test_the_booklet_form_lists_only_the_recipes_the_person_may_read(
    client_as, soup, kept_recipe, secret_recipe
):
    response = client_as("member").get("/recipes/booklet/")

    assert response.status_code == 200
    assert "Soupe de carottes" in response.text
    assert "Tajine de Rosa" in response.text
    assert "Poulet de Nadia" not in response.text


# Fetching files ---------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    (root / "recipes").mkdir(parents=True)
    settings.MEDIA_ROOT = root
    settings.MEDIA_URL = "/media/"
    (tmp_path / "settings.py").write_text("SECRET_KEY = 'do not read me'")
    return root


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.png",
        "https://example.org/media/recipes/photo.jpg",  # our path, someone else's server
        "http://testserver.example.org/media/recipes/photo.jpg",
        "file:///etc/passwd",
        "http://testserver/static/css/app.css",  # only uploaded files
        "http://testserver/media/../settings.py",
        "http://testserver/media/recipes/../../settings.py",
        "http://testserver/media/%2e%2e/settings.py",
        "http://testserver/media/recipes/missing.jpg",
        "http://testserver/media/recipes",  # a folder
    ],
)
def test_nothing_but_our_own_uploaded_files_is_fetched(media, url):
    fetcher = LocalFetcher("http://testserver/")

    with pytest.raises(ValueError):
        fetcher.fetch(url)


def test_an_uploaded_file_is_read_from_media_root(media):
    (media / "recipes" / "photo.jpg").write_bytes(b"\xff\xd8\xff pixels")
    fetcher = LocalFetcher("http://testserver/")

    response = fetcher.fetch("http://testserver/media/recipes/photo.jpg?v=2")

    assert response.read() == b"\xff\xd8\xff pixels"


def test_a_recipe_photo_is_drawn_into_the_sheet(client_as, soup, media, tmp_path):
    (media / "recipes" / "soupe.jpg").write_bytes(picture("JPEG", size=(40, 30)))
    Recipe.objects.filter(pk=soup.pk).update(photo="recipes/soupe.jpg")

    response = client_as("member").get(f"/recipes/{soup.pk}/sheet.pdf")

    pdf = assert_pdf(response, "soupe-de-carottes-16.pdf")
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    images = subprocess.run(
        [poppler("pdfimages"), "-list", str(tmp_path / "sheet.pdf")],
        capture_output=True,
        check=True,
    )
    assert re.search(r"\bimage\s+40\s+30\b", images.stdout.decode())  # the photo, 40 × 30
