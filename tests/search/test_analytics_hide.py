"""Editors hide queries from the popular searches (search/analytics.py): every admin route of
it, walked as an attacker would — anonymous, an editor without the analytics permission, the
wrong method, no CSRF token — and as an analyst with the permission.

Uses the module-scoped ``content`` (tests/search/conftest.py) where a query must find something.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from wagtail.search.backends import get_search_backend
from wagtail.users.models import UserProfile

import pytest

from search.models import HiddenSearchQuery, SearchQueryLog
from tests.admin_msgids import english_in
from tests.helpers import TARGET_LANGUAGES, html, text_of

pytestmark = pytest.mark.django_db

DENIED = "Sorry, you do not have permission to access this area."


@pytest.fixture
def analyst(db):
    """A non-superuser whose group has the analytics permission (and admin access)."""
    group = Group.objects.create(name="Search analysts")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(content_type__app_label="search", codename="view_search_analytics"),
    )
    user = get_user_model().objects.create_user("analyst", "analyst@example.org", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def hidden(db):
    return HiddenSearchQuery.objects.create(query="my colleague's name", language="en")


def popular_rows(client):
    for n in range(3):
        SearchQueryLog.objects.create(
            query="feedback", language="en", result_count=2, visitor=f"{n}"
        )
    page = html(client.get(reverse("search_analytics"), {"language": "en"}))
    table = page.select_one("table[aria-labelledby=popular-searches]")
    return [[text_of(td) for td in tr.select("td")] for tr in table.select("tbody tr")]


def routes(hidden):
    return [
        (reverse("search_analytics_hide"), {"query": "secret", "language": "en"}),
        (reverse("search_analytics_show", args=[hidden.pk]), {}),
    ]


def test_anonymous_visitors_are_sent_to_the_login_and_change_nothing(client, hidden):
    for url, data in routes(hidden):
        for method in (client.get, client.post):
            response = method(url, data)
            assert response.status_code == 302, url
            assert reverse("wagtailadmin_login") in response["Location"]
    assert list(HiddenSearchQuery.objects.values_list("query", flat=True)) == [hidden.query]


def test_editors_without_the_permission_can_neither_hide_nor_show_nor_see(editor_client, hidden):
    response = editor_client.get(reverse("search_analytics"))
    assert response.status_code == 403
    for url, data in routes(hidden):
        for method in (editor_client.get, editor_client.post):
            response = method(url, data)
            assert response.status_code == 403, url
            assert DENIED in response.content.decode()
    assert list(HiddenSearchQuery.objects.values_list("query", flat=True)) == [hidden.query]


def test_the_actions_take_post_only(analyst_client, hidden):
    for url, data in routes(hidden):
        assert analyst_client.get(url, data).status_code == 405
    assert HiddenSearchQuery.objects.count() == 1


def test_the_actions_need_the_csrf_token(analyst, hidden):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    for url, data in routes(hidden):
        assert client.post(url, data).status_code == 403
    assert HiddenSearchQuery.objects.count() == 1


def test_an_analyst_hides_a_popular_search_and_shows_it_again(content, analyst_client):
    assert popular_rows(analyst_client) == [["English", "feedback", "Hide"]]
    response = analyst_client.post(
        reverse("search_analytics_hide"),
        {"query": "  FEEDBACK ", "language": "en", "days": "7", "language_filter": "en"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("search_analytics") + "?days=7&language=en"
    (row,) = HiddenSearchQuery.objects.all()
    assert (row.query, row.language, row.hidden_by.username) == ("feedback", "en", "analyst")
    page = html(analyst_client.get(response["Location"]))
    assert "“feedback” is no longer offered as a popular search in English." in text_of(page)
    assert popular_rows(analyst_client) == [["English", "None at the moment."]]
    hidden_table = page.select_one("table[aria-labelledby=hidden-searches]")
    assert text_of(hidden_table.select_one("tbody td")) == "feedback"

    # hiding twice keeps one row
    analyst_client.post(reverse("search_analytics_hide"), {"query": "feedback", "language": "en"})
    assert HiddenSearchQuery.objects.count() == 1

    show = hidden_table.select_one("form")["action"]
    assert show == reverse("search_analytics_show", args=[row.pk])
    assert analyst_client.post(show).status_code == 302
    assert not HiddenSearchQuery.objects.exists()
    assert popular_rows(analyst_client) == [["English", "feedback", "Hide"]]
    # already shown again: a 404 (which Django's LocaleMiddleware answers with a redirect to the
    # /en/ address, itself a 404 page)
    again = analyst_client.post(show, follow=True)
    assert again.status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"query": "   ", "language": "en"},
        {"query": "feedback", "language": "xx"},
        {"query": "feedback"},
        {"language": "en"},
        {"query": "x" * 5000, "language": "en"},
    ],
)
def test_bad_input_hides_nothing(analyst_client, data):
    response = analyst_client.post(reverse("search_analytics_hide"), data)
    assert response.status_code == 302
    assert not HiddenSearchQuery.objects.exists()


def test_a_hidden_query_of_another_language_is_hidden_there_only(content, analyst_client):
    HiddenSearchQuery.objects.create(query="feedback", language="bg")
    assert popular_rows(analyst_client) == [["English", "feedback", "Hide"]]


@pytest.mark.parametrize("lang", TARGET_LANGUAGES)
def test_the_analytics_page_and_its_messages_are_in_the_editors_language(
    content, analyst, analyst_client, lang
):
    profile = UserProfile.get_for_user(analyst)
    profile.preferred_language = lang
    profile.save()
    popular_rows(analyst_client)  # "feedback" is popular in English
    HiddenSearchQuery.objects.create(query="mentor", language="en", hidden_by=analyst)
    response = analyst_client.post(
        reverse("search_analytics_hide"), {"query": "trainee", "language": "en"}, follow=True
    )
    main = html(response).select_one("main")
    texts = [*main.stripped_strings, *(i.get("value", "") for i in main.select("button"))]
    content = {"feedback", "mentor", "trainee", "analyst", "English"}  # languages: own names
    found = english_in(texts, lang, content=content)
    assert not found, f"{lang}: English on the search analytics page: {sorted(found)}"
    (message,) = [text_of(li) for li in html(response).select(".messages li")]
    assert "trainee" in message
    assert not english_in([message], lang, content={"trainee"})


def test_the_analytics_page_works_while_the_engine_is_down(analyst_client, monkeypatch):
    def fail(*args, **kwargs):
        raise ConnectionError("connection refused")

    monkeypatch.setattr(type(get_search_backend()), "search", fail)
    for n in range(3):
        SearchQueryLog.objects.create(
            query="feedback", language="en", result_count=2, visitor=f"{n}"
        )
    response = analyst_client.get(reverse("search_analytics"))
    assert response.status_code == 200
    assert "Search is temporarily unavailable" in text_of(html(response).select_one("main"))
    assert html(response).select_one("table[aria-labelledby=top-queries]")
