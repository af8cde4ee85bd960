"""Minimal settings of the stock Wagtail project (benchmarks/stock_wagtail_baseline.py).

DATABASE_URL and SEARCH_URL are set by the baseline script to a throw-away database and index
prefix before Django starts; the search backend keeps Wagtail's defaults (no SEARCH_CONFIG,
no index settings, no custom analysis).
"""

import os
from urllib.parse import urlsplit, urlunsplit

import environ

SECRET_KEY = "stock-wagtail-baseline"  # noqa: S105 -- throw-away project, never served
DEBUG = False
ALLOWED_HOSTS = ["localhost"]

INSTALLED_APPS = [
    "benchmarks.stock_wagtail",
    "wagtail.search",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
]

DATABASES = {"default": environ.Env.db_url_config(os.environ["DATABASE_URL"])}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("bg", "Bulgarian"),
    ("el", "Greek"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("es", "Spanish"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True

WAGTAIL_SITE_NAME = "Stock Wagtail baseline"
WAGTAILADMIN_BASE_URL = "http://localhost"
STATIC_URL = "/static/"  # wagtail.fields imports the admin's static-file helpers

ENGINES = {
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
    "opensearch": "wagtail.search.backends.opensearch2",
}


def _search_backend(url):
    """database:// (default) or elasticsearch|opensearch[s]://host:port/index-prefix."""
    parts = urlsplit(url or "database://")
    scheme = parts.scheme.lower()
    if scheme in ("", "database", "db"):
        return {"BACKEND": "wagtail.search.backends.database"}
    engine = scheme[:-1] if scheme[:-1] in ENGINES else scheme
    if engine not in ENGINES:
        raise ValueError(f"unsupported SEARCH_URL scheme {scheme!r}")
    http = "https" if engine != scheme else "http"
    netloc = parts.netloc if parts.port else f"{parts.netloc}:9200"
    return {
        "BACKEND": ENGINES[engine],
        "URLS": [urlunsplit((http, netloc, "", "", ""))],
        "INDEX_PREFIX": f"{parts.path.strip('/')}_",
    }


WAGTAILSEARCH_BACKENDS = {"default": _search_backend(os.environ.get("SEARCH_URL", ""))}
