"""Wagtail's ``update_index``, which then empties the search index catch-up queue.

A full rebuild re-reads every object, so the index writes queued while the backend was down
(``search.indexing``) are covered — those queued before the rebuild started, that is. Then the
content version moves on, so search results kept under the old one (``search.results``) are not
served from before the rebuild.
"""

from django.db.models import Max

from modelsearch.conf import get_app_config
from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

from core.cache import bump_content_version
from search.models import PendingIndexUpdate


class Command(RebuildCommand):
    def handle(self, **options):
        queued = PendingIndexUpdate.objects.aggregate(last=Max("pk"))["last"]
        super().handle(**options)
        backends = set(get_app_config().get_search_backend_config())
        rebuilt = {options["backend_name"]} if options["backend_name"] else backends
        if queued is not None and not options["schema_only"] and rebuilt == backends:
            PendingIndexUpdate.objects.filter(pk__lte=queued).delete()
        bump_content_version()
