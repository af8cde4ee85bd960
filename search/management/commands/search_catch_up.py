"""Replay every index write that failed while the search backend was down (search.indexing).

The portal does this by itself in small batches once the backend answers again; this command
works through the whole queue at once, e.g. after a long outage.
"""

from django.core.management.base import BaseCommand, CommandError

from modelsearch.backends import get_search_backend

from search.indexing import catch_up
from search.models import PendingIndexUpdate

BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Re-index the objects whose search index update failed while the backend was down."

    def handle(self, *args, **options):
        backend = get_search_backend()
        synced = 0
        while PendingIndexUpdate.objects.exists():
            try:
                synced += catch_up(backend, limit=BATCH_SIZE)
            except Exception as exc:
                left = PendingIndexUpdate.objects.count()
                raise CommandError(
                    f"The search backend still fails ({exc}); {left} queued writes are left, "
                    "run this again later."
                ) from exc
        if options["verbosity"]:
            self.stdout.write(f"{synced} object(s) re-indexed; the queue is empty.")
