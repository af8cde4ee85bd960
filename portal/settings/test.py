"""Test settings: fast hashing, local-memory cache, plain static storage.

The database and the search backend still come from DATABASE_URL and SEARCH_URL, so the same
suite runs on SQLite, PostgreSQL, Elasticsearch and OpenSearch.
"""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import BASE_DIR, SEARCH_URL, WAGTAILSEARCH_BACKENDS

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off, so tests that visit a page twice measure it (tests/helpers.queries_for); the page cache's
# own tests turn it on (tests/core/test_page_cache.py).
PAGE_CACHE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".cache" / "test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SEARCH_LOG_IN_BACKGROUND = False  # a search's log row is there when the response is
SEARCH_VOCABULARY_IN_BACKGROUND = False  # the current vocabulary, built by the search itself
WAGTAILADMIN_BASE_URL = "http://testserver"

# pytest-xdist runs the suite in several processes (PYTEST_XDIST_WORKER=gw0, gw1, …), each with
# its own test database (test_<name>_gw0 on PostgreSQL): on a search engine (a URL with a host,
# whose path names the index) each also gets its own index, "<name>_gw0".
_worker = os.environ.get("PYTEST_XDIST_WORKER")
_search_url = urlsplit(SEARCH_URL)
if _worker and _search_url.hostname:
    _index = _search_url.path.strip("/") or "portal"
    WAGTAILSEARCH_BACKENDS["default"]["URL"] = _search_url._replace(
        path=f"/{_index}_{_worker}"
    ).geturl()
