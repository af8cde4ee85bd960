"""The Wagtail site of a request and the site root paths, kept in each process per content
version, so an uncached page does not look them up on every request.

Wagtail finds a request's site with one query (``Site.find_for_request``: the host's sites and
the default one, ranked in SQL) and reads the site root paths (every site's home page in every
language, for page addresses) from the shared cache: about a sixth of a guide page's time.
Both change only when a site, a locale or a page changes, and each of those bumps the content
version (``core.invalidation``), so a process keeps them under the version it read:

- the site per host name and port, the two values Wagtail matches on (several sites each keep
  their own; a host no site names gets the default site, as in Wagtail); each request gets its
  own copy (unpickled), so nothing a view sets on its site or root page reaches another request;
- the root paths (a tuple of named tuples nothing changes), shared; computed afresh for each
  version (Wagtail's copy in the shared cache is dropped first: Wagtail renews it when a site
  changes, not when a home page gets a new translation).

``SiteMiddleware`` puts both on the request where Wagtail looks for them (``_wagtail_site``,
``_wagtail_cached_site_root_paths``), after the page cache (a cache hit needs neither).
"""

import pickle
import threading

from django.http.request import split_domain_port

from wagtail.models import Site

from core.cache import content_version

MAX_HOSTS = 64  # any Host header reaches this point: a flood of names only empties the table

_lock = threading.Lock()
_sites = {}  # (host name, port) -> (content version, the pickled site or None)
_root_paths = (None, None)  # (content version, Site.get_site_root_paths())


def site_for_request(request, version):
    """``Site.find_for_request(request)``, from this process's table when ``version`` is the
    one it was found under."""
    hostname = split_domain_port(request._get_raw_host())[0]  # as Wagtail does
    key = (hostname, request.get_port())
    kept = _sites.get(key)
    if kept is not None and kept[0] == version:
        return pickle.loads(kept[1])  # noqa: S301 (pickled by this process, below)
    site = Site.find_for_request(request)
    with _lock:
        if len(_sites) >= MAX_HOSTS:
            _sites.clear()
        _sites[key] = (version, pickle.dumps(site, pickle.HIGHEST_PROTOCOL))
    return site


def site_root_paths(version):
    """``Site.get_site_root_paths()``, computed afresh once per content version: Wagtail's own
    cached copy is not renewed by everything that bumps the version (a new translation of a
    home page), and this one is read on every request, not only by those that make links."""
    global _root_paths  # noqa: PLW0603 (one value per process, replaced whole)
    kept_version, paths = _root_paths
    if kept_version != version:
        Site.clear_site_root_paths_cache()
        paths = tuple(Site.get_site_root_paths())
        _root_paths = (version, paths)
    return paths


def forget():
    """Empty this process's tables (tests that change sites without bumping the version)."""
    global _root_paths  # noqa: PLW0603
    with _lock:
        _sites.clear()
        _root_paths = (None, None)


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        version = content_version()
        request._wagtail_site = site_for_request(request, version)
        request._wagtail_cached_site_root_paths = site_root_paths(version)
        return self.get_response(request)
