"""All-languages search ranks the six languages in one SQL statement on the database backends
(``search.ranked_pks.ranked_pks_many``), with the same results, in the same order, as asking
each language on its own (issue 11: the search page's query count).

Over the search-bench corpus in six languages: whole result lists and short ones (the limit
cuts each language's ranking inside the statement), queries that only some languages can
search (an English stop word), and on the engines the same answers with no SQL at all.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

import pytest

from core.pages import public
from resources.models import KnowledgePage
from search.backends import uses_engine
from search.query import ranked_ids, ranked_ids_many
from tests.helpers import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

QUERIES = [
    "feedback",  # a word most languages' texts hold
    "conflict communication team",
    "обратна връзка",  # Bulgarian words: other languages find little or nothing
    "the",  # an English stop word: no terms in English, a term elsewhere
    "zzqxv",  # nothing anywhere
]


@pytest.fixture
def locales(corpus_pages):
    by_code = {locale.language_code: locale for locale in Locale.objects.all()}
    return [by_code[code] for code in LANGUAGE_CODES]


def searchable():
    return public(KnowledgePage.objects.live())


def ranking_statements(queries):
    """The statements that ran a full-text match (SQLite's FTS5 table, PostgreSQL's ``@@``)."""
    return [q["sql"] for q in queries if "indexentry_fts" in q["sql"] or "@@" in q["sql"]]


@pytest.mark.parametrize("limit", [300, 4])
@pytest.mark.parametrize("query", QUERIES)
def test_one_statement_ranks_as_each_language_alone(locales, query, limit):
    queryset = searchable()
    alone = [
        ranked_ids(query, locale, limit=limit, queryset=queryset, behind=False)
        for locale in locales
    ]
    cache.clear()  # nothing the separate rankings kept (PostgreSQL's document counts)
    together = ranked_ids_many(query, locales, limit=limit, queryset=queryset, behind=False)
    assert together == alone
    assert all(len(ids) <= limit for ids in together)
    if query == "feedback":
        assert sum(bool(ids) for ids in together) >= 4  # most languages found something
        assert max(map(len, together)) == limit or limit == 300


def test_the_six_rankings_are_one_sql_statement(locales):
    queryset = searchable()
    query = "feedback conflict"
    ranked_ids_many(query, locales, queryset=queryset, behind=False)  # the vocabularies, kept
    with CaptureQueriesContext(connection) as queries:
        together = ranked_ids_many(query, locales, queryset=queryset, behind=False)
    assert sum(map(len, together)) > 0
    statements = ranking_statements(queries.captured_queries)
    if uses_engine():
        assert statements == []  # the engines rank; the database is not asked
    else:
        assert len(statements) == 1, statements
        assert statements[0].count("UNION ALL") == len(locales) - 1


def test_on_a_cold_cache_the_six_languages_are_counted_and_ranked_in_two_statements(locales):
    """PostgreSQL weighs a query of several terms by how many pages hold each (counted once per
    content version): the six languages' counts are one statement, their rankings another."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        together = ranked_ids_many("feedback conflict", locales, queryset=searchable())
    assert sum(map(len, together)) > 0
    statements = ranking_statements(queries.captured_queries)
    if uses_engine():
        assert statements == []
    elif connection.vendor == "postgresql":
        assert len(statements) == 2, statements
        assert "UNION ALL" in statements[1] and "COUNT(" in statements[0].upper()
    else:
        assert len(statements) == 1, statements
