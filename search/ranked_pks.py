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
"""


class DatabaseRankedPks:
    """For modelsearch's database backends' results: the ranked statement, primary keys only."""

    def ranked_pks(self, limit) -> list:
        return list(self[:limit].get_queryset().values_list("pk", flat=True))


class SQLiteRankedPks(DatabaseRankedPks):
    """For ``RankOnce``'s results: the ranking statement's own primary keys, when it ranks."""

    def ranked_pks(self, limit) -> list:
        compiler = self.query_compiler
        ranked = None
        if compiler.order_by_relevance:
            ranked = compiler.ranked_matches(compiler.get_config(self.backend), 0, limit)
        if ranked is None:  # not a plain match: modelsearch's own query
            return super().ranked_pks(limit)
        return [pk for pk, _score in ranked]


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
