"""SQLite ranks each match once (search/sqlite_ranking.py) and still ranks like modelsearch.

Over the corpus in six languages, the results, their order and their scores are compared with
modelsearch's own SQLite backend on the same index, for whole result lists and for slices
further down; and the ranking is one statement with one ``MATCH``, where modelsearch's query
repeats the ``MATCH`` in a subquery for each candidate page.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

import pytest

from resources.models import KnowledgePage
from search.backends import uses_engine
from search.query import query_terms, ranked_ids, search_resources, synonym_terms, term_weights

if connection.vendor != "sqlite" or uses_engine():
    # modelsearch's SQLite modules cannot even be imported on another database
    pytest.skip(
        "the SQLite backend's own ranking; the other backends rank in their engine",
        allow_module_level=True,
    )

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend  # noqa: E402

from search.sqlite_ranking import RankOnceSQLiteSearchBackend  # noqa: E402

pytestmark = pytest.mark.django_db

QUERIES = [
    ("en", "feedback mentor apprentice"),
    ("en", "conflict team"),
    ("bg", "обратна връзка"),
    ("el", "επικοινωνία ομάδα"),
    ("it", "feedback costruttivo tutor"),
    ("pt", "comunicação equipa"),
    ("es", "gestión del tiempo aprendiz"),
]


def stock_ranking(query, locale, start, stop):
    """modelsearch's SQLite backend on the same index: [(pk, score)], best first."""
    # the terms search_resources searches: its per-term weights cannot apply in FTS5's bm25()
    terms = query_terms(query, locale.language_code, locale, synonyms=False)
    terms += synonym_terms(terms, locale.language_code)
    results = SQLiteSearchBackend({}).search(
        " ".join(sorted(term_weights(terms, locale))),
        KnowledgePage.objects.live().public().filter(locale=locale),
        operator="or",
        order_by_relevance=True,
    )
    return [(page.pk, page._score) for page in results.annotate_score("_score")[start:stop]]


def our_ranking(query, locale, start, stop):
    results = search_resources(query, locale).annotate_score("_score")
    return [(page.pk, page._score) for page in results[start:stop]]


def test_the_configured_backend_is_the_rank_once_backend():
    from wagtail.search.backends import get_search_backend

    assert isinstance(get_search_backend(), RankOnceSQLiteSearchBackend)


@pytest.mark.parametrize(("lang", "query"), QUERIES)
@pytest.mark.parametrize(("start", "stop"), [(0, 300), (0, 10), (3, 8)])
def test_same_results_order_and_scores_as_modelsearch(corpus_pages, lang, query, start, stop):
    locale = Locale.objects.get(language_code=lang)
    ours = our_ranking(query, locale, start, stop)
    stock = stock_ranking(query, locale, start, stop)
    assert ours or start > 0, f"{query!r} ({lang}) found nothing"
    assert [pk for pk, _score in ours] == [pk for pk, _score in stock]
    assert [score for _pk, score in ours] == pytest.approx([score for _pk, score in stock])
    assert all(page.locale_id == locale.pk for page in KnowledgePage.objects.filter(pk__in=ours))


def test_a_search_not_ordered_by_relevance_keeps_modelsearchs_order(corpus_pages):
    """A slice of the whole match set in modelsearch's order, with scores when asked (not the
    best-scored slice)."""
    pages = KnowledgePage.objects.live()
    ours = RankOnceSQLiteSearchBackend({}).search("feedback", pages, order_by_relevance=False)
    stock = SQLiteSearchBackend({}).search("feedback", pages, order_by_relevance=False)
    ours = [(page.pk, page._score) for page in ours.annotate_score("_score")[2:9]]
    stock = [(page.pk, page._score) for page in stock.annotate_score("_score")[2:9]]
    assert len(ours) == 7
    assert ours == stock


@pytest.mark.parametrize("typed", ["confl", "comunic", "обратн", "επικοιν"])
def test_autocomplete_ranks_like_modelsearch(corpus_pages, typed):
    """The admin's choosers search as you type through the backend's autocomplete."""
    pages = KnowledgePage.objects.live()
    ours = RankOnceSQLiteSearchBackend({}).autocomplete(typed, pages).annotate_score("_score")
    stock = SQLiteSearchBackend({}).autocomplete(typed, pages).annotate_score("_score")
    ours = [(page.pk, page._score) for page in ours[:20]]
    stock = [(page.pk, page._score) for page in stock[:20]]
    assert ours
    assert [pk for pk, _score in ours] == [pk for pk, _score in stock]
    assert [score for _pk, score in ours] == pytest.approx([score for _pk, score in stock])


def test_one_match_per_search(corpus_pages):
    locale = Locale.objects.get(language_code="it")
    with CaptureQueriesContext(connection) as queries:
        ids = ranked_ids("feedback costruttivo", locale)
    assert ids
    matching = [q["sql"] for q in queries.captured_queries if " MATCH " in q["sql"]]
    assert len(matching) == 1
    assert matching[0].count(" MATCH ") == 1
    assert "LIMIT 300" in matching[0]


def test_unpublished_pages_stay_out_of_the_ranking(corpus_pages):
    locale = Locale.objects.get(language_code="es")
    before = ranked_ids("conflictos", locale)
    page = KnowledgePage.objects.get(pk=before[0])
    page.unpublish()
    after = ranked_ids("conflictos", locale)
    assert page.pk not in after
    assert after == before[1:]
