"""Local development: DEBUG on (`make run` turns it off), a throw-away secret, console e-mail.

`make run` serves with DEBUG=false so that visitors' pages are as in production (the portal's
own 404 and 500 pages): ``runserver --insecure`` serves the static files and SERVE_MEDIA the
uploaded ones. ``make run DEBUG=true`` shows Django's debug pages instead.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
# runserver shows template and code changes at once; PAGE_CACHE=true to try the page cache
PAGE_CACHE = env.bool("PAGE_CACHE", default=False)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
SERVE_MEDIA = True
