"""Machine translation: a draft in the translation editor, marked until a person reviews it.

The settings map ``MACHINE_TRANSLATION`` to wagtail-localize's
``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` (plain values); ``check_configuration`` stops start-up when
the choice is unknown or its key is missing. Machine translation only fills in a draft in the
translation editor ("Translate whole page with …"); a person still reads it, and a reviewer
still approves it.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F
from django.utils.translation import ngettext

from wagtail.models import DraftStateMixin, TranslatableMixin
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation, Translation

# What each translator needs in its OPTIONS, and the environment variable that provides it.
REQUIRED_OPTIONS = {
    "deepl": ("AUTH_KEY", "DEEPL_API_KEY"),
    "libretranslate": ("LIBRETRANSLATE_URL", "LIBRETRANSLATE_URL"),
}


def check_configuration(name, translators):
    """Raise ImproperlyConfigured unless ``name`` (MACHINE_TRANSLATION) is off or one of
    ``translators`` (the settings' MACHINE_TRANSLATORS) with what it needs."""
    name = (name or "").strip().lower()
    if name in ("", "off"):
        return
    if name not in translators:
        choices = ", ".join(["off", *translators])
        raise ImproperlyConfigured(f"MACHINE_TRANSLATION={name!r} is not one of: {choices}.")
    option, variable = REQUIRED_OPTIONS.get(name, (None, None))
    if option and not translators[name].get("OPTIONS", {}).get(option):
        raise ImproperlyConfigured(f"MACHINE_TRANSLATION={name} needs {variable}.")


def prefill(translation_id):
    """Fill a new translation's empty segments with the configured machine translator's draft.

    Runs when a translation is started ("Translate this page", several languages at once, or
    a new language); does nothing when machine translation is off. The strings are marked as
    machine-translated, so the status page shows "Machine-translated, not yet reviewed" until
    a person edits them and a reviewer publishes the page. A page stays a draft.
    """

    translator = get_machine_translator()
    translation = (
        Translation.objects.filter(pk=translation_id, enabled=True)
        .select_related("source__locale", "target_locale")
        .first()
    )
    if translator is None or translation is None:
        return 0
    source, target = translation.source, translation.target_locale
    if not translator.can_translate(source.locale, target):
        return 0
    done = set(
        StringTranslation.objects.filter(
            locale=target, translation_of__segments__source=source
        ).values_list("translation_of_id", "context_id")
    )
    wanted = {}  # StringValue -> [(string id, context id)]
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        if (segment.string_id, segment.context_id) not in done:
            wanted.setdefault(segment.string.as_value(), []).append(
                (segment.string_id, segment.context_id)
            )
    if not wanted:
        return 0
    drafts = translator.translate(source.locale, target, list(wanted))
    filled = 0
    with transaction.atomic():
        for value, places in wanted.items():
            draft = drafts.get(value)
            if draft is None or draft.data is None:
                continue
            for string_id, context_id in places:
                _obj, created = StringTranslation.objects.get_or_create(
                    translation_of_id=string_id,
                    locale=target,
                    context_id=context_id,
                    defaults={
                        "data": draft.data,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                        "tool_name": translator.display_name,
                    },
                )
                filled += created
        model = source.specific_content_type.model_class()
        # A page gets a draft revision; a snippet without drafts is saved as it is.
        translation.save_target(publish=not issubclass(model, DraftStateMixin))
    return filled


# --- machine drafts nobody has reviewed -----------------------------------------------------------
# A segment filled in by a machine translator (``translation_type == "machine"``) stays marked
# until a person edits or saves it in the translation editor, uploads a different text for it in a
# PO file, or a reviewer of the language approves the page (see ``approved_by_reviewer``): the
# reviewer is shown how many such segments the page holds before approving, so approval is the
# review of each of them. The status page shows a published translation that still has some as
# "Published, machine translation not reviewed", never "Published and current".
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
