"""Filtered, faceted, paginated listings of resources.

One class serves the resource and case-study index pages and the per-tag and per-skill pages.
It has a ``ResourceFilters`` (resources/filters.py: the django-filter set and the facet counts,
shared with the search results). Whatever the number of items, a listing costs a fixed number
of queries: one for all facets, one page of results and one prefetch per relation the cards
show. Its addresses carry no empty parameter (``clean_redirect``: a GET form submits its empty
selects, and the index pages answer them with a 302 to the clean address).
"""

from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import BooleanField, ExpressionWrapper, F, Prefetch, Q, Subquery
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.fragments import kept, remembered
from core.pages import descendants_of, public
from resources.filters import (
    COLUMN_FACETS,
    ResourceFilters,
    inline_model,
    page_urls,
    querystring,
)
from resources.listed_rows import ListedRows

MAX_PAGE_DIGITS = 6
SORT_TITLE = "title"
SORTS = {"": _("Newest first"), SORT_TITLE: _("Title (A–Z)")}


def clean_redirect(request):
    """A 302 to the request's address without its empty parameters, or ``None`` if it has
    none (a filter form submitted with "All" in its selects)."""
    pairs = [(k, v) for k, values in request.GET.lists() for v in values]
    kept = [(k, v) for k, v in pairs if v.strip()]
    if len(kept) == len(pairs):
        return None
    return HttpResponseRedirect(request.path + ("?" + urlencode(kept) if kept else ""))


def card_queryset(qs):
    """The cards' data in a fixed number of queries; a translation still in draft shows its
    English page's title and summary (``source_title``, ``source_summary``)."""
    source = qs.live_source()
    qs = qs.annotate(
        source_title=Subquery(source.values("title")[:1]),
        source_summary=Subquery(source.values("summary")[:1]),
    )
    skill_links = inline_model(qs.model, "skill_links").objects
    return qs.select_related("locale").prefetch_related(
        Prefetch(
            "skill_links",
            queryset=skill_links.filter(skill__live=True)
            .select_related("skill")
            .order_by("sort_order", "pk"),  # sort_order may be unset: ties by link
        )
    )


def cards(model, ids):
    """The cards of the pages ``ids`` (of ``model``), in that order."""
    by_id = {page.pk: page for page in card_queryset(model.objects.filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


class Listing:
    """The resources of ``base`` that the request's filters choose, translated ones first and
    newest first. ``paginate()`` resolves the requested page (``page``) or raises a 404.

    With a ``key`` (what ``base`` is: an index page, a tag in a language…), the ordered ids of
    the results and the facets are kept across requests until the content changes
    (``core.fragments``): a warm listing costs the page of cards only."""

    def __init__(self, request, base, fixed=None, kinds=None, page_size=None, key=None, model=None):
        self.request = request
        # ``base`` may be a callable (with ``model``), called only if the results must be
        # computed: its ``public()`` reads the view restrictions.
        self.base = base
        self.model = model or base.model
        self.filters = ResourceFilters(request.GET, self.model, kinds=kinds, fixed=fixed)
        self.page_size = page_size or settings.PORTAL_PAGE_SIZE
        self.key = key
        self.page = None
        sort = request.GET.get("sort", "")
        self.sort = sort if sort in SORTS else ""  # an unknown order is the default one

    @cached_property
    def results(self):
        """The chosen resources, translated ones first (untranslated ones: aliases, and
        translations still in draft, both showing the English page), newest first."""
        untranslated = ExpressionWrapper(
            Q(alias_of__isnull=False) | Q(live=False), output_field=BooleanField()
        )
        base = self.base() if callable(self.base) else self.base
        if self.sort == SORT_TITLE:
            order = (Lower("title").asc(), "pk")
        else:
            order = (F("first_published_at").desc(nulls_last=True), "-pk")
        return self.filters.apply(base).order_by(untranslated.asc(), *order)

    @cached_property
    def summary(self):
        """The results' ids in order and the facets, computed once per content version."""
        if self.key is None:
            return self.compute_summary()
        chosen = sorted(self.filters.selected.items())
        return remembered(
            "listing",
            self.key,
            get_language(),
            self.filters.valid,
            chosen,
            self.sort,
            compute=self.compute_summary,
        )

    def compute_summary(self):
        """The ids, then the facets counted over exactly those ids: the facets' query names
        them rather than repeating the chosen, listed and public filter in each of its parts
        (on PostgreSQL, a planner that misjudges the tables' sizes would run that filter again
        for each tagged or linked row). The ids go in as one parameter (``core.id_lists``).
        A listing whose unfiltered rows are kept (``rows_kept``) is chosen and counted from
        them, without a query (``resources.listed_rows``)."""
        rows = self.rows_kept()
        positions = rows.chosen(self.filters) if rows is not None else None
        if positions is not None:
            ids = [rows.ids[i] for i in positions]
            columns = [rows.columns[i] for i in positions]
            facets = self.filters.facets(ids, columns, related=rows.related_counts(positions))
            return {"ids": ids, "facets": facets}
        rows = list(self.results.values_list("pk", *COLUMN_FACETS.values()))
        ids = [row[0] for row in rows]
        return {"ids": ids, "facets": self.filters.facets(ids, [row[1:] for row in rows])}

    def rows(self):
        """The ``ListedRows`` of this unfiltered listing, read and kept at the current content
        version (``rebuild_listings``)."""
        unfiltered = not self.filters.selected and not self.sort
        assert self.key is not None and unfiltered  # noqa: S101 (a programming error)
        return remembered(
            "listing-rows", self.key, get_language(), compute=lambda: ListedRows.read(self.results)
        )

    def rows_kept(self):
        """The kept ``ListedRows`` of this listing without its filters, if this is a valid
        listing in the default order without fixed filters and they are kept."""
        if self.key is None or self.filters.fixed or self.sort or not self.filters.valid:
            return None
        return kept("listing-rows", self.key, get_language())

    def paginate(self):
        """The requested page of cards, kept as ``page``; a bad page number is a 404."""
        paginator = Paginator(self.summary["ids"], self.page_size)
        number = self.request.GET.get("page", "1")
        if len(number) > MAX_PAGE_DIGITS:
            raise Http404(_("That page number does not exist."))
        try:
            self.page = paginator.page(number)
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404(_("That page number does not exist.")) from exc
        # read when shown: a listing rendered from a kept fragment (templates/includes/
        # listing.html) reads no card
        self.page.object_list = SimpleLazyObject(
            partial(cards, self.model, list(self.page.object_list))
        )
        return self.page

    @property
    def facets(self):
        return self.summary["facets"]

    @property
    def active_filters(self):
        return self.filters.active

    @property
    def sorts(self):
        """The orders offered: (value, label, chosen)."""
        return [(value, label, value == self.sort) for value, label in SORTS.items()]

    @property
    def params(self):
        """What the listing's links keep: the chosen filters and the order."""
        return {**self.active_filters, "sort": self.sort}

    def querystring(self, **changes):
        return querystring(self.params, **changes)

    def clear_filters_url(self):
        return querystring({"sort": self.sort})

    def page_urls(self):
        return page_urls(self.page, self.querystring)


class ListingPageMixin:
    """For index pages: lists the live, public resources below the page, in its language.
    The page class names the resource model (``listing_model``) and the kinds it lists."""

    listing_model = None
    listing_kinds = ()

    def serve(self, request, *args, **kwargs):
        return clean_redirect(request) or super().serve(request, *args, **kwargs)

    def resources(self, request):
        model = self.listing_model
        return Listing(
            request,
            lambda: public(model.objects.listed()).filter(descendants_of(self)),
            kinds=self.listing_kinds,
            key=("index", self.pk),
            model=model,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.resources(request)
        listing.paginate()
        context["listing"] = listing
        return context


def rebuild_listings():
    """The ids and facets of every live, public index page's listing as a visitor first sees
    it (no filter, newest first, in the page's language), and its rows (``Listing.rows``),
    computed and kept at the current content version (``core.fragments.rebuild_after_change``):
    the listing a visitor opens after an editor's publish costs its page of cards only, and a
    filtered one is chosen and counted from the rows."""
    from wagtail.models import Locale, Page, get_page_models  # once the apps are ready

    kinds = [model for model in get_page_models() if issubclass(model, ListingPageMixin)]
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    for page in public(Page.objects.live().type(*kinds)).specific().order_by("path"):
        with translation.override(languages[page.locale_id]):
            listing = page.resources(HttpRequest())
            listing.rows()
            listing.summary  # noqa: B018 (computed from the rows, and kept)
