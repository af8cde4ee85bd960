"""Keep every partner tree following the English tree.

wagtail-localize creates alias pages in the synchronised locales when a page is created in the
admin (its ``after_create_page`` hook). Pages created in code (the demo loader, imports, the
shell) skip that hook, so publishing a source page also creates the aliases it is missing: an
untranslated page is then reachable in every language, showing the English content.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_started
from django.dispatch import receiver

from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.operations import TranslationCreator

from translations.status import translatable_snippet_models

# True while the admin's "add page" form is being saved: wagtail-localize's ``after_create_page``
# hook then creates the aliases itself (and fails if they exist already), so publishing from
# that form must not create them first. Set by a ``before_create_page`` hook (wagtail_hooks.py).
creating_in_admin = ContextVar("creating_in_admin", default=False)


@receiver(request_started, dispatch_uid="reset_creating_in_admin")
def _new_request(sender, **kwargs):
    creating_in_admin.set(False)


def synchronised_locales(locale_id):
    """The locales whose trees follow ``locale_id`` (``LocaleSynchronization``)."""

    return Locale.objects.filter(
        pk__in=LocaleSynchronization.objects.filter(sync_from_id=locale_id).values("locale_id")
    )


def create_missing_aliases(page):
    """Alias ``page`` (and any missing ancestors) into each synchronised locale lacking it."""
    if page.depth < 2 or page.alias_of_id is not None or creating_in_admin.get():
        return []
    existing = set(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "locale_id", flat=True
        )
    )
    created = []
    for locale in synchronised_locales(page.locale_id):
        if locale.pk not in existing:
            created.append(page.copy_for_translation(locale, copy_parents=True, alias=True))
    return created


def create_draft_translations(locale, user=None):
    """Start the translation of all source content into ``locale`` (a newly added language).

    Every translatable snippet and every source page gets a wagtail-localize translation into
    ``locale``, skipping what already exists there as a real (non-alias) translation. Pages
    become drafts for the language's translators and reviewers to work through; until each is
    published, visitors get the English page with a notice (``fallback.py``). Snippets cannot be
    drafts: they start as copies of the English ones. Returns the number of objects started.
    """

    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    if locale.pk == source.pk:
        return 0
    creator = TranslationCreator(user, [locale])
    started = 0
    for model in translatable_snippet_models():
        done = set(model.objects.filter(locale=locale).values_list("translation_key", flat=True))
        for obj in model.objects.filter(locale=source).exclude(translation_key__in=done):
            creator.create_translations(obj, include_related_objects=False)
            started += 1
    done = set(
        Page.objects.filter(locale=locale, alias_of__isnull=True).values_list(
            "translation_key", flat=True
        )
    )
    pages = Page.objects.filter(locale=source, depth__gt=1).exclude(translation_key__in=done)
    for page in pages.order_by("path").specific():
        creator.create_translations(page, include_related_objects=False)
        started += 1
    return started
