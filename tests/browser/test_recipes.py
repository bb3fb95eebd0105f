"""The recipe library on a phone: find a vegetarian dish, cook it for 48, print its sheet;
write a recipe, adding ingredient rows with and without JavaScript (the step photo chosen
before is kept)."""

import re
import shutil
import subprocess

from playwright.sync_api import Page, expect

from recipes.models import Recipe
from tests.browser.conftest import (
    PAGE_BUDGET_BYTES,
    assert_accessible,
    assert_big_enough_targets,
    log_in,
    measure_first_load,
)
from tests.factories import picture


def pdf_text(path) -> str:
    command = [shutil.which("pdftotext") or "pdftotext", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_a_cook_finds_a_vegetarian_soup_scales_it_to_48_and_downloads_its_sheet(
    phone: Page, live_server, soup, kept_recipe, member
):
    log_in(phone, live_server, member)
    phone.goto(live_server.url + "/recipes/")
    expect(phone.get_by_role("link", name="Tajine de Rosa")).to_be_visible()
    assert_accessible(phone)

    phone.get_by_label("Régime").select_option("vegetarian")
    phone.get_by_role("button", name="Chercher").click()

    expect(phone.get_by_role("link", name="Tajine de Rosa")).to_have_count(0)
    expect(phone).to_have_url(re.compile(r"/recipes/\?.*diet=vegetarian"))
    assert_accessible(phone)
    phone.get_by_role("link", name="Soupe de carottes").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Soupe de carottes")
    scaled = phone.locator("#scaled")
    expect(scaled).to_contain_text("Pour 16 portions")
    expect(scaled).to_contain_text("800 g")
    assert_accessible(phone)
    assert_big_enough_targets(phone)

    scaled.get_by_role("link", name="48").click()

    expect(scaled.get_by_role("heading", level=2)).to_have_text("Pour 48 portions")
    expect(scaled).to_contain_text("2,4 kg")
    expect(scaled).to_contain_text("9 oignons")
    expect(scaled).to_contain_text("3 bottes")
    expect(scaled).to_contain_text("3 × Marmite 20 l")
    expect(scaled.locator(".portion-price")).to_have_text("0,29\u00a0€ la portion")
    expect(phone).to_have_url(f"{live_server.url}/recipes/{soup.pk}/?portions=48")
    assert_accessible(phone)

    # One more, then one less: the stepper, with or without JavaScript.
    phone.get_by_role("link", name="Une portion de plus").click()
    expect(scaled.get_by_role("heading", level=2)).to_have_text("Pour 49 portions")
    phone.get_by_role("link", name="Une portion de moins").click()
    expect(scaled.get_by_role("heading", level=2)).to_have_text("Pour 48 portions")

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Fiche recette (PDF)").click()
    assert download.value.suggested_filename == "soupe-de-carottes-48.pdf"
    text = pdf_text(download.value.path())
    assert "Soupe de carottes" in text
    assert "2,4 kg" in text and "carottes" in text
    assert "9" in text and "oignons" in text
    assert "0,29 €" in text


def test_typing_a_number_of_portions_rescales_the_recipe(phone: Page, live_server, soup, member):
    log_in(phone, live_server, member)
    phone.goto(f"{live_server.url}/recipes/{soup.pk}/")

    phone.get_by_role("spinbutton", name="Portions").fill("24")
    phone.get_by_role("button", name="OK").click()

    expect(phone.locator("#scaled")).to_contain_text("1,2 kg")
    expect(phone.locator("#scaled").get_by_role("heading", level=2)).to_have_text(
        "Pour 24 portions"
    )


def test_the_referent_writes_a_recipe_adding_rows_then_fixes_a_bad_quantity(
    phone: Page, live_server, foods, group, referent
):
    log_in(phone, live_server, referent)
    phone.goto(live_server.url + "/recipes/")
    phone.get_by_role("link", name="Écrire une recette").click()
    assert_accessible(phone)

    phone.get_by_label("Titre").fill("Dahl du samedi")
    first = phone.get_by_role("group", name="Ingrédient 1")
    first.get_by_label("Aliment").select_option(label="lentilles corail")
    first.get_by_label("Quantité").fill("1,5")
    first.get_by_label("Unité").select_option("kg")
    second = phone.get_by_role("group", name="Ingrédient 2")
    second.get_by_label("Aliment").select_option(label="oignon")
    second.get_by_label("Quantité").fill("0")
    second.get_by_label("Unité").select_option("piece")
    step = phone.get_by_role("group", name="Étape 1")
    step.get_by_label("Photo").set_input_files(
        {
            "name": "IMG_2041.jpg",
            "mimeType": "image/jpeg",
            "buffer": picture("JPEG", color="darkorange"),
        }
    )

    phone.get_by_role("button", name="Ajouter un ingrédient").click()

    third = phone.get_by_role("group", name="Ingrédient 3")
    expect(third).to_be_visible()
    expect(first.get_by_label("Quantité")).to_have_value("1,5")  # nothing typed is lost
    expect(step).to_contain_text("Photo gardée")  # nor the photo chosen: not chosen twice
    third.get_by_label("Aliment").select_option(label="lait")
    third.get_by_label("Quantité").fill("2")
    third.get_by_label("Unité").select_option("l")
    phone.get_by_role("group", name="Étape 1").get_by_label("Que faire").fill(
        "Rincez les lentilles."
    )
    phone.get_by_role("button", name="Enregistrer").click()

    # The bad quantity is refused next to its field, and nothing is saved.
    expect(second.locator(".errorlist")).to_be_visible()
    assert not Recipe.objects.filter(title="Dahl du samedi").exists()
    expect(step).to_contain_text("Photo gardée")
    assert_accessible(phone)
    phone.get_by_role("group", name="Ingrédient 2").get_by_label("Quantité").fill("3")
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Dahl du samedi")
    expect(phone.locator("#scaled")).to_contain_text("1,5 kg")
    expect(phone.locator("#scaled")).to_contain_text("3 oignons")
    expect(phone.locator("#scaled")).to_contain_text("2 l")
    recipe = Recipe.objects.get(title="Dahl du samedi")
    assert [line.food.name for line in recipe.ingredients.all()] == [
        "lentilles corail",
        "oignon",
        "lait",
    ]
    assert recipe.author_group == group
    assert recipe.steps.get().photo.name.endswith(".jpg")  # chosen once, kept twice


def test_the_library_and_a_recipe_weigh_under_60_kb_on_first_load(
    js_phone: Page, live_server, soup, kept_recipe, member
):
    log_in(js_phone, live_server, member)

    library = measure_first_load(js_phone, live_server.url + "/recipes/")
    recipe = measure_first_load(js_phone, f"{live_server.url}/recipes/{soup.pk}/?portions=48")

    assert any("read-aloud" in url for url in recipe.bodies), recipe.bodies
    assert library.total <= PAGE_BUDGET_BYTES, library.bodies
    assert recipe.total <= PAGE_BUDGET_BYTES, recipe.bodies


def test_listen_reads_a_step_aloud_in_the_recipe_language(
    js_phone: Page, live_server, soup, member
):
    # Record what would be spoken instead of speaking.
    js_phone.add_init_script(
        """window.spoken = [];
        if ("speechSynthesis" in window) {
          window.speechSynthesis.speak = (u) => window.spoken.push([u.text, u.lang]);
        }"""
    )
    log_in(js_phone, live_server, member)
    js_phone.goto(f"{live_server.url}/recipes/{soup.pk}/")

    js_phone.get_by_role("button", name="Écouter").nth(1).click()

    spoken = js_phone.evaluate("window.spoken")
    assert spoken == [["Faites cuire 30 minutes, puis mixez.", "fr"]]


def test_listen_is_hidden_where_the_browser_cannot_speak(phone: Page, live_server, soup, member):
    phone.add_init_script(
        "delete Window.prototype.speechSynthesis; delete window.SpeechSynthesisUtterance;"
    )
    log_in(phone, live_server, member)
    phone.goto(f"{live_server.url}/recipes/{soup.pk}/")

    expect(phone.get_by_text("Faites cuire 30 minutes, puis mixez.")).to_be_visible()
    expect(phone.get_by_role("button", name="Écouter")).to_have_count(0)
