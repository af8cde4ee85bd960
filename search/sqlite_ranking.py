"""Relevance ranking on SQLite that scores each match once.

modelsearch's SQLite backend orders results by a score it takes from a correlated subquery:
for every candidate page SQLite runs the FTS5 ``MATCH`` again and picks that page's row. The
work grows with (matching pages) × (matches), so a common word over 60,000 pages took from
4 to 58 seconds (docs/search.md).

``RankOnce`` asks once instead: one statement runs the ``MATCH``, keeps the
entries whose object is in the searched queryset (language, live, public), computes the same
BM25 score modelsearch would, and returns the requested slice, best first. The page queryset
then holds just those primary keys, annotated with their scores, in the same order —
modelsearch's own tie-break (higher primary key first) included. Scores and order are
unchanged; only the query plan is.

Unsliced searches (counting or iterating all the results), searches not ordered by relevance,
negated queries and models whose primary key is not an integer keep modelsearch's query: the
site always asks for a slice ranked by relevance (``search.query.ranked_ids``), and so do the
admin's paginated searches.
"""

from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, FloatField, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Cast

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.ranked_pks import SQLiteRankedPks
from search.sqlite_locales import (
    LocaleMatch,
    LocaleTermIndex,
    SearchedColumnsBM25,
    queryset_locale_id,
)


def _integer_pk(model):
    """The index keeps object ids as text; they are ordered as integers, like the pks."""
    try:
        return isinstance(model._meta.pk.to_python("1"), int)
    except ValidationError:
        return False


def without_boosts(query):
    """``query`` with every ``Boost`` replaced by the query it boosts."""
    if isinstance(query, Boost):
        return without_boosts(query.subquery)
    if isinstance(query, (And, Or)):
        return type(query)([without_boosts(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(without_boosts(query.subquery))
    return query


class RankOnce:
    """Mixin for modelsearch's SQLite query compilers (search, and autocomplete in the admin).

    It also accepts ``Boost`` (``search.query.weighted_query`` weighs each term), which
    modelsearch's SQLite compiler refuses: FTS5's ``bm25()`` scores the whole match at once,
    already weighing each term by its rarity, so a per-term boost cannot apply and is left out
    (the same ranking as the plain OR of the terms).

    A search of pages in one locale matches only that locale's entries
    (``search.sqlite_locales``); autocomplete, which matches the column the locale term is
    in, does not narrow.
    """

    narrows_by_locale = False

    def __init__(self, queryset, query, *args, **kwargs):
        super().__init__(queryset, query, *args, **kwargs)
        self.query = without_boosts(self.query)
        self.locale_id = queryset_locale_id(self.queryset) if self.narrows_by_locale else None

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if self.locale_id is None or not isinstance(query, (Phrase, PlainText, Not)):
            return super().build_tsrank(vector, query, config=config, boost=boost)
        rank = SearchedColumnsBM25()  # the locale term's phrase is matched, not scored
        return rank * boost if boost != 1.0 else rank

    def ranked_matches(self, config, start, stop):
        """``[(pk, score)]`` of the queryset's objects matching the query, best first, or
        ``None`` when the query is not a plain match (match-all or negated) or the model's
        primary key is not an integer."""
        ranking = self.ranking(config, start, stop)
        return None if ranking is None else list(ranking)

    def ranking(self, config, start, stop):
        """The statement of ``ranked_matches``, not run: a queryset of ``(pk, score)``, ordered
        by ``ranking_order`` (``search.ranked_pks`` runs several in one statement)."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not _integer_pk(self.queryset.model):
            return None
        columns = self.fields or self.FTS_TABLE_FIELDS
        searched = self.build_search_query(query, config=config)
        if self.locale_id is None:
            match = MatchExpression(columns, searched)
            wanted = Q(index_entry__object_id__in=self.queryset.order_by().values("pk"))
        else:
            # The matches are one language's: each is looked up among the searched pages (by
            # primary key), rather than listing all the language's pages first (2.4 of 12 ms
            # at 10,000 resources per language).
            match = LocaleMatch(columns, searched, self.locale_id)
            object_pk = Cast(OuterRef("index_entry__object_id"), IntegerField())
            wanted = Exists(self.queryset.order_by().filter(pk=object_pk))
        entries = (  # an object has one index entry (unique per content type and id)
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                wanted,
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
            )
            .annotate(
                score=self._build_rank_expression(self.get_search_vectors(), config),
                object_pk=Cast("index_entry__object_id", IntegerField()),
            )
            .order_by("score", "-object_pk")
            .values_list("object_pk", "score")
        )
        return entries[start:stop]

    @staticmethod
    def ranking_order(pk, score):
        """The order of ``ranking``'s rows, as a sort key: BM25 (lower is better), then the
        higher primary key."""
        return (score, -pk)

    def search(self, config, start, stop, score_field=None):
        # Only a slice ranked by relevance is taken from the ranking; any other order slices
        # the whole match set, which is modelsearch's query without the per-page scoring.
        ranked = None
        if self.order_by_relevance and stop is not None:
            ranked = self.ranked_matches(config, start, stop)
        if ranked is None:
            return super().search(config, start, stop, score_field=score_field)
        score_field = score_field or "_score"
        scores = Case(
            *(When(pk=pk, then=Value(score)) for pk, score in ranked), output_field=FloatField()
        )
        return (
            self.queryset.filter(pk__in=[pk for pk, _score in ranked])
            .annotate(**{score_field: scores})
            .order_by(score_field, "-pk")
        )


class RankOnceQueryCompiler(RankOnce, SQLiteSearchQueryCompiler):
    narrows_by_locale = True


class RankOnceAutocompleteQueryCompiler(RankOnce, SQLiteAutocompleteQueryCompiler):
    pass


class RankOnceSearchResults(SQLiteRankedPks, SQLiteSearchResults):
    pass


class RankOnceSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = LocaleTermIndex
    results_class = RankOnceSearchResults
    query_compiler_class = RankOnceQueryCompiler
    autocomplete_query_compiler_class = RankOnceAutocompleteQueryCompiler
