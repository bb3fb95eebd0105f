"""A file chosen once is not chosen twice.

Browsers never fill a file input again: when a form comes back (a line to correct, "Add
a step" without JavaScript), the photo or recording someone chose would be lost, and
sent again over a small data plan. So when a form with a checked upload is shown again,
the checked file is kept on the server (in the private media folder, never served) and
the form carries a signed token for it in a hidden field; sent back without a new file,
the field takes the kept one. Kept files older than a day are removed when new ones are
kept.

Only files that passed their field's checks are kept (for pictures, the re-encoded copy),
so taking one back needs no second check. The token is signed: nobody can name another
file.
"""

import contextlib
import os
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

KEPT_FOR = 24 * 60 * 60  # seconds
# All kept files together, at most: beyond it nothing more is kept (people choose their
# file again, as before), so nobody can fill the disk by sending forms that come back.
KEPT_AT_MOST_BYTES = 200 * 1024 * 1024
_SALT = "cdq.kept-upload"


class KeptUpload(str):
    """The signed token of a file kept from an earlier sending of the same form."""


def kept_folder() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "kept"


def keep(content: File, kind: str) -> KeptUpload | None:
    """Store a checked file for a day; the token that gives it back to a field of the same
    `kind` only (a sound kept by a recording field is never taken back as a photo). None
    when it cannot be kept (the folder is full, the disk fails): then it is chosen again."""
    folder = kept_folder()
    content.seek(0)
    data = content.read()
    content.seek(0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if _remove_old_and_measure(folder) + len(data) > KEPT_AT_MOST_BYTES:
            return None
        extension = Path(content.name or "").suffix.lower()
        name = f"{uuid.uuid4().hex}{extension if extension[1:].isalnum() else ''}"
        (folder / name).write_bytes(data)
    except OSError:
        return None
    return KeptUpload(signing.dumps(name, salt=f"{_SALT}:{kind}"))


def take(token: str, kind: str) -> ContentFile:
    """The kept file behind `token`, under a new name; it leaves the kept folder. Raises
    ValidationError (code kept_gone) when the token is forged, made for another kind of
    field, or its file is gone (after a day, or taken already)."""
    gone = ValidationError(
        _("The file you chose is no longer here. Please choose it again."), code="kept_gone"
    )
    try:
        name = signing.loads(token, salt=f"{_SALT}:{kind}", max_age=KEPT_FOR)
    except signing.BadSignature:
        raise gone from None
    path = kept_folder() / Path(name).name
    try:
        data = path.read_bytes()
        path.unlink()
    except OSError:
        raise gone from None
    return ContentFile(data, name=f"{uuid.uuid4().hex}{path.suffix}")


def _remove_old_and_measure(folder: Path) -> int:
    """Remove the kept files older than a day; the bytes of those left."""
    oldest = time.time() - KEPT_FOR
    size = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                stat = entry.stat()
                if stat.st_mtime < oldest:
                    os.unlink(entry.path)
                else:
                    size += stat.st_size
            except FileNotFoundError:
                pass  # taken or removed by another request at the same moment
    return size


class KeptFileInput(forms.ClearableFileInput):
    """A file input that also sends back the token of a file kept from last time, with
    a short line saying so ("Photo kept")."""

    template_name = "core/widgets/kept_file_input.html"
    kept_message = _("File kept.")
    current_label = _("See the current file")
    clear_label = _("Remove it")

    @staticmethod
    def kept_name(name: str) -> str:
        return f"{name}-kept"

    def value_from_datadict(
        self, data: Mapping[str, Any], files: MultiValueDict[str, UploadedFile], name: str
    ) -> Any:
        value = super().value_from_datadict(data, files, name)
        token = data.get(self.kept_name(name))
        if value is None and token:
            return KeptUpload(token)  # nothing new chosen, nothing to clear: the kept one
        return value

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        kept = value if isinstance(value, KeptUpload) else None
        if kept:
            attrs = {**(attrs or {}), "required": False}  # a file is there already
        context = super().get_context(name, None if kept else value, attrs)
        context["widget"].update(current_label=self.current_label, clear_label=self.clear_label)
        if kept:
            context["widget"].update(
                kept=kept, kept_name=self.kept_name(name), kept_message=self.kept_message
            )
        return context


class KeepsUploads(forms.FileField):
    """For a file field whose `check_upload(uploaded)` returns a checked file: what was
    checked is kept when the form is shown again, and the token taken back when sent.
    A form shown again without being validated (a line was added) checks its new files
    when it is drawn: what passes is kept; what fails is told when it is saved."""

    widget = KeptFileInput  # its words by default; a field may name its kind of file

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.widget, KeptFileInput):
            for words in ("kept_message", "current_label"):
                if hasattr(self, words):
                    setattr(self.widget, words, getattr(self, words))
        self._reset()

    def _reset(self) -> None:
        self._tried = False  # this form's file was checked (passed or not)
        self._checked: File | None = None  # the checked file
        self._kept: KeptUpload | None = None  # its token, once kept

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        copy = super().__deepcopy__(memo)
        copy._reset()  # each form keeps its own
        return copy

    @property
    def kept_kind(self) -> str:
        """What a kept file must have passed to be taken back here: this field's checks."""
        return type(self).__name__

    def check_upload(self, uploaded: File) -> File:
        """The checked file, or ValidationError: each field says how it checks."""
        raise NotImplementedError

    def to_python(self, data: File | KeptUpload | None) -> File | None:
        content: File
        if isinstance(data, KeptUpload):
            self._tried = True
            content = take(data, self.kept_kind)  # kept again if the form comes back again
        else:
            uploaded = super().to_python(data)
            if uploaded is None:
                return None
            self._tried = True
            content = self.check_upload(uploaded)
        self._checked = content
        return content

    def bound_data(self, data: Any, initial: Any) -> Any:
        if not isinstance(self.widget, KeptFileInput):
            return super().bound_data(data, initial)
        if not self._tried and isinstance(data, UploadedFile | KeptUpload):
            with contextlib.suppress(ValidationError):
                self.to_python(data)
        if self._checked is not None:
            if self._kept is None:
                self._kept = keep(self._checked, self.kept_kind)
            if self._kept is not None:
                return self._kept
        if isinstance(data, KeptUpload):
            return initial  # a token that names nothing any more is dropped
        return super().bound_data(data, initial)
