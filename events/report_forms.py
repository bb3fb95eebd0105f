"""The coordinators' forms for reports, and the files that come with them.

A file comes through one field: what it is (photo, sound, PDF) is decided from its bytes,
never from its name or the type the browser claims. A picture is re-encoded (so nothing
but its pixels is kept), a sound or a PDF is checked and stored under a random name.
"""

import re
from dataclasses import dataclass
from io import BytesIO

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from core.forms import PlainForm, PlainModelForm
from core.uploads import check_audio, check_pdf, reencode_image
from events.models import Attachment, Event, Report
from events.storage import report_files

PHOTO_MAX_BYTES = 10 * 1024 * 1024  # a phone's photo
AUDIO_MAX_BYTES = 20 * 1024 * 1024  # half an hour of speech in MP3
PDF_MAX_BYTES = 10 * 1024 * 1024
MAX_BYTES = max(PHOTO_MAX_BYTES, AUDIO_MAX_BYTES, PDF_MAX_BYTES)
PHOTO_SIDE = 1024  # sharp on a phone (2× its 360 px), light on its data plan
THUMB_SIDE = 176  # the index's 88 px thumbnails, sharp on a 2× screen
AUDIO_KINDS = {"mp3", "ogg", "m4a"}  # what every phone's browser plays
ACCEPT = (
    "image/jpeg,image/png,image/webp,audio/mpeg,audio/ogg,audio/mp4,audio/x-m4a,"
    "application/pdf,.jpg,.jpeg,.png,.webp,.mp3,.ogg,.oga,.m4a,.pdf"
)
SIZE_IN_NAME = re.compile(r"-(\d{1,5})x(\d{1,5})\.(?:jpg|png)$")
DEFAULT_SIZE = (640, 480)

K = Attachment.Kind


class ReportForm(PlainModelForm):
    """A report about an event, or about one of its workshops (only those are offered:
    a forged workshop is refused with a clear message)."""

    class Meta:
        model = Report
        fields = ["title", "workshop", "theme", "text", "video_url", "visibility"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 10}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event
        workshop = self.fields["workshop"]
        workshop.queryset = event.workshops.all()
        workshop.empty_label = _("The whole event")
        workshop.error_messages["invalid_choice"] = _("This workshop is not part of this event.")
        if not event.workshops.exists():
            del self.fields["workshop"]
        self.fields["theme"].choices = theme_choices()  # and no empty "------"
        self.fields["video_url"].widget.attrs["placeholder"] = "https://"
        self.fields["video_url"].help_text = _("A link to the video (PeerTube, YouTube…).")

    def clean_video_url(self) -> str:
        url = self.cleaned_data["video_url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise ValidationError(_("Write a link that starts with https://"), code="scheme")
        return url


def theme_choices() -> list[tuple[str, str]]:
    return [(value, capfirst(label)) for value, label in Report.Theme.choices]


@dataclass
class CheckedFile:
    kind: str
    content: ContentFile
    width: int = 0
    height: int = 0


def check_report_file(uploaded) -> CheckedFile:
    """Decide from the first bytes what the file is, then check it as that: a picture is
    re-encoded, a sound (MP3, OGG, M4A) or a PDF checked. Anything else is refused with
    one clear message."""
    if (getattr(uploaded, "size", None) or 0) > MAX_BYTES:
        raise ValidationError(
            _("This file is too big. The limit is %(limit)s."),
            code="too_big",
            params={"limit": filesizeformat(MAX_BYTES)},
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return CheckedFile(K.PDF, check_pdf(uploaded, max_bytes=PDF_MAX_BYTES))
    try:
        sound = check_audio(uploaded, max_bytes=AUDIO_MAX_BYTES)
    except ValidationError as error:
        if error.code != "not_audio":
            raise
    else:
        if sound.name.rsplit(".", 1)[-1] not in AUDIO_KINDS:
            raise _unknown()
        return CheckedFile(K.AUDIO, sound)
    try:
        picture = reencode_image(uploaded, max_bytes=PHOTO_MAX_BYTES, max_side=PHOTO_SIDE)
    except ValidationError as error:
        if error.code == "not_an_image":
            raise _unknown() from None
        raise
    with Image.open(BytesIO(picture.read())) as image:  # our own clean copy
        width, height = image.size
    stem, extension = picture.name.rsplit(".", 1)
    picture.name = f"{stem}-{width}x{height}.{extension}"  # the page's width and height
    return CheckedFile(K.PHOTO, picture, width, height)


def _unknown() -> ValidationError:
    return ValidationError(
        _(
            "We cannot use this file. Please choose a photo, a sound recording "
            "(MP3, OGG or M4A) or a PDF file."
        ),
        code="unknown_kind",
    )


class AttachmentForm(PlainForm):
    file = forms.FileField(
        label=_("Photo, sound or PDF file"),
        help_text=_("Photos up to 10 MB, sounds up to 20 MB, PDF files up to 10 MB."),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    caption = forms.CharField(label=_("In a few words (optional)"), max_length=160, required=False)

    def clean_file(self) -> CheckedFile:
        return check_report_file(self.cleaned_data["file"])


# Storing and removing the files ----------------------------------------------------------


def thumb_name(name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return f"{stem}.thumb.jpg"


def photo_size(name: str) -> tuple[int, int]:
    """A photo's width and height, from the name it was stored under (no file read)."""
    match = SIZE_IN_NAME.search(name or "")
    return (int(match[1]), int(match[2])) if match else DEFAULT_SIZE


@transaction.atomic
def add_attachment(report: Report, checked: CheckedFile, caption: str = "") -> Attachment:
    """Keep a checked file for the report; a photo also gets its square thumbnail."""
    attachment = Attachment(report=report, kind=checked.kind, caption=caption)
    attachment.file.save(checked.content.name, checked.content, save=False)
    attachment.save()
    if checked.kind == K.PHOTO:
        checked.content.seek(0)
        with Image.open(BytesIO(checked.content.read())) as image:
            thumb = ImageOps.fit(image.convert("RGB"), (THUMB_SIDE, THUMB_SIDE))
        out = BytesIO()
        thumb.save(out, "JPEG", quality=80, optimize=True)
        report_files.save(thumb_name(attachment.file.name), ContentFile(out.getvalue()))
    return attachment


def _files_of(attachments) -> list[str]:
    names = []
    for attachment in attachments:
        names.append(attachment.file.name)
        if attachment.kind == K.PHOTO:
            names.append(thumb_name(attachment.file.name))
    return names


def _delete_files(names: list[str]) -> None:
    for name in names:
        report_files.delete(name)


@transaction.atomic
def remove_attachment(attachment: Attachment) -> None:
    """Remove a file from its report; the bytes go once the removal is committed."""
    names = _files_of([attachment])
    attachment.delete()
    transaction.on_commit(lambda: _delete_files(names))


@transaction.atomic
def delete_report(report: Report) -> None:
    """Delete a report and, once committed, its files."""
    names = _files_of(report.attachments.all())
    report.delete()
    transaction.on_commit(lambda: _delete_files(names))
