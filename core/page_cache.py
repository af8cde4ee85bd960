"""The anonymous page cache: whole responses kept in the shared cache, served before sessions,
locale, authentication and Wagtail run.

A response is kept only if it is the same for every anonymous visitor of its address: a GET
without a session cookie or an ``Authorization`` header, answered 200 with no cookie, no
``Cache-Control`` opt-out (``never_cache``, ``private``, ``no-store``: Wagtail marks every page
behind a view restriction so), varying on nothing but ``Cookie``, not a preview, not under a
skipped path (the admin, documents: they check privacy themselves) and not from a skipped view
(search: every query is logged). Its key is the content version (``core.cache``) + scheme + host
+ full path with query string, so a publish anywhere makes every kept page unreachable at once.

Kept responses say ``Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE`` and carry an ``ETag``
(``If-None-Match`` answers 304); the other answers to the requests this middleware looks at say
``private`` unless the view chose its own ``Cache-Control``. The stored headers are replayed, so
headers set by the middlewares inside this one (X-Frame-Options, Content-Language, Vary) are the
same on a hit; those outside it (``SecurityMiddleware``'s HSTS, nosniff and referrer policy, the
CSP, Permissions-Policy and CORP of ``home.security``) run on every response, so a changed
setting reaches kept pages at once (each of them costs microseconds: the CSP header is built
once per process). A hit costs two reads of the shared cache (the content version, the page)
and no query.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)

from core.cache import content_version

KEY_PREFIX = "portal:page:"
OPT_OUT_DIRECTIVES = {"private", "no-store", "no-cache", "max-age=0"}
# what get_conditional_response reads (a 304 or a 412 answer)
CONDITIONAL_HEADERS = frozenset(
    {"HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE"}
)


def _header_values(response, name):
    return {value.strip().lower() for value in cc_delim_re.split(response.get(name, "")) if value}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.skip_paths = tuple(
            path for path in [*settings.PAGE_CACHE_SKIP_PATHS, settings.STATIC_URL] if path
        )

    def __call__(self, request):
        if not settings.PAGE_CACHE or request.path.startswith(self.skip_paths):
            return self.get_response(request)
        key = self.key(request) if self.anonymous(request) else None
        if key is None:
            return self.private(self.get_response(request))
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            return self.conditional(request, HttpResponse(content, headers=headers))
        response = self.get_response(request)
        if not self.storable(request, response):
            return self.private(response)
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        set_response_etag(response)
        cache.set(key, (response.content, dict(response.items())), settings.PAGE_CACHE_TIMEOUT)
        return self.conditional(request, response)

    @staticmethod
    def anonymous(request):
        """A GET or HEAD from a visitor without a session: no database query to tell."""
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def key(request):
        try:
            address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        except DisallowedHost:
            return None  # Django answers 400 further in; nothing to keep
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"{KEY_PREFIX}{content_version()}:{digest}"

    @staticmethod
    def storable(request, response):
        match = request.resolver_match
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(request, "is_preview", False)
            and not (match and match.url_name in settings.PAGE_CACHE_SKIP_VIEWS)
            and not _header_values(response, "Cache-Control") & OPT_OUT_DIRECTIVES
            and _header_values(response, "Vary") <= {"cookie"}
        )

    @staticmethod
    def private(response):
        """A response this cache did not keep must not be kept by a CDN either."""
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def conditional(request, response):
        if not CONDITIONAL_HEADERS.intersection(request.META):
            return response  # most requests: nothing to compare
        return get_conditional_response(request, etag=response["ETag"], response=response)
