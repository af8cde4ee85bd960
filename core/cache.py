"""One number that changes whenever published content may have changed, and the file cache
that keeps it in production.

Everything cached across requests (the anonymous page cache, fragments such as the navigation)
puts ``content_version()`` in its key, so a change anywhere makes every such entry unreachable at
once: nothing has to know which pages a change touches. The number lives in the shared cache
(``CACHES["default"]``), so every server process sees the same one.

``bump_content_version()`` is called by the receivers in ``connect_receivers()`` (connected in
``core``'s … app config by whoever owns them; see the page cache) for publish, unpublish, move,
delete, privacy and snippet changes.

Within a request the version is read from the shared cache once and kept until the request
ends (Django's ``request_started`` / ``request_finished`` signals, per thread): a page asks for
it once per kept fragment, and each read of the file cache is a file open, a decompression and
an unpickle. A bump during the request (an editor's publish) replaces the kept value at once,
so that request's later reads see it, and marks the request as one that changed content
(``changed_in_request()``: ``core.fragments.RebuildMiddleware`` then recomputes the costliest
kept values before the response leaves); another process's bump reaches this process's next
request. Outside a request (management commands, the search log's background thread) every call
reads the shared cache.
"""

import os
import pickle
import random
import threading
import time
import zlib

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks
from django.core.signals import request_finished, request_started

CONTENT_VERSION_KEY = "portal:content-version"

# The version kept for the request this thread is serving; no attribute outside a request.
_request = threading.local()


def _read_content_version() -> str:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        # add(): two processes starting at once agree on one value
        if not cache.add(CONTENT_VERSION_KEY, version, timeout=None):
            version = cache.get(CONTENT_VERSION_KEY) or version
    return version


def content_version() -> str:
    """The current content version (a string, stable until the next bump)."""
    in_request = hasattr(_request, "version")
    if in_request and _request.version is not None:
        return _request.version
    version = _read_content_version()
    if in_request:
        _request.version = version
    return version


def in_request() -> bool:
    """Whether this thread is serving a request (between ``request_started`` and
    ``request_finished``)."""
    return hasattr(_request, "version")


def bump_content_version() -> str:
    """Make every cached page and fragment stale; returns the new version."""
    version = str(time.time_ns())
    cache.set(CONTENT_VERSION_KEY, version, timeout=None)
    if hasattr(_request, "version"):
        _request.version = version  # this request's later reads see its own bump
        _request.changed = True
    return version


def changed_in_request() -> bool:
    """Whether this thread's request bumped the content version (an editor's publish)."""
    return getattr(_request, "changed", False)


def _begin_request(**kwargs):
    _request.version = None  # read on first use
    _request.changed = False


def _end_request(**kwargs):
    _request.__dict__.pop("version", None)
    _request.__dict__.pop("changed", None)


# Connected here, not in an app config: whatever reads the version imports this module, so the
# receivers are there before the first kept value. dispatch_uid: connected once.
request_started.connect(_begin_request, dispatch_uid="core.cache.begin_request")
request_finished.connect(_end_request, dispatch_uid="core.cache.end_request")


def _loads(data: bytes):
    """A stored value: a pickle (``FileCache`` writes them so) or a zlib-compressed pickle
    (Django's ``FileBasedCache``, and ``FileCache`` with ``COMPRESS``). A pickle of protocol 2 or
    later starts with 0x80; a zlib stream with 0x78, whatever its level."""
    if data[:1] == b"\x80":
        return pickle.loads(data)  # noqa: S301 (our own cache files, as Django's backend does)
    return pickle.loads(zlib.decompress(data))  # noqa: S301


class FileCache(FileBasedCache):
    """Django's file cache, culled at most once every ``CULL_INTERVAL`` seconds (an option,
    60 by default) per process instead of on every ``set``, never culling the content
    version, and storing values uncompressed unless the ``COMPRESS`` option is true.

    Django's ``FileBasedCache`` lists the whole cache directory before every ``set`` to decide
    whether to cull: at 10,000 entries a set took 42 ms instead of 0.09 ms. Between two culls
    the cache may exceed ``MAX_ENTRIES`` by what one process writes in the interval; a cull
    then removes ``1 / CULL_FREQUENCY`` of the entries at random, as Django's does.

    Django's backend compresses every value with zlib. A page-cache hit reads two values (the
    content version and the page) and decompression was 18 % of the hit's time (163 µs, 106
    without); a kept page takes about 3.6 times the disk space uncompressed (16 KB against
    4.4). Entries written by either form are read by both settings of ``COMPRESS``, so
    switching it, or upgrading from Django's backend, loses nothing.
    """

    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self._cull_interval = float(options.get("CULL_INTERVAL", 60))
        self._next_cull = 0.0  # the first set of a process culls if needed
        # from a cache URL (?compress=true) the value is a string
        self._compress = str(options.get("COMPRESS", False)).lower() in ("1", "true", "yes", "on")

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                if not self._is_expired(f):
                    return _loads(f.read())
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        data = pickle.dumps(value, self.pickle_protocol)
        file.write(zlib.compress(data) if self._compress else data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                try:
                    locks.lock(f, locks.LOCK_EX)
                    if self._is_expired(f):
                        return False
                    value = _loads(f.read())
                    f.seek(0)
                    self._write_content(f, timeout, value)
                    f.truncate()  # an uncompressed value may be shorter than what was there
                    return True
                finally:
                    locks.unlock(f)
        except FileNotFoundError:
            return False

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull:
            return
        self._next_cull = now + self._cull_interval
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        kept = self._key_to_file(CONTENT_VERSION_KEY)  # losing it would empty the whole cache
        files = [name for name in files if os.path.abspath(name) != os.path.abspath(kept)]
        if self._cull_frequency == 0:
            doomed = files
        else:
            doomed = random.sample(files, int(len(files) / self._cull_frequency))  # noqa: S311
        for name in doomed:
            self._delete(name)
