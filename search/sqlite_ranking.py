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

Unsliced searches (counting or iterating all the results), negated queries and models whose
primary key is not an integer keep modelsearch's query: the site always asks for a slice
(``search.query.ranked_ids``), and so do the admin's paginated searches.
"""

from django.core.exceptions import ValidationError
from django.db.models import Case, FloatField, IntegerField, Value, When
from django.db.models.functions import Cast

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


def _integer_pk(model):
    """The index keeps object ids as text; they are ordered as integers, like the pks."""
    try:
        return isinstance(model._meta.pk.to_python("1"), int)
    except ValidationError:
        return False


class RankOnce:
    """Mixin for modelsearch's SQLite query compilers (search, and autocomplete in the admin)."""

    def ranked_matches(self, config, start, stop):
        """``[(pk, score)]`` of the queryset's objects matching the query, best first, or
        ``None`` when the query is not a plain match (match-all or negated)."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not _integer_pk(self.queryset.model):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        wanted = self.queryset.order_by().values("pk")
        entries = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=wanted,
            )
            .annotate(
                score=self._build_rank_expression(self.get_search_vectors(), config),
                object_pk=Cast("index_entry__object_id", IntegerField()),
            )
            .order_by("score", "-object_pk")
            .values_list("object_pk", "score")
        )
        ranked, seen = [], set()
        for pk, score in entries[start:stop]:
            if pk not in seen:  # one entry per object in practice; keep its best score
                seen.add(pk)
                ranked.append((pk, score))
        return ranked

    def search(self, config, start, stop, score_field=None):
        scored = self.order_by_relevance or score_field is not None
        ranked = self.ranked_matches(config, start, stop) if scored and stop is not None else None
        if ranked is None:
            return super().search(config, start, stop, score_field=score_field)
        score_field = score_field or "_score"
        queryset = self.queryset.filter(pk__in=[pk for pk, _score in ranked]).annotate(
            **{
                score_field: Case(
                    *(When(pk=pk, then=Value(score)) for pk, score in ranked),
                    output_field=FloatField(),
                )
            }
        )
        if self.order_by_relevance:
            queryset = queryset.order_by(score_field, "-pk")
        return queryset


class RankOnceQueryCompiler(RankOnce, SQLiteSearchQueryCompiler):
    pass


class RankOnceAutocompleteQueryCompiler(RankOnce, SQLiteAutocompleteQueryCompiler):
    pass


class RankOnceSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankOnceQueryCompiler
    autocomplete_query_compiler_class = RankOnceAutocompleteQueryCompiler
