"""What every portal page shares, whichever app defines it.

``PAGE_TRANSLATABLE_FIELDS``: the page title and its search-engine fields are translated; the
slug is shared, so a page has the same address in every language.

``ShowSourceUntilTranslatedMixin``: a translation is a draft until its reviewer publishes it;
until then its address serves the live English page (the translation workflow in
``translations/fallback.py`` withdraws a translation when it starts).
"""

from django.conf import settings
from django.http import Http404

from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("slug"),
]


def untranslated_source(page):
    """The live source-language page that ``page`` (a draft translation) stands for, or None."""
    if page.live or page.alias_of_id is not None:
        return None
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    return (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )


class ShowSourceUntilTranslatedMixin:
    """For page models: the address of a draft translation serves its live English page."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            source = untranslated_source(self)
            if source is None:
                raise
            return source.specific.route(request, path_components)
