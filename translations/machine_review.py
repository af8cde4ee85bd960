"""Machine drafts nobody has reviewed.

A segment filled in by a machine translator (``translation_type == "machine"``) stays marked
until a person edits or saves it in the translation editor, uploads a different text for it in a
PO file, or a reviewer of the language approves the page (see ``approved_by_reviewer``): the
reviewer is shown how many such segments the page holds before approving, so approval is the
review of each of them. The status page shows a published translation that still has some as
"Published, machine translation not reviewed", never "Published and current".
"""

from django.db.models import F
from django.utils.translation import ngettext

from wagtail.models import TranslatableMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation


def unreviewed_segments(source_id, locale_id):
    """The segments of a translation source whose text in ``locale_id`` is an unreviewed
    machine draft (a queryset of ``StringSegment``)."""

    return StringSegment.objects.filter(
        source_id=source_id,
        string__translations__locale_id=locale_id,
        string__translations__context_id=F("context_id"),
        string__translations__translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).distinct()


def unreviewed_count(instance):
    """How many segments of the translated page or snippet ``instance`` are machine drafts
    nobody has reviewed (0 for an English item or one without a translation)."""

    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .values("source_id")
        .first()
    )
    if translation is None:
        return 0
    return unreviewed_segments(translation["source_id"], instance.locale_id).count()


def unreviewed_message(count):

    return ngettext(
        "%(count)s segment is a machine translation nobody has reviewed.",
        "%(count)s segments are machine translations nobody has reviewed.",
        count,
    ) % {"count": count}


def approved_by_reviewer(sender, instance, user=None, **kwargs):
    """``workflow_approved``: the reviewer approved a translated page, soft skill or partner
    after being told how many machine-translated segments it has; those segments (as they were
    in the approved revision) count as reviewed. They keep the tool's name ("Translated with
    DeepL on …")."""

    page = instance.content_object
    if not isinstance(page, TranslatableMixin):
        return
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        return
    revision = getattr(instance.current_task_state, "revision", None) or page.live_revision
    segments = unreviewed_segments(translation.source_id, page.locale_id)
    drafts = StringTranslation.objects.filter(
        locale_id=page.locale_id,
        context__object_id=page.translation_key,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of__in=segments.values("string_id"),
    )
    if revision is not None:
        drafts = drafts.filter(updated_at__lte=revision.created_at)
    drafts.update(translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL)
