"""Keep every partner tree following the English tree.

wagtail-localize creates alias pages in the synchronised locales when a page is created in the
admin (its ``after_create_page`` hook). Pages created in code (the demo loader, imports, the
shell) skip that hook, so publishing a source page also creates the aliases it is missing: an
untranslated page is then reachable in every language, showing the English content.
"""

from wagtail.models import Locale, Page


def synchronised_locales(locale_id):
    """The locales whose trees follow ``locale_id`` (``LocaleSynchronization``)."""
    from wagtail_localize.models import LocaleSynchronization

    return Locale.objects.filter(
        pk__in=LocaleSynchronization.objects.filter(sync_from_id=locale_id).values("locale_id")
    )


def create_missing_aliases(page):
    """Alias ``page`` (and any missing ancestors) into each synchronised locale lacking it."""
    if page.depth < 2 or page.alias_of_id is not None:
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
