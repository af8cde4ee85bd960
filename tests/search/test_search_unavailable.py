"""When the search engine is down the page says so (503), it does not crash (500)."""

import logging

from wagtail.search.backends import get_search_backend

import pytest

from search.models import SearchQueryLog
from tests.helpers import html, text_of
from tests.search.conftest import search_url

pytestmark = pytest.mark.django_db


def engine_errors():
    errors = [ConnectionError("connection refused")]
    try:
        import elastic_transport

        errors.append(elastic_transport.ConnectionError("connection refused"))
    except ImportError:  # pragma: no cover
        pass
    try:
        import opensearchpy

        errors.append(opensearchpy.exceptions.ConnectionError("N/A", "refused", None))
    except ImportError:  # pragma: no cover
        pass
    return errors


@pytest.fixture(params=engine_errors(), ids=lambda e: type(e).__module__.split(".")[0])
def engine_down(request, monkeypatch):
    def fail(*args, **kwargs):
        raise request.param

    monkeypatch.setattr(type(get_search_backend()), "search", fail)


@pytest.mark.parametrize("scope", ["", "all"])
def test_the_page_answers_503_with_a_clear_message(home_page, client, engine_down, caplog, scope):
    with caplog.at_level(logging.ERROR, logger="search.query"):
        # an empty scope (the "This language" radio) is first redirected to the clean address
        response = client.get(search_url("en"), {"q": "feedback", "scope": scope}, follow=True)
    assert response.status_code == 503
    page = html(response)
    assert text_of(page.select_one("h1")) == "Search is temporarily unavailable"
    assert page.select_one("#search-q")["value"] == "feedback"
    assert any(record.exc_info for record in caplog.records)
    assert not SearchQueryLog.objects.exists()


def test_the_message_is_translated(home_page, client, engine_down):
    response = client.get(search_url("it"), {"q": "feedback"})
    assert response.status_code == 503
    assert text_of(html(response).select_one("h1")) == "La ricerca non è al momento disponibile"


def test_an_empty_query_and_the_suggestions_do_not_need_the_engine(home_page, client, engine_down):
    assert client.get(search_url("en")).status_code == 200
    assert client.get(search_url("en", "search_suggest"), {"q": "feed"}).status_code == 200
