"""Production: refuses to start without a real secret; secure cookies and HSTS."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHE_DIR, RENDITIONS_CACHE, SECRET_KEY, cache_config, env

if not SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set (or shorter than 32 characters). Production settings refuse to "
        "start without one: set the SECRET_KEY environment variable to a long random string, "
        "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Cookies only over HTTPS. SECURE_COOKIES=false (with SECURE_SSL_REDIRECT=false) is for trying
# `make serve` on http://127.0.0.1 only: logging in over plain HTTP must be asked for.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# One cache for every gunicorn worker (locmem would be one per process: a publish seen by one
# worker would leave the others serving stale pages); files need no extra server.
CACHE_URL = env.str("CACHE_URL", default=f"filecache://{CACHE_DIR}?max_entries=20000")
CACHES = {"default": cache_config(CACHE_URL), "renditions": RENDITIONS_CACHE}
