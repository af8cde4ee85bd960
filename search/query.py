"""Searching resources: one code path for the public page, the suggestions and search_eval.

Views never branch on the backend: the query is analysed here exactly like the documents
(search/analysis.py) and handed to Wagtail's search framework with an OR of the terms, ranked
by relevance.
"""

from django.db.models import Q

from search.analysis import analyse

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32


def clean_query(raw: str) -> str:
    """Printable text only, whitespace folded, at most MAX_QUERY_LENGTH characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query: str, lang: str) -> list:
    terms = list(dict.fromkeys(analyse(query, lang)))
    return terms[:MAX_TERMS]


def search_resources(query: str, locale, queryset=None):
    """Live, public resources in ``locale`` matching ``query``, best first.

    Returns a search results object (sliceable, countable) or an empty queryset when the query
    has no searchable terms.
    """
    from home.models import KnowledgePage

    if queryset is None:
        queryset = KnowledgePage.objects.live().public()
    queryset = queryset.filter(Q(locale=locale))
    terms = query_terms(query, locale.language_code)
    if not terms:
        return queryset.none()
    return queryset.search(" ".join(terms), operator="or", order_by_relevance=True)
