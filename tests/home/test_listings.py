"""Listings — the resource and case-study indexes, the tag and skill pages, the home page's
latest resources — in every language: only live, public pages; filters; and bad input, which
gets a clear 404 or an empty result page, never a 500.
"""

from urllib.parse import urlsplit

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext, ngettext

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resources.filters import FACETS
from tests.helpers import LANGUAGE_CODES, html, text_of

pytestmark = pytest.mark.django_db

RESOURCES = ("guide", "good_practice", "case_study")
LISTINGS = {
    # listing -> the kinds of page it shows
    "resource_index": ("guide", "good_practice"),
    "case_study_index": ("case_study",),
    "tag": RESOURCES,
    "skill": RESOURCES,
}


def listing_url(portal, listing, code):
    if listing in ("resource_index", "case_study_index"):
        return portal.pages[listing][code].url
    home = portal.homes[code]
    slug = portal.tag_slug if listing == "tag" else portal.skill_slug
    return home.url + home.reverse_subpage(listing, args=[slug])


def card_titles(doc):
    return sorted(text_of(a) for a in doc.select(".card__title a"))


def results_heading(doc):
    return text_of(doc.select_one("#results-heading"))


def count_text(code, count):
    with translation.override(code):
        return ngettext("%(counter)s resource", "%(counter)s resources", count) % {"counter": count}


def in_language(code, message):
    with translation.override(code):
        return gettext(message)


def assert_not_found(response, code="en"):
    assert response.status_code == 404
    doc = html(response)
    assert text_of(doc.find("h1")) == in_language(code, "Page not found")
    return doc


def assert_empty_result(response, code="en"):
    assert response.status_code == 200
    doc = html(response)
    assert card_titles(doc) == []
    assert results_heading(doc) == count_text(code, 0)
    empty = "Nothing matches these filters yet. Try removing a filter."
    assert text_of(doc.select_one(".results .empty")) == in_language(code, empty)
    return doc


# What listings show


@pytest.mark.parametrize("code", LANGUAGE_CODES)
@pytest.mark.parametrize("listing", LISTINGS)
def test_listing_shows_live_public_resources_in_its_language(portal, client, listing, code):
    response = client.get(listing_url(portal, listing, code))
    assert response.status_code == 200
    doc = html(response)
    expected = sorted(portal.pages[kind][code].title for kind in LISTINGS[listing])
    assert card_titles(doc) == expected
    assert results_heading(doc) == count_text(code, len(expected))
    content = response.content.decode()
    for page in portal.all_hidden_pages():
        assert page.title not in content
        assert page.url not in content


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_latest_resources_are_live_and_public(portal, client, code):
    doc = html(client.get(portal.homes[code].url))
    assert card_titles(doc) == sorted(portal.pages[kind][code].title for kind in RESOURCES)
    shown = text_of(doc)
    for page in portal.all_hidden_pages():
        assert page.title not in shown


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ({"type": "guide"}, ["guide"]),
        ({"type": "good-practice"}, ["good_practice"]),
        ({"skill": "empathy"}, ["guide"]),
        ({"country": "it"}, ["good_practice"]),
        ({"sector": "hospitality"}, ["guide"]),
        ({"audience": "manager"}, ["guide", "good_practice"]),
        ({"audience": "mentor", "country": "BG"}, ["guide"]),
    ],
)
@pytest.mark.parametrize("code", ["en", "bg"])
def test_resource_index_filters(portal, client, code, query, kinds):
    doc = html(client.get(listing_url(portal, "resource_index", code), query))
    assert card_titles(doc) == sorted(portal.pages[kind][code].title for kind in kinds)
    clear = doc.select_one("a.facets__clear")
    assert text_of(clear) == in_language(code, "Clear all filters")


def test_facets_offer_the_options_with_counts(portal, client):
    doc = html(client.get(listing_url(portal, "resource_index", "bg")))
    skill = doc.select_one("select#facet-skill")
    options = {o["value"]: text_of(o) for o in skill.find_all("option") if o["value"]}
    feedback = portal.skills["giving-feedback"]["bg"].name
    empathy = portal.skills["empathy"]["bg"].name
    assert options == {"giving-feedback": f"{feedback} (2)", "empathy": f"{empathy} (1)"}
    kinds = {o["value"] for o in doc.select("select#facet-type option") if o["value"]}
    assert kinds == {"guide", "good-practice"}


def test_a_skill_that_is_not_live_is_neither_offered_nor_counted(portal, client):
    """The skills are counted by their ids, and a skill that is not live has no value there:
    a resource linking one is counted under its live skills only."""
    from tests.factories import GuidePageFactory, SoftSkillFactory

    def skill_options():
        doc = html(client.get(listing_url(portal, "resource_index", "en")))
        return {
            o["value"]: text_of(o) for o in doc.select("select#facet-skill option") if o["value"]
        }

    before = skill_options()
    assert "empathy" in before
    draft = SoftSkillFactory(name="Unannounced skill", slug="unannounced", live=False)
    empathy = portal.skills["empathy"]["en"]
    GuidePageFactory(parent=portal.pages["resource_index"]["en"], skills=[empathy, draft])
    after = skill_options()
    assert set(after) == set(before)
    counted = {value: int(label.rsplit("(", 1)[1].rstrip(")")) for value, label in after.items()}
    assert counted["empathy"] == int(before["empathy"].rsplit("(", 1)[1].rstrip(")")) + 1
    assert not any("None" in label or "Unannounced" in label for label in after.values())


def test_a_cards_skills_keep_the_order_they_were_given_in(portal, client):
    """Links made without a sort order (the demo content's) show in the order they were made,
    whatever index the database reads them by."""
    from tests.factories import GuidePageFactory, SoftSkillFactory

    first, second = (
        SoftSkillFactory(name="Skill made first"),
        SoftSkillFactory(name="Skill made second"),
    )
    GuidePageFactory(
        parent=portal.pages["resource_index"]["en"], title="Two skills", skills=[second, first]
    )
    doc = html(client.get(listing_url(portal, "resource_index", "en")))
    card = next(c for c in doc.select("article") if "Two skills" in text_of(c))
    assert [text_of(chip) for chip in card.select(".card__skills .chip")] == [
        "Skill made second",
        "Skill made first",
    ]


def test_pagination_links_keep_the_filters(portal, client, settings):
    settings.PORTAL_PAGE_SIZE = 1
    url = listing_url(portal, "tag", "el")
    doc = html(client.get(url, {"type": "guide", "page": "1"}))
    assert card_titles(doc) == [portal.pages["guide"]["el"].title]
    doc = html(client.get(url, {"page": "2"}))
    nav = doc.select_one("nav.pagination")
    assert nav.select_one('a[rel="prev"]')["href"] == "?page=1"
    assert nav.select_one('a[rel="next"]')["href"] == "?page=3"
    with translation.override("el"):
        label = gettext("Page %(number)s of %(total)s") % {"number": 2, "total": 3}
    assert label in text_of(nav)


# Bad input


def short(value):
    return repr(value)[:30]


BAD_PAGE_NUMBERS = ["abc", "0", "-1", "2", "1.5", "99999999999999999999", "\x00", "1" * 10_000]


@pytest.mark.parametrize("number", BAD_PAGE_NUMBERS, ids=short)
@pytest.mark.parametrize("listing", LISTINGS)
def test_a_page_number_that_does_not_exist_is_a_404(portal, client, listing, number):
    assert_not_found(client.get(listing_url(portal, listing, "en"), {"page": number}))


@pytest.mark.parametrize("listing", LISTINGS)
def test_the_404_is_in_the_visitors_language(portal, client, listing):
    response = client.get(listing_url(portal, listing, "bg"), {"page": "abc"})
    assert_not_found(response, "bg")
    assert html(response).html["lang"] == "bg"


UNKNOWN_FILTERS = [
    {"type": "podcast"},
    {"skill": "juggling"},
    {"tag": "no-such-tag"},
    {"audience": "aliens"},
    {"country": "ZZ"},
    {"sector": "space-travel"},
    {"skill": "x" * 10_000},
    {"country": "B" * 10_000},
    {"skill": "\x00"},
    {"tag": "feedback\x00"},
    {"type": "guide\x00"},
]


@pytest.mark.parametrize("query", UNKNOWN_FILTERS, ids=short)
@pytest.mark.parametrize("listing", ["resource_index", "case_study_index"])
def test_unknown_filter_values_give_an_empty_result_page(portal, client, listing, query):
    assert_empty_result(client.get(listing_url(portal, listing, "en"), query))


@pytest.mark.parametrize(
    "query",
    [{"type": "podcast"}, {"audience": "x" * 10_000}, {"country": "\x00"}, {"sector": "??"}],
    ids=short,
)
@pytest.mark.parametrize("listing", ["tag", "skill"])
def test_unknown_filters_on_tag_and_skill_pages_give_an_empty_result(
    portal, client, listing, query
):
    assert_empty_result(client.get(listing_url(portal, listing, "pt"), query), "pt")


def test_the_empty_result_is_in_the_visitors_language(portal, client):
    doc = assert_empty_result(
        client.get(listing_url(portal, "resource_index", "el"), {"skill": "juggling"}), "el"
    )
    assert doc.html["lang"] == "el"


@pytest.mark.parametrize("listing", LISTINGS)
def test_repeated_filters_give_a_result_page(portal, client, listing):
    url = listing_url(portal, listing, "en") + "?type=guide&type=good-practice&skill=a&skill=b"
    response = client.get(url)
    assert response.status_code == 200
    assert results_heading(html(response)) in (count_text("en", 0), count_text("en", 1))
    response = client.get(listing_url(portal, listing, "en") + "?audience=x&audience=mentor")
    assert response.status_code == 200
    assert card_titles(html(response))


@pytest.mark.parametrize("listing", LISTINGS)
def test_unknown_and_huge_parameters_are_ignored(portal, client, listing):
    url = listing_url(portal, listing, "it")
    plain = card_titles(html(client.get(url)))
    response = client.get(url, {"utm_source": "newsletter", "q": "q" * 10_000, "\x00": "\x00"})
    assert response.status_code == 200
    assert card_titles(html(response)) == plain
    assert plain


@pytest.mark.parametrize(
    "slug", ["no-such-tag", "x" * 10_000, "%00", "feedback%00", "..%2F..%2Fetc"], ids=short
)
@pytest.mark.parametrize("route", ["tag", "skill"])
def test_unknown_tag_or_skill_is_a_404(portal, client, route, slug):
    home = portal.homes["en"]
    url = home.url + home.reverse_subpage(route, args=["SLUG"]).replace("SLUG", slug)
    assert_not_found(client.get(url))


@pytest.mark.parametrize("route", ["tag", "skill"])
def test_tag_and_skill_pages_exist_only_in_the_pages_language(portal, client, route):
    """A Bulgarian skill slug under the Greek home still finds the Greek skill, and a skill
    from nowhere is a 404 in every language."""
    for code in ("bg", "el"):
        assert client.get(listing_url(portal, route, code)).status_code == 200
        home = portal.homes[code]
        url = home.url + home.reverse_subpage(route, args=["not-there"])
        assert_not_found(client.get(url), code)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.dictionaries(
        st.sampled_from([*FACETS, "page", "q", "sort"]), st.text(max_size=300), max_size=4
    )
)
def test_any_query_string_gives_a_result_page_or_a_404(portal, client, params):
    for listing in ("resource_index", "tag"):
        response = client.get(listing_url(portal, listing, "en"), params)
        if response.status_code == 302:  # empty parameters: redirected to the clean address
            kept = QueryDict(urlsplit(response.url).query).lists()
            assert all(value.strip() for _name, values in kept for value in values)
            response = client.get(response.url)
        if response.status_code == 404:
            assert_not_found(response)
        else:
            assert response.status_code == 200
            assert results_heading(html(response)).endswith(("resource", "resources"))
