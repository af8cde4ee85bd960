"""Template helpers: language versions, alternates, navigation, the home page's routes."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from core.languages import language_name
from core.pages import live_translations, served_page
from core.paths import local_path
from core.routes import home_route_url
from home.models import HomePage
from resources.filters import filter_panel as build_filter_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per portal language: where the current page lives in that language."""
    request = context["request"]
    page = served_page(context)
    current = get_language()
    by_lang = {}
    if page is not None:
        for translation in live_translations(page):
            by_lang[translation.locale.language_code] = translation
    # A listing's filters and order are kept (tag and skill values are the same slugs in every
    # language); the page number is not: the other language's list may be shorter.
    params = request.GET.copy()
    params.pop("page", None)
    query = "?" + params.urlencode() if params else ""
    versions = []
    for code, _name in settings.LANGUAGES:
        translation = by_lang.get(code)
        if page is not None and translation is not None:
            url = (translation.get_url(request) or "") + query
            translated = translation.alias_of_id is None
        else:
            # local_path: a 404 for //host/… must not link to that host (security).
            url = translate_url(local_path(request.path), code) + query
            translated = page is None
        versions.append(
            {
                "code": code,
                "name": language_name(code),
                "url": url,
                "current": code == current,
                "translated": translated,
            }
        )
    return versions


@register.simple_tag
def filter_panel(results):
    """A listing's or search's filter form: the facets offered, hidden fields and chips."""
    return build_filter_panel(results)


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates and the canonical URL of the current page."""
    request = context["request"]
    page = served_page(context)
    if page is None:
        url = request.build_absolute_uri(local_path(request.path))
        return {"canonical": url, "alternates": []}
    translations = [t for t in live_translations(page) if t.alias_of_id is None]
    alternates = [
        {"lang": t.locale.language_code, "url": t.get_full_url(request)} for t in translations
    ]
    source = page
    if page.alias_of_id:
        source = next(
            (t for t in translations if t.locale.language_code == settings.LANGUAGE_CODE), page
        )
    default = next((a for a in alternates if a["lang"] == settings.LANGUAGE_CODE), None)
    return {
        "canonical": source.get_full_url(request),
        "alternates": alternates,
        "x_default": default["url"] if default else None,
    }


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The home page of the active language and its sections shown in menus, each with
    ``current`` set if the page shown is that section or below it."""
    home = HomePage.for_active_locale(homes=HomePage.with_menus())
    if home is None:
        return {"home": None, "items": []}
    page = context.get("page")
    return {
        "home": home,
        "items": [{"page": item, "current": in_section(page, item)} for item in home.menu_sections],
    }


def in_section(page, section):
    """``page`` is ``section`` or one of its descendants."""
    path = getattr(page, "path", "") or ""
    return path.startswith(section.path) and page.depth >= section.depth


@register.simple_tag(takes_context=True)
def skill_url(context, slug):
    """The page listing everything about one soft skill, in the active language."""
    return home_route_url("skill", slug, request=context.get("request"))


@register.simple_tag(takes_context=True)
def tag_url(context, slug):
    """The page listing everything with one tag, in the active language."""
    return home_route_url("tag", slug, request=context.get("request"))


@register.simple_tag(takes_context=True)
def skill_index_url(context):
    """The index of the soft skills, in the active language."""
    return home_route_url("skills", request=context.get("request"))


@register.filter
def card_text(item, field):
    """What a resource card shows for ``field`` ("title", "summary"): the page's own text, or
    for a translation still in draft its live English page's (``source_title``,
    ``source_summary``: see ``resources.listing.card_queryset``)."""
    own = getattr(item, field)
    if item.live:
        return own
    return getattr(item, f"source_{field}", None) or own
