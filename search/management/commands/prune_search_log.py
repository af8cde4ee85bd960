"""Delete search log rows older than ``SEARCH_LOG_RETENTION_DAYS`` (180 by default).

Run it daily (docs/operations.md): the editors' analytics look back 90 days at most and the
popular searches ``SEARCH_POPULAR_DAYS``; nothing needs the rows after that. Queries hidden by
an editor are decisions, not log rows: they stay.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.models import SearchQueryLog


class Command(BaseCommand):
    help = "Delete search log rows older than SEARCH_LOG_RETENTION_DAYS (default 180 days)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="keep this many days instead of SEARCH_LOG_RETENTION_DAYS",
        )

    def handle(self, *args, **options):
        days = settings.SEARCH_LOG_RETENTION_DAYS if options["days"] is None else options["days"]
        if days < 1:
            raise CommandError(f"Keep at least one day of searches (got {days}).")
        deleted = SearchQueryLog.prune(days)
        if options["verbosity"]:
            self.stdout.write(f"{deleted} search log row(s) older than {days} days deleted.")
