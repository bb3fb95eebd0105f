"""Reading back what the app made: a PDF's text and pages (with poppler's tools, Debian's
poppler-utils), a CSV download, the statuses of registrations as saved."""

import csv
import io
import re
import shutil
import subprocess

from events.models import Registration


def poppler(tool: str) -> str:
    """The full path of one of poppler's tools (Debian's poppler-utils)."""
    path = shutil.which(tool)
    assert path, f"{tool} is missing: install poppler-utils"
    return path


def pdf_text(pdf: bytes, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text as laid out (from page `first` to page `last`, when given)."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    result = subprocess.run(
        [poppler("pdftotext"), "-layout", *pages, "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    # Spaces of any width read as one plain space.
    return re.sub(r"[ \u00a0\u202f]+", " ", result.stdout.decode())


def pdf_pages(pdf: bytes) -> int:
    """How many pages the PDF has."""
    result = subprocess.run([poppler("pdfinfo"), "-"], input=pdf, capture_output=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)$", result.stdout.decode(), re.MULTILINE)[1])


def read_csv(response) -> list[list[str]]:
    """The rows of a CSV download, checked to open in Excel as the app means it to."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for accents
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def statuses(registrations) -> list[str]:
    """Each registration's status as it is saved now."""
    return [Registration.objects.get(pk=r.pk).status for r in registrations]
