"""The primary keys a search ranks, best first, without loading the pages.

modelsearch's results are model instances: its database backends select whole pages (every
column of the page and resource tables, the score as an annotation) and the engines, once they
have answered, read each page of up to 100 hits from the database. The search page needs only the
ranking: ``search.results`` reads what it shows, for the pages it shows, in queries of its own.
Loading up to 300 whole pages per searched language was most of a search request's time at
10,000 resources per language, and in all-languages mode it was done six times (docs/search.md).

Each backend's results class has ``ranked_pks(limit)`` (``search.indexing`` mixes it in):

- SQLite (``search.sqlite_ranking.RankOnce``): the one ranking statement's primary keys; the
  second statement that loaded the pages and annotated their scores is not run.
- PostgreSQL: modelsearch's own ranked statement, selecting the primary key only.
- Elasticsearch and OpenSearch: the primary keys of the engine's hits, without a database query.
  The engine applied the queryset's filters (language, live, public); a page the index holds but
  the database no longer shows (an index write still queued, ``search.indexing``) is dropped by
  the caller, which reads the shown pages through the live, public queryset.

All-languages search ranks each language separately (each has its own analysis, terms and
weights). On the database backends ``ranked_pks_many`` runs those rankings as one statement, a
``UNION ALL`` of each language's ranking (its ``LIMIT`` kept in a subquery), and orders each
language's rows as its own statement would: one SQL query instead of six.
"""

from collections import defaultdict

from django.db import connections


class DatabaseRankedPks:
    """For modelsearch's database backends' results: the ranked statement, primary keys only."""

    def ranked_pks(self, limit) -> list:
        return list(self[:limit].get_queryset().values_list("pk", flat=True))


class PostgresRankedPks(DatabaseRankedPks):
    """For modelsearch's PostgreSQL results ranked by relevance: the ranked statement selects
    the primary key and the score, which ``ranked_pks_many`` needs to order each language's
    rows (by score, then the higher primary key, as modelsearch orders them)."""

    def ranked_rows(self, limit):
        """``(queryset of (pk, score), sort key of a row)``, or ``None`` when not ranking."""
        if not self.query_compiler.order_by_relevance:
            return None
        queryset = self[:limit].annotate_score("_ranked_score").get_queryset()
        return queryset.values_list("pk", "_ranked_score"), lambda pk, score: (-score, -pk)


class SQLiteRankedPks(DatabaseRankedPks):
    """For ``RankOnce``'s results: the ranking statement's own primary keys, when it ranks."""

    def ranked_rows(self, limit):
        """``(queryset of (pk, score), sort key of a row)``, or ``None`` when the ranking is not
        ``RankOnce``'s (not ranked by relevance, or not a plain match)."""
        compiler = self.query_compiler
        if not compiler.order_by_relevance:
            return None
        ranking = compiler.ranking(compiler.get_config(self.backend), 0, limit)
        return None if ranking is None else (ranking, compiler.ranking_order)

    def ranked_pks(self, limit) -> list:
        rows = self.ranked_rows(limit)
        if rows is None:  # not a plain match: modelsearch's own query
            return super().ranked_pks(limit)
        return [pk for pk, _score in rows[0]]


class EngineRankedPks:
    """For the engines' results: the hits' primary keys (``_get_results_from_hits`` yields them
    instead of the pages read from the database while ``ranked_pks`` runs)."""

    pks_only = False

    def ranked_pks(self, limit) -> list:
        clone = self[:limit]
        clone.pks_only = True
        return list(clone)

    def _get_results_from_hits(self, hits):
        if not self.pks_only:
            yield from super()._get_results_from_hits(hits)
            return
        to_python = self.query_compiler.queryset.model._meta.pk.to_python
        for hit in hits:
            yield to_python(hit["fields"]["pk"][0])


def with_ranked_pks(results_class):
    """``results_class`` with ``ranked_pks``: as it is if it has it (SQLite's and PostgreSQL's
    ranking classes), else with the engines' or the database's mixin."""
    if hasattr(results_class, "ranked_pks"):
        return results_class
    engine = hasattr(results_class, "_get_results_from_hits")
    mixin = EngineRankedPks if engine else DatabaseRankedPks
    return type(results_class.__name__, (mixin, results_class), {"__module__": __name__})


def ranked_pks_many(results, limit) -> list:
    """``[r.ranked_pks(limit) for r in results]``, the rankings of the database backends that
    use the same database run as one statement."""
    ranked = [None] * len(results)
    preparing = defaultdict(list)  # a results class's prepare_many → its results
    for found in results:
        if hasattr(found, "prepare_many"):
            preparing[type(found).prepare_many].append(found)
    for prepare, some in preparing.items():
        if len(some) > 1:
            prepare(some)  # e.g. PostgreSQL's document counts, for all of them at once
    together = defaultdict(list)  # database alias → [(index, queryset, sort key)]
    for i, found in enumerate(results):
        rows = found.ranked_rows(limit) if hasattr(found, "ranked_rows") else None
        if rows is not None:
            together[rows[0].db].append((i, *rows))
    for alias, parts in together.items():
        if len(parts) > 1:
            for i, pks in run_together(alias, parts).items():
                ranked[i] = pks
    return [
        pks if pks is not None else found.ranked_pks(limit)
        for pks, found in zip(ranked, results, strict=True)
    ]


def run_together(alias, parts) -> dict:
    """{index: primary keys, best first} of each ``(index, queryset of (pk, score), sort key)``
    of ``parts``, in one ``UNION ALL`` statement. Each ranking keeps its order and ``LIMIT`` in
    a subquery (SQLite refuses them on the members of a compound statement); the union's rows
    come in no promised order, so each part is sorted again by its own key."""
    statements, params = [], []
    for i, queryset, _order in parts:
        sql, part_params = queryset.query.get_compiler(using=alias).as_sql()
        statements.append(f"SELECT {int(i)} AS part, ranked.* FROM ({sql}) AS ranked")  # noqa: S608 (Django-compiled SQL, values in params)
        params.extend(part_params)
    rows = defaultdict(list)
    with connections[alias].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        for part, pk, score, *_rest in cursor.fetchall():
            rows[part].append((pk, score))
    orders = {i: order for i, _queryset, order in parts}
    return {
        i: [pk for pk, _score in sorted(rows[i], key=lambda row, o=orders[i]: o(*row))]
        for i in orders
    }
