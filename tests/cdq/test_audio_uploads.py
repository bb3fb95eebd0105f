"""Voice recordings on recipe steps: the type is read from the bytes, the name is ours."""

import io
import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.uploads import AUDIO_MAX_BYTES, AudioUploadField, check_audio
from tests.factories import picture

BODY = bytes(range(256)) * 4  # what follows the header: anything

SOUNDS = {
    "mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00" + BODY,
    "ogg": b"OggS\x00\x02" + BODY,
    "m4a": b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + BODY,
    "webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + BODY,
}


def upload(data: bytes, name: str = "evil.html", content_type: str = "text/html"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def refusal(data: bytes, name="voix.mp3", **limits) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_audio(upload(data, name, "audio/mpeg"), **limits)
    return caught.value


@pytest.mark.parametrize("extension", sorted(SOUNDS))
def test_a_recording_is_kept_as_it_is_under_a_random_name_with_its_real_extension(extension):
    data = SOUNDS[extension]

    checked = check_audio(upload(data, "evil.html", "text/html"))

    assert re.fullmatch(rf"[0-9a-f]{{32}}\.{extension}", checked.name)
    assert checked.read() == data


def test_two_uploads_of_the_same_file_get_two_names():
    first = check_audio(upload(SOUNDS["ogg"], "voix.ogg"))
    second = check_audio(upload(SOUNDS["ogg"], "voix.ogg"))

    assert first.name != second.name


@pytest.mark.parametrize(
    ("data", "extension"),
    [
        (b"\xff\xfb\x90\x64" + BODY, "mp3"),  # an MP3 frame without an ID3 tag
        (b"\xff\xf3\x40\xc4" + BODY, "mp3"),
        (b"\x00\x00\x00\x1cftypmp42\x00\x00\x00\x00" + BODY, "m4a"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00" + BODY, "m4a"),
    ],
)
def test_other_common_headers_are_recognised(data, extension):
    assert check_audio(upload(data, "voix.mp3")).name.endswith(f".{extension}")


def test_the_name_sent_never_decides_the_extension():
    checked = check_audio(upload(SOUNDS["mp3"], "voix.ogg", "audio/ogg"))

    assert checked.name.endswith(".mp3")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (picture("PNG", size=(8, 8)), "voix.mp3"),
        (b"Bonjour, ceci est du texte.\n" * 10, "voix.mp3"),
        (b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>", "voix.mp3"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "voix.ogg"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + BODY, "voix.m4a"),  # a photo
        (b"RIFF\x24\x00\x00\x00WAVEfmt " + BODY, "voix.wav"),  # WAV: not for every browser
        (b"%PDF-1.7\n" + BODY, "voix.mp3"),
        (b"PK\x03\x04" + BODY, "voix.mp3"),  # a ZIP
        (b"", "voix.mp3"),
        (b"ID", "voix.mp3"),
    ],
)
def test_what_is_not_a_recording_is_refused(data, name):
    error = refusal(data, name)

    assert error.code == "not_audio"


def test_the_refusal_says_which_files_are_welcome():
    with translation.override("en"):
        message = refusal(picture("PNG", size=(8, 8))).messages[0]

    assert "MP3" in message and "OGG" in message


def test_a_recording_over_5_mb_is_refused():
    too_big = b"OggS" + b"\x00" * AUDIO_MAX_BYTES  # one byte over the limit

    assert refusal(too_big).code == "too_big"
    assert check_audio(upload(too_big[:AUDIO_MAX_BYTES])).name.endswith(".ogg")  # at the limit


def test_a_file_claiming_a_small_size_is_still_measured():
    uploaded = upload(b"OggS" + b"\x00" * 2000)
    uploaded.size = 10  # the claimed size lies

    with pytest.raises(ValidationError) as caught:
        check_audio(uploaded, max_bytes=1000)

    assert caught.value.code == "too_big"


def test_a_file_claiming_a_big_size_is_refused_before_it_is_read():
    class Unreadable(io.BytesIO):
        size = AUDIO_MAX_BYTES + 1

        def read(self, *args):
            raise AssertionError("read although too big")

    with pytest.raises(ValidationError) as caught:
        check_audio(Unreadable(SOUNDS["ogg"]))

    assert caught.value.code == "too_big"


def test_the_limit_is_said_in_the_readers_language():
    error = refusal(b"OggS" + b"\x00" * AUDIO_MAX_BYTES)

    with translation.override("en"):
        assert "5.0\N{NO-BREAK SPACE}MB" in error.messages[0]
    with translation.override("fr"):
        assert "5,0\N{NO-BREAK SPACE}Mio" in error.messages[0]


# The form field --------------------------------------------------------------------------------


class StepForm(forms.Form):
    audio = AudioUploadField(required=False)


def test_the_field_cleans_to_the_checked_file_and_asks_the_phone_for_sounds():
    form = StepForm(files={"audio": upload(SOUNDS["webm"], "enregistrement.webm", "audio/webm")})

    assert form.is_valid(), form.errors
    assert re.fullmatch(r"[0-9a-f]{32}\.webm", form.cleaned_data["audio"].name)
    assert 'accept="audio/mpeg,audio/ogg' in str(form["audio"])


def test_the_field_puts_the_refusal_next_to_itself():
    form = StepForm(files={"audio": upload(picture("PNG", size=(8, 8)), "voix.mp3", "audio/mpeg")})

    assert not form.is_valid()
    assert form.has_error("audio", "not_audio")


def test_the_field_left_empty_is_fine():
    form = StepForm(data={}, files={})

    assert form.is_valid()
    assert form.cleaned_data["audio"] is None
