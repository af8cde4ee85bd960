"""Local development: DEBUG on, a throw-away secret, console e-mail."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
# runserver shows template and code changes at once; PAGE_CACHE=true to try the page cache
PAGE_CACHE = env.bool("PAGE_CACHE", default=False)
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
