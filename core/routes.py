"""Addresses of the home page's own routes (the skill index, one skill, one tag) for every app.

The root page of each language tree is the home page, a routable page (``home.models.HomePage``,
routes ``skills/``, ``skills/<slug>/`` and ``tags/<slug>/``). ``home_route_url`` finds it through
the ``Site`` and reverses the route with Wagtail's ``reverse_subpage``, so the address is written
once, by the route itself, and apps below ``home`` (resources, search) need not import it.
"""

from django.utils.translation import get_language

from wagtail.models import Site

from core.fragments import remembered


def home_route_url(name, *args, request=None, language=None):
    """The address of the home page route ``name`` in the home page of ``language`` (by default
    the active one): ``home_route_url("skill", "empathy")`` is "/bg/skills/empathy/" on /bg/."""
    home = _home_page(request, language or get_language())
    return home.get_url(request) + home.reverse_subpage(name, args=args)


def _home_page(request, language):
    """The site's root page in ``language`` (live or not: the address is the language's), or the
    root page itself if that language has none; remembered for the rest of the request, and
    across requests until the content changes (``core.fragments``)."""
    cache = getattr(request, "_portal_home_pages", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._portal_home_pages = cache
    if language not in cache:
        site = Site.find_for_request(request) if request is not None else None
        site_id = site.pk if site is not None else None
        cache[language] = remembered(
            "home-page", site_id, language, compute=lambda: _find_home_page(site, language)
        )
    return cache[language]


def _find_home_page(site, language):
    site = site or Site.objects.select_related("root_page").get(is_default_site=True)
    root = site.root_page
    home = root.get_translations(inclusive=True).filter(locale__language_code=language)
    return (home.first() or root).specific
