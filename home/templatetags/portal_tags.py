"""Template helpers: language versions, alternates, navigation, listing links."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info

from wagtail.models import Locale, Page

register = template.Library()


def _served_page(context):
    """The Wagtail page this response renders directly (not a routable sub-page or a view)."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    route = getattr(request, "routable_resolver_match", None)
    # A routable page's own address is served by its "index_route": that is the page itself.
    if (route and route.url_name != "index_route") or context.get("is_sub_route"):
        return None
    return page


def _translations(page):
    """The page's live, public versions in every language (fetched once per page object: the
    language switcher, the alternates and the untranslated notice all need them)."""
    cached = getattr(page, "_portal_translations", None)
    if cached is None:
        cached = page._portal_translations = list(
            page.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
            .only("id", "url_path", "locale", "alias_of_id", "path", "depth", "translation_key")
        )
    return cached


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per portal language: where the current page lives in that language."""
    request = context["request"]
    page = _served_page(context)
    current = get_language()
    by_lang = {}
    if page is not None:
        for translation in _translations(page):
            by_lang[translation.locale.language_code] = translation
    versions = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        translation = by_lang.get(code)
        if page is not None and translation is not None:
            url = translation.get_url(request)
            translated = translation.alias_of_id is None
        else:
            url = translate_url(request.get_full_path(), code)
            translated = page is None
        versions.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == current,
                "translated": translated,
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates and the canonical URL of the current page."""
    request = context["request"]
    page = _served_page(context)
    if page is None:
        url = request.build_absolute_uri(request.path)
        return {"canonical": url, "alternates": []}
    translations = [t for t in _translations(page) if t.alias_of_id is None]
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
    """The home page of the active language and its sections shown in menus."""
    from home.models import HomePage

    home = HomePage.for_active_locale()
    if home is None:
        return {"home": None, "items": []}
    items = (
        home.get_children()
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth", "locale_id")
    )
    return {"home": home, "items": list(items)}


@register.simple_tag(takes_context=True)
def listing_url(context, listing, **changes):
    """A URL for the same listing with some filters changed (``None``/"" removes one)."""
    params = dict(changes)
    if "page" not in params:
        params["page"] = None
    return listing.querystring(**params)


@register.simple_tag
def active_locale():
    return Locale.get_active()


@register.filter
def language_name(code):
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


@register.simple_tag
def skill_url(slug):
    """The page listing everything about one soft skill, in the active language."""
    return reverse("wagtail_serve", args=[f"skills/{slug}/"])


@register.simple_tag
def tag_url(slug):
    """The page listing everything with one tag, in the active language."""
    return reverse("wagtail_serve", args=[f"tags/{slug}/"])
