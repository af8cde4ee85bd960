"""What every portal page shares, whichever app defines it.

``PAGE_TRANSLATABLE_FIELDS``: the page title and its search-engine fields are translated; the
slug is shared, so a page has the same address in every language.

``tabbed_edit_handler``: the page editor's tabs, the same for every page type.

``ShowSourceUntilTranslatedMixin``: a translation is a draft until its reviewer publishes it;
until then its address serves the live English page (the translation workflow in
``translations/fallback.py`` withdraws a translation when it starts).

``RememberedRestrictionsMixin``: which view restrictions apply to a page (its own, its
ancestors', their sources' for aliases) is kept until the content changes, so a public page is
served without reading its ancestors.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.fragments import remembered

PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    SynchronizedField("slug"),
]


def tabbed_edit_handler(content_panels, *tabs):
    """The page editor: a Content tab with ``content_panels``, then ``tabs`` (``ObjectList``s),
    then Wagtail's Promotion and Settings tabs."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            *tabs,
            ObjectList(Page.promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


def untranslated_source(page):
    """The live source-language page that ``page`` (a draft translation) stands for, of its own
    class, or None (which page it is is kept until the content changes, ``core.fragments``)."""
    if page.live or page.alias_of_id is not None:
        return None
    found = remembered("source", page.pk, compute=lambda: _source_row(page))
    return specific_page(*found) if found else None


def _source_row(page):
    source = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .exclude(locale_id=page.locale_id)
        .values_list("pk", "content_type_id")
        .first()
    )
    return source or False


def specific_page(pk, content_type_id):
    """Page ``pk`` of its own class (``content_type_id``), in one query; None if it is gone."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._default_manager.filter(pk=pk).first() if model else None


class CachedChildRouteMixin:
    """For page models: a request for a child's address finds the child by its slug without
    loading its generic row first (which child has the slug is kept until the content changes,
    ``core.fragments``); the child, of its own class, is then read in one query."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        found = remembered("child", self.pk, slug, compute=lambda: self._child_by_slug(slug))
        if not found:
            raise Http404
        child = specific_page(*found)
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail's route does: spares get_parent() a query
        return child.route(request, remaining)

    def _child_by_slug(self, slug):
        row = self.get_children().filter(slug=slug).values_list("pk", "content_type_id").first()
        return row or False


class ShowSourceUntilTranslatedMixin:
    """For page models: the address of a draft translation serves its live English page."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            source = untranslated_source(self)
            if source is None:
                raise
            return source.route(request, path_components)


class RememberedRestrictionsMixin:
    """For page models: ``get_view_restrictions()`` (which Wagtail checks before serving a page)
    reads the ids of the restrictions that apply from ``core.fragments`` (a privacy change,
    move, publish or deletion bumps the content version): none for a public page, so no query;
    otherwise one query for the restrictions themselves, read fresh."""

    def get_view_restrictions(self):
        if self.pk is None:  # a preview of a page not yet saved
            return super().get_view_restrictions()
        ids = remembered("restrictions", self.pk, compute=self._restriction_ids)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)

    def _restriction_ids(self):
        return list(super().get_view_restrictions().order_by("pk").values_list("pk", flat=True))


def served_page(context):
    """The Wagtail page this response renders directly (not a routable sub-page or a view)."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    route = getattr(request, "routable_resolver_match", None)
    # A routable page's own address is served by its "index_route": that is the page itself.
    if (route and route.url_name != "index_route") or context.get("is_sub_route"):
        return None
    return page


def live_translations(page):
    """The page's live, public versions in every language (fetched once per page object: the
    language switcher, the alternates and the untranslated notice all need them; kept across
    requests until the content changes, see ``core.fragments``)."""
    cached = getattr(page, "_portal_translations", None)
    if cached is None:
        if page.pk is None:  # a preview of a page not yet saved
            cached = page._portal_translations = _live_translations(page)
        else:
            cached = page._portal_translations = remembered(
                "translations", page.pk, compute=lambda: _live_translations(page)
            )
        # The page's own locale is among them: spare the templates a query for it.
        if not Page.locale.is_cached(page):
            locale = next((t.locale for t in cached if t.locale_id == page.locale_id), None)
            if locale is not None:
                page.locale = locale
    return cached


def _live_translations(page):
    return list(
        page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
        .only("id", "url_path", "locale", "alias_of_id", "path", "depth", "translation_key")
    )
