"""Values computed from published content and kept across requests until it changes.

``remembered("navigation", "bg", compute=…)`` returns what ``compute()`` returned the last time
it was called with the same name and key parts, as long as the content version
(``core.cache.content_version()``) is the same: every publish, unpublish, move, deletion, privacy
or snippet change bumps it, so nothing kept here outlives the content it was computed from.
The navigation, a page's live translations, the home page of each language and a listing's
ordered results and facets are kept this way.
"""

import hashlib

from django.core.cache import cache

from core.cache import content_version

# Long enough to matter, short enough that entries of an old version leave the cache.
TIMEOUT = 24 * 60 * 60


def remembered(name, *parts, compute):
    """``compute()``'s value for ``name`` and ``parts`` at the current content version."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = f"portal:{name}:{content_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
