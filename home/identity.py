"""The project's identity across the site: the standard pages the footer links (contact,
privacy, accessibility), the partners page's partner organisations and the human-readable site
map of each language.

The standard pages are found through their English source page's slug (``contact``,
``privacy``, ``accessibility``, ``partners`` below the English home page), so an editor may
translate a page's slug and title freely: its translations share the English page's
``translation_key``. They are read from the navigation kept per content version
(``HomePage.with_menus``), so the footer costs no query of its own.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Page

from core.fragments import remembered
from core.pages import descendants_of, public
from home.models import HomePage, active_language
from resources.models import PartnerOrganisation

# The English slugs of the standard pages linked from the footer, in the footer's order.
FOOTER_PAGES = ("contact", "privacy", "accessibility")
PARTNERS_PAGE = "partners"


def standard_pages():
    """{language code: {English slug: page}} for the footer's pages and the partners page:
    the live, public children of each language's home page (a translation, or the alias
    standing for it) that share the translation key of the English home page's child with that
    slug. Read from the navigation (``HomePage.with_menus``): no query of its own."""
    homes = [home for home in HomePage.with_menus() if home.live]
    english = {
        page.translation_key: page.slug
        for home in homes
        if home.locale.language_code == settings.LANGUAGE_CODE
        for page in home.child_pages
        if page.slug in (*FOOTER_PAGES, PARTNERS_PAGE)
    }
    found = {}
    for home in homes:
        mine = found.setdefault(home.locale.language_code, {})
        for page in home.child_pages:
            if page.translation_key in english:
                mine[english[page.translation_key]] = page
    return found


def footer_pages(language=None):
    """The footer's standard pages in ``language`` (the active one by default), in order, each
    as ``page`` and its ``lang``; a page missing in that language is linked in English."""
    language = language or active_language()
    pages = standard_pages()
    links = []
    for slug in FOOTER_PAGES:
        for lang in (language, settings.LANGUAGE_CODE):
            page = pages.get(lang, {}).get(slug)
            if page is not None:
                links.append({"page": page, "lang": lang})
                break
    return links


def is_partners_page(page):
    """``page`` is the partners page (in any language)."""
    if page is None or getattr(page, "depth", None) != 3:
        return False
    return any(
        found.pk == page.pk
        for pages in standard_pages().values()
        if (found := pages.get(PARTNERS_PAGE)) is not None
    )


def partners(locale_id):
    """The live (reviewed) partner organisations in one language: the coordinator first, then
    the partners by name. One query, kept until the content changes."""
    return remembered(
        "partners",
        locale_id,
        compute=lambda: list(
            PartnerOrganisation.objects.filter(locale_id=locale_id, live=True).order_by(
                "role", "name"
            )
        ),
    )


def site_map(language):
    """The live, public pages of one language under its home page (translations, not the
    aliases standing for missing ones), in tree order: ``pages``, the home page's children
    with nothing below them, and ``sections``, the others, each with its descendants
    (``children``: page and ``level`` below the section). Kept until the content changes.
    ``None`` if that language has no live home page."""
    return remembered("site-map", language, compute=lambda: _site_map(language))


def _site_map(language):
    home = next(
        (
            home
            for home in HomePage.every_home()
            if home.live and home.locale.language_code == language
        ),
        None,
    )
    if home is None:
        return None
    pages = (
        public(Page.objects.filter(descendants_of(home)).live().filter(alias_of__isnull=True))
        .only("id", "title", "url_path", "path", "depth", "locale_id")
        .order_by("path")
    )
    top = []
    for page in pages:
        if page.depth == home.depth + 1:
            top.append({"page": page, "children": []})
        elif top and page.path.startswith(top[-1]["page"].path):
            level = page.depth - top[-1]["page"].depth
            top[-1]["children"].append({"page": page, "level": level})
    return {
        "home": home,
        "pages": [section["page"] for section in top if not section["children"]],
        "sections": [section for section in top if section["children"]],
    }


@require_safe
def site_map_page(request):
    """The human-readable site map of the visitor's language: its public pages, grouped by
    the home page's sections."""
    found = site_map(active_language())
    if found is None:
        raise Http404("no live home page in this language")
    return render(request, "home/site_map_page.html", found)


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG icon (a
    temporary redirect: its static address changes with its content)."""
    return redirect(static("img/favicon.svg"))
