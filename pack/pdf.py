"""The pack as a PDF: HTML from templates/pack/pdf.html laid out by WeasyPrint (CSS paged media:
the cover, the table of contents with page numbers, the source URL and licence in each page's
margin boxes), with the fonts fontconfig finds (DejaVu or Noto: Latin, Cyrillic and Greek).

WeasyPrint fetches nothing from the network here: ``LocalFetcher`` reads the portal's media and
static files from disk and refuses every other address.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "http://pack.invalid/"


class LocalFetcher(URLFetcher):
    """Media and static files from disk; any other address is refused (no network)."""

    def fetch(self, url, headers=None):
        path = unquote(urlsplit(url).path)
        if url.startswith(BASE_URL) and path.startswith(settings.MEDIA_URL):
            file = _inside(settings.MEDIA_ROOT, path.removeprefix(settings.MEDIA_URL))
        elif url.startswith(BASE_URL) and path.startswith(settings.STATIC_URL):
            file = finders.find(path.removeprefix(settings.STATIC_URL))
            file = Path(file) if file else None
        else:
            file = None
        if file is None or not file.is_file():
            raise ValueError(f"not a local file: {url}")
        return URLFetcherResponse(url, file.read_bytes())


def _inside(root, relative):
    root = Path(root).resolve()
    file = (root / relative).resolve()
    return file if file.is_relative_to(root) else None


def render_pdf(context, request=None):
    """The PDF (bytes) of templates/pack/pdf.html rendered with ``context``."""
    html = render_to_string("pack/pdf.html", context, request=request)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher()).write_pdf()
