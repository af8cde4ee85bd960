"""Every public page but search costs at most 12 SQL queries (issue 11), in every language, and
exactly as many with ten times the content.

The portal in six languages (``tests/content.py``) with, on top, an English guide that is not
translated (each partner language serves it as an alias: the English page with a notice) and one
whose translations are drafts (their addresses serve the live English page); both have a
picture, a download and an authoring partner in their body and details. Each page is measured
warm (its second request), then every resource is copied nine times in its language and each
page is measured again.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from home.demo_media import checklist_document, placeholder_image
from resources.factory import paragraph_blocks
from resources.models import GuidePage
from tests.factories import GuidePageFactory
from tests.factories.copies import copy_resources
from tests.helpers import (
    LANGUAGE_CODES,
    TARGET_LANGUAGES,
    html,
    same_queries_message,
    translate,
    without_search_indexing,
)

pytestmark = pytest.mark.django_db  # the module's fixture reads and writes the database

MAX_QUERIES = 12  # any public page but search (issue 11)
SCALE = 10
PAGES = (
    "home",
    "standard",
    "resource_index",
    "filtered_listing",
    "guide",
    "good_practice",
    "case_study_index",
    "case_study",
    "untranslated_guide",
    "guide_in_translation",
    "tag",
    "skill_index",
    "skill",
)


def media_body(title):
    """A paragraph, a picture and a download."""
    return [
        *paragraph_blocks([f"Body of {title}."]),
        ("image", {"image": placeholder_image("query-count"), "alt_text": "", "caption": ""}),
        (
            "document",
            {"document": checklist_document(), "title": "Checklist", "description": "Print it"},
        ),
    ]


def add_guides(portal):
    """The untranslated guide and the guide whose translations are still drafts."""
    resources = portal.pages["resource_index"]["en"]
    skills = [portal.skills["giving-feedback"]["en"]]
    partners = [portal.partner["en"]]
    guides = {}
    for name, title in (
        ("untranslated_guide", "Welcoming a trainee on day one"),
        ("guide_in_translation", "Listening before answering"),
    ):
        guide = GuidePageFactory(
            parent=resources,
            title=title,
            body=media_body(title),
            skills=skills,
            partners=partners,
            tags=["feedback"],
            audience=["mentor"],
            live=False,
        )
        guide.save_revision().publish()  # aliases in every other language
        guides[name] = guide
    translations = translate(guides["guide_in_translation"])
    for language in TARGET_LANGUAGES:
        translations[language].unpublish()  # a draft again: its address serves the English page
    return {
        name: {page.locale.language_code: page for page in guide.get_translations(inclusive=True)}
        for name, guide in guides.items()
    }


def page_urls(portal, added):
    urls = {}
    for language in LANGUAGE_CODES:
        home = portal.homes[language]
        pages = {kind: versions[language] for kind, versions in portal.pages.items()}
        pages.update({name: versions[language] for name, versions in added.items()})
        for name, page in pages.items():
            urls[language, name] = page.url
        listing = pages["resource_index"].url
        urls[language, "filtered_listing"] = f"{listing}?type=guide&audience=mentor"
        urls[language, "tag"] = home.url + home.reverse_subpage("tag", args=[portal.tag_slug])
        urls[language, "skill_index"] = home.url + home.reverse_subpage("skills")
        urls[language, "skill"] = home.url + home.reverse_subpage("skill", args=[portal.skill_slug])
    return urls


def warm_queries(client, url):
    """The SQL of a page's second request (the first fills the caches), and the page."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries], html(response)


def cold_queries(client, url):
    """The SQL of a page's request on a cold cache (nothing kept: as after a publish, or in a new
    process), and the page."""
    cache.clear()
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries], html(response)


def measure(client, urls):
    """(language, page) → (warm queries and page, cold queries and page)."""
    warm = {key: warm_queries(client, url) for key, url in urls.items()}
    cold = {key: cold_queries(client, url) for key, url in urls.items()}
    return {key: (warm[key], cold[key]) for key in urls}


@pytest.fixture(scope="module")
def measured(portal, django_db_blocker):
    """(language, page) → ((warm, cold) with the portal's content, (warm, cold) with ten times as
    much); each is (queries, page)."""
    with django_db_blocker.unblock(), without_search_indexing():
        urls = page_urls(portal, add_guides(portal))
        client = Client()
        few = measure(client, urls)
        copy_resources(SCALE)
        many = measure(client, urls)
    return {key: (few[key], many[key]) for key in urls}


def test_the_content_grew_tenfold(measured):
    guides = GuidePage.objects.live().public().filter(locale__language_code="bg")
    assert guides.filter(alias_of__isnull=True).count() == SCALE  # the portal's guide, copied
    (few, _), (many, _) = measured["bg", "resource_index"]
    assert len(many[1].select(".card")) > len(few[1].select(".card"))


@pytest.mark.parametrize("page", ["untranslated_guide", "guide_in_translation"])
@pytest.mark.parametrize("language", TARGET_LANGUAGES)
def test_the_stand_ins_are_the_english_page_with_a_notice_a_picture_and_a_download(
    measured, language, page
):
    (_queries, doc), _cold = measured[language, page][0]
    assert doc.select_one(".notice--untranslated") is not None
    assert doc.find("main")["lang"] == "en"
    assert doc.select_one(".prose figure img") is not None
    assert doc.select_one(".prose .download a") is not None


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_public_page_costs_at_most_12_queries_with_1x_and_10x_content(measured, language, page):
    ((few, _page), _cold), ((many, _grown), _cold_grown) = measured[language, page]
    assert len(few) <= MAX_QUERIES, same_queries_message([], few)
    assert len(many) == len(few), same_queries_message(few, many)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_on_a_cold_cache_as_many_queries_with_1x_and_10x_content(measured, language, page):
    """The first request after a publish (nothing kept across requests) does not grow with the
    content."""
    (_warm, (few, _page)), (_warm_grown, (many, _grown)) = measured[language, page]
    assert len(many) == len(few), same_queries_message(few, many)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_on_a_cold_cache_at_most_12_queries(measured, language, page):
    (_warm, (few, _page)), _grown = measured[language, page]
    assert len(few) <= MAX_QUERIES, same_queries_message([], few)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_a_cold_page_is_the_warm_page(measured, language, page):
    """What is kept across requests changes nothing in what a page shows."""
    ((_warm, warm), (_cold, cold)), _grown = measured[language, page]
    assert str(cold) == str(warm)
