"""A photo or recording chosen on a form that comes back (a correction, "Add a step"
without JavaScript) is kept on the server and not chosen twice (cdq/kept_uploads.py)."""

import os
import re
import time

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core import kept_uploads
from core.uploads import AudioUploadField, ImageUploadField
from events.models import Event
from recipes.models import Recipe
from tests.factories import picture
from tests.form_data import event_data, ingredient, recipe_data

TOKEN = re.compile(r'name="(?P<name>[\w-]+-kept)" value="(?P<token>[^"]+)"')


def photo(colour="tomato") -> SimpleUploadedFile:
    data = picture("JPEG", size=(40, 30), color=colour)
    return SimpleUploadedFile("IMG_2041.jpg", data, content_type="image/jpeg")


class DishForm(forms.Form):
    name = forms.CharField()
    photo = ImageUploadField(required=False)
    voice = AudioUploadField(required=False)


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


def kept_tokens(html: str) -> dict[str, str]:
    return {match["name"]: match["token"] for match in TOKEN.finditer(html)}


def test_a_photo_on_a_form_that_comes_back_is_kept_and_taken_back(folders):
    first = DishForm({"name": ""}, {"photo": photo()})
    assert not first.is_valid()
    checked = first.cleaned_data["photo"].read()

    html = str(first["photo"])
    tokens = kept_tokens(html)
    assert list(tokens) == ["photo-kept"]
    assert "Photo gardée" in html
    assert "required" not in html
    kept = list((folders / "private" / "kept").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == checked
    assert not (folders / "media").exists()  # never in the public folder

    second = DishForm({"name": "Tajine", **tokens}, {})
    assert second.is_valid(), second.errors
    assert second.cleaned_data["photo"].read() == checked
    assert second.cleaned_data["photo"].name != kept[0].name  # a new name, as any upload
    assert second.cleaned_data["voice"] is None
    assert not kept[0].exists()  # taken back: it leaves the kept folder


def test_a_form_drawn_again_without_being_validated_keeps_its_photo_too(folders):
    """("Add a step" draws the form again without validating it.)"""
    drawn = DishForm({"name": ""}, {"photo": photo()})
    tokens = kept_tokens(str(drawn["photo"]))
    assert list(tokens) == ["photo-kept"]

    drawn_again = DishForm({"name": "", **tokens}, {})
    again = kept_tokens(str(drawn_again["photo"]))
    assert list(again) == ["photo-kept"]  # still kept (taken back, kept again)
    assert len(list((folders / "private" / "kept").iterdir())) == 1


def test_a_token_that_names_nothing_any_more_is_not_drawn_again():
    form = DishForm({"name": "", "photo-kept": "forged"}, {})
    html = str(form["photo"])
    assert kept_tokens(html) == {} and "gardée" not in html


def test_a_form_saved_at_once_keeps_nothing(folders):
    form = DishForm({"name": "Tajine"}, {"photo": photo()})
    assert form.is_valid()
    assert not (folders / "private" / "kept").exists()


def test_a_new_photo_chosen_replaces_the_kept_one():
    first = DishForm({"name": ""}, {"photo": photo("tomato")})
    first.is_valid()
    tokens = kept_tokens(str(first["photo"]))

    second = DishForm({"name": "Tajine", **tokens}, {"photo": photo("navy")})
    assert second.is_valid()
    with Image.open(second.cleaned_data["photo"]) as image:
        red, _green, blue = image.getpixel((5, 5))
    assert blue > red  # navy, not tomato


def test_a_refused_photo_is_not_kept_and_says_why():
    fake = SimpleUploadedFile("photo.jpg", b"<html>not a picture</html>")
    form = DishForm({"name": ""}, {"photo": fake})
    assert not form.is_valid()
    assert "photo" in form.errors
    assert kept_tokens(str(form["photo"])) == {}


@pytest.mark.parametrize("token", ["forged", "kept.jpg", ""])
def test_a_forged_token_names_no_file(token):
    form = DishForm({"name": "Tajine", "photo-kept": token}, {})
    if token:
        assert not form.is_valid()
        assert form.errors["photo"] == [
            "Le fichier choisi n'est plus là. Choisissez-le à nouveau, s'il vous plaît."
        ]
    else:
        assert form.is_valid() and form.cleaned_data["photo"] is None


def test_a_token_older_than_a_day_is_refused_and_old_kept_files_are_removed(folders, monkeypatch):
    first = DishForm({"name": ""}, {"photo": photo()})
    first.is_valid()
    tokens = kept_tokens(str(first["photo"]))
    [old] = (folders / "private" / "kept").iterdir()
    two_days_ago = time.time() - 2 * kept_uploads.KEPT_FOR
    os.utime(old, (two_days_ago, two_days_ago))

    monkeypatch.setattr(kept_uploads, "KEPT_FOR", -1)  # every token is too old now
    late = DishForm({"name": "Tajine", **tokens}, {})
    assert not late.is_valid() and "photo" in late.errors
    monkeypatch.undo()

    again = DishForm({"name": ""}, {"photo": photo()})
    again.is_valid()
    str(again["photo"])  # keeps a new one, and clears what is older than a day
    assert old not in list((folders / "private" / "kept").iterdir())
    assert len(list((folders / "private" / "kept").iterdir())) == 1


# On the pages -------------------------------------------------------------------------


def test_adding_a_step_without_javascript_keeps_the_step_photo(client_as, group, foods):
    client = client_as("member")
    data = recipe_data(group, [ingredient(foods["lentils"], "500")], steps=[{"text": "Rincez."}])

    shown = client.post("/recipes/new/", {**data, "add": "step", "steps-0-photo": photo()})

    tokens = kept_tokens(shown.text)
    assert list(tokens) == ["steps-0-photo-kept"]
    assert "Photo gardée" in shown.text
    assert not Recipe.objects.exists()

    saved = client.post("/recipes/new/", {**data, **tokens})
    assert saved.status_code == 302, saved.context and saved.context["steps"].errors
    step = Recipe.objects.get().steps.get()
    assert step.photo.name.endswith(".jpg")
    assert step.photo.size > 0


def test_a_correction_on_the_event_form_keeps_the_cover_photo(client_as, coordinator):
    client = client_as("coordinator")

    shown = client.post("/events/new/", {**event_data(title=""), "cover": photo()})

    tokens = kept_tokens(shown.text)
    assert shown.status_code == 200 and list(tokens) == ["cover-kept"]

    saved = client.post("/events/new/", {**event_data(title="Rendez-vous d'hiver"), **tokens})
    assert saved.status_code == 302
    assert Event.objects.get(title="Rendez-vous d'hiver").cover.name.endswith(".jpg")


def test_adding_a_workshop_line_keeps_the_cover_photo(client_as, coordinator):
    client = client_as("coordinator")

    shown = client.post("/events/new/", {**event_data(), "add": "workshop", "cover": photo()})

    assert list(kept_tokens(shown.text)) == ["cover-kept"]
    assert not Event.objects.exists()


def test_a_photo_already_saved_shows_as_a_link_and_can_be_removed():
    class Saved:
        url = "/media/recipes/b07a24d4f3b44ba0a1aa31d4181bc435.jpg"

        def __str__(self):
            return "recipes/b07a24d4f3b44ba0a1aa31d4181bc435.jpg"

    shown = DishForm(initial={"photo": Saved()})
    html = str(shown["photo"])
    assert f'<a href="{Saved.url}">Voir la photo actuelle</a>' in html
    assert "b07a24d4" not in html.replace(Saved.url, "")  # no file name to read
    assert 'name="photo-clear"' in html and ">Retirer</label>" in html

    removed = DishForm({"name": "Tajine", "photo-clear": "on"}, {}, initial={"photo": Saved()})
    assert removed.is_valid() and removed.cleaned_data["photo"] is False


def test_a_sound_kept_by_a_recording_field_is_never_taken_back_as_a_photo():
    voice = SimpleUploadedFile("voix.mp3", b"ID3" + b"<html><script>alert(1)</script>")
    first = DishForm({"name": ""}, {"voice": voice})
    assert not first.is_valid()
    token = kept_tokens(str(first["voice"]))["voice-kept"]

    swapped = DishForm({"name": "Tajine", "photo-kept": token}, {})

    assert not swapped.is_valid()
    assert swapped.errors["photo"] == [
        "Le fichier choisi n'est plus là. Choisissez-le à nouveau, s'il vous plaît."
    ]


def test_a_photo_kept_for_a_larger_photo_field_is_not_taken_by_a_smaller_one():
    class SmallLogo(forms.Form):
        photo = ImageUploadField(required=False, max_side=64)

    first = DishForm({"name": ""}, {"photo": photo()})
    first.is_valid()
    tokens = kept_tokens(str(first["photo"]))

    assert not SmallLogo(tokens, {}).is_valid()


def test_nothing_more_is_kept_once_the_kept_files_reach_their_limit(folders, monkeypatch):
    monkeypatch.setattr(kept_uploads, "KEPT_AT_MOST_BYTES", 100)
    form = DishForm({"name": ""}, {"photo": photo()})
    assert not form.is_valid()

    html = str(form["photo"])

    assert kept_tokens(html) == {} and "gardée" not in html  # chosen again, as before
    assert list((folders / "private" / "kept").iterdir()) == []


def test_a_disk_that_fails_means_the_photo_is_chosen_again_not_an_error(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.PRIVATE_MEDIA_ROOT = blocker  # the kept folder cannot be made inside a file
    form = DishForm({"name": ""}, {"photo": photo()})
    assert not form.is_valid()

    assert kept_tokens(str(form["photo"])) == {}


def test_a_kept_photo_can_be_removed_too():
    first = DishForm({"name": ""}, {"photo": photo()})
    first.is_valid()
    html = str(first["photo"])
    assert 'name="photo-clear"' in html and ">Retirer</label>" in html

    removed = DishForm({"name": "Tajine", "photo-clear": "on", **kept_tokens(html)}, {})

    assert removed.is_valid() and removed.cleaned_data["photo"] is False  # no photo at all
