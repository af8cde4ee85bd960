"""The popular searches of the zero-result help (search/help.py): only queries that several
different visitors searched (counted by daily visitor codes, no address stored), that no
editor hid, and that find a live, public page now.

Uses the module-scoped ``content`` (tests/search/conftest.py): the test portal in six languages.
"""

import re
from datetime import date

from django.test import RequestFactory

from wagtail.models import PageViewRestriction

import pytest

from search.help import hidden_changed
from search.models import HiddenSearchQuery, SearchQueryLog, visitor_code
from tests.helpers import LANGUAGE_CODES, html, text_of
from tests.search.conftest import search_url

pytestmark = pytest.mark.django_db

NOTHING = "zzqxv"  # finds nothing in any language


@pytest.fixture(autouse=True)
def counted_afresh(monkeypatch):
    """The popular queries are counted on every page here (they are kept 10 minutes: tested
    in ``test_popular_queries_are_kept_a_while_but_hiding_takes_effect_at_once``)."""
    monkeypatch.setattr("search.help.POPULAR_REFRESH", 0)


def search(client, lang, q, address="192.0.2.1", agent="Firefox"):
    response = client.get(search_url(lang), {"q": q}, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    assert response.status_code == 200
    return response


def popular(client, lang):
    """The popular searches offered on a page that found nothing."""
    help_ = html(search(client, lang, NOTHING, address="198.51.100.99")).select_one(".search-help")
    assert help_ is not None
    return [text_of(a) for a in help_.select(".chips a")]


def searched_by_visitors(client, lang, q, visitors):
    for n in range(visitors):
        search(client, lang, q, address=f"203.0.113.{n + 1}")


def test_one_visitor_repeating_a_query_twenty_times_does_not_make_it_popular(content, client):
    for _ in range(20):
        search(client, "en", "feedback")
    assert SearchQueryLog.objects.filter(query="feedback").count() == 20
    assert popular(client, "en") == []


def test_three_different_visitors_make_it_popular_two_do_not(content, client):
    searched_by_visitors(client, "en", "feedback", 2)
    for _ in range(5):  # the same two again: still two visitors
        search(client, "en", "feedback", address="203.0.113.1")
    assert popular(client, "en") == []
    search(client, "en", "Feedback", address="203.0.113.1", agent="Safari")  # another browser
    assert popular(client, "en") == ["feedback"]


def test_thresholds_are_settings(content, client, settings):
    settings.SEARCH_POPULAR_MIN_VISITORS = 2
    settings.SEARCH_POPULAR_LIMIT = 1
    searched_by_visitors(client, "en", "feedback", 3)
    searched_by_visitors(client, "en", "trainee", 2)
    assert popular(client, "en") == ["feedback"]
    settings.SEARCH_POPULAR_LIMIT = 5
    assert popular(client, "en") == ["feedback", "trainee"]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_popular_searches_in_every_language(content, client, lang):
    searched_by_visitors(client, lang, "feedback", 3)
    searched_by_visitors(client, "en" if lang != "en" else "bg", "trainee", 3)  # another language
    response = search(client, lang, NOTHING)
    help_ = html(response).select_one(".search-help")
    assert [text_of(a) for a in help_.select(".chips a")] == ["feedback"]
    assert help_.select_one(".chips a")["href"].endswith("?q=feedback")
    if lang != "en":
        assert "Popular searches" not in text_of(help_)  # the heading is translated


def test_the_query_being_searched_is_not_offered(content, client):
    searched_by_visitors(client, "en", "feedback", 3)
    searched_by_visitors(client, "en", "trainee", 3)
    assert popular(client, "en") == ["feedback", "trainee"]


def test_hidden_queries_never_show(content, client):
    searched_by_visitors(client, "en", "feedback", 4)
    searched_by_visitors(client, "en", "trainee", 3)
    searched_by_visitors(client, "bg", "feedback", 3)
    HiddenSearchQuery.objects.create(query="feedback", language="en")
    assert popular(client, "en") == ["trainee"]
    assert popular(client, "bg") == ["feedback"]  # hidden in English only


def test_popular_queries_are_kept_a_while_but_hiding_takes_effect_at_once(
    content, client, monkeypatch
):
    monkeypatch.undo()
    searched_by_visitors(client, "en", "feedback", 3)
    assert popular(client, "en") == ["feedback"]
    searched_by_visitors(client, "en", "trainee", 3)
    assert popular(client, "en") == ["feedback"]  # counted again in 10 minutes
    HiddenSearchQuery.objects.create(query="feedback", language="en")
    hidden_changed()  # what the analytics view's hide and show actions call
    assert popular(client, "en") == ["trainee"]


def test_a_query_whose_only_result_became_private_is_never_shown(content, client):
    guide = content.portal.pages["guide"]
    searched_by_visitors(client, "en", "barely speaks", 3)
    assert SearchQueryLog.objects.filter(query="barely speaks", result_count__gt=0).count() == 3
    assert popular(client, "en") == ["barely speaks"]

    restriction = PageViewRestriction.objects.create(
        page=guide["en"], restriction_type=PageViewRestriction.PASSWORD, password="secret-password"
    )
    assert "0 results" in text_of(html(search(client, "en", "barely speaks")).select_one("main"))
    assert popular(client, "en") == []
    restriction.delete()
    assert popular(client, "en") == ["barely speaks"]


def test_a_query_whose_only_result_was_unpublished_is_never_shown(content, client):
    guide = content.portal.pages["guide"]["en"]
    searched_by_visitors(client, "en", "barely speaks", 3)
    assert popular(client, "en") == ["barely speaks"]
    guide.unpublish()
    try:
        assert popular(client, "en") == []
    finally:
        guide.save_revision().publish()  # the engines keep what they were sent
    assert popular(client, "en") == ["barely speaks"]


def test_a_search_stores_a_daily_visitor_code_not_the_address(content, client):
    search(client, "en", "feedback", address="192.0.2.45", agent="Firefox/140")
    row = SearchQueryLog.objects.get()
    assert re.fullmatch(r"[0-9a-f]{6}", row.visitor)
    assert "192.0.2.45" not in str(SearchQueryLog.objects.values().get())

    def request(address, agent="Firefox/140"):
        return RequestFactory().get("/", REMOTE_ADDR=address, HTTP_USER_AGENT=agent)

    today = visitor_code(request("192.0.2.45"))
    assert today == row.visitor
    assert visitor_code(request("192.0.2.45"), date(2026, 1, 2)) != visitor_code(
        request("192.0.2.45"), date(2026, 1, 3)
    )  # the key changes every day: codes of different days cannot be linked
    assert visitor_code(request("192.0.2.46")) != today
    assert visitor_code(request("192.0.2.45", "Safari")) != today


def test_behind_a_trusted_proxy_the_client_address_counts(content, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(3):  # one proxy address, three clients, each writing the same forged address
        client.get(
            search_url("en"),
            {"q": "feedback"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.250, 203.0.113.{n + 1}",
        )
    assert SearchQueryLog.objects.values("visitor").distinct().count() == 3
