"""One number that changes whenever published content may have changed.

Everything cached across requests (the anonymous page cache, fragments such as the navigation)
puts ``content_version()`` in its key, so a change anywhere makes every such entry unreachable at
once: nothing has to know which pages a change touches. The number lives in the shared cache
(``CACHES["default"]``), so every server process sees the same one.

``bump_content_version()`` is called by the receivers in ``connect_receivers()`` (connected in
``core``'s … app config by whoever owns them; see the page cache) for publish, unpublish, move,
delete, privacy and snippet changes.
"""

import time

from django.core.cache import cache

CONTENT_VERSION_KEY = "portal:content-version"


def content_version() -> str:
    """The current content version (a string, stable until the next bump)."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        # add(): two processes starting at once agree on one value
        if not cache.add(CONTENT_VERSION_KEY, version, timeout=None):
            version = cache.get(CONTENT_VERSION_KEY) or version
    return version


def bump_content_version() -> str:
    """Make every cached page and fragment stale; returns the new version."""
    version = str(time.time_ns())
    cache.set(CONTENT_VERSION_KEY, version, timeout=None)
    return version
