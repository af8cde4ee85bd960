"""Settings shared by every environment.

Safe for production on its own: no default secret, DEBUG off. Every value that changes between
installations is read from an environment variable in the block below (documented in README.md).
"""

from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Environment: the only place configuration is read
env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
SEARCH_URL = env.str("SEARCH_URL", default="database://")
CACHE_URL = env.str("CACHE_URL", default="locmemcache://")
# production.py's default cache: files under CACHE_DIR, shared by every server process
CACHE_DIR = Path(env.str("CACHE_DIR", default=str(BASE_DIR / ".cache" / "django")))
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)  # the anonymous page cache (core/page_cache.py)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)  # Cache-Control max-age, seconds
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", default="")  # HTTP PURGE, e.g. Varnish
CLOUDFLARE_ZONE_ID = env.str("CLOUDFLARE_ZONE_ID", default="")
CLOUDFLARE_API_TOKEN = env.str("CLOUDFLARE_API_TOKEN", default="")
CLOUDFRONT_DISTRIBUTION_ID = env.str("CLOUDFRONT_DISTRIBUTION_ID", default="")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
SERVE_MEDIA = False  # Django itself serves MEDIA_ROOT (dev.py: `make run`, DEBUG on or off)
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = env.str("STATIC_URL", default="/static/")
PORTAL_LANGUAGES = env.list("PORTAL_LANGUAGES", default=["en", "bg", "el", "it", "pt", "es"])
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)  # sender of error e-mails
# "Name <a@example.eu>, Other <b@example.eu>": who gets an e-mail with the traceback of a 5xx
ADMINS = [(name, addr) for name, addr in getaddresses([env.str("ADMINS", default="")]) if addr]
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()  # JSON lines on stderr
DJANGO_LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default=LOG_LEVEL).upper()  # Django's own loggers
SQLITE_BUSY_TIMEOUT = env.float("SQLITE_BUSY_TIMEOUT", default=20.0)  # seconds a write waits
MACHINE_TRANSLATION = env.str("MACHINE_TRANSLATION", default="")  # "", deepl, libretranslate, dummy
DEEPL_API_KEY = env.str("DEEPL_API_KEY", default="")
LIBRETRANSLATE_URL = env.str("LIBRETRANSLATE_URL", default="")
LIBRETRANSLATE_API_KEY = env.str("LIBRETRANSLATE_API_KEY", default="")
# The search log: kept this many days (`manage.py prune_search_log` deletes older rows); the
# zero-result help's popular searches (search/help.py): searched in the last DAYS by at least
# MIN_VISITORS different visitors (daily visitor codes) and still finding something, at most LIMIT
SEARCH_LOG_RETENTION_DAYS = env.int("SEARCH_LOG_RETENTION_DAYS", default=180)
SEARCH_POPULAR_DAYS = env.int("SEARCH_POPULAR_DAYS", default=30)
SEARCH_POPULAR_MIN_VISITORS = env.int("SEARCH_POPULAR_MIN_VISITORS", default=3)
SEARCH_POPULAR_LIMIT = env.int("SEARCH_POPULAR_LIMIT", default=5)
# Security (home/security.py, home/throttling.py)
CSP_REPORTS_URL = env.str("CSP_REPORT_URI", default="")  # where browsers report CSP violations
EMBED_FRAME_SOURCES = env.list(  # sites whose players editors may embed (StreamField embed block)
    "CSP_FRAME_SRC",
    default=[
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ],
)
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)  # wrong passwords, then locked
LOGIN_COOLOFF_MINUTES = env.int("LOGIN_COOLOFF_MINUTES", default=15)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)  # proxies adding X-Forwarded-For

INSTALLED_APPS = [
    "core",
    "home",
    "resources",
    "case_studies",
    "search",
    "translations",
    "opendata",
    "pack",
    "selfcheck",
    "api",
    "operations",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security headers on every response, cached pages and static files included.
    "home.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "home.security.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.page_cache.PageCacheMiddleware",  # before sessions, locale, auth and Wagtail
    # after a request that changed content, the costliest kept values are computed again
    "core.fragments.RebuildMiddleware",
    "core.sites.SiteMiddleware",  # the request's site and root paths, kept per content version
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "translations.middleware.TranslationLocaleMiddleware",
    "translations.denied.PermissionDeniedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "translations.context_processors.snippet_workflow_urls",
            ],
        },
    },
]

DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"].setdefault("CONN_MAX_AGE", 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writes under load: WAL lets visitors read while an editor writes; IMMEDIATE takes the write
    # lock when a transaction starts, so two writers queue (up to the busy timeout) instead of one
    # failing at once with "database is locked" when its read turns into a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_config(url):
    """A cache URL's settings; a file cache is core.cache.FileCache (Django's, without a scan of
    its whole directory on every set)."""
    config = env.cache_url_config(url)
    if config["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
        config["BACKEND"] = "core.cache.FileCache"
    return config


# Wagtail's image renditions (read and written again on every page with a picture) in each
# process's memory: their keys hold the image's file hash and focal point, so a changed image
# never meets an old entry, and a worker's copy needs no sharing.
RENDITIONS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
CACHES = {"default": cache_config(CACHE_URL), "renditions": RENDITIONS_CACHE}

EMAIL_CONFIG = env.email_url_config(EMAIL_URL)
vars().update(EMAIL_CONFIG)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages
# Names of the languages the portal knows; PORTAL_LANGUAGES picks which are active (first = source).
KNOWN_LANGUAGES = {
    "en": _("English"),
    "bg": _("Bulgarian"),
    "el": _("Greek"),
    "it": _("Italian"),
    "pt": _("Portuguese"),
    "es": _("Spanish"),
    "de": _("German"),
    "fr": _("French"),
    "lt": _("Lithuanian"),
    "ro": _("Romanian"),
}
_unknown = [code for code in PORTAL_LANGUAGES if code not in KNOWN_LANGUAGES]
if _unknown:
    raise ImproperlyConfigured(
        f"PORTAL_LANGUAGES names unknown language codes {_unknown}; "
        f"known codes are {sorted(KNOWN_LANGUAGES)}."
    )
LANGUAGE_CODE = PORTAL_LANGUAGES[0]
LANGUAGES = [(code, KNOWN_LANGUAGES[code]) for code in PORTAL_LANGUAGES]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "portal_language"
# The admin speaks the portal's languages: Wagtail's own list (WAGTAILADMIN_PROVIDED_LANGUAGES)
# lacks Bulgarian and plain Portuguese, so translators could neither choose them in Account >
# Preferences nor get them from their browser. locale/ completes Wagtail's catalogues for them.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static and media
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "SoftComInVET"
WAGTAILAPI_LIMIT_MAX = 100  # the read-only API's largest page (api/)
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/minute")  # API requests per client
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = True
TAGGIT_CASE_INSENSITIVE = True

# Search: search/backends.py reads SEARCH_URL when Wagtail first asks for the backend.
# ?auto_update=false: publishing does not update the index (bulk loads, then update_index).
_auto_update = parse_qs(urlsplit(SEARCH_URL).query).get("auto_update", ["true"])[-1]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "URL": SEARCH_URL,
        "AUTO_UPDATE": _auto_update.lower() not in ("0", "false", "no"),
    }
}

# Machine translation drafts in the translation editor (off unless MACHINE_TRANSLATION is set;
# an unknown choice or a missing key stops start-up: translations/machine.py).
MACHINE_TRANSLATORS = {
    # Reverses the words: for tests and demonstrations, never for real content.
    "dummy": {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"},
    "deepl": {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    },
    "libretranslate": {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL,
            "API_KEY": LIBRETRANSLATE_API_KEY,
        },
    },
}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = MACHINE_TRANSLATORS.get(MACHINE_TRANSLATION.strip().lower())

# Listings: items per page.
PORTAL_PAGE_SIZE = 12

# Logs: one JSON object per line on stderr (python-json-logger), LOG_LEVEL for the portal and
# the libraries, DJANGO_LOG_LEVEL for Django. Every 5xx is logged by django.request with its
# traceback; mail_admins sends it to ADMINS too (Django's handler sends nothing while ADMINS is
# empty).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django": {
            "handlers": ["stderr", "mail_admins"],
            "level": DJANGO_LOG_LEVEL,
            "propagate": False,
        },
        "django_tasks": {"level": "WARNING"},  # two INFO lines per task: several per publish
        "weasyprint": {"level": "WARNING"},  # INFO lines for every stylesheet of every PDF
    },
}
# A search is logged by a thread of its own (search/background.py): it never waits on the database
SEARCH_LOG_IN_BACKGROUND = True
# the spelling vocabulary rebuilt by a thread after a publish, an older one serving meanwhile,
# in a language with this many resources or more (search/spelling.py: 2,000 take about 0.1 s to
# build); False: always built at once by the search that needs it
SEARCH_VOCABULARY_IN_BACKGROUND = True
SEARCH_VOCABULARY_BACKGROUND_FROM = 2000

# The anonymous page cache (core/page_cache.py): how long a kept page stays in the cache (a
# change makes it unreachable at once), and what it never keeps.
PAGE_CACHE_TIMEOUT = 3600
PAGE_CACHE_SKIP_PATHS = ["/admin/", "/documents/", MEDIA_URL]
PAGE_CACHE_SKIP_VIEWS = ["search"]  # every search is logged (search.models.SearchQueryLog)

# Frontend cache (a CDN or Varnish) purged on publish (core/invalidation.py). Translations are
# separate pages with their own addresses, purged one by one: no language fan-out.
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_URL,
    }
if CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": CLOUDFLARE_API_TOKEN,
        "ZONEID": CLOUDFLARE_ZONE_ID,
    }
if CLOUDFRONT_DISTRIBUTION_ID:  # credentials: boto3's own (AWS_* variables, instance role)
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": CLOUDFRONT_DISTRIBUTION_ID,
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []

# A translation stays a draft until it is published (by a reviewer); meanwhile visitors of its
# language get the English page with a notice (see translations/fallback.py). wagtail-localize's
# default would publish a new translation at once, with English text under the other language.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# A reviewer's approval publishes the translation as the reviewer was shown it, changes the
# translator made after submitting included (translations/review.py: publish_reviewed).
WAGTAIL_FINISH_WORKFLOW_ACTION = "translations.finish.publish_reviewed"

# Security headers (home/security.py). Public pages: nothing inline, nothing from elsewhere but
# the embedded players; no nonce, so a cached page is right for every visitor.
_SELF, _NONE = "'self'", "'none'"
_asset_origins = [
    f"{parts.scheme}://{parts.netloc}"
    for parts in (urlsplit(STATIC_URL), urlsplit(MEDIA_URL))
    if parts.scheme and parts.netloc
]
_reporting = {
    "report-uri": CSP_REPORTS_URL or None,
    "report-to": "csp-endpoint" if CSP_REPORTS_URL else None,
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_NONE],
        "script-src": [_SELF, *_asset_origins],
        "style-src": [_SELF, *_asset_origins],
        "img-src": [_SELF, *_asset_origins],
        "font-src": [_SELF, *_asset_origins],
        "media-src": [_SELF, *_asset_origins],
        "connect-src": [_SELF],
        "frame-src": EMBED_FRAME_SOURCES or [_NONE],
        "manifest-src": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
        "base-uri": [_NONE],
        **_reporting,
    }
}
# The Wagtail admin (/admin/): the tightest policy its screens work with, found by loading them
# in Chromium and collecting the violations (docs/architecture.md, "Security"). Signed in, its
# screens need inline scripts (explorer, page editor) and inline styles (the editor's Draftail,
# wagtail-localize's editor); image uploads preview as blob:/data: pictures; the update check
# asks releases.wagtail.org. The sign-in and password-reset screens need none of the inline code.
PORTAL_ADMIN_CSP = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'", *_asset_origins],
    "style-src": [_SELF, "'unsafe-inline'", *_asset_origins],
    "img-src": [_SELF, "data:", "blob:", *_asset_origins],
    "font-src": [_SELF, *_asset_origins],
    "media-src": [_SELF, *_asset_origins],
    "connect-src": [_SELF, "https://releases.wagtail.org"],
    "frame-src": [_SELF, *EMBED_FRAME_SOURCES],
    "object-src": [_NONE],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
    "base-uri": [_NONE],
    **_reporting,
}
PORTAL_ADMIN_SIGN_IN_CSP = {
    **PORTAL_ADMIN_CSP,
    "script-src": [_SELF, *_asset_origins],
    "style-src": [_SELF, *_asset_origins],
}
# No avatars from gravatar.com: editors' e-mail hashes stay here (and the policy stays 'self').
WAGTAIL_GRAVATAR_PROVIDER_URL = None
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "ambient-light-sensor",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Password throttling (django-axes): the admin login, and the password forms of private pages
# and documents (home/throttling.py), counted per client address and account or restriction.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_LOCKOUT_CALLABLE = "home.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address
# the outermost of them added to X-Forwarded-For (a client cannot forge it).
AXES_CLIENT_IP_CALLABLE = "home.throttling.client_address"
