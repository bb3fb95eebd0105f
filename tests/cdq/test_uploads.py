"""Hostile uploads: every test file is made here, in memory, with Pillow."""

import io
import random
import re
import struct
import zipfile
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageFile, PngImagePlugin

from core.uploads import ImageUploadField, reencode_image
from tests.factories import picture

ORIENTATION = 0x0112
MAKER_NOTE = 0x927C


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def noise(size, mode="RGB", seed=0) -> Image.Image:
    """Random pixels: they compress badly, so the JPEG scan data is full of 0xFF bytes."""
    rgba = random.Random(seed).randbytes(size[0] * size[1] * 4)
    return Image.frombytes("RGBA", size, rgba).convert(mode)


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (50.0, 50.0, 12.0), 3: "E", 4: (4.0, 21.0, 7.0)}
    return exif


def png_chunk(chunk_type: bytes, data: bytes = b"") -> bytes:
    crc = zlib.crc32(chunk_type + data)
    return struct.pack(">I", len(data)) + chunk_type + data + struct.pack(">I", crc)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size but has no pixel data: a bomb costs a few bytes to make."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IEND")


def refusal(data: bytes, **limits) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        reencode_image(upload(data), **limits)
    return caught.value


def content(result) -> bytes:
    result.seek(0)
    return result.read()


def reopened(result) -> Image.Image:
    image = Image.open(io.BytesIO(content(result)))
    image.load()
    return image


def test_a_jpeg_photo_comes_back_upright_and_without_its_exif_and_gps():
    # Orientation 6: the camera stored a portrait sideways, 60 wide and 40 high.
    data = picture("JPEG", size=(60, 40), exif=exif_with_gps(orientation=6))
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    result = reencode_image(upload(data))

    image = reopened(result)
    assert image.format == "JPEG"
    assert image.size == (40, 60)
    assert not image.getexif()
    assert b"Exif" not in content(result)


def test_comments_icc_profiles_and_text_chunks_are_dropped():
    icc = b"\x00" * 128 + b"a colour profile"
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "secret address")
    text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    sources = [
        picture("JPEG", comment=b"secret address", icc_profile=icc),
        picture("PNG", mode="RGBA", color=(0, 0, 0, 0), pnginfo=text, icc_profile=icc),
    ]

    for data in sources:
        result = content(reencode_image(upload(data)))

        image = Image.open(io.BytesIO(result))
        assert not {"comment", "icc_profile", "Comment", "XML:com.adobe.xmp"} & image.info.keys()
        assert b"secret" not in result


def test_a_png_with_transparency_stays_a_png_with_its_transparent_pixels():
    logo = Image.new("RGBA", (20, 10), (0, 128, 0, 255))
    logo.paste((0, 0, 0, 0), (0, 0, 10, 10))
    out = io.BytesIO()
    logo.save(out, "PNG")

    result = reencode_image(upload(out.getvalue(), "logo.png", "image/png"))

    image = reopened(result)
    assert result.name.endswith(".png")
    assert image.format == "PNG"
    assert image.getpixel((2, 2))[3] == 0
    assert image.getpixel((15, 5)) == (0, 128, 0, 255)


def test_a_png_without_transparent_pixels_becomes_a_jpeg():
    data = picture("PNG", mode="RGBA", color=(10, 20, 30, 255))

    result = reencode_image(upload(data, "screenshot.png", "image/png"))

    assert result.name.endswith(".jpg")
    assert reopened(result).format == "JPEG"


def test_a_16_bit_grey_png_keeps_its_greys():
    grey = Image.new("I;16", (4, 4), 32768)
    out = io.BytesIO()
    grey.save(out, "PNG")

    result = reencode_image(upload(out.getvalue(), "scan.png", "image/png"))

    assert reopened(result).convert("L").getpixel((0, 0)) in range(120, 136)


def test_the_type_the_browser_claims_does_not_matter():
    data = picture("JPEG")

    result = reencode_image(upload(data, "drawing.svg", "image/svg+xml"))

    assert reopened(result).format == "JPEG"


class UnreadableUpload:
    """Says how big it is; reading it fails the test."""

    name = "huge.jpg"
    size = 1001

    def seek(self, *args):
        raise AssertionError("the file was read")

    read = seek


def test_a_file_bigger_than_the_limit_is_refused_before_it_is_read():
    with pytest.raises(ValidationError) as caught:
        reencode_image(UnreadableUpload(), max_bytes=1000)

    error = caught.value

    assert error.code == "too_big"
    with translation.override("en"):
        assert error.messages == ["This file is too big. The limit is 1000\xa0bytes."]
        assert refusal(b"x" * (5 * 1024 * 1024 + 1)).messages == [
            "This file is too big. The limit is 5.0\xa0MB."
        ]


def test_a_file_that_lies_about_its_size_is_still_refused_when_too_big():
    lying = upload(picture("JPEG", size=(200, 200), mode="RGB", color="red") * 3)
    lying.size = 10

    with pytest.raises(ValidationError) as caught:
        reencode_image(lying, max_bytes=1000)

    assert caught.value.code == "too_big"


def test_a_text_file_renamed_jpg_is_not_a_picture():
    error = refusal(b"Dear neighbours, the soup is ready.\n")

    assert error.code == "not_an_image"
    with translation.override("en"):
        assert error.messages == ["This file is not a picture. Please choose a photo."]


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
)
def test_an_svg_is_refused(data):
    assert refusal(data).code == "unsupported_format"


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_picture_formats_are_refused(fmt):
    error = refusal(picture(fmt))

    assert error.code == "unsupported_format"
    with translation.override("en"):
        assert "JPEG, PNG or WebP" in error.messages[0]


def test_a_png_with_html_appended_is_refused():
    data = picture("PNG") + b"<html><script>alert(1)</script></html>"

    error = refusal(data)

    assert error.code == "extra_data"
    with translation.override("en"):
        assert error.messages == [
            "This picture has hidden data in it. Please choose another photo."
        ]


def test_a_jpeg_with_a_zip_appended_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.html", "<script>alert(1)</script>")

    assert refusal(picture("JPEG") + archive.getvalue()).code == "extra_data"


def test_a_webp_with_data_appended_is_refused():
    assert refusal(picture("WEBP") + b"<html></html>").code == "extra_data"


def test_end_markers_inside_metadata_are_not_taken_for_the_end_of_the_picture():
    exif = Image.Exif()
    exif[MAKER_NOTE] = b"\xff\xd9<html>"
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "IEND<html>")
    jpeg = picture("JPEG", exif=exif)
    png = picture("PNG", pnginfo=text)
    # The end markers are there, in the metadata, before the real end of each picture.
    assert jpeg.index(b"\xff\xd9<html>") < len(jpeg) - 2
    assert png.index(b"IEND<html>") < png.rindex(b"IEND")

    for data in (jpeg, png):
        result = reencode_image(upload(data))  # not refused as "extra_data"

        assert reopened(result).size == (60, 40)  # the whole picture, read to its real end
        assert b"<html>" not in content(result)


def test_a_decompression_bomb_is_refused_before_its_pixels_are_decoded():
    error = refusal(png_header_only(50_000, 50_000))

    assert error.code == "too_many_pixels"
    with translation.override("en"):
        assert error.messages == ["This picture is too large. Please choose a smaller photo."]


def test_pillows_decompression_bomb_warning_refuses_the_picture_too():
    # 100 million pixels: Pillow only warns, and our own limit is set out of the way.
    assert refusal(png_header_only(10_000, 10_000), max_pixels=10**12).code == "too_many_pixels"


def test_a_picture_over_our_pixel_limit_is_refused_even_below_pillows():
    assert refusal(png_header_only(8_000, 6_000)).code == "too_many_pixels"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_truncated_picture_is_refused(fmt):
    out = io.BytesIO()
    noise((64, 64)).save(out, fmt)
    data = out.getvalue()

    error = refusal(data[: len(data) // 2])

    assert error.code == "unreadable"
    with translation.override("en"):
        assert error.messages == ["This picture is damaged. Please choose another photo."]


@pytest.mark.parametrize("truncated_allowed", [False, True])
def test_a_picture_with_broken_pixel_data_is_refused(monkeypatch, truncated_allowed):
    # Every chunk is in place; only the compressed pixels are garbage. Refused even when
    # another library (WeasyPrint does, on import) told Pillow to accept truncated pictures.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", truncated_allowed)
    ihdr = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    chunks = png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", b"garbage") + png_chunk(b"IEND")

    assert refusal(b"\x89PNG\r\n\x1a\n" + chunks).code == "unreadable"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is truncated_allowed  # put back as it was


@pytest.mark.parametrize(
    ("fmt", "size", "expected"),
    [("PNG", (5000, 1000), (2000, 400)), ("JPEG", (4000, 3000), (2000, 1500))],
)
def test_a_huge_but_valid_picture_is_scaled_down(fmt, size, expected):
    result = reencode_image(upload(picture(fmt, size=size)))

    assert reopened(result).size == expected


def test_the_new_file_gets_a_random_name_not_the_uploaded_one():
    data = picture("JPEG")

    first = reencode_image(upload(data, "../../Maison de Amina, rue Haute.jpg"))
    second = reencode_image(upload(data, "../../Maison de Amina, rue Haute.jpg"))

    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", first.name)
    assert first.name != second.name


class PhotoForm(forms.Form):
    photo = ImageUploadField(required=False)


def test_the_form_field_accepts_nothing_uploaded_when_not_required():
    form = PhotoForm(data={}, files={})

    assert form.is_valid()
    assert form.cleaned_data["photo"] is None


def test_the_form_field_refuses_a_bad_file_with_the_message():
    with translation.override("en"):
        form = PhotoForm(data={}, files={"photo": upload(b"<html></html>", "cat.jpg")})

        assert not form.is_valid()
        assert form.errors["photo"] == ["This file is not a picture. Please choose a photo."]


def test_the_form_field_gives_the_reencoded_file():
    form = PhotoForm(data={}, files={"photo": upload(picture("JPEG", exif=exif_with_gps()))})

    assert form.is_valid()
    photo = form.cleaned_data["photo"]
    assert photo.name.endswith(".jpg")
    assert not reopened(photo).getexif()


def test_the_form_field_asks_the_browser_for_pictures_only():
    assert 'accept="image/jpeg,image/png,image/webp"' in str(PhotoForm()["photo"])


MODES_BY_FORMAT = {
    "JPEG": ["L", "RGB", "CMYK"],
    "PNG": ["1", "L", "LA", "P", "RGB", "RGBA", "I;16"],
    "WEBP": ["RGB", "RGBA"],
}


@st.composite
def uploaded_pictures(draw):
    fmt = draw(st.sampled_from(sorted(MODES_BY_FORMAT)))
    mode = draw(st.sampled_from(MODES_BY_FORMAT[fmt]))
    size = (draw(st.integers(1, 300)), draw(st.integers(1, 300)))
    orientation = draw(st.integers(1, 8))
    save = {"progressive": draw(st.booleans())} if fmt == "JPEG" else {}
    out = io.BytesIO()
    image = noise(size, mode, seed=draw(st.integers(0, 2**32)))
    image.save(out, fmt, exif=exif_with_gps(orientation), **save)
    return out.getvalue(), size, orientation


@settings(deadline=None, max_examples=60)
@given(uploaded=uploaded_pictures(), max_side=st.integers(16, 400))
def test_any_small_picture_comes_back_clean_upright_and_within_the_size_limit(uploaded, max_side):
    data, (width, height), orientation = uploaded
    upright = (height, width) if orientation >= 5 else (width, height)
    source = Image.open(io.BytesIO(data)).convert("RGBA")
    transparent = source.getchannel("A").getextrema()[0] < 255

    result = reencode_image(upload(data), max_side=max_side)

    image = reopened(result)
    assert image.format == ("PNG" if transparent else "JPEG")
    assert result.name.endswith(".png" if transparent else ".jpg")
    assert not image.getexif()
    assert "icc_profile" not in image.info
    assert max(image.size) <= max_side
    if max(upright) <= max_side:
        assert image.size == upright
    else:
        assert max(image.size) == max_side
