"""The interface (not the content) in every partner language: each visible string is the one
in the language's catalogue — and is not the English text, so a missing or uncompiled
catalogue fails here. (``make test`` compiles the catalogues first.)"""

from django.utils import translation
from django.utils.translation import gettext, ngettext

import pytest

from home.setup import ensure_site
from tests.factories import ResourceIndexPageFactory
from tests.helpers import (
    TARGET_LANGUAGES,
    html,
    rolled_back,
    text_of,
    translate,
    without_search_indexing,
)

pytestmark = pytest.mark.django_db

# (where on the page, the English text)
PAGE_STRINGS = [
    ("a.skip-link", "Skip to main content"),
    (".site-logo__tagline", "Soft skills for mentors"),
    ("nav.site-nav li:last-child a", "Search"),
    ("form.site-search label", "Search the portal"),
    ("form.site-search button", "Search"),
    ("footer.site-footer a", "Sitemap"),
    ("details.filters .filters__label", "Filter and sort"),
    ("label[for=listing-sort]", "Sort by"),
    (".filter-chips h3", "Active filters"),
    ("form.facets button", "Apply filters"),
    (".results .empty", "Nothing matches these filters yet. Try removing a filter."),
    ("a.facets__clear", "Clear all filters"),
]
ATTRIBUTE_STRINGS = [
    ("nav.site-nav", "aria-label", "Main"),
    ("nav.language-switcher", "aria-label", "Languages"),
    ("form.site-search input", "placeholder", "Search guides, practices, case studies"),
]


NOT_FOUND_TEXT = (
    "Sorry, we could not find that page. It may have moved, or the address may be mistyped."
)


NOT_FOUND_TEXT = (
    "Sorry, we could not find that page. It may have moved, or the address may be mistyped."
)


@pytest.fixture(scope="module")
def indexes(django_db_setup, django_db_blocker):
    """The home page and an (empty) resource index in every language."""
    with rolled_back(django_db_blocker), without_search_indexing():
        home = ensure_site()
        translate(home)
        yield translate(ResourceIndexPageFactory(parent=home))


def in_language(code, message):
    with translation.override(code):
        return gettext(message)


@pytest.fixture(scope="module")
def pages():
    return {}


def page_in(code, indexes, client, pages):
    """The resource index with a filter that matches nothing: header, footer, filters, empty
    result (rendered once per language)."""
    if code not in pages:
        response = client.get(indexes[code].url, {"type": "podcast"})
        assert response.status_code == 200
        pages[code] = html(response)
    return pages[code]


@pytest.mark.parametrize(("selector", "english"), PAGE_STRINGS, ids=lambda v: v[:25])
@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_interface_text_is_translated(indexes, client, pages, code, selector, english):
    doc = page_in(code, indexes, client, pages)
    shown = text_of(doc.select_one(selector))
    assert shown == in_language(code, english)
    assert shown != english, f"{english!r} is not translated into {code}"


@pytest.mark.parametrize(("selector", "attribute", "english"), ATTRIBUTE_STRINGS, ids=str)
@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_interface_labels_are_translated(
    indexes, client, pages, code, selector, attribute, english
):
    doc = page_in(code, indexes, client, pages)
    shown = doc.select_one(selector)[attribute]
    assert shown == in_language(code, english)
    assert shown != english, f"{english!r} is not translated into {code}"


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_result_count_uses_the_languages_plural_forms(indexes, client, pages, code):
    shown = text_of(page_in(code, indexes, client, pages).select_one("#results-heading"))
    with translation.override(code):
        expected = ngettext("%(counter)s resource", "%(counter)s resources", 0) % {"counter": 0}
    assert shown == expected
    assert shown != "0 resources"


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_not_found_page_is_translated(indexes, client, code):
    response = client.get(indexes[code].url + "no-such-page/")
    assert response.status_code == 404
    doc = html(response)
    assert doc.html["lang"] == code
    for selector, english in [("h1", "Page not found"), ("main p", NOT_FOUND_TEXT)]:
        shown = text_of(doc.select_one(selector))
        assert shown == in_language(code, english)
        assert shown != english
