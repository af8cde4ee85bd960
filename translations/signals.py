"""Receivers: aliases for newly published source pages, notices of outdated translations, and
the withdrawal of translations started from a live alias (see ``fallback.py``)."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published, page_unpublished
from wagtail_localize.models import Translation

from translations import (
    deletion,  # noqa: F401 -- translations follow a deleted source
    privacy,  # noqa: F401 -- restrictions follow the source page
)
from translations.fallback import on_alias_converted
from translations.machine import prefill
from translations.notifications import notify_outdated
from translations.sync import create_missing_aliases

post_save.connect(on_alias_converted, sender=PageLogEntry, dispatch_uid="alias_converted")


@receiver(post_save, sender=Translation, dispatch_uid="machine_prefill")
def prefill_new_translation(sender, instance, created=False, **kwargs):
    """A translation just started: a machine draft of its text, if a translator is configured.

    After the transaction, once wagtail-localize has created the translated page or snippet."""
    if created and getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None):
        translation_id = instance.pk
        transaction.on_commit(lambda: prefill(translation_id))


@receiver(page_published)
def follow_source_page(sender, instance, revision=None, alias=False, **kwargs):
    """A published English page exists in every language: translated or as an alias."""
    if alias or instance.alias_of_id is not None:
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return

    # Language home pages are made by translating the English one (or by
    # setup_translation_roles); mirroring starts below them.
    if instance.depth > 2:
        create_missing_aliases(instance)
    page_id = instance.pk
    transaction.on_commit(lambda: notify_outdated(page_id))


@receiver(page_unpublished, dispatch_uid="translations_follow_unpublished_source")
def withdraw_translations_of_unpublished_source(sender, instance, **kwargs):
    """An English page taken offline takes its translations offline too: a translation never
    stays public without its source (aliases follow by themselves). Publishing the English page
    again does not republish them: each language's reviewer does, from the page's revisions."""
    if instance.alias_of_id is not None or instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    if deletion.keeps_translations_of(instance):  # Wagtail unpublishes a page it deletes
        return
    translations = Page.objects.filter(
        translation_key=instance.translation_key, live=True, alias_of__isnull=True
    ).exclude(locale_id=instance.locale_id)
    for page in translations.specific():
        page.unpublish(user=kwargs.get("user"))
