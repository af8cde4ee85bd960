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
* ``manage.py search_catch_up`` works through the whole queue; ``update_index`` empties it;
* a catch-up ends with an index refresh and a new content version (``core.cache``), so what it
  re-indexed is found by the very next search, never hidden by an answer remembered before.

On Elasticsearch and OpenSearch, ``EngineIndexes`` is mixed in as well: an index is created with
the project's mapping and settings (``search/backends.py``: analysis, replicas) before the first
document is written to it — after ``migrate`` (``prepare_indexes``, which also fills an index
that holds less than the database) or by the first write — never by the engine's automatic
mapping, which would search nothing. A write by an editor is refreshed at once, so a search
right after a publish finds it.

``deferred_index_writes()`` holds every index write back while a bulk load runs (the demo
loader): a save only notes the object, and when the block ends each object noted is indexed
once, as the database has it then, in bulk (``add_bulk``, one request per model and chunk) —
or removed from the index when it is gone or no longer indexed.
"""

import logging
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from functools import cache, partial

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache as shared_cache
from django.db import transaction
from django.db.models import Max, Min

from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import class_is_indexed, get_indexed_instance, get_indexed_models

from core.cache import bump_content_version
from search.models import PendingIndexUpdate
from search.ranked_pks import with_ranked_pks

logger = logging.getLogger(__name__)

BATCH_SIZE = 20  # objects one automatic catch-up re-indexes (it runs inside a request)
FILL_CHUNK_SIZE = 500  # objects per bulk request when a new index is filled after migrate
THROTTLE_SECONDS = 60
THROTTLE_KEY = "search:index-catch-up"

# (model, pk) of each object whose index write is held back, while ``deferred_index_writes``
# runs; None otherwise.
_deferred = ContextVar("deferred_index_writes", default=None)


@contextmanager
def deferred_index_writes():
    """Within the block, an index write only notes the object; when the block ends (even by an
    exception: what was committed gets indexed) every object noted is written once, in bulk.
    Nested blocks write at the end of the outermost one."""
    if _deferred.get() is not None:
        yield
        return
    pending = {}
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
        write_deferred(pending)


def defer(obj) -> bool:
    """Note ``obj`` for the end of ``deferred_index_writes``; False when no block runs."""
    pending = _deferred.get()
    if pending is None:
        return False
    pending[(type(obj), obj.pk)] = None  # a dict keeps the order of the first write
    return True


def write_deferred(pending):
    """Index each noted object as the database has it now, in bulk per model, in every backend
    that updates automatically; remove from the index those gone or no longer indexed."""
    if not pending:
        return
    pks = defaultdict(list)
    for model, pk in pending:
        pks[model].append(pk)
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        for model, model_pks in pks.items():
            write_bulk(backend, model, model_pks)
        try:
            backend.refresh_indexes()
        except Exception:
            logger.warning("Search index: the refresh after a bulk write failed", exc_info=True)
    bump_content_version()  # answers remembered before the writes are not served again


def write_bulk(backend, model, pks):
    """``write_deferred`` for one backend and model. A failed request queues its objects for
    the catch-up (``PendingIndexUpdate``), as a failed single write does."""
    found = []
    for start in range(0, len(pks), FILL_CHUNK_SIZE):
        chunk = pks[start : start + FILL_CHUNK_SIZE]
        objects = list(model.get_indexed_objects().filter(pk__in=chunk).order_by("pk"))
        found.extend(obj.pk for obj in objects)
        run_bulk(backend, objects, partial(backend.add_bulk, model), PendingIndexUpdate.UPDATE)
    found = set(found)
    gone = [model(pk=pk) for pk in pks if pk not in found]
    delete = getattr(backend, "delete_now", backend.delete)
    run_bulk(backend, gone, lambda objs: [delete(obj) for obj in objs], PendingIndexUpdate.DELETE)


def run_bulk(backend, objects, write, operation):
    """``write(objects)``, in a savepoint on a database backend (a failed statement cannot
    break the transaction around it); on a failure each object is queued for the catch-up."""
    if not objects:
        return
    try:
        savepoint = getattr(backend, "write_in_savepoint", True)
        with transaction.atomic() if savepoint else nullcontext():
            write(objects)
    except Exception:
        for obj in objects:
            PendingIndexUpdate.record(obj, operation)
        logger.warning(
            "Search index: the %s of %d %r objects is queued for the catch-up",
            operation,
            len(objects),
            type(objects[0]),
            exc_info=True,
        )


class QueuedIndexWrites:
    """Mixin for a modelsearch backend: failed writes are queued, ``sync`` replays one."""

    catch_indexing_errors = True  # modelsearch logs the error and the save goes on
    write_in_savepoint = False

    def add(self, obj):
        if not defer(obj):
            self._write(super().add, obj, PendingIndexUpdate.UPDATE)

    def delete(self, obj):
        if not defer(obj):
            self._write(super().delete, obj, PendingIndexUpdate.DELETE)

    def delete_now(self, obj):
        """Remove ``obj`` from the index, deferred or not (``write_deferred``)."""
        super().delete(obj)

    def _write(self, write, obj, operation):
        try:
            with transaction.atomic() if self.write_in_savepoint else nullcontext():
                write(obj)
                # An engine shows a write after its next refresh (1 s): refreshed now, a search
                # right after the publish finds the page (the database backends need none).
                self.get_index_for_object(obj).refresh()
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


class EngineIndexes:
    """Mixin for modelsearch's Elasticsearch/OpenSearch backends: an index exists, with the
    project's mapping and settings, before a document is written to it."""

    def __init__(self, params):
        super().__init__(params)
        self.ready_indexes = set()  # known to exist (a backend lives for one write or command)

    def add(self, obj):
        self.create_index(self.get_index_for_object(obj))
        super().add(obj)

    def add_bulk(self, model, obj_list):
        self.create_index(self.get_index_for_model(model))
        super().add_bulk(model, obj_list)

    def delete(self, obj):
        self.create_index(self.get_index_for_object(obj))  # a delete can create it too
        super().delete(obj)

    def refresh_indexes(self):
        """Refresh every index of the portal in one request; one never written to (so never
        created) is skipped rather than failing."""
        names = [index.name for index in self.all_indexes()]
        self.es.indices.refresh(index=",".join(names), ignore_unavailable=True)

    def create_index(self, index) -> bool:
        """Create ``index`` (the engine's settings of the backend: analysis, replicas) and put
        the mapping of every model it holds, unless it (or an alias of that name) exists.
        Whether it was missing; an engine error is raised."""
        if index.name in self.ready_indexes:
            return False
        missing = not self.es.indices.exists(index=index.name)
        if missing:
            try:
                index.put()
            except Exception:
                if not self.es.indices.exists(index=index.name):
                    raise
                # Another process created it meanwhile; its mapping is put again below (the
                # same mapping: a no-op), so a write of ours cannot come first.
            for model in self.models_of(index):
                index.add_model(model)
        self.ready_indexes.add(index.name)
        return missing

    def models_of(self, index):
        return [
            model
            for model in get_indexed_models()
            if self.get_index_for_model(model).get_key() == index.get_key()
        ]

    def prepare_indexes(self, log=None):
        """Create the missing indexes, give the existing ones the number of replicas configured,
        and fill from the database an index that holds fewer documents than the database has
        objects for it (new, or created by a first write while content was already there).
        Returns the names of the indexes filled."""
        filled = []
        replicas = self.settings["settings"]["index"].get("number_of_replicas")
        for index in self.all_indexes():
            if not self.create_index(index) and replicas is not None:
                self.es.indices.put_settings(
                    index=index.name, body={"index": {"number_of_replicas": replicas}}
                )
            models = self.models_of(index)
            expected = sum(model.get_indexed_objects().count() for model in models)
            index.refresh()
            if self.es.count(index=index.name)["count"] < expected:
                count = self.fill(index, models)
                filled.append(index.name)
                if log:
                    log(f"Search index {index.name}: {count} objects indexed")
        self.refresh_indexes()
        return filled

    @staticmethod
    def fill(index, models) -> int:
        """Index every object of ``models`` as ``update_index`` does; how many."""
        count = 0
        for model in models:
            objects = model.get_indexed_objects().order_by("pk")
            start = 0
            while chunk := list(objects[start : start + FILL_CHUNK_SIZE]):
                index.add_items(model, chunk)
                start += len(chunk)
            count += start
        return count


@cache
def queued(backend_class, *mixins):
    """``backend_class`` with ``QueuedIndexWrites`` and ``mixins`` mixed in, its results with
    ``ranked_pks`` (``search.ranked_pks``); one class per backend class."""
    return type(
        backend_class.__name__,
        (QueuedIndexWrites, *mixins, backend_class),
        {
            "__module__": __name__,
            # modelsearch only catches indexing errors where a failed write cannot break the
            # database transaction (the engines); the database backends get a savepoint.
            "write_in_savepoint": not backend_class.catch_indexing_errors,
            "results_class": with_ranked_pks(backend_class.results_class),
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
    elif backend_class.__module__ == "modelsearch.backends.database.postgres.postgres":
        from search.postgres_ranking import ProportionalWeightsPostgresSearchBackend  # idem

        backend_class = ProportionalWeightsPostgresSearchBackend
    return queued(backend_class)(params)


def elasticsearch8(params):
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend  # optional extra

    return queued(Elasticsearch8SearchBackend, EngineIndexes)(params)


def opensearch2(params):
    from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend  # optional extra

    return queued(OpenSearch2SearchBackend, EngineIndexes)(params)


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
    if synced:
        # Found by the very next search: the engine shows the writes now rather than after its
        # refresh interval, and answers remembered before (``search.query.remembered_answer``,
        # under the content version) are not served again.
        backend.refresh_indexes()
        bump_content_version()
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


def prepare_indexes(sender=None, verbosity=1, stdout=None, using="default", **kwargs):
    """After ``migrate`` (``SearchConfig.ready``): every engine backend gets its indexes, with
    the project's mapping, before anything is written to them; an index created now is filled
    from the database. An engine that does not answer does not stop ``migrate``: the first
    write creates the index, and the next ``migrate`` (or ``update_index``) fills it."""
    if using != "default":
        return
    log = stdout.write if stdout is not None and verbosity else None
    for name, backend in get_search_backends_with_name():
        if not isinstance(backend, EngineIndexes):
            continue
        try:
            if backend.prepare_indexes(log=log):
                bump_content_version()  # answers remembered before the fill are not served
        except Exception:
            logger.warning(
                "Search backend %r: the indexes could not be prepared; the first index write "
                "creates them, and update_index fills them",
                name,
                exc_info=True,
            )
