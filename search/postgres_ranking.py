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
from functools import partial, reduce
from operator import or_ as operator_or

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
COUNTS = "postgres-document-counts"  # what core.fragments keeps them as


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
        self._rarity_keys = None

    def rarity_keys(self) -> list:
        """The document counts ``rarities`` needs (``[(scope, text, operator)]``, the scope
        naming the searched queryset, ``DOCUMENTS`` for the number of its pages); [] for a
        single term, whose weight changes no order, and when not ranking."""
        if self._rarity_keys is None:
            leaves = dict(sorted({(t.query_string, t.operator) for t in plain_texts(self.query)}))
            self._rarity_keys = []
            if self.order_by_relevance and len(leaves) > 1:
                sql, params = self.queryset.order_by().values("pk").query.sql_with_params()
                scope = (sql, tuple(map(str, params)))
                self._rarity_keys = [(scope, DOCUMENTS, "")]
                self._rarity_keys += [(scope, *leaf) for leaf in leaves.items()]
        return self._rarity_keys

    def rarities(self, config) -> dict:
        """Query string of each ``PlainText`` leaf → its ``rarity`` among the searched pages
        (whole pages: the title or body vector holds it); {} when ``rarity_keys`` needs none.
        How many pages hold a term changes only with the content: the counts are kept per
        searched queryset and content version, and those missing are counted in one query
        (``document_counts``; all-languages search counts every language's at once first,
        ``remember_document_counts``)."""
        if self._rarities is None:
            keys = self.rarity_keys()
            self._rarities = {}
            if keys:
                counts = remembered_many(
                    COUNTS, keys, compute=partial(self.document_counts, config)
                )
                documents = counts[keys[0]]
                self._rarities = {
                    text: rarity(documents, counts[(scope, text, operator)])
                    for scope, text, operator in keys[1:]
                }
        return self._rarities

    def holding(self, text, operator, config):
        """The index entries of pages holding the term (title or body), found through the
        index's GIN indexes, not by reading every page's vectors."""
        entries = IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
        )
        tsquery = self.build_tsquery(PlainText(text, operator=operator), config=config)
        return entries.filter(Q(title=tsquery) | Q(body=tsquery)).values("object_id")

    def document_counts(self, config, keys) -> dict:
        """{(scope, text, operator): number of searched pages holding the term ``text``, or all
        of them for ``DOCUMENTS``} for ``keys`` of this compiler's scope, in one query."""
        counts = {
            f"t{i}": Count("pk", filter=Q(index_object_id__in=self.holding(text, operator, config)))
            for i, (_scope, text, operator) in enumerate(keys)
            if text != DOCUMENTS
        }
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

    def build_tsquery_content(self, query, config=None, invert=False):
        # A Boost weighs its term in the ranking (modelsearch's build_tsrank applies it); what
        # it matches is its subquery's. modelsearch matches the subquery too, but warns that
        # Boost is not supported on every call (``search.query.weighted_query`` boosts each term).
        if isinstance(query, Boost):
            return self.build_tsquery_content(query.subquery, config=config, invert=invert)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, PlainText):
            boost *= self.rarities(config).get(query.query_string, 1.0)
        return super().build_tsrank(vector, query, config=config, boost=boost)


class ProportionalWeightsAutocompleteQueryCompiler(PostgresAutocompleteQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sql_weights = sql_weights()


def remember_document_counts(compilers):
    """Count, in one query, the documents that the ``rarities`` of several compilers (each
    ``(compiler, config)``: one per language in all-languages search) need and that are not
    kept yet, and keep them: each compiler's ``rarities`` then finds its own."""
    owners = {}
    for compiler, config in compilers:
        for key in compiler.rarity_keys():
            owners.setdefault(key[0], (compiler, config))
    if len(owners) < 2:  # one scope: its own compiler counts it as usual
        return
    keys = [key for compiler, _config in owners.values() for key in compiler.rarity_keys()]
    remembered_many(COUNTS, keys, compute=partial(document_counts_many, owners))


def document_counts_many(owners, keys) -> dict:
    """``document_counts`` for keys of several scopes (``owners``: scope → (compiler,
    config)), one aggregate over the pages of all of them, each count limited to its scope."""
    model = next(iter(owners.values()))[0].queryset.model
    scopes = {
        scope: Q(pk__in=compiler.queryset.order_by().values("pk"))
        for scope, (compiler, _config) in owners.items()
    }
    counts = {}
    for i, (scope, text, operator) in enumerate(keys):
        compiler, config = owners[scope]
        condition = scopes[scope]
        if text != DOCUMENTS:
            condition &= Q(index_object_id__in=compiler.holding(text, operator, config))
        counts[f"t{i}"] = Count("pk", filter=condition)
    found = (
        model.objects.filter(reduce(operator_or, scopes.values()))
        .order_by()
        .annotate(index_object_id=Cast("pk", IndexEntry._meta.get_field("object_id")))
        .aggregate(**counts)
    )
    return {key: found[f"t{i}"] for i, key in enumerate(keys)}


class ProportionalWeightsSearchResults(PostgresRankedPks, PostgresSearchResults):
    @classmethod
    def prepare_many(cls, results):
        """Before ranking several languages (``search.ranked_pks.ranked_pks_many``): their
        document counts in one query."""
        remember_document_counts(
            [(r.query_compiler, r.query_compiler.get_config(r.backend)) for r in results]
        )


class ProportionalWeightsPostgresSearchBackend(PostgresSearchBackend):
    results_class = ProportionalWeightsSearchResults
    query_compiler_class = ProportionalWeightsQueryCompiler
    autocomplete_query_compiler_class = ProportionalWeightsAutocompleteQueryCompiler
