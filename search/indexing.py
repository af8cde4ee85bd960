"""Index writes that survive a search engine outage, and the catch-up once it answers again.

modelsearch keeps the index current from its signal handlers: saving, publishing,
unpublishing and deleting an object all end in ``backend.add(obj)`` or ``backend.delete(obj)``.
When the engine is down it logs the error and lets the save go on, but the object then stays
missing or stale in the index. The backends that ``search/backends.py`` configures are
modelsearch's own with ``QueuedIndexWrites`` mixed in:

* a failed ``add``/``delete`` appends a ``PendingIndexUpdate`` row and re-raises, so
  modelsearch still logs it, and publishing still succeeds (``catch_indexing_errors``; on the
  database backends the write runs in a savepoint, so a failed statement cannot break the
  editor's transaction);
* ``catch_up`` re-reads queued objects from the database, oldest first, and indexes each as it
  is now — or removes it from the index when it is gone — stopping at the first failure;
* ``catch_up_soon`` runs one bounded batch at most once a minute (a cache key), after a
  successful index write and after the engine answered a public search;
* ``manage.py search_catch_up`` works through the whole queue; ``update_index`` empties it.
"""

import logging
from contextlib import nullcontext
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache as shared_cache
from django.db import transaction
from django.db.models import Max, Min

from modelsearch.index import class_is_indexed, get_indexed_instance

from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)

BATCH_SIZE = 20  # objects one automatic catch-up re-indexes (it runs inside a request)
THROTTLE_SECONDS = 60
THROTTLE_KEY = "search:index-catch-up"


class QueuedIndexWrites:
    """Mixin for a modelsearch backend: failed writes are queued, ``sync`` replays one."""

    catch_indexing_errors = True  # modelsearch logs the error and the save goes on
    write_in_savepoint = False

    def add(self, obj):
        self._write(super().add, obj, PendingIndexUpdate.UPDATE)

    def delete(self, obj):
        self._write(super().delete, obj, PendingIndexUpdate.DELETE)

    def _write(self, write, obj, operation):
        try:
            with transaction.atomic() if self.write_in_savepoint else nullcontext():
                write(obj)
        except Exception:
            PendingIndexUpdate.record(obj, operation)
            logger.warning("Search index: the %s of %r is queued for the catch-up", operation, obj)
            raise
        catch_up_soon(self)

    def sync(self, model, object_id):
        """Index the object as the database has it now, or remove it from the index when it
        no longer exists or is no longer indexed. A failure is raised, not queued."""
        pk = model._meta.pk.to_python(object_id)
        obj = model._default_manager.filter(pk=pk).first()
        indexed = get_indexed_instance(obj) if obj is not None else None
        if indexed is not None:
            super().add(indexed)
        else:
            super().delete(obj if obj is not None else model(pk=pk))


@cache
def queued(backend_class):
    """``backend_class`` with ``QueuedIndexWrites`` mixed in (one class per backend class)."""
    return type(
        backend_class.__name__,
        (QueuedIndexWrites, backend_class),
        {
            "__module__": __name__,
            # modelsearch only catches indexing errors where a failed write cannot break the
            # database transaction (the engines); the database backends get a savepoint.
            "write_in_savepoint": not backend_class.catch_indexing_errors,
        },
    )


# The backend factories named by search/backends.py, called with the params. Each imports its
# backend where it is chosen: modelsearch's SQLite module cannot be imported on PostgreSQL, and
# the engine clients are optional extras (pip install ".[elasticsearch]" / ".[opensearch]").
def database(params):
    from modelsearch.backends.database import SearchBackend  # picks SQLite FTS5 or PostgreSQL

    backend_class = type(SearchBackend(params))
    if backend_class.__module__ == "modelsearch.backends.database.sqlite.sqlite":
        from search.sqlite_ranking import RankOnceSQLiteSearchBackend  # SQLite only (see above)

        backend_class = RankOnceSQLiteSearchBackend
    return queued(backend_class)(params)


def elasticsearch8(params):
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend  # optional extra

    return queued(Elasticsearch8SearchBackend)(params)


def opensearch2(params):
    from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend  # optional extra

    return queued(OpenSearch2SearchBackend)(params)


def catch_up(backend, limit: int) -> int:
    """Bring the index up to date for the ``limit`` objects queued longest ago.

    Returns how many objects were synced. An object leaves the queue once it has been synced;
    the first failure is raised and the rest stays queued.
    """
    objects = (
        PendingIndexUpdate.objects.values("content_type_id", "object_id")
        .annotate(first=Min("pk"), last=Max("pk"))
        .order_by("first")
    )
    synced = 0
    for row in objects[:limit]:
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
        with transaction.atomic():
            if model is not None and class_is_indexed(model):
                backend.sync(model, row["object_id"])
            # Rows queued after ``last`` (a write failing meanwhile) stay for the next round.
            PendingIndexUpdate.objects.filter(
                content_type_id=row["content_type_id"],
                object_id=row["object_id"],
                pk__lte=row["last"],
            ).delete()
        synced += 1
    return synced


def catch_up_soon(backend):
    """One ``catch_up`` batch if writes are queued, unless one ran in the last minute (in any
    process sharing the cache). Called when ``backend`` has just answered; never raises."""
    if not isinstance(backend, QueuedIndexWrites):
        return
    try:
        if not PendingIndexUpdate.objects.exists():
            return
        if not shared_cache.add(THROTTLE_KEY, True, THROTTLE_SECONDS):
            return
        synced = catch_up(backend, BATCH_SIZE)
    except Exception:
        logger.warning("Search index catch-up stopped: the search backend failed", exc_info=True)
    else:
        logger.info("Search index catch-up: %d object(s) re-indexed", synced)
