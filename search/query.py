"""Searching resources: one code path for the public page, the suggestions and search_eval.

Views never branch on the backend: the query is analysed here exactly like the documents
(search/analysis.py) and handed to Wagtail's search framework with an OR of the terms, ranked
by relevance.

Every call into the search backend that the public pages make goes through ``ranked_ids``,
the one place where an engine failure (connection refused, timeout, a transport or API error
from Elasticsearch/OpenSearch, a database error) becomes ``SearchUnavailable``.
"""

import logging
from contextlib import contextmanager, nullcontext

from django.db import transaction
from django.db.models import Q

from core.analysis import analyse
from core.fragments import remembered
from resources.models import KnowledgePage
from search.indexing import catch_up_soon
from search.models import PendingIndexUpdate
from search.spelling import corrections, without_common_terms

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32
MAX_RESULTS = 300  # per language: what the results page ranks, filters and counts


class SearchUnavailable(Exception):
    """The search backend failed; the page should say so (503), not crash."""


@contextmanager
def backend_errors():
    """Turn any error raised by the search backend into ``SearchUnavailable`` (logged).

    Inside a transaction the calls run in a savepoint: a failing database backend must not
    break the rest of it (PostgreSQL refuses every later query of a failed transaction).
    """
    in_transaction = transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic() if in_transaction else nullcontext():
            yield
    except SearchUnavailable:
        raise
    except Exception as exc:  # the engines raise many unrelated classes; all mean "down"
        logger.exception("The search backend failed")
        raise SearchUnavailable from exc


def clean_query(raw: str) -> str:
    """Printable text only, whitespace folded, at most MAX_QUERY_LENGTH characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query: str, lang: str, locale=None) -> list:
    """The query's analysed terms, plus spelling corrections when ``locale`` is given."""
    terms = list(dict.fromkeys(analyse(query, lang)))[:MAX_TERMS]
    if locale is not None:
        terms.extend(t for t in corrections(terms, locale) if t not in terms)
        terms = without_common_terms(terms, locale)
    return terms


def search_resources(query: str, locale, queryset=None):
    """Live, public resources in ``locale`` matching ``query``, best first.

    Returns a search results object (sliceable, countable) or an empty queryset when the query
    has no searchable terms.
    """
    if queryset is None:
        queryset = KnowledgePage.objects.live().public()
    queryset = queryset.filter(Q(locale=locale))
    terms = query_terms(query, locale.language_code, locale)
    if not terms:
        return queryset.none()
    return queryset.search(" ".join(terms), operator="or", order_by_relevance=True)


def ranked_ids(query: str, locale, limit: int = MAX_RESULTS, queryset=None) -> list:
    """Primary keys of the live, public resources in ``locale`` matching ``query``, best first
    (``queryset``: ``KnowledgePage.objects.live().public()`` already built, to share it).

    The results are fetched here, inside ``backend_errors``: an engine that is down raises
    ``SearchUnavailable`` now rather than while a template renders. When the engine answered,
    index writes it missed while it was down are replayed (a small batch, once a minute).
    """
    with backend_errors():
        results = search_resources(query, locale, queryset)
        ids = [page.pk for page in results[:limit]]
    catch_up_soon(getattr(results, "backend", None))  # None: no terms, the engine was not asked
    return ids


def index_behind() -> bool:
    """Whether index writes wait to be replayed (``search.indexing``): until they are, the
    backend's answers may change without a new content version."""
    return PendingIndexUpdate.objects.exists()


def remembered_answer(name, *parts, compute, behind=None):
    """``core.fragments.remembered`` for what the backend's answers decide (matches, their
    facets, a spelling suggestion that must find something), computed afresh while the index
    is behind (``behind``: ``index_behind()`` if already asked); asking the backend then also
    replays the queued writes."""
    if index_behind() if behind is None else behind:
        return compute()
    return remembered(name, *parts, compute=compute)
