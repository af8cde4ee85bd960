"""The search page costs at most 15 SQL queries, warm and on a cold cache (the first request
after a publish: matches, facets, cards and the vocabulary computed afresh), in every language
and mode, and the same number with ten times the content (issue 11).

Uses the module-scoped ``content`` (tests/search/conftest.py): the test portal in six languages
plus the search pages. "Warm" is a second visit of the same address: what the first computed
from the content (matches, facets, card texts, versions, the vocabulary) is kept per content
version (``core.fragments``), so a publish makes it stale and the next visit computes it again.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search.results import PAGE_SIZE
from tests.factories import GuidePageFactory
from tests.helpers import (
    LANGUAGE_CODES,
    html,
    marked,
    queries_for,
    same_queries_message,
    text_of,
    without_search_indexing,
)
from tests.search.conftest import index, search_url

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15  # the search page (issue 11)

# (name, query string): a word every language's content has, a filter, a typo, nothing found,
# all languages (with and without a language chosen), newest first, and a second page
SEARCHES = [
    ("word", {"q": "feedback"}),
    ("filtered", {"q": "feedback", "type": "guide", "audience": "mentor"}),
    ("typo", {"q": "feedbak"}),
    ("zero results", {"q": "zzqxv"}),
    ("all languages", {"q": "feedback", "scope": "all"}),
    ("all languages, one chosen", {"q": "feedback", "scope": "all", "language": "en"}),
    ("newest first", {"q": "feedback", "sort": "newest"}),
    ("second page", {"q": "practice", "scope": "all", "page": "2"}),
]


def counts(client, lang):
    """{search name: (queries, response)} of a warm visit of each search in ``lang``."""
    return {name: queries_for(client, search_url(lang), params) for name, params in SEARCHES}


def cold_counts(client, lang):
    """{search name: SQL of a visit of each search in ``lang`` with nothing kept (the cache
    emptied, so the content version is new too: as after a publish)}."""
    found = {}
    client.get(search_url(lang), {"q": "warm-up"})  # the process: templates, URL resolvers
    for name, params in SEARCHES:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(search_url(lang), params)
        assert response.status_code == 200, (lang, name)
        found[name] = on_the_response_path([query["sql"] for query in queries.captured_queries])
    return found


def on_the_response_path(statements):
    """The statements of a request as production runs it, outside the test's transaction:
    less the search log's row (outside the test settings a writer thread writes it after the
    response, ``SEARCH_LOG_IN_BACKGROUND``; here it is written inline so that tests can read it)
    and less the savepoints that only a transaction around the request brings (on PostgreSQL
    ``search.query.backend_errors`` guards the backend's calls with one; requests run without a
    transaction, ``ATOMIC_REQUESTS`` is off)."""
    return [
        sql
        for sql in statements
        if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        and not sql.startswith('INSERT INTO "search_searchquerylog"')
    ]


def add_guides(content, per_language):
    """``per_language`` guides in each language, live and indexed; one in three is about
    feedback (a word in most of them would be dropped from a query as too common). Saved
    without indexing each page, then indexed at once (``update_index``): on an engine, one
    request per saved page is most of this test's time."""
    portal = content.portal
    with without_search_indexing():
        for lang in LANGUAGE_CODES:
            parent = portal.pages["resource_index"][lang]
            skill = portal.skills["giving-feedback"][lang]
            for n in range(per_language):
                topic = "feedback" if n % 3 == 0 else "planning"
                GuidePageFactory(
                    parent=parent,
                    title=marked(f"Weekly routine number {n}", lang),
                    summary=marked(f"A {topic} practice for mentors, version {n}.", lang),
                    skills=[skill],
                    tags=[f"routine {n % 3}"],
                    audience=["mentor"],
                    country=["BG", "IT", "ES"][n % 3],
                )
    index()


def test_the_search_page_makes_the_same_queries_warm_and_cold_whatever_the_content(content, client):
    """At most 15 queries warm and on a cold cache, in every language and mode, and the same
    queries with about ten times the test portal's resources (one growth for both: building it
    is the cost)."""
    few = {lang: counts(client, lang) for lang in LANGUAGE_CODES}
    for lang, searches in few.items():
        for name, (queries, _response) in searches.items():
            assert len(queries) <= MAX_QUERIES, f"{lang}, {name}: {len(queries)} queries"
    few_cold = {lang: cold_counts(client, lang) for lang in LANGUAGE_CODES}
    for lang, searches in few_cold.items():
        for name, queries in searches.items():
            assert len(queries) <= MAX_QUERIES, f"{lang}, {name} (cold): {len(queries)} queries"

    add_guides(content, per_language=30)
    cache.clear()
    for lang in LANGUAGE_CODES:
        many = counts(client, lang)
        for name, (queries, _response) in many.items():
            assert len(queries) == len(few[lang][name][0]), (
                f"{lang}, {name}: " + same_queries_message(few[lang][name][0], queries)
            )
        word_cards = html(many["word"][1]).select(".search-result")
        assert len(word_cards) == PAGE_SIZE  # the bigger content fills the page
    for lang in LANGUAGE_CODES:
        many_cold = cold_counts(client, lang)
        for name, queries in many_cold.items():
            assert len(queries) == len(few_cold[lang][name]), (
                f"{lang}, {name} (cold): " + same_queries_message(few_cold[lang][name], queries)
            )


def test_a_new_page_makes_the_kept_results_stale(content, client):
    url = search_url("en")
    queries_for(client, url, {"q": "feedback"})
    guide = GuidePageFactory(
        parent=content.portal.pages["resource_index"]["en"],
        title="Feedback in a bakery",
        summary="Short feedback after every early shift.",
    )
    _queries, response = queries_for(client, url, {"q": "feedback"})
    assert guide.title in [text_of(h) for h in html(response).select(".card__title")]
