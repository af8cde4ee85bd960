"""What a visitor uses to narrow a listing, as they see it: the filter panel (a level filter, a
sort, no filter offering a single option), the chosen filters as removable chips (also when
nothing matches), clean addresses (a submitted form's empty selects are redirected away) and a
language switcher that keeps the filters."""

from urllib.parse import urlsplit

from django.http import QueryDict

import pytest

from core.cache import bump_content_version
from resources.models import KnowledgePage
from tests.helpers import LANGUAGE_CODES, html, text_of
from tests.home.test_listings import (
    assert_empty_result,
    card_titles,
    in_language,
    listing_url,
)

pytestmark = pytest.mark.django_db


def chips(doc):
    """(text, remove link) of each active-filter chip, without the screen-reader prefix."""
    found = []
    for link in doc.select(".filter-chips a.chip--remove"):
        for hidden in link.select(".visually-hidden, [aria-hidden]"):
            hidden.extract()
        found.append((text_of(link), link["href"]))
    return found


def query_of(href):
    return dict(QueryDict(urlsplit(href).query).items())


def select_names(doc):
    return {select["name"] for select in doc.select("details.filters form select")}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_chips_show_and_remove_filters_that_match_nothing(portal, client, code):
    url = listing_url(portal, "resource_index", code)
    response = client.get(url, {"skill": "empathy", "country": "IT"})
    doc = assert_empty_result(response, code)
    skill = portal.skills["empathy"][code].name
    italy = {"en": "Italy"}.get(code)
    shown = chips(doc)
    assert [text for text, _href in shown][0] == f"{in_language(code, 'Soft skill')}: {skill}"
    assert shown[1][0].startswith(f"{in_language(code, 'Country')}: ")
    if italy:
        assert shown[1][0] == f"Country: {italy}"
    # each chip's link removes that filter only, and the other one still applies
    assert query_of(shown[0][1]) == {"country": "IT"}
    assert query_of(shown[1][1]) == {"skill": "empathy"}
    kept = html(client.get(url + shown[1][1]))
    assert card_titles(kept) == [portal.pages["guide"][code].title]
    assert chips(kept)[0][0] == f"{in_language(code, 'Soft skill')}: {skill}"
    clear = doc.select_one(".filter-chips a.facets__clear")
    assert text_of(clear) == in_language(code, "Clear all filters")


def test_a_value_that_names_nothing_still_shows_as_a_chip(portal, client):
    doc = assert_empty_result(
        client.get(listing_url(portal, "resource_index", "en"), {"level": "expert"})
    )
    assert chips(doc) == [("Level: Expert", "?")]


def test_the_filter_panel_is_closed_with_a_count_of_active_filters(portal, client):
    url = listing_url(portal, "resource_index", "bg")
    panel = html(client.get(url)).select_one("details.filters")
    assert not panel.has_attr("open")
    assert panel.select_one(".filters__count") is None
    panel = html(client.get(url, {"sector": "hospitality"})).select_one("details.filters")
    assert not panel.has_attr("open")
    assert text_of(panel.select_one(".filters__count")) == "(1 активен)"


@pytest.mark.parametrize("listing", ["resource_index", "case_study_index", "tag", "skill"])
def test_empty_parameters_redirect_to_the_clean_address(portal, client, listing):
    url = listing_url(portal, listing, "el")
    response = client.get(url, {"type": "", "sector": "hospitality", "skill": " ", "sort": ""})
    assert response.status_code == 302
    assert response.url == url + "?sector=hospitality"
    response = client.get(url, {"type": "", "audience": ""})
    assert response.status_code == 302
    assert response.url == url
    assert client.get(url, {"sector": "hospitality"}).status_code == 200


def test_links_in_a_listing_carry_no_empty_parameter(portal, client):
    doc = html(client.get(listing_url(portal, "resource_index", "en"), {"sector": "hospitality"}))
    hrefs = [a["href"] for a in doc.select(".listing a[href^='?']")]
    assert hrefs
    for href in hrefs:
        assert all(value for value in QueryDict(urlsplit(href).query).values()), href


def give_levels(portal, levels):
    """Set the level of each kind's page (in every language) and make the listings see it."""
    for kind, level in levels.items():
        key = portal.pages[kind]["en"].translation_key
        KnowledgePage.objects.filter(translation_key=key).update(level=level)
    bump_content_version()


@pytest.mark.parametrize("code", ["en", "pt"])
def test_level_filter(portal, client, code):
    give_levels(portal, {"guide": "introductory", "good_practice": "advanced"})
    url = listing_url(portal, "resource_index", code)
    doc = html(client.get(url))
    level = doc.select_one("select#facet-level")
    assert level is not None
    assert text_of(doc.select_one("label[for=facet-level]")) == in_language(code, "Level")
    assert [text_of(o) for o in level.select("option")] == [
        in_language(code, "All"),
        f"{in_language(code, 'Introductory')} (1)",
        f"{in_language(code, 'Advanced')} (1)",
    ]
    doc = html(client.get(url, {"level": "advanced"}))
    assert card_titles(doc) == [portal.pages["good_practice"][code].title]
    assert chips(doc) == [(f"{in_language(code, 'Level')}: {in_language(code, 'Advanced')}", "?")]


def test_sort_by_title_and_by_date(portal, client):
    url = listing_url(portal, "tag", "en")

    def titles(params):
        doc = html(client.get(url, params))
        return [text_of(a) for a in doc.select(".card__title a")]

    by_title = titles({"sort": "title"})
    assert by_title == sorted(by_title, key=str.lower)
    pages = [portal.pages[kind]["en"] for kind in ("guide", "good_practice", "case_study")]
    newest = sorted(pages, key=lambda p: (p.first_published_at, p.pk), reverse=True)
    assert titles({}) == [page.title for page in newest]
    assert titles({"sort": "nonsense"}) == titles({})
    doc = html(client.get(url, {"sort": "title"}))
    options = doc.select("select#listing-sort option")
    assert [(o["value"], o.has_attr("selected")) for o in options] == [
        ("", False),
        ("title", True),
    ]
    assert [text_of(o) for o in options] == ["Newest first", "Title (A–Z)"]


def language_links(doc):
    return {a["hreflang"]: a["href"] for a in doc.select("nav.language-switcher a")}


@pytest.mark.parametrize("listing", ["resource_index", "tag", "skill"])
def test_language_switcher_keeps_filters_and_sort(portal, client, listing):
    params = {"audience": "manager", "sort": "title", "page": "1"}
    doc = html(client.get(listing_url(portal, listing, "en"), params))
    links = language_links(doc)
    assert set(links) == set(LANGUAGE_CODES)
    for code, href in links.items():
        assert urlsplit(href).path == listing_url(portal, listing, code)
        assert query_of(href) == {"audience": "manager", "sort": "title"}
    shown = html(client.get(links["bg"]))
    managers = ("guide", "good_practice")  # the resources for managers, in every listing here
    assert card_titles(shown) == sorted(portal.pages[kind]["bg"].title for kind in managers)
    assert [o["value"] for o in shown.select("select#listing-sort option[selected]")] == ["title"]


def test_language_switcher_keeps_the_tag_filter_value(portal, client):
    doc = html(client.get(listing_url(portal, "resource_index", "en"), {"tag": portal.tag_slug}))
    for code, href in language_links(doc).items():
        assert query_of(href) == {"tag": portal.tag_slug}, code


@pytest.mark.parametrize("code", ["en", "es"])
def test_a_filter_with_one_option_is_not_offered(portal, client, code):
    cases = html(client.get(listing_url(portal, "case_study_index", code)))
    assert "type" not in select_names(cases)
    assert "sort" in select_names(cases)
    resources = html(client.get(listing_url(portal, "resource_index", code)))
    assert "type" in select_names(resources)
    # every level is "introductory" here: no level choice either
    assert "level" not in select_names(resources)


def test_a_chosen_filter_whose_select_is_hidden_is_kept_by_the_form(portal, client):
    url = listing_url(portal, "case_study_index", "it")
    doc = html(client.get(url, {"type": "case-study", "sort": "title"}))
    form = doc.select_one("details.filters form")
    assert [(i["name"], i["value"]) for i in form.select("input[type=hidden]")] == [
        ("type", "case-study")
    ]
    assert card_titles(doc) == [portal.pages["case_study"]["it"].title]
    assert chips(doc)[0][1] == "?sort=title"
