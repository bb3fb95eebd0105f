"""Where report files live: outside the public media folder.

Photos, sounds and PDF files of a report are often about people; a members-only report's
files must not be readable by whoever gets their address. They are stored under
`PRIVATE_MEDIA_ROOT` (never served by the proxy), and their address is a page of ours
(`events:report_media`) that serves a file only to someone who may read its report.
"""

from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse


class ReportFiles(FileSystemStorage):
    @cached_property
    def base_location(self):
        return str(Path(settings.PRIVATE_MEDIA_ROOT))

    def url(self, name: str) -> str:
        return reverse("events:report_media", args=[name])


report_files = ReportFiles()


@receiver(setting_changed)
def _follow_the_setting(*, setting, **kwargs):
    """Tests put the files in a folder of their own."""
    if setting == "PRIVATE_MEDIA_ROOT":
        for name in ("base_location", "location"):
            report_files.__dict__.pop(name, None)


def report_storage() -> ReportFiles:
    """For the model field (a callable keeps the migration free of settings)."""
    return report_files
