"""Tell a language's translators and reviewers when the English source of their work changes."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from translations.roles import REVIEWERS, TRANSLATORS, team_group_name

logger = logging.getLogger(__name__)


def outdated_translations(page):
    """The translated (non-alias) versions of an English ``page`` now behind their source.

    A translation is behind when the page was published after wagtail-localize last read it
    (``TranslationSource.last_updated_at``): its translators must sync and re-translate.
    """

    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None or page.last_published_at is None:
        return []
    if page.last_published_at <= source.last_updated_at:
        return []
    translated_locales = Translation.objects.filter(source=source, enabled=True).values(
        "target_locale_id"
    )
    return list(
        Page.objects.filter(
            translation_key=page.translation_key,
            locale_id__in=translated_locales,
            alias_of__isnull=True,
        )
        .select_related("locale")
        .order_by("locale__language_code")
    )


def language_team(code):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[team_group_name(code, TRANSLATORS), team_group_name(code, REVIEWERS)],
        )
        .exclude(email="")
        .distinct()
    )


def _message(page, translated, code):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(code):
        language = translation.get_language_info(code)["name_translated"]
        subject = gettext("Translation outdated: %(title)s (%(language)s)") % {
            "title": page.title,
            "language": language,
        }
        body = "\n\n".join(
            [
                gettext(
                    "The English page “%(title)s” has been republished. Its %(language)s "
                    "translation “%(translated)s” no longer matches it."
                )
                % {"title": page.title, "language": language, "translated": translated.title},
                gettext(
                    "Update the translation from the source, translate what changed, "
                    "then submit it for review:"
                ),
                base + reverse("wagtailadmin_pages:edit", args=[translated.pk]),
                gettext("Translation status of every page:"),
                base + reverse("translations:status") + f"?language={code}",
            ]
        )
    return subject, body


def notify_outdated(page_id):
    """E-mail every translator and reviewer of each language whose translation is now behind."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return []
    messages = []
    languages = []
    for translated in outdated_translations(page):
        code = translated.locale.language_code
        recipients = list(language_team(code).values_list("email", flat=True))
        if not recipients:
            continue
        subject, body = _message(page, translated, code)
        messages.extend(
            (subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients
        )
        languages.append(code)
    if messages:
        try:
            send_mass_mail(messages, fail_silently=False)
        except OSError:
            logger.exception("Could not send the outdated-translation notices for page %s", page_id)
            return []
    return languages
