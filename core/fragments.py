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


def cache_key(name, parts, version):
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"portal:{name}:{version}:{digest}"


def remembered(name, *parts, compute, keep=None):
    """``compute()``'s value for ``name`` and ``parts`` at the current content version. With
    ``keep`` (a callable), a value just computed is kept only if ``keep()`` is then true."""
    key = cache_key(name, parts, content_version())
    value = cache.get(key)
    if value is None:
        value = compute()
        if keep is None or keep():
            cache.set(key, value, TIMEOUT)
    return value


def remembered_many(name, keys, compute):
    """``{key: value}`` for each of ``keys`` (one key part each) at the current content
    version, as ``remembered(name, key, …)`` keeps them; the missing ones are computed
    together by ``compute(missing keys)``, which returns ``{key: value}``."""
    version = content_version()
    names = {key: cache_key(name, (key,), version) for key in keys}
    found = cache.get_many(list(names.values()))
    values = {key: found[cache_key] for key, cache_key in names.items() if cache_key in found}
    missing = [key for key in keys if key not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({names[key]: computed[key] for key in missing}, TIMEOUT)
        values.update(computed)
    return values
