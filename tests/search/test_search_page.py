"""The public search page as visitors see it, in every language.

Uses the module-scoped ``content`` (tests/search/conftest.py): the test portal in six
languages plus an English-only guide (with a Bulgarian alias), an Italian-only guide, twelve
English good practices and a case study whose Greek translation is unpublished.
"""

from django.utils import translation

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from search.models import SearchQueryLog
from tests.helpers import LANGUAGE_CODES, html, text_of
from tests.search.conftest import search_url

pytestmark = pytest.mark.django_db

HIDDEN_TITLE_WORDS = ("Unfinished", "Partners-only", "Confidential", "Members area")


def get(client, lang, **params):
    return client.get(search_url(lang), params)


def result_titles(response):
    return [text_of(h) for h in html(response).select(".search-result .card__title")]


def result_cards(response):
    return {
        text_of(card.select_one(".card__title")): card
        for card in html(response).select(".search-result")
    }


def status_text(response):
    return text_of(html(response).select_one("[role=status]"))


def facet_options(response, name):
    select = html(response).select_one(f"select[name={name}]")
    if select is None:
        return {}
    return {
        option["value"]: text_of(option) for option in select.select("option") if option["value"]
    }


def assert_nothing_hidden(response):
    body = response.content.decode()
    for word in HIDDEN_TITLE_WORDS:
        assert word not in body


# One language
@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_results_are_in_the_visitors_language(content, client, lang):
    response = get(client, lang, q="feedback")
    assert response.status_code == 200
    titles = result_titles(response)
    guide = content.portal.pages["guide"][lang]
    assert guide.title in titles
    assert all(page.locale.language_code == lang for page in response.context["results"])
    assert str(len(titles)) in status_text(response)
    assert_nothing_hidden(response)


def test_english_results_count_and_facets_exclude_hidden_pages(content, client):
    response = get(client, "en", q="feedback")
    portal = content.portal
    expected = {
        portal.pages["guide"]["en"].title,
        portal.pages["good_practice"]["en"].title,
        portal.pages["case_study"]["en"].title,
        content.kitchen.title,
    }
    assert set(result_titles(response)) == expected
    assert status_text(response) == "4 results for “feedback”"
    types = facet_options(response, "type")
    assert types == {
        "guide": "Guides (2)",
        "good-practice": "Good practices (1)",
        "case-study": "Case studies (1)",
    }
    countries = facet_options(response, "country")
    assert set(countries.values()) == {"Bulgaria (1)", "Italy (1)", "Portugal (1)", "Spain (1)"}
    assert facet_options(response, "tag")["feedback"] == "Feedback (3)"
    assert_nothing_hidden(response)


def test_facet_filters_apply_to_results(content, client):
    response = get(client, "en", q="feedback", type="case-study")
    assert result_titles(response) == [content.portal.pages["case_study"]["en"].title]
    assert "1 result for" in status_text(response)
    response = get(client, "en", q="feedback", country="ES", audience="mentor")
    assert result_titles(response) == [content.kitchen.title]
    response = get(client, "en", q="feedback", skill="empathy")
    assert result_titles(response) == [content.portal.pages["guide"]["en"].title]
    response = get(client, "en", q="feedback", sector="no-such-sector")
    assert response.status_code == 200
    assert result_titles(response) == []
    assert html(response).select_one(".search-help")


def test_the_form_is_labelled_and_grouped(content, client):
    page = html(get(client, "en", q="feedback"))
    form = page.select_one("form.search-form")
    assert form["method"] == "get"
    legends = [text_of(legend) for legend in form.select("fieldset > legend")]
    assert legends == ["Search in", "Filter results"]
    for control in form.select("select, input[type=search]"):
        assert page.select_one(f"label[for={control['id']}]"), control
    scope = form.select("input[name=scope]")
    assert [(i["value"], i.has_attr("checked")) for i in scope] == [("", True), ("all", False)]


# All languages
def test_all_languages_shows_each_resource_once_in_the_best_language(content, client):
    portal = content.portal
    response = get(client, "it", q="feedback", scope="all")
    cards = result_cards(response)
    assert set(cards) == {
        portal.pages["guide"]["it"].title,
        portal.pages["good_practice"]["it"].title,
        portal.pages["case_study"]["it"].title,
        content.kitchen.title,
    }
    assert status_text(response) == "4 risorse in tutte le lingue per “feedback”"
    guide = cards[portal.pages["guide"]["it"].title]
    badges = {a["hreflang"]: a["href"] for a in guide.select(".search-result__languages a")}
    assert sorted(badges) == ["bg", "el", "en", "es", "pt"]
    assert badges["en"] == portal.pages["guide"]["en"].url
    case = cards[portal.pages["case_study"]["it"].title]
    assert "el" not in {a["hreflang"] for a in case.select(".search-result__languages a")}
    kitchen = cards[content.kitchen.title]
    assert "Solo in inglese" in text_of(kitchen)
    assert not kitchen.select(".search-result__languages a")  # the Bulgarian alias is no version
    assert kitchen.select_one(".card__title")["lang"] == "en"
    assert "Solo in inglese" not in text_of(guide)
    assert_nothing_hidden(response)


def test_a_resource_unpublished_in_my_language_is_shown_in_english(content, client):
    portal = content.portal
    response = get(client, "el", q="feedback", scope="all")
    cards = result_cards(response)
    case_en = portal.pages["case_study"]["en"]
    assert case_en.title in cards
    assert portal.pages["case_study"]["el"].title not in cards
    languages = {a["hreflang"] for a in cards[case_en.title].select(".search-result__languages a")}
    assert languages == {"bg", "it", "pt", "es"}
    assert portal.pages["guide"]["el"].title in cards


def test_language_facet_counts_and_filters(content, client):
    response = get(client, "it", q="feedback", scope="all")
    options = facet_options(response, "language")
    assert options["en"] == "English (4)"
    assert options["it"] == "Italiano (3)"
    assert options["bg"] == "Български (3)"  # the alias is not counted
    assert options["el"] == "Ελληνικά (2)"  # the unpublished case study is not counted
    response = get(client, "it", q="feedback", scope="all", language="el")
    assert len(result_titles(response)) == 2
    assert {p.locale.language_code for p in response.context["results"]} == {"el"}
    assert facet_options(get(client, "it", q="feedback"), "language") == {}


def test_skill_facet_merges_languages_under_the_visitors_name(content, client):
    response = get(client, "it", q="feedback", scope="all")
    skills = facet_options(response, "skill")
    italian = content.portal.skills["giving-feedback"]["it"].name
    assert skills["giving-feedback"] == f"{italian} (4)"


# Highlighting, sorting, pagination
def test_inflected_query_words_are_highlighted_and_the_rest_escaped(content, client):
    response = get(client, "it", q="conflitti")
    card = result_cards(response)[content.conflict_it.title]
    assert [m.get_text() for m in card.select(".card__title mark")] == ["conflitto"]
    excerpt = card.select_one(".search-result__excerpt")
    assert "conflitto" in [m.get_text() for m in excerpt.select("mark")]
    assert "&lt;sempre&gt;" in str(excerpt)
    assert excerpt.select("sempre") == []
    assert len(excerpt.get_text()) <= 210


def test_excerpt_centres_on_a_match_deep_in_the_body(content, client):
    response = get(client, "it", q="incomprensioni")
    card = result_cards(response)[content.conflict_it.title]
    excerpt = card.select_one(".search-result__excerpt")
    assert [m.get_text() for m in excerpt.select("mark")] == ["incomprensioni"]
    assert excerpt.get_text().startswith("… ")
    assert len(excerpt.get_text()) <= 210


def test_pagination_and_sort_by_newest(content, client):
    first = get(client, "en", q="sheet", sort="newest")
    assert status_text(first) == "12 results for “sheet”"
    assert result_titles(first) == [f"Practice sheet {n}" for n in range(1, 11)]
    next_link = html(first).select_one(".pagination a[rel=next]")["href"]
    assert "sort=newest" in next_link and "page=2" in next_link
    second = client.get(search_url("en") + next_link)
    assert result_titles(second) == ["Practice sheet 11", "Practice sheet 12"]
    relevance = get(client, "en", q="sheet")
    assert len(result_titles(relevance)) == 10
    assert html(relevance).select_one("#search-sort option[selected]")["value"] == ""


@pytest.mark.parametrize("number", ["3", "0", "-1", "abc", "9" * 20, "1\x00"])
def test_a_page_that_does_not_exist_is_a_clear_404(content, client, number):
    response = get(client, "en", q="sheet", page=number)
    assert response.status_code == 404
    assert "That page of results does not exist." in response.content.decode()
    assert html(response).select_one("a[href='?q=sheet']")


# Zero results
def test_zero_results_offer_a_spelling_suggestion_popular_searches_and_browsing(content, client):
    visitors = [f"v{n}" for n in range(3)]  # three visitors' codes (search.models.visitor_code)
    for visitor in visitors:
        SearchQueryLog.objects.create(
            query="kitchen", language="en", result_count=1, visitor=visitor
        )
        SearchQueryLog.objects.create(
            query="nothing here", language="en", result_count=0, visitor=visitor
        )
        SearchQueryLog.objects.create(
            query="cucina", language="it", result_count=2, visitor=visitor
        )
    SearchQueryLog.record("my colleague's name", "en", 1)  # searched once: never shown
    response = get(client, "en", q="aprentisses")
    assert status_text(response) == "0 results for “aprentisses”"
    help_ = html(response).select_one(".search-help")
    suggestion = help_.select_one(".search-help__suggestion")
    assert " ".join(suggestion.get_text().split()) == "Did you mean apprentices?"
    assert suggestion.a["href"] == "?q=apprentices"
    assert [text_of(a) for a in help_.select(".chips a")] == ["kitchen"]
    links = {a["href"] for a in help_.select(".section-links a")}
    assert links == {
        "/en/skills/",
        content.portal.pages["resource_index"]["en"].url,
        content.portal.pages["case_study_index"]["en"].url,
    }
    followed = client.get(search_url("en") + suggestion.a["href"])
    assert result_titles(followed) == [content.kitchen.title]


def test_zero_results_in_another_language_are_translated(content, client):
    response = get(client, "it", q="zzzqqq")
    assert status_text(response) == "0 risultati per “zzzqqq”"
    assert "Nessun risultato per questa ricerca." in text_of(
        html(response).select_one(".search-help")
    )
    assert "/it/skills/" in {a["href"] for a in html(response).select(".search-help a")}


# Suggestions
def suggest(client, lang, q):
    response = client.get(search_url(lang, "search_suggest"), {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_suggestions_match_title_prefixes_in_the_visitors_language(content, client):
    data = suggest(client, "en", "MENTOR appr")
    assert data["query"] == "MENTOR appr"
    assert data["suggestions"] == [
        {
            "title": content.kitchen.title,
            "url": content.kitchen.url,
            "kind": "guide",
            "kind_label": "guide",
        }
    ]
    titles = [s["title"] for s in suggest(client, "it", "gest")["suggestions"]]
    assert titles == [content.conflict_it.title]
    skills = suggest(client, "en", "empa")["suggestions"]
    assert skills == [
        {
            "title": "Empathy",
            "url": "/en/skills/empathy/",
            "kind": "skill",
            "kind_label": "Soft skill",
        }
    ]
    practice = suggest(client, "en", "practice")["suggestions"]
    assert len(practice) == 8


@pytest.mark.parametrize("q", ["", "m", " ", "\x00\x00"])
def test_suggestions_need_two_characters(content, client, q):
    assert suggest(client, "en", q)["suggestions"] == []


def test_suggestions_never_show_hidden_pages_or_aliases(content, client):
    for word in ("Unfinished", "Partners", "Confidential", "Members", "Meeting"):
        assert suggest(client, "en", word)["suggestions"] == []
    assert suggest(client, "bg", "Mentoring")["suggestions"] == []  # only an alias in Bulgarian
    greek_case = content.portal.pages["case_study"]["el"].title
    assert suggest(client, "el", greek_case[:10])["suggestions"] == [] or all(
        s["title"] != greek_case for s in suggest(client, "el", greek_case[:10])["suggestions"]
    )


# Promotions and the query log
def test_promotions_are_shown_first_in_the_visitors_language(content, client):
    portal = content.portal
    query = Query.get("Mentoring kit")
    SearchPromotion.objects.create(query=query, page=portal.pages["guide"]["en"], sort_order=0)
    SearchPromotion.objects.create(query=query, page=content.kitchen, sort_order=1)
    italian = html(get(client, "it", q="mentoring  KIT"))
    picks = italian.select_one(".search-promoted")
    assert text_of(picks.select_one("h3")) == "Consigliati"
    links = [(text_of(a), a["href"]) for a in picks.select("a")]
    guide_it = portal.pages["guide"]["it"]
    assert links == [(guide_it.title, guide_it.url)]  # the English-only kitchen guide is skipped
    english = html(get(client, "en", q="mentoring kit")).select_one(".search-promoted")
    assert [text_of(a) for a in english.select("a")] == [
        portal.pages["guide"]["en"].title,
        content.kitchen.title,
    ]
    assert html(get(client, "en", q="feedback")).select_one(".search-promoted") is None


def test_each_search_is_logged_once_without_personal_data(content, client):
    get(client, "en", q="  Feedback   GUIDE ")
    get(client, "en", q="sheet", page="2")
    get(client, "en", q="")
    rows = list(SearchQueryLog.objects.values("query", "language", "result_count"))
    assert rows == [{"query": "feedback guide", "language": "en", "result_count": 4}]
    assert {f.name for f in SearchQueryLog._meta.fields} == {
        "id",
        "query",
        "language",
        "result_count",
        "created",
        "visitor",  # a daily visitor code, not the address (tests/search/test_help.py)
    }


def test_search_inputs_are_ready_for_suggestions(content, client):
    page = html(get(client, "en", q="feedback"))
    with translation.override("en"):
        assert page.select_one("#search-q")["data-suggest-url"] == search_url(
            "en", "search_suggest"
        )
    assert page.select_one("script[src$='js/search-suggest.js']")
