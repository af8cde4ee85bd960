"""Privacy follows the source page in search: a restriction set on an English page or section
AFTER its translations were published hides them from every language's results and
suggestions, and from all-languages search; removing it brings them back.

Uses the module-scoped ``content`` (tests/search/conftest.py). The engines' index is not
touched: what is shown is decided by the database (see translations/privacy.py).
"""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from tests.helpers import html, text_of
from tests.search.conftest import search_url

pytestmark = pytest.mark.django_db

KINDS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret-password"
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Partners")[0]])


def unrestrict(page):
    for restriction in PageViewRestriction.objects.filter(page=page):
        restriction.delete()


def result_titles(client, lang, **params):
    response = client.get(search_url(lang), params)
    assert response.status_code == 200
    return [text_of(h) for h in html(response).select(".search-result .card__title")]


def suggested_titles(client, lang, q):
    response = client.get(search_url(lang, "search_suggest"), {"q": q})
    assert response.status_code == 200
    return [s["title"] for s in response.json()["suggestions"]]


def everything_seen(client, content):
    """What anonymous visitors find for "feedback": in Bulgarian, Greek, all languages from
    Greek, and the suggestions for "Giving" in Bulgarian."""
    return {
        "bg": result_titles(client, "bg", q="feedback"),
        "el": result_titles(client, "el", q="feedback"),
        "all from el": result_titles(client, "el", q="feedback", scope="all"),
        "bg suggestions": suggested_titles(client, "bg", "Giving"),
    }


def titles_of(page_versions, *languages):
    return {page_versions[lang].title for lang in languages}


@pytest.mark.parametrize("kind", KINDS)
def test_a_page_made_private_in_english_leaves_search_in_every_language(content, client, kind):
    guide = content.portal.pages["guide"]
    guide_titles = titles_of(guide, "en", "bg", "el", "it", "pt", "es")
    seen = everything_seen(client, content)
    assert guide["bg"].title in seen["bg"]
    assert guide["el"].title in seen["el"]
    assert guide["el"].title in seen["all from el"]
    assert guide["bg"].title in seen["bg suggestions"]

    restrict(guide["en"], kind)

    for where, titles in everything_seen(client, content).items():
        assert not guide_titles & set(titles), where
    practice = content.portal.pages["good_practice"]
    assert practice["el"].title in result_titles(client, "el", q="feedback", scope="all")

    unrestrict(guide["en"])

    seen = everything_seen(client, content)
    assert guide["bg"].title in seen["bg"]
    assert guide["el"].title in seen["all from el"]
    assert guide["bg"].title in seen["bg suggestions"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_section_made_private_in_english_leaves_search_with_its_aliases(content, client, kind):
    index = content.portal.pages["resource_index"]
    below = [content.portal.pages["guide"], content.portal.pages["good_practice"]]
    hidden = set().union(*(titles_of(p, "en", "bg", "el", "it", "pt", "es") for p in below))
    hidden.add(content.kitchen.title)  # English only, with a Bulgarian alias
    case = content.portal.pages["case_study"]["el"]  # unpublished in Greek: shown in English
    case_en = content.portal.pages["case_study"]["en"]

    restrict(index["en"], kind)

    seen = everything_seen(client, content)
    for where, titles in seen.items():
        assert not hidden & set(titles), where
    assert case_en.title in seen["all from el"]  # outside the section: still there
    assert case.title not in seen["el"]
    assert not set(result_titles(client, "bg", q="kitchen")) & hidden

    unrestrict(index["en"])

    seen = everything_seen(client, content)
    assert content.portal.pages["guide"]["bg"].title in seen["bg"]
    assert content.kitchen.title in result_titles(client, "el", q="kitchen", scope="all")
