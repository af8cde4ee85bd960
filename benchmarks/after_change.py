"""What a visitor finds after an editor's change, for ``count_queries.py --before`` (run with the
portal's python, from the portal's folder, after ``django.setup()``).

``publish_returned``: the content version bumped, then what the editor's request computes
before its response leaves (``core.fragments.RebuildMiddleware``): the visitor comes after the
publish has returned. The bump alone (``core.cache:bump_content_version``) is a visitor who
comes while that request is still computing: nothing kept is there yet.

``rebuild_ms`` (``python -c``, as ``scale.py`` runs it) prints the median milliseconds that
rebuilding adds to an editor's request, over ``REBUILDS`` changes.
"""

import statistics
import time

REBUILDS = 5


def publish_returned():
    from core.cache import bump_content_version  # after django.setup()
    from core.fragments import rebuild  # after django.setup()

    bump_content_version()
    rebuild()


def rebuild_ms():
    from core.cache import bump_content_version  # after django.setup()
    from core.fragments import rebuild  # after django.setup()

    rebuild()  # the first one also loads templates, content types, the tag labels…
    times = []
    for _ in range(REBUILDS):
        bump_content_version()
        started = time.perf_counter()
        rebuild()
        times.append((time.perf_counter() - started) * 1000)
    print(round(statistics.median(times), 1))
