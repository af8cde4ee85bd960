"""Database writes off the response path: a visitor never waits on, nor fails with, a write that
only the editors' analytics need (``SearchQueryLog.record``).

``BackgroundWriter.put()`` hands an item to a thread of its own through a short queue; the
thread writes what has queued up in one batch, in its own transaction. A full queue, or a
database error (locked past the busy timeout, a read-only disk), drops the items with a warning
in the log: the analytics miss a few rows, the visitor misses nothing. With
``SEARCH_LOG_IN_BACKGROUND = False`` (the test settings) ``put()`` writes at once in the caller's
thread, with the same tolerance. ``flush()`` waits until everything queued is written.
"""

import atexit
import logging
import os
import queue
import threading

from django.conf import settings
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

QUEUE_SIZE = 1000  # items waiting; more are dropped (a database that slow has other problems)
BATCH_SIZE = 200  # items per transaction
EXIT_WAIT = 2.0  # seconds a stopping process waits for its queue to be written


class BackgroundWriter:
    def __init__(self, name, write):
        """``write(items)`` writes a list of items; ``name`` names the thread and the warnings."""
        self.name = name
        self._write = write
        self._queue = None
        self._pid = None
        self._lock = threading.Lock()
        atexit.register(self.flush, EXIT_WAIT)

    def put(self, item):
        if not settings.SEARCH_LOG_IN_BACKGROUND:
            self._write_batch([item])
            return
        try:
            self._started().put_nowait(item)
        except queue.Full:
            logger.warning("%s: queue full, one item dropped", self.name)

    def flush(self, timeout=None):
        """Wait until every queued item is written (or dropped); False if ``timeout`` ran out."""
        pending = self._queue if self._pid == os.getpid() else None
        if pending is None:
            return True
        with pending.all_tasks_done:
            return pending.all_tasks_done.wait_for(lambda: not pending.unfinished_tasks, timeout)

    def _started(self):
        """The queue of this process's writer thread, started on first use. A forked server
        worker (gunicorn) inherits no running thread: it starts its own, with a new queue."""
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    self._queue = queue.Queue(maxsize=QUEUE_SIZE)
                    thread = threading.Thread(
                        target=self._run, args=(self._queue,), name=self.name, daemon=True
                    )
                    thread.start()
                    self._pid = os.getpid()
        return self._queue

    def _run(self, items):
        while True:
            batch = [items.get()]
            while len(batch) < BATCH_SIZE:
                try:
                    batch.append(items.get_nowait())
                except queue.Empty:
                    break
            try:
                self._write_batch(batch)
                connection.close()  # this thread's own connection: none stays open while idle
            except Exception:  # the writer outlives any one batch; the log says what went wrong
                logger.exception("%s: %d item(s) not written", self.name, len(batch))
            finally:
                for _ in batch:
                    items.task_done()

    def _write_batch(self, batch):
        try:
            if connection.in_atomic_block:  # a savepoint: the caller's transaction survives
                with transaction.atomic():
                    self._write(batch)
            else:
                self._write(batch)
        except DatabaseError as error:
            logger.warning("%s: %d item(s) not written: %s", self.name, len(batch), error)
