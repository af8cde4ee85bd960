"""What the status table is computed from, fetched in bulk: wagtail-localize's bookkeeping and
the active review workflows."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max

from wagtail.models import TranslatableMixin, WorkflowState
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)


def translatable_snippet_models():
    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]


def active_workflows(model):
    """Primary keys of ``model``'s objects in review, and of those sent back for changes."""
    ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
    in_review, needs_changes = set(), set()
    for object_id, status in (
        WorkflowState.objects.active()
        .filter(base_content_type=ct)
        .values_list("object_id", "status")
    ):
        target = in_review if status == WorkflowState.STATUS_IN_PROGRESS else needs_changes
        if str(object_id).isdigit():
            target.add(int(object_id))
    return in_review, needs_changes


class LocalizeData:
    """wagtail-localize's bookkeeping for a set of source objects, fetched in six queries."""

    def __init__(self, source_locale, keys, target_locales):
        sources = TranslationSource.objects.filter(locale=source_locale, object_id__in=keys)
        self.sources = {
            row["object_id"]: row
            for row in sources.values("id", "object_id", "last_updated_at").order_by()
        }
        source_ids = sources.values("id")
        locale_ids = [locale.pk for locale in target_locales]
        self.translations = set(
            Translation.objects.filter(
                source__in=source_ids, target_locale__in=locale_ids, enabled=True
            ).values_list("source_id", "target_locale_id")
        )
        self.totals = dict(
            StringSegment.objects.filter(source__in=source_ids)
            .values_list("source_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        self.translated = {
            (source_id, locale_id): n
            for source_id, locale_id, n in StringSegment.objects.filter(
                source__in=source_ids,
                string__translations__context_id=F("context_id"),
                string__translations__locale_id__in=locale_ids,
                string__translations__has_error=False,
            )
            .values_list("source_id", "string__translations__locale_id")
            .annotate(n=Count("id", distinct=True))
            .order_by()
        }
        self.machine = {
            (source_id, locale_id)
            for source_id, locale_id in StringSegment.objects.filter(
                source__in=source_ids,
                string__translations__context_id=F("context_id"),
                string__translations__locale_id__in=locale_ids,
                string__translations__translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            )
            .values_list("source_id", "string__translations__locale_id")
            .distinct()
            .order_by()
        }
        self.last_synced = {
            (source_id, locale_id): last
            for source_id, locale_id, last in TranslationLog.objects.filter(
                source__in=source_ids, locale__in=locale_ids
            )
            .values_list("source_id", "locale_id")
            .annotate(last=Max("created_at"))
            .order_by()
        }

    def has_translation(self, source, locale):
        return (source["id"], locale.pk) in self.translations

    def machine_translated(self, source, locale):
        """Some of the translation's text is a machine draft nobody has edited yet."""
        return (source["id"], locale.pk) in self.machine

    def progress(self, source, locale):
        if not self.has_translation(source, locale):
            return None
        total = self.totals.get(source["id"], 0)
        if not total:
            return 100
        return round(100 * self.translated.get((source["id"], locale.pk), 0) / total)

    def synced_before_source(self, source, locale):
        """The source was updated (synced) after this language's last translation was written."""
        last = self.last_synced.get((source["id"], locale.pk))
        return last is not None and last < source["last_updated_at"]
