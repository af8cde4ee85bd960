"""The translations kept when their English page was deleted (translations/deletion.py).

python manage.py deleted_translations                   # one line per kept translation
python manage.py deleted_translations 123 > bg.po       # that entry's text as a PO file
python manage.py deleted_translations 123 --into 456    # put it back into page 456's
                                                        # translation (saved, not published)
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from translations.deletion import DELETED, KEPT


class Command(BaseCommand):
    help = "List the translations kept when their English page was deleted; print or restore one."

    def add_arguments(self, parser):
        parser.add_argument("entry", nargs="?", type=int, help="the entry's number (first column)")
        parser.add_argument(
            "--into",
            type=int,
            metavar="PAGE_ID",
            help="a page in the entry's language, translated with wagtail-localize: its "
            "translation gets the kept text of every segment whose English text is the same",
        )

    def handle(self, *args, entry=None, into=None, **options):
        entries = PageLogEntry.objects.filter(action__in=[DELETED, KEPT]).select_related("user")
        if entry is None:
            for log_entry in entries.order_by("-timestamp"):
                self.stdout.write(self.line(log_entry))
            return
        log_entry = entries.filter(pk=entry).first()
        if log_entry is None:
            raise CommandError(f"No deleted or kept translation has the number {entry}.")
        if into is None:
            self.stdout.write((log_entry.data or {}).get("po", ""), ending="")
            return
        restored, missing = self.restore(log_entry.data or {}, into)
        self.stdout.write(
            f"{restored} segments restored into page {into} (saved, not published); "
            f"{missing} kept segments have no matching English text there."
        )

    def line(self, log_entry):
        data = log_entry.data or {}
        return "\t".join(
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

    @transaction.atomic
    def restore(self, data, page_id):

        page = Page.objects.filter(pk=page_id).select_related("locale").first()
        if page is None or page.locale.language_code != data.get("language"):
            raise CommandError(f"Page {page_id} is not a page in “{data.get('language')}”.")
        translation = (
            Translation.objects.filter(
                source__object_id=page.translation_key, target_locale_id=page.locale_id
            )
            .select_related("source")
            .first()
        )
        if translation is None:
            raise CommandError(f"Page {page_id} is not a translation: start it first.")
        kept = {(s["context"], s["source"]): s["translation"] for s in data.get("segments", [])}
        restored = 0
        for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "string", "context"
        ):
            text = kept.pop((segment.context.path, segment.string.data), None)
            if text is None:
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale_id=page.locale_id,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
            restored += 1
        return restored, len(kept)
