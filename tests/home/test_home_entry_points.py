"""The home page in several languages: an entry point for each kind of resource (its listing, a
one-line description and a count), a "latest" list that mixes the kinds, and the example
searches of its text as links to the search page in its language."""

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

import pytest

from home.models import KIND_DESCRIPTIONS
from resources.factory import paragraph_blocks
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    GoodPracticePageFactory,
    GuidePageFactory,
    ResourceIndexPageFactory,
)
from tests.helpers import html, text_of, without_search_indexing

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "bg", "el"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_entry_point_for_each_kind_with_its_listing_description_and_count(
    portal, client, language
):
    doc = html(client.get(portal.homes[language].url))
    entries = doc.select(".entry-points .entry-point")
    resources = portal.pages["resource_index"][language].url
    cases = portal.pages["case_study_index"][language].url
    with translation.override(language):
        expected = [
            (f"{resources}?type=guide", KIND_DESCRIPTIONS["guide"]),
            (f"{resources}?type=good-practice", KIND_DESCRIPTIONS["good-practice"]),
            (cases, KIND_DESCRIPTIONS["case-study"]),
        ]
        # The draft and the password-protected pages are not counted: one public of each kind.
        count = ngettext("%(counter)s resource", "%(counter)s resources", 1) % {"counter": 1}
        found = [
            (
                entry.select_one("h3 a")["href"],
                text_of(entry.select_one(".entry-point__description")),
            )
            for entry in entries
        ]
        assert found == [(url, str(description)) for url, description in expected]
        assert [text_of(e.select_one(".entry-point__count")) for e in entries] == [count] * 3
        section = doc.select_one("section.entry-points")
        assert text_of(section.find("h2")) == gettext("Find resources")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_entry_points_lead_to_listings_of_that_kind(portal, client, language):
    doc = html(client.get(portal.homes[language].url))
    link = doc.select_one(".entry-point--good-practice h3 a")["href"]
    listing = html(client.get(link))
    titles = [text_of(a) for a in listing.select(".card__title a")]
    assert titles == [portal.pages["good_practice"][language].title]


@pytest.mark.parametrize("language", LANGUAGES)
def test_latest_resources_show_every_kind(portal, client, language):
    doc = html(client.get(portal.homes[language].url))
    titles = {text_of(a) for a in doc.select(".cards .card__title a")}
    assert titles == {
        portal.pages[kind][language].title for kind in ("guide", "good_practice", "case_study")
    }


def test_latest_resources_mix_the_kinds_when_one_kind_has_many(client, home_page):
    resources = ResourceIndexPageFactory(parent=home_page, slug="more-resources")
    cases = CaseStudyIndexPageFactory(parent=home_page, slug="more-cases")
    with without_search_indexing():
        case = CaseStudyPageFactory(parent=cases)
        practice = GoodPracticePageFactory(parent=resources)
        guides = [GuidePageFactory(parent=resources) for _ in range(8)]
    doc = html(client.get(home_page.url))
    titles = [text_of(a) for a in doc.select(".cards .card__title a")]
    assert len(titles) == 6
    assert case.title in titles
    assert practice.title in titles
    # the newest of each kind first, then the second newest of each…: the newest guides only
    newest_guides = [guide.title for guide in reversed(guides)]
    shown = [title for title in titles if title in newest_guides]
    assert len(shown) >= 2
    assert shown == newest_guides[: len(shown)]
    assert titles[:3] == [newest_guides[0], practice.title, case.title]


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("en", "homesick trainee"),
        ("bg", "стажант с носталгия"),
        ("el", "νοσταλγία ασκούμενου"),
        ("es", "preguntas & respuestas"),
    ],
)
def test_example_searches_in_quotation_marks_link_to_the_search_page(
    client, home_pages, language, phrase
):
    home = home_pages[language]
    quoted = {"en": "“{}”", "bg": "„{}“", "el": "«{}»", "es": "«{}»"}[language].format(phrase)
    home.body = paragraph_blocks([f"Search by situation, for example {escape(quoted)}."])
    home.save_revision().publish()
    doc = html(client.get(home.url))
    link = doc.select_one(".prose p a")
    assert text_of(link) == phrase
    address = urlsplit(link["href"])
    with translation.override(language):
        assert address.path == reverse("search")
    assert address.path.startswith(f"/{language}/")
    assert parse_qs(address.query) == {"q": [phrase]}
    results = client.get(link["href"])
    assert results.status_code == 200
