"""Pictures people upload (group logos, kitchen photos, recipe photos), made safe to keep.

Nothing a person sends is stored as it came: the file is checked from its bytes (the name
and content type the browser claims are ignored), decoded by Pillow, then re-encoded into
a new file with a generated name. Re-encoding keeps only the pixels, so metadata (EXIF
with GPS, XMP, ICC profiles, comments, text chunks) and anything hidden in the file
cannot reach other members.

The output is JPEG, or PNG when the picture really uses transparency (a logo). Not WebP:
JPEG and PNG open everywhere, including in the printable PDF sheets.
"""

import struct
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps

from core.kept_uploads import KeepsUploads

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000
ACCEPT = "image/jpeg,image/png,image/webp"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Other pictures people may try to send: told "wrong type", not "not a picture".
OTHER_IMAGE_SIGNATURES = (
    b"GIF87a",
    b"GIF89a",
    b"BM",  # BMP
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"\x00\x00\x01\x00",  # ICO
    b"8BPS",  # Photoshop
)
# Pillow raises these, among others, on malformed input; hostile bytes must never be a 500.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


def _error(message: "StrOrPromise", code: str, **params: Any) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def _not_an_image() -> ValidationError:
    return _error(_("This file is not a picture. Please choose a photo."), "not_an_image")


def _unreadable() -> ValidationError:
    return _error(_("This picture is damaged. Please choose another photo."), "unreadable")


def _extra_data() -> ValidationError:
    return _error(
        _("This picture has hidden data in it. Please choose another photo."), "extra_data"
    )


def _sniff_format(data: bytes) -> str:
    """The Pillow format name of an accepted picture, from its first bytes."""
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    is_svg = head.startswith(b"<") and b"<svg" in head  # SVG is XML, and may carry scripts
    if is_svg or data.startswith(OTHER_IMAGE_SIGNATURES) or data[4:8] == b"ftyp":  # HEIC, AVIF
        raise _error(
            _("We cannot use this type of picture. Please choose a JPEG, PNG or WebP photo."),
            "unsupported_format",
        )
    raise _not_an_image()


def _png_end(data: bytes) -> int:
    """Where the IEND chunk ends. Walking the chunks, because 'IEND' may also appear
    inside another chunk's data."""
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, chunk_type = struct.unpack(">I4s", data[pos : pos + 8])
        pos += 12 + length  # length, type, data, CRC
        if chunk_type == b"IEND":
            return pos
    raise _unreadable()


def _jpeg_end(data: bytes) -> int:
    """Where the EOI marker ends. Walking the segments, because an embedded EXIF
    thumbnail has its own EOI, and scan data may contain 0xFF bytes (stuffed as FF 00)."""
    pos = 2  # after SOI
    while True:
        pos = data.find(b"\xff", pos)
        while 0 <= pos < len(data) and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if not 0 <= pos < len(data):
            raise _unreadable()
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            return pos
        if marker == 0x00 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue  # stuffed byte in scan data, restart marker, TEM: no length follows
        pos += int.from_bytes(data[pos : pos + 2])  # the segment's length counts itself
        # After SOS comes scan data: the loop finds the next real marker in it.


def _check_nothing_after_the_image(data: bytes, image_format: str) -> None:
    """Refuse polyglots: a real picture with, say, HTML or a ZIP archive appended, which
    another program would read as that other file."""
    if image_format == "PNG":
        end = _png_end(data)
    elif image_format == "JPEG":
        end = _jpeg_end(data)
    else:
        (riff_size,) = struct.unpack("<I", data[4:8])
        end = riff_size + 8  # the RIFF size counts everything after its own 8 bytes
    if end > len(data):
        raise _unreadable()
    if end < len(data):
        raise _extra_data()


def _open(data: bytes, image_format: str, max_pixels: int) -> Image.Image:
    """Open the picture, reading only its header, and refuse one too large to decode."""
    too_many_pixels = _error(
        _("This picture is too large. Please choose a smaller photo."), "too_many_pixels"
    )
    # Pillow only warns between its two limits: that must refuse the file too. (The
    # filter is process-wide while it applies; gunicorn's sync workers serve one request
    # at a time.)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data), formats=[image_format])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels from None
        except DECODE_ERRORS:
            raise _unreadable() from None
    if image.width * image.height > max_pixels:  # before any pixel is decoded
        raise too_many_pixels
    return image


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """A damaged picture must fail to decode. Pillow's switch for "fill truncated pictures
    with grey" is process-wide, and WeasyPrint turns it on when it is imported: turn it
    off while we decode. (gunicorn's sync workers serve one request at a time.)"""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _decode(image: Image.Image, max_side: int) -> Image.Image:
    """The pixels, turned upright, in RGB or (only if really transparent) RGBA."""
    image.draft("RGB", (max_side, max_side))  # JPEG only: decode already scaled down, cheap
    image = ImageOps.exif_transpose(image)  # phones store portraits sideways with a flag
    if image.mode.startswith("I;16"):  # 16-bit greys: scale, or every grey turns white
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    image = image.convert("RGBA")
    if image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image


def reencode_image(
    uploaded: File,
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_side: int = MAX_SIDE,
) -> ContentFile:
    """Check an uploaded picture and return a new, clean copy of it.

    Accepts JPEG, PNG and WebP, decided from the bytes. Returns a JPEG (or a PNG when the
    picture uses transparency) with no metadata, turned as the EXIF orientation says,
    with its longest side at most `max_side`, named with a random hex name. Raises
    ValidationError with a short message and one of the codes: too_big, not_an_image,
    unsupported_format, unreadable, extra_data, too_many_pixels.
    """
    too_big = _error(
        _("This file is too big. The limit is %(limit)s."),
        "too_big",
        limit=lazy(filesizeformat, str)(max_bytes),  # in the language of whoever reads it
    )
    if (getattr(uploaded, "size", None) or 0) > max_bytes:  # before reading anything
        raise too_big
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)  # the claimed size may lie
    if len(data) > max_bytes:
        raise too_big

    image_format = _sniff_format(data)
    _check_nothing_after_the_image(data, image_format)
    image = _open(data, image_format, max_pixels)
    try:
        with _strict_decoding():
            image = _decode(image, max_side)
    except DECODE_ERRORS:
        raise _unreadable() from None

    # A fresh image has only the pixels: Pillow copies some metadata (ICC profile,
    # comments) from the source image's info when saving.
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = BytesIO()
    if clean.mode == "RGBA":
        clean.save(out, "PNG")
        extension = "png"
    else:
        clean.save(out, "JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


class ImageUploadField(KeepsUploads, forms.FileField):
    """A form field for a picture: cleans to the re-encoded file from `reencode_image`.

    Use it for a model's ImageField in a ModelForm. With nothing uploaded it cleans like
    FileField: to the current file, to None, or to False when "clear" is ticked. A photo
    chosen on a form that comes back is kept (core.kept_uploads): not chosen twice.
    """

    def __init__(
        self,
        *,
        max_bytes: int = MAX_BYTES,
        max_pixels: int = MAX_PIXELS,
        max_side: int = MAX_SIDE,
        **kwargs: Any,
    ) -> None:
        self.limits = {"max_bytes": max_bytes, "max_pixels": max_pixels, "max_side": max_side}
        super().__init__(**kwargs)

    kept_message = _("Photo kept. To change it, choose another one.")
    current_label = _("See the current photo")

    def check_upload(self, uploaded: File) -> ContentFile:
        return reencode_image(uploaded, **self.limits)

    @property
    def kept_kind(self) -> str:
        limits = self.limits
        return f"image:{limits['max_bytes']}:{limits['max_pixels']}:{limits['max_side']}"

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT  # the phone's picker offers pictures, not documents
        return attrs


# Sound ----------------------------------------------------------------------------------

# Photos and logos uploaded in the admin are checked and re-encoded like everywhere else:
# `formfield_overrides = SAFE_IMAGES` on a ModelAdmin.
SAFE_IMAGES = {models.ImageField: {"form_class": ImageUploadField}}


AUDIO_MAX_BYTES = 5 * 1024 * 1024  # a few minutes of speech
AUDIO_ACCEPT = (
    "audio/mpeg,audio/ogg,audio/mp4,audio/x-m4a,audio/webm,.mp3,.ogg,.oga,.opus,.m4a,.webm"
)
# Brands of the MP4 family that phones and browsers write for sound.
M4A_BRANDS = {b"M4A ", b"M4B ", b"mp42", b"mp41", b"isom", b"iso5", b"iso6", b"dash"}


def _sniff_audio(data: bytes) -> str | None:
    """The extension of a sound file we can play in every browser, from its first bytes."""
    if data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"
    if data.startswith(b"OggS"):
        return "ogg"
    if data[4:8] == b"ftyp" and data[8:12] in M4A_BRANDS:
        return "m4a"
    if data.startswith(b"\x1a\x45\xdf\xa3"):  # Matroska/WebM: what Chrome records
        return "webm"
    return None


def _read_within(uploaded: File, max_bytes: int, too_big_message: "StrOrPromise") -> bytes:
    """The uploaded bytes, refused (code too_big) beyond `max_bytes` whatever size the
    upload claims."""
    too_big = _error(too_big_message, "too_big", limit=lazy(filesizeformat, str)(max_bytes))
    if (getattr(uploaded, "size", None) or 0) > max_bytes:
        raise too_big
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_big
    return data


class _CheckedFileField(KeepsUploads, forms.FileField):
    """A form field that cleans to the file `check(uploaded, max_bytes=...)` returns, with
    the file picker's `accept` hint."""

    accept = ""
    default_max_bytes = 0

    @staticmethod
    def check(uploaded: File, *, max_bytes: int) -> ContentFile:
        raise NotImplementedError  # set by subclasses

    def __init__(self, *, max_bytes: int | None = None, **kwargs: Any) -> None:
        self.max_bytes = max_bytes or self.default_max_bytes
        super().__init__(**kwargs)

    def check_upload(self, uploaded: File) -> ContentFile:
        return type(self).check(uploaded, max_bytes=self.max_bytes)

    @property
    def kept_kind(self) -> str:
        return f"{type(self).__name__}:{self.max_bytes}"

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = self.accept
        return attrs


def check_audio(uploaded: File, *, max_bytes: int = AUDIO_MAX_BYTES) -> ContentFile:
    """Check an uploaded sound (MP3, Ogg, M4A or WebM, decided from its bytes) and return
    it under a random name with the right extension. Sound is not re-encoded (that needs
    ffmpeg); the type is checked, the name and the claimed type are ignored, and it is only
    ever served as a sound. Raises ValidationError: too_big, not_audio."""
    data = _read_within(
        uploaded, max_bytes, _("This recording is too big. The limit is %(limit)s.")
    )
    extension = _sniff_audio(data)
    if extension is None:
        raise _error(
            _("This file is not a sound recording. Please choose an MP3, OGG, M4A or WebM file."),
            "not_audio",
        )
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")


class AudioUploadField(_CheckedFileField):
    """A form field for a short sound recording: cleans to the file from `check_audio`."""

    check = staticmethod(check_audio)
    kept_message = _("Recording kept. To change it, choose another one.")
    current_label = _("Listen to the current recording")
    accept = AUDIO_ACCEPT
    default_max_bytes = AUDIO_MAX_BYTES


# PDF documents ----------------------------------------------------------------------------

PDF_MAX_BYTES = 10 * 1024 * 1024


def check_pdf(uploaded: File, *, max_bytes: int = PDF_MAX_BYTES) -> ContentFile:
    """Check an uploaded PDF document (decided from its bytes: the `%PDF-` header and the
    `%%EOF` end mark) and return it under a random name. Raises ValidationError: too_big,
    not_pdf."""
    data = _read_within(uploaded, max_bytes, _("This file is too big. The limit is %(limit)s."))
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise _error(_("This file is not a PDF document. Please choose a PDF file."), "not_pdf")
    return ContentFile(data, name=f"{uuid.uuid4().hex}.pdf")


class PdfUploadField(_CheckedFileField):
    """A form field for a PDF document: cleans to the file from `check_pdf`."""

    check = staticmethod(check_pdf)
    kept_message = _("File kept. To change it, choose another one.")
    accept = "application/pdf,.pdf"
    default_max_bytes = PDF_MAX_BYTES
