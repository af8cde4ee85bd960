"""Receivers: aliases for newly published source pages, notices of outdated translations."""

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published


@receiver(page_published)
def follow_source_page(sender, instance, revision=None, alias=False, **kwargs):
    """A published English page exists in every language: translated or as an alias."""
    if alias or instance.alias_of_id is not None:
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    from translations.notifications import notify_outdated
    from translations.sync import create_missing_aliases

    # Language home pages are made by translating the English one (or by
    # setup_translation_roles); mirroring starts below them.
    if instance.depth > 2:
        create_missing_aliases(instance)
    page_id = instance.pk
    transaction.on_commit(lambda: notify_outdated(page_id))
