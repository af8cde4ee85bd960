"""The Wagtail site of a request and the site root paths, kept in each process per content
version, so an uncached page does not look them up on every request.

Wagtail finds a request's site with one query (``Site.find_for_request``: the host's sites and
the default one, ranked in SQL) and reads the site root paths (every site's home page in every
language, for page addresses) from the shared cache, or with two queries when it is empty (as
after every publish): about a sixth of a guide page's time. Both change only when a site, a
locale or a page changes, and each of those bumps the content version (``core.invalidation``),
so a process keeps them under the version it read:

- every site with its root page, read in one query (``every_site``); a request's site is chosen
  from them in Python by Wagtail's rules (``get_site_for_hostname``: host and port, then host
  and default, then the default site unless exactly one other site has the host), and kept per
  host name and port; each request gets its own copy (unpickled), so nothing a view sets on its
  site or root page reaches another request;
- the root paths (a tuple of named tuples nothing changes), shared; computed afresh for each
  version from the sites and the language versions of their root pages, which the app that
  owns root pages already keeps (``find_root_pages_with``: ``HomePage.every_home``), so no
  query of their own; a root page that app does not know has its translations read (one
  query). Wagtail's copy in the shared cache is dropped too: Wagtail renews it when a site
  changes, not when a home page gets a new translation.

Higher layers may let every site row carry values of their own, read in that same kept query
(``annotate_sites_with``: ``opendata`` adds the project settings row, shown in every page's
footer, as scalar subqueries); ``site_values()`` reads them back, at the current content
version, with no query of their own once the request's site was found.

``SiteMiddleware`` puts both on the request where Wagtail looks for them (``_wagtail_site``,
``_wagtail_cached_site_root_paths``), after the page cache (a cache hit needs neither).
"""

import pickle
import threading

from django.http.request import split_domain_port

from wagtail.models import Site
from wagtail.models.sites import SiteRootPath

from core.cache import content_version

MAX_HOSTS = 64  # any Host header reaches this point: a flood of names only empties the table

_lock = threading.Lock()
_sites = {}  # (host name, port) -> (content version, the pickled site or None)
_every_site = (None, [])  # (content version, every site with its root page)
_root_paths = (None, None)  # (content version, Site.get_site_root_paths())
_root_page_finders = []  # callables: pages with their locale, root pages among them
_site_annotations = []  # callables: {name: expression} each site row carries


def find_root_pages_with(finder):
    """Register ``finder``: called with no argument, it returns pages (each with its locale
    loaded), kept by their app until the content changes, among which the root page of a site
    and its versions in other languages are found (``HomePage.every_home``; a lower layer
    cannot import it)."""
    if finder not in _root_page_finders:
        _root_page_finders.append(finder)


def annotate_sites_with(annotations):
    """Register ``annotations``: called with no argument when the sites are read, it returns
    {name: expression} (a scalar subquery: one value per site row) that every site row of
    ``every_site`` carries, for ``site_values`` (a lower layer cannot import the models that
    give them, ``opendata.models.project_metadata``)."""
    if annotations not in _site_annotations:
        _site_annotations.append(annotations)


def every_site(version):
    """Every site with its root page and the registered annotations, in Wagtail's root-path
    order, read once per content version."""
    global _every_site  # noqa: PLW0603 (one value per process, replaced whole)
    kept_version, sites = _every_site
    if kept_version != version:
        extra = {name: value for found in _site_annotations for name, value in found().items()}
        sites = list(
            Site.objects.select_related("root_page")
            .annotate(**extra)
            .order_by("-root_page__url_path", "-is_default_site", "hostname")
        )
        _every_site = (version, sites)
    return sites


def site_values(*names):
    """{name: value} of the registered annotations ``names`` as the sites carry them at the
    current content version (the same on every site: values that do not depend on the site),
    or ``None`` if there is no site. No query once this version's sites were read (the
    middleware reads them for every request)."""
    sites = every_site(content_version())
    if not sites:
        return None
    return {name: getattr(sites[0], name) for name in names}


def match_site(sites, hostname, port):
    """The site Wagtail's ``get_site_for_hostname`` chooses for ``hostname`` and ``port``
    among ``sites``, or None (as ``Site.find_for_request``)."""

    def rank(site):
        if site.hostname == hostname and str(site.port) == str(port):
            return 0  # host and port
        if site.hostname == hostname and site.is_default_site:
            return 1  # host, default site
        return 2 if site.is_default_site else 3  # the default site, then the host's others

    found = sorted((s for s in sites if s.hostname == hostname or s.is_default_site), key=rank)
    if len(found) == 1 or (found and rank(found[0]) in (0, 1)):
        return found[0]
    if found and rank(found[0]) == 2:
        return found[len(found) == 2]  # exactly one other site has the host: that one
    return None


def site_for_request(request, version):
    """``Site.find_for_request(request)``, from this process's table when ``version`` is the
    one it was found under."""
    hostname = split_domain_port(request._get_raw_host())[0]  # as Wagtail does
    key = (hostname, request.get_port())
    kept = _sites.get(key)
    if kept is not None and kept[0] == version:
        return pickle.loads(kept[1])  # noqa: S301 (pickled by this process, below)
    site = match_site(every_site(version), hostname, request.get_port())
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
        paths = tuple(_site_root_paths(every_site(version)))
        _root_paths = (version, paths)
    return paths


def _site_root_paths(sites):
    """What ``Site.get_site_root_paths()`` computes (with ``WAGTAIL_I18N_ENABLED``), the root
    pages' language versions found among the registered finders' pages."""
    known = [page for finder in _root_page_finders for page in finder()] if sites else []
    for site in sites:
        root = site.root_page
        versions = [page for page in known if page.translation_key == root.translation_key]
        if not any(page.pk == root.pk for page in versions):
            versions = root.get_translations(inclusive=True).select_related("locale")
        for page in versions:
            yield SiteRootPath(site.id, page.url_path, site.root_url, page.locale.language_code)


def forget():
    """Empty this process's tables (tests that change sites without bumping the version)."""
    global _root_paths, _every_site  # noqa: PLW0603
    with _lock:
        _sites.clear()
        _root_paths = (None, None)
        _every_site = (None, [])


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        version = content_version()
        request._wagtail_site = site_for_request(request, version)
        request._wagtail_cached_site_root_paths = site_root_paths(version)
        return self.get_response(request)
