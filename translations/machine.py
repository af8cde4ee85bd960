"""Machine translation: a draft in the translation editor, marked until a person reviews it.

The settings map ``MACHINE_TRANSLATION`` to wagtail-localize's
``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` (plain values); ``check_configuration`` stops start-up when
the choice is unknown or its key is missing. Machine translation only fills in a draft in the
translation editor ("Translate whole page with …"); a person still reads it, and a reviewer
still approves it.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from wagtail.models import DraftStateMixin
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
