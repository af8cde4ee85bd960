"""What the home and resource pages show around their content: breadcrumbs, the home page's
example searches as links, and the language of a download."""

import re
from html import unescape

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Page

from core.fragments import remembered
from core.languages import language_name
from core.pages import live_translations
from home.models import HomePage
from resources.models import KnowledgePage

register = template.Library()

# A phrase in quotation marks, as each language writes them: “…”, „…“, «…».
QUOTED = re.compile(r"(“|„|«)([^“”„«»<>]{2,80})(”|“|»)")
TAG = re.compile(r"(<[^>]*>)")


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """home › listing of the page shown: the home page in the visitor's language and the section
    of its menus the page is in (matched by tree path, or by address for the English page shown
    at a translation's address), from the kept navigation: no query. A listing not in the
    menus is the page's parent, read once (one query)."""
    page = context.get("page")
    home = HomePage.for_active_locale(homes=HomePage.with_menus())
    if home is None or page is None:
        return []
    crumbs = [home]
    # The English page shown at a translation's address (an alias, or the English page of a
    # draft translation) gets no section: the same crumbs whichever of the two serves it.
    if page.alias_of_id is not None or not page.path.startswith(home.path):
        return crumbs
    section = next(
        (
            item
            for item in home.menu_sections
            if page.path.startswith(item.path) and page.depth > item.depth
        ),
        None,
    )
    if section is None and page.depth > home.depth + 1 and page.pk is not None:
        section = remembered("parent", page.pk, compute=lambda: parent_of(page))
    if section is not None and section.pk != page.pk:
        crumbs.append(section)
    return crumbs


def parent_of(page):
    return (
        Page.objects.filter(path=page.path[: -Page.steplen])
        .only("id", "title", "url_path", "path", "depth", "locale_id")
        .first()
    )


@register.filter
def search_links(html):
    """``html`` with each phrase in quotation marks (outside links) turned into a link to the
    search page for it, in the active language: the home page's example searches."""
    search_url = reverse("search")
    parts, in_link = [], False
    for part in TAG.split(str(html)):
        if TAG.fullmatch(part):
            name = part[1:].lstrip("/").split(maxsplit=1)[0].lower() if len(part) > 2 else ""
            if name.rstrip(">") == "a":
                in_link = not part.startswith("</")
        elif not in_link:
            part = QUOTED.sub(lambda m: search_link(search_url, m), part)
        parts.append(part)
    return mark_safe("".join(parts))  # noqa: S308 - rich text already escaped, phrases escaped


def search_link(search_url, match):
    """The quoted phrase (rendered HTML text: already escaped) as a link to its search."""
    opening, phrase, closing = match.groups()
    query = escape(urlencode({"q": unescape(phrase)}))
    return f'{opening}<a href="{search_url}?{query}">{phrase}</a>{closing}'


@register.simple_tag(takes_context=True)
def document_language(context, document):
    """The language of a download on the page shown: the source language's if the page is a
    translation that kept its source's document (translators may choose another one for their
    language), else the language of the page's content. One query on a translated page, kept
    until the content changes."""
    page = context.get("page")
    if not isinstance(page, KnowledgePage) or page.pk is None:
        return get_language()
    translations = live_translations(page)
    if page.alias_of_id is not None:
        source = next((t for t in translations if t.pk == page.alias_of_id), None)
        return source.locale.language_code if source else settings.LANGUAGE_CODE
    language = page.locale.language_code
    if language == settings.LANGUAGE_CODE:
        return language
    kept = remembered(
        "source-documents", page.translation_key, compute=lambda: source_documents(page)
    )
    return settings.LANGUAGE_CODE if document.pk in kept else language


def source_documents(page):
    """The ids of the documents the source-language version of ``page`` offers."""
    source = (
        KnowledgePage.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .only("body")
        .first()
    )
    if source is None:
        return set()
    # The stored ids, without reading the documents themselves.
    return {
        block["value"].get("document")
        for block in source.body.raw_data
        if block["type"] == "document"
    }


@register.simple_tag
def language_label(code):
    """The name of language ``code`` in the visitor's language."""
    return language_name(code, get_language())
