"""Values computed from published content and kept across requests until it changes.

``remembered("navigation", "bg", compute=…)`` returns what ``compute()`` returned the last time
it was called with the same name and key parts, as long as the content version
(``core.cache.content_version()``) is the same: every publish, unpublish, move, deletion, privacy
or snippet change bumps it, so nothing kept here outlives the content it was computed from.
The navigation, a page's live translations, the home page of each language and a listing's
ordered results and facets are kept this way.

A change makes every kept value stale at once, and the first request for each pays to compute
it again: at 10,000 resources in a language, a listing's ids and facets take about 40 ms and
the home page's latest resources and counts about 30. So the request that made the change
computes those again before its response leaves (``RebuildMiddleware``): the functions
registered with ``rebuild_after_change`` run at the new version, and a visitor who comes after
the editor's publish has returned finds them kept. A visitor who comes while it runs computes
them as before: nothing is served from before the change. Changes made outside a request
(management commands, scheduled publishing) rebuild nothing; the first visitor computes.
"""

import hashlib
import logging

from django.core.cache import cache

from core.cache import changed_in_request, content_version

logger = logging.getLogger(__name__)

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


def kept(name, *parts):
    """What ``remembered(name, *parts, …)`` keeps at the current content version, or ``None``
    if nothing is kept: never computed here."""
    return cache.get(cache_key(name, parts, content_version()))


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


_rebuilders = []


def rebuild_after_change(function):
    """Register ``function()`` (it computes kept values through ``remembered``) to run after
    every request that changed content; returns it, so it can decorate."""
    if function not in _rebuilders:
        _rebuilders.append(function)
    return function


def rebuild():
    """Run the registered functions at the current content version. One that fails is logged
    and skipped: the change is made, and its visitors compute what it did not."""
    for function in _rebuilders:
        try:
            function()
        except Exception:
            logger.exception("Rebuilding kept values after a change failed: %s", function)


class RebuildMiddleware:
    """After a request that changed content (``core.cache.changed_in_request``: its view has
    returned, so its transaction is committed), ``rebuild()`` before the response leaves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if changed_in_request():
            rebuild()
        return response
