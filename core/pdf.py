"""PDF recipe sheets and booklets, drawn by WeasyPrint from HTML templates.

WeasyPrint only reads files of our own: the uploaded photos (already re-encoded when they
were uploaded). Any other address in a page is refused, so a recipe can never make the
server fetch something from the network.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class LocalFetcher(URLFetcher):
    """Serves /media/ files from MEDIA_ROOT; refuses everything else."""

    def __init__(self, base_url: str) -> None:
        super().__init__(allowed_protocols={"http", "https"})
        self.media_prefix = base_url.rstrip("/") + settings.MEDIA_URL

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if not url.startswith(self.media_prefix):
            raise ValueError(f"not a file of ours: {url}")
        root = Path(settings.MEDIA_ROOT).resolve()
        path = (root / url.removeprefix(self.media_prefix).split("?")[0]).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise ValueError(f"no such file: {url}")
        return URLFetcherResponse(url, path.read_bytes())


def render(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/")
    return HTML(string=html, base_url=base_url, url_fetcher=LocalFetcher(base_url)).write_pdf()


def response(
    request: HttpRequest, template: str, context: dict[str, Any], *, filename: str
) -> HttpResponse:
    result = HttpResponse(render(request, template, context), content_type="application/pdf")
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
