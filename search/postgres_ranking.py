"""PostgreSQL ranking with field weights in proportion to the fields' boosts.

modelsearch's PostgreSQL backend gives each field one of the four tsvector weights A–D, by its
``boost``, and ranks with ``ts_rank`` over the values of those letters. It derives the values
from the boosts of every indexed model, but fills the letters no boost claims with boost 0 and
then shifts all of them by that minimum: with Wagtail's images and documents (boost 10) and
ours (4 for the analysed title, 2 for labels, none for the body), a field without a boost
weighs 0.0099 against the title terms' 0.41 — 41 to 1, where the engines rank 4 to 1. A rare
query word that only the body or summary of the relevant page holds ("хибридна") was then
outranked by any title with the query's common word ("работа").

``ProportionalWeightsPostgresSearchBackend`` keeps modelsearch's letters (the index is
unchanged) and ranks with each letter valued at its boost divided by the largest, a field
without a boost counting as boost 1, as on Elasticsearch and OpenSearch.

``ts_rank`` also knows nothing of how many pages hold a term, which BM25 on the engines and
on SQLite weighs: a generic word in a few titles and most bodies outranked, through the title
boost, the query's rare word that only the relevant page's body holds ("хибридната работа",
"nostalgia de casa"). The query's own weights (``search.query.term_weights``) count titles and
summaries only. So each term of a query of several terms is further weighed by BM25's
inverse document frequency among the searched pages, whole pages (title and body vectors of
the index), counted in one statement through the index's GIN indexes (``rarities``).
"""

import math
from functools import partial

from django.db.models import Count, Q
from django.db.models.functions import Cast

from modelsearch.backends.database.postgres import weights
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import And, Boost, Not, Or, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from core.fragments import remembered_many
from search.ranked_pks import PostgresRankedPks

UNBOOSTED = 1.0  # what a field without a boost weighs on the engines
DOCUMENTS = ""  # the counts' entry for the number of searched pages


def proportional_weights(boosts_weights) -> list:
    """The values of the letters D, C, B, A (``ts_rank``'s order) for modelsearch's
    ``[(boost, letter), …]``: boost / largest boost, a letter whose boost is missing or not
    positive (the letter of the fields without a boost) taken as ``UNBOOSTED``."""
    boost_of = {letter: boost for boost, letter in boosts_weights}
    values = [
        boost_of[letter] if boost_of.get(letter) and boost_of[letter] > 0 else UNBOOSTED
        for letter in reversed(weights.WEIGHTS)
    ]
    largest = max(values)
    return [round(value / largest, 4) for value in values]


def sql_weights() -> str:
    """``proportional_weights`` as the array literal ``ts_rank`` takes."""
    return "{" + ",".join(map(str, proportional_weights(weights.BOOSTS_WEIGHTS))) + "}"


def plain_texts(query) -> list:
    """The ``PlainText`` leaves of a query, in its order."""
    if isinstance(query, PlainText):
        return [query]
    if isinstance(query, (Boost, Not)):
        return plain_texts(query.subquery)
    if isinstance(query, (And, Or)):
        return [leaf for sub in query.subqueries for leaf in plain_texts(sub)]
    return []


def rarity(documents: int, found: int) -> float:
    """BM25's inverse document frequency of a term that ``found`` of ``documents`` pages hold."""
    return round(math.log(1 + (documents - found + 0.5) / (found + 0.5)), 4)


def only_alternatives(query) -> bool:
    """Whether ``query`` matches a page as soon as one of its terms does: an OR of terms (the
    site's searches, ``search.query.weighted_query``), with no AND, NOT or phrase."""
    if isinstance(query, PlainText):
        return query.operator == "or" or len(query.query_string.split()) <= 1
    if isinstance(query, Boost):
        return only_alternatives(query.subquery)
    if isinstance(query, Or):
        return all(only_alternatives(sub) for sub in query.subqueries)
    return False


class ProportionalWeightsQueryCompiler(PostgresSearchQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sql_weights = sql_weights()
        self._rarities = None

    def rarities(self, config) -> dict:
        """Query string of each ``PlainText`` leaf → its ``rarity`` among the searched pages
        (whole pages: the title or body vector holds it); {} for a single term, whose weight
        changes no order, and when not ranking. How many pages hold a term changes only with
        the content: the counts are kept per searched queryset and content version, and those
        missing are counted in one query (``document_counts``)."""
        if self._rarities is None:
            leaves = dict(sorted({(t.query_string, t.operator) for t in plain_texts(self.query)}))
            self._rarities = {}
            if self.order_by_relevance and len(leaves) > 1:
                sql, params = self.queryset.order_by().values("pk").query.sql_with_params()
                scope = (sql, tuple(map(str, params)))
                counts = remembered_many(
                    "postgres-document-counts",
                    [(scope, DOCUMENTS, "")] + [(scope, *leaf) for leaf in leaves.items()],
                    compute=partial(self.document_counts, config),
                )
                documents = counts[(scope, DOCUMENTS, "")]
                self._rarities = {
                    text: rarity(documents, counts[(scope, text, operator)])
                    for text, operator in leaves.items()
                }
        return self._rarities

    def document_counts(self, config, keys) -> dict:
        """{(scope, text, operator): number of searched pages holding the term ``text``, or all
        of them for ``DOCUMENTS``} for ``keys``, in one query; each term's index entries are found
        through the index's GIN indexes, not by reading every page's vectors."""
        entries = IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
        )
        counts = {}
        for i, (_scope, text, operator) in enumerate(keys):
            if text == DOCUMENTS:
                continue
            tsquery = self.build_tsquery(PlainText(text, operator=operator), config=config)
            holding = entries.filter(Q(title=tsquery) | Q(body=tsquery))
            counts[f"t{i}"] = Count("pk", filter=Q(index_object_id__in=holding.values("object_id")))
        found = (
            self.queryset.order_by()
            .annotate(index_object_id=Cast("pk", IndexEntry._meta.get_field("object_id")))
            .aggregate(n=Count("pk"), **counts)
        )
        return {
            key: found["n"] if key[1] == DOCUMENTS else found[f"t{i}"] for i, key in enumerate(keys)
        }

    def search(self, config, start, stop, score_field=None, backend=None):
        """modelsearch matches the query against ``title || body``: two vectors concatenated
        for every page of the language before the match. An OR of terms matches that exactly
        when it matches the title or the body, which needs no concatenation (a fifth of the
        statement's time at 10,000 pages per language); the ranking is modelsearch's."""
        if self.fields is not None or not only_alternatives(self.query):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        matches = Q()
        for vector, _boost in vectors:
            matches |= Q(**{vector.name: search_query})
        return self._apply_ordering_and_scoring(
            self.queryset.filter(matches),
            self._build_rank_expression(vectors, config),
            start,
            stop,
            score_field,
        )

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, PlainText):
            boost *= self.rarities(config).get(query.query_string, 1.0)
        return super().build_tsrank(vector, query, config=config, boost=boost)


class ProportionalWeightsAutocompleteQueryCompiler(PostgresAutocompleteQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sql_weights = sql_weights()


class ProportionalWeightsSearchResults(PostgresRankedPks, PostgresSearchResults):
    pass


class ProportionalWeightsPostgresSearchBackend(PostgresSearchBackend):
    results_class = ProportionalWeightsSearchResults
    query_compiler_class = ProportionalWeightsQueryCompiler
    autocomplete_query_compiler_class = ProportionalWeightsAutocompleteQueryCompiler
