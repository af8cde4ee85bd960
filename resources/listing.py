"""Filtered, faceted, paginated listings of resources.

One class serves the resource and case-study index pages and the per-tag and per-skill pages.
Whatever the number of items, a listing costs a fixed number of queries: one per facet, one
count, one page of results and one prefetch per relation the cards show.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, Subquery
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from resources.taxonomy import Audience, Sector

MAX_PARAM_LENGTH = 100
FACETS = ("type", "skill", "tag", "audience", "country", "sector")
FACET_LABELS = {
    "type": _("Type"),
    "skill": _("Soft skill"),
    "tag": _("Tag"),
    "audience": _("Audience"),
    "country": _("Country"),
    "sector": _("Sector"),
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list
    fixed: bool


def kind_content_types():
    """Public type slug → content type of the page model."""
    from resources.models import KnowledgePage

    return {
        slug: ContentType.objects.get_for_model(model)
        for slug, model in KnowledgePage.kinds().items()
    }


class Listing:
    def __init__(self, request, base, fixed=None, kinds=None, page_size=None):
        from django.conf import settings

        self.request = request
        self.fixed = dict(fixed or {})
        self.kinds = kinds
        self.page_size = page_size or settings.PORTAL_PAGE_SIZE
        self.selected = self.parse(request.GET)
        # Translated items first; untranslated ones (aliases, and translations still in draft,
        # both showing the English page) after.
        untranslated = ExpressionWrapper(
            Q(alias_of__isnull=False) | Q(live=False), output_field=BooleanField()
        )
        self.results = self.apply(base, self.selected).order_by(
            untranslated.asc(), F("first_published_at").desc(nulls_last=True), "-pk"
        )

    def parse(self, params):
        selected = dict(self.fixed)
        for name in FACETS:
            if name in self.fixed:
                continue
            value = params.get(name, "").strip()
            # PostgreSQL cannot compare text with NUL bytes: such a value matches nothing.
            if value and len(value) <= MAX_PARAM_LENGTH and "\x00" not in value:
                selected[name] = value
            elif value:
                selected[name] = None  # unusable value: matches nothing
        return selected

    def apply(self, qs, selected):
        for name, value in selected.items():
            if value is None:
                return qs.none()
            if name == "type":
                ct = kind_content_types().get(value)
                if ct is None or (self.kinds and value not in self.kinds):
                    return qs.none()
                qs = qs.filter(content_type=ct)
            elif name == "skill":
                qs = qs.filter(skill_links__skill__slug=value)
            elif name == "tag":
                qs = qs.filter(tagged_items__tag__slug=value)
            elif name == "audience":
                qs = qs.filter(audiences__audience=value)
            elif name == "country":
                qs = qs.filter(country=value.upper())
            elif name == "sector":
                qs = qs.filter(sector=value)
        return qs

    @cached_property
    def page(self):
        paginator = Paginator(self.card_queryset(self.results), self.page_size)
        number = self.request.GET.get("page", "1")
        if len(number) > 6:
            raise Http404(_("That page number does not exist."))
        try:
            return paginator.page(number)
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404(_("That page number does not exist.")) from exc

    @staticmethod
    def card_queryset(qs):
        """The cards' data in a fixed number of queries; a translation still in draft shows
        its English page's title and summary (``source_title``, ``source_summary``)."""
        from resources.models import KnowledgePageSkill

        source = qs.live_source()
        qs = qs.annotate(
            source_title=Subquery(source.values("title")[:1]),
            source_summary=Subquery(source.values("summary")[:1]),
        )
        return qs.select_related("locale").prefetch_related(
            Prefetch(
                "skill_links",
                queryset=KnowledgePageSkill.objects.filter(skill__live=True)
                .select_related("skill")
                .order_by("sort_order"),
            ),
            "tagged_items__tag",
            "audiences",
        )

    @cached_property
    def facets(self):
        from resources.models import KnowledgePageAudience, KnowledgePageSkill, KnowledgePageTag

        ids = self.results.order_by().values("pk")
        facets = []

        kind_cts = kind_content_types()
        by_ct = dict(self.results.order_by().values_list("content_type").annotate(n=Count("pk")))
        kinds = self.kinds or tuple(kind_cts)
        facets.append(
            self._facet(
                "type",
                [
                    (
                        slug,
                        kind_cts[slug].model_class()._meta.verbose_name_plural,
                        by_ct.get(kind_cts[slug].pk, 0),
                    )
                    for slug in kinds
                ],
            )
        )
        skills = (
            KnowledgePageSkill.objects.filter(page__in=ids, skill__live=True)
            .values_list("skill__slug", "skill__name")
            .annotate(n=Count("page", distinct=True))
            .order_by("skill__name")
        )
        facets.append(self._facet("skill", list(skills)))
        tags = (
            KnowledgePageTag.objects.filter(content_object__in=ids)
            .values_list("tag__slug", "tag__name")
            .annotate(n=Count("content_object", distinct=True))
            .order_by("tag__name")
        )
        facets.append(self._facet("tag", list(tags)))
        audience_labels = dict(Audience.choices)
        audiences = dict(
            KnowledgePageAudience.objects.filter(page__in=ids)
            .values_list("audience")
            .annotate(n=Count("page", distinct=True))
            .order_by()
        )
        facets.append(
            self._facet(
                "audience",
                [
                    (value, label, audiences[value])
                    for value, label in audience_labels.items()
                    if value in audiences
                ],
            )
        )
        by_country = (
            self.results.exclude(country="")
            .order_by()
            .values_list("country")
            .annotate(n=Count("pk"))
        )
        facets.append(
            self._facet(
                "country",
                sorted(
                    ((code, countries.name(code), n) for code, n in by_country),
                    key=lambda option: str(option[1]),
                ),
            )
        )
        sector_labels = dict(Sector.choices)
        by_sector = dict(
            self.results.exclude(sector="").order_by().values_list("sector").annotate(n=Count("pk"))
        )
        facets.append(
            self._facet(
                "sector",
                [
                    (value, label, by_sector[value])
                    for value, label in sector_labels.items()
                    if value in by_sector
                ],
            )
        )
        return facets

    def _facet(self, name, rows):
        current = self.selected.get(name)
        options = [
            FacetOption(str(value), str(label), count, str(value) == current)
            for value, label, count in rows
        ]
        return Facet(name, FACET_LABELS[name], options, name in self.fixed)

    @property
    def active_filters(self):
        return {k: v for k, v in self.selected.items() if v and k not in self.fixed}

    def querystring(self, **changes):
        params = dict(self.active_filters)
        params.update({k: v for k, v in changes.items() if v is not None})
        params = {k: v for k, v in params.items() if v != ""}
        return "?" + urlencode(params) if params else "?"

    def page_urls(self):
        page = self.page
        return {
            "previous": self.querystring(page=page.previous_page_number())
            if page.has_previous()
            else None,
            "next": self.querystring(page=page.next_page_number()) if page.has_next() else None,
        }


class ListingPageMixin:
    """For index pages: lists the live, public resources below the page, in its language."""

    listing_kinds = ()

    def resources(self, request):
        from resources.models import KnowledgePage

        base = KnowledgePage.objects.listed().public().descendant_of(self)
        return Listing(request, base, kinds=self.listing_kinds)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.resources(request)
        listing.page  # noqa: B018 -- resolve the page number now: a bad one is a 404
        context["listing"] = listing
        return context
