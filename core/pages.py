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

from django.apps import apps
from django.conf import settings
from django.db.models import Q
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
    """The live source-language page that ``page`` (a draft translation, of its specific class)
    stands for, of its own class, or None: one query (which page it is is kept until the content
    changes, ``core.fragments``; the request that finds it reads it whole at once)."""
    if page.live or page.alias_of_id is not None:
        return None
    read = {}

    def source_pk():
        read["source"] = _source(page)
        return read["source"].pk if read["source"] is not None else False

    pk = remembered("source-pk", page.pk, compute=source_pk)
    if "source" in read:
        return read["source"]
    return type(page)._default_manager.filter(pk=pk).first() if pk else None


def _source(page):
    return (
        type(page)
        ._default_manager.live()
        .filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .exclude(locale_id=page.locale_id)
        .first()
    )


def model_page(pk, model_label):
    """Page ``pk`` of the model ``model_label`` ("app.Model"), in one query; None if it is
    gone (no content type lookup: a fresh process reads none)."""
    model = apps.get_model(model_label)
    return model._default_manager.filter(pk=pk).first()


class CachedChildRouteMixin:
    """For page models: a request for a child's address finds the child by its slug without
    loading its generic row first; the pages at every level of the address are found in one
    query (kept until the content changes, ``core.fragments``, and for the rest of the request:
    the child routes the rest of the address from it). The child, of its own class, is then read
    in one query. When the levels between only pass the address on to their child (no routes
    of their own), the page at the end is read and routed directly, without them."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        rows = self._path_rows(request, tuple(path_components))
        found, last = rows[0], rows[-1]
        if not found:
            raise Http404
        if len(rows) > 1 and last and all(passes_address_on(label) for _pk, label in rows[:-1]):
            page = model_page(*last)
            if page is not None:
                try:
                    return page.route(request, [])
                except Http404:
                    pass  # route level by level: a level between may stand in (a draft's source)
        child = model_page(*found)
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail's route does: spares get_parent() a query
        return child.route(request, path_components[1:])

    def _path_rows(self, request, components):
        """(pk, model label) of the page at each level below this one along ``components``
        (False from the first level that has none)."""
        known = getattr(request, "_portal_path_rows", None)
        if known is None:
            known = {}
            if request is not None:
                request._portal_path_rows = known
        rows = known.get((self.pk, components))
        if rows is None:
            rows = remembered("path", self.pk, components, compute=lambda: self._rows(components))
            for level, row in enumerate(rows[:-1]):  # what each child will ask for
                if row:
                    known[row[0], components[level + 1 :]] = rows[level + 1 :]
        return rows

    def _rows(self, components):
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in components[: level + 1])
            for level in range(len(components))
        ]
        found = {
            url_path: (pk, f"{app_label}.{model}")
            for url_path, pk, app_label, model in Page.objects.filter(
                path__startswith=self.path,
                depth__gt=self.depth,
                depth__lte=self.depth + len(components),
                # a page's address ends with its slug: the slugs' index finds the few pages to
                # compare (without it, SQLite read the whole tree: 7 ms at 60,000 pages)
                slug__in=set(components),
                url_path__in=prefixes,
            )
            .order_by()
            .values_list("url_path", "pk", "content_type__app_label", "content_type__model")
        }
        rows = []
        for prefix in prefixes:
            row = found.get(prefix, False)
            rows.append(row)
            if not row:
                rows.extend([False] * (len(prefixes) - len(rows)))
                break
        return rows


def passes_address_on(model_label):
    """Pages of this model route a longer address to their child and nothing else: their
    ``route`` is ``CachedChildRouteMixin``'s (and ``ShowSourceUntilTranslatedMixin``'s, which acts
    only when no page answers)."""
    for cls in apps.get_model(model_label).__mro__:
        if cls is CachedChildRouteMixin:
            return True
        if "route" in vars(cls) and cls is not ShowSourceUntilTranslatedMixin:
            return False
    return False


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


def restricted_pages():
    """Every page with a view restriction or an alias of one: (path, depth, the ids of the
    restrictions Wagtail's ``get_view_restrictions`` sees there (an alias: its source's), whether
    it has its own (what ``public()`` excludes)). One query for the whole site, kept until the
    content changes (``core.fragments``): a privacy change bumps the content version."""
    return remembered("restricted-pages", compute=_restricted_pages)


def _restricted_pages():
    # From the restrictions to their pages and those pages' aliases (two index lookups), not
    # from every page to its restrictions (a scan of the whole tree: 30 ms at 60,000 pages).
    restricted = PageViewRestriction.objects.values("page_id")
    rows = Page.objects.filter(Q(pk__in=restricted) | Q(alias_of_id__in=restricted)).values_list(
        "path", "depth", "alias_of_id", "view_restrictions__id", "alias_of__view_restrictions__id"
    )
    pages = {}
    for path, depth, alias_of, own, of_source in rows:
        applying, owned = pages.setdefault(path, (depth, set(), set()))[1:]
        if own is not None:
            owned.add(own)
        applies = own if alias_of is None else of_source
        if applies is not None:
            applying.add(applies)
    return [
        (path, depth, sorted(applying), bool(owned))
        for path, (depth, applying, owned) in sorted(pages.items())
    ]


def children_of(parents):
    """A ``Q`` of the children of ``parents`` (pages), each parent's as its depth and a range of
    tree paths, which the (depth, path) index of ``home/migrations/0005`` answers directly;
    treebeard's ``child_of`` is a path prefix (a ``LIKE`` SQLite cannot use an index for), and
    a path range alone spans the whole subtree. Nothing if ``parents`` is empty."""
    low, high = min(Page.alphabet) * Page.steplen, max(Page.alphabet) * Page.steplen
    children = Q(pk__in=[])
    for parent in parents:
        children |= Q(depth=parent.depth + 1, path__range=(parent.path + low, parent.path + high))
    return children


def descendants_of(page):
    """A ``Q`` of the pages below ``page``, as a range of tree paths (from the page's own path,
    excluded, to its path followed by the alphabet's last letter up to the column's length),
    which the path index answers. Treebeard's ``descendant_of`` is a path prefix, a ``LIKE``
    SQLite uses no index for: at 60,000 pages it read every page below the site roots (the
    (depth, path) index took ``depth >= 3``) to keep one language's, and a listing's ids took
    15.5 ms instead of 11.1. The range needs only the alphabet's order, as treebeard's own
    ``get_children`` does."""
    length = Page._meta.get_field("path").max_length
    return Q(path__gt=page.path, path__lte=page.path.ljust(length, max(Page.alphabet)))


def public(pages):
    """``pages.public()`` (Wagtail's: no page in or below a restricted section) without reading
    the restrictions again: ``restricted_pages()`` has them."""
    private = Q()
    for path, depth, _applying, owned in restricted_pages():
        if owned:
            private |= Q(path__startswith=path, depth__gte=depth)
    return pages.exclude(private) if private else pages


class RememberedRestrictionsMixin:
    """For page models: ``get_view_restrictions()`` (which Wagtail checks before serving a page)
    finds the restrictions that apply (the page's and its ancestors', an alias's source's) in
    ``restricted_pages()``: none for a public page, so no query; otherwise one query for the
    restrictions themselves, read fresh."""

    def get_view_restrictions(self):
        if self.pk is None:  # a preview of a page not yet saved
            return super().get_view_restrictions()
        ids = sorted(
            {
                pk
                for path, depth, applying, _owned in restricted_pages()
                if self.path.startswith(path) and self.depth >= depth
                for pk in applying
            }
        )
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


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
        public(page.get_translations(inclusive=True).live())
        .select_related("locale")
        .only("id", "url_path", "locale", "alias_of_id", "path", "depth", "translation_key")
    )
