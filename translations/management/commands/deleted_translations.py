"""The translations kept when their English page was deleted (translations/deletion.py).

python manage.py deleted_translations            # one line per kept translation
python manage.py deleted_translations 123 > bg.po   # that entry's text as a PO file
"""

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import PageLogEntry

from translations.deletion import DELETED, KEPT


class Command(BaseCommand):
    help = "List the translations kept when their English page was deleted, or print one's PO file."

    def add_arguments(self, parser):
        parser.add_argument("entry", nargs="?", type=int, help="the entry's number (first column)")

    def handle(self, *args, entry=None, **options):
        entries = PageLogEntry.objects.filter(action__in=[DELETED, KEPT]).select_related("user")
        if entry is None:
            for log_entry in entries.order_by("-timestamp"):
                data = log_entry.data or {}
                self.stdout.write(
                    "\t".join(
                        [
                            str(log_entry.pk),
                            log_entry.timestamp.strftime("%Y-%m-%d %H:%M"),
                            "kept" if log_entry.action == KEPT else "deleted",
                            data.get("language", ""),
                            data.get("title", ""),
                            f"(English: {(data.get('source') or {}).get('title', '')})",
                            f"{len(data.get('segments') or [])} segments",
                        ]
                    )
                )
            return
        log_entry = entries.filter(pk=entry).first()
        if log_entry is None:
            raise CommandError(f"No deleted or kept translation has the number {entry}.")
        self.stdout.write((log_entry.data or {}).get("po", ""), ending="")
