"""Site-wide views: Wagtail's page view routed from the kept home pages, sitemap.xml,
robots.txt and the error pages."""

from collections import defaultdict

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from core.pages import public
from home.models import HomePage


def serve(request, path):
    """Wagtail's page view, routed from the site's home page in the active language as
    ``HomePage.routing_root`` keeps it (Wagtail's own routing reads the root page, the active
    locale, its translation and its class again on every request). The home pages of every
    language are left for ``core.routes`` too."""
    site = Site.find_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        root, by_language = HomePage.routing_root(site)
        if root is not None:
            request._portal_home_pages = dict(by_language)
            components = [component for component in path.split("/") if component]
            try:
                request._wagtail_route_for_request = root.route(request, components)
            except Http404:
                request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


@require_safe
def sitemap(request):
    """Every live, public page in every language, each with its language alternates.

    Aliases (untranslated copies of the source page) are left out: search engines should see
    only real translations.
    """
    pages = (
        public(Page.objects.live())
        .filter(depth__gt=1, alias_of__isnull=True)
        .select_related("locale")
        .order_by("path")
    )
    by_key = defaultdict(list)
    entries = []
    for page in pages:
        url = page.get_full_url(request)
        if not url:
            continue
        entry = {
            "url": url,
            "lang": page.locale.language_code,
            "lastmod": page.last_published_at,
            "alternates": by_key[page.translation_key],
        }
        by_key[page.translation_key].append(entry)
        entries.append(entry)
    xml = render_to_string("sitemap.xml", {"entries": entries}, request=request)
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        "Disallow: /*/pack/",  # each visitor's own pack and its PDF
        "Disallow: /*/self-check/?",  # a visitor's answers (the questions themselves are indexed)
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
