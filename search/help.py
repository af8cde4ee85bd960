"""What the results page offers around the results: editors' promotions, and help when
nothing matched (popular searches, places to browse; the spelling suggestion is
``search.spelling.did_you_mean``)."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from case_studies.models import CaseStudyIndexPage
from core.fragments import remembered
from core.routes import home_route_url
from resources.models import ResourceIndexPage
from search.models import SearchQueryLog, normalise

POPULAR_DAYS = 30
POPULAR_MIN_SEARCHES = 2  # a query typed once is not shown to others (it may be private)
POPULAR_LIMIT = 5


def popular_searches(language: str, exclude: str = "") -> list:
    """Queries often searched in this language lately that found something."""
    since = timezone.now() - timedelta(days=POPULAR_DAYS)
    rows = (
        SearchQueryLog.objects.filter(language=language, created__gte=since, result_count__gt=0)
        .exclude(query=normalise(exclude))
        .values("query")
        .annotate(searches=Count("id"))
        .filter(searches__gte=POPULAR_MIN_SEARCHES)
        .order_by("-searches", "query")[:POPULAR_LIMIT]
    )
    return [row["query"] for row in rows]


def browse_links(request, locale) -> list:
    """The soft-skills index and the resource and case-study indexes, in this language (kept
    per content version, language and host: the addresses depend on the request's site)."""
    return remembered(
        "search-browse",
        locale.language_code,
        request.scheme,
        request.get_host(),
        compute=lambda: _browse_links(request, locale),
    )


def _browse_links(request, locale):
    links = [
        {
            "label": _("Browse by soft skill"),
            "url": home_route_url("skills", request=request, language=locale.language_code),
        }
    ]
    for model in (ResourceIndexPage, CaseStudyIndexPage):
        index = model.objects.live().public().filter(locale=locale).order_by("path").first()
        url = index.get_url(request) if index else None
        if url:
            links.append({"label": index.title, "url": url})
    return links


def promotions(query: str, locale, request) -> list:
    """Editors' picks for this query: each promoted page in the visitor's language, if live.

    A pick whose page has no live, public, non-alias version in this language is skipped;
    external links are shown as they are.
    """
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    keys = [pick.page.translation_key for pick in picks if pick.page]
    if not picks:
        return []
    local = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(translation_key__in=keys, locale=locale, alias_of__isnull=True)
        .specific()
    }
    shown = []
    for pick in picks:
        if pick.page is None:
            if pick.external_link_url:
                shown.append(
                    {
                        "title": pick.external_link_text or pick.external_link_url,
                        "url": pick.external_link_url,
                        "description": pick.description,
                        "external": True,
                    }
                )
            continue
        page = local.get(pick.page.translation_key)
        url = page.get_url(request) if page else None
        if url:
            description = pick.description if pick.page.locale_id == locale.pk else ""
            shown.append(
                {
                    "title": page.title,
                    "url": url,
                    "description": description or getattr(page, "summary", ""),
                    "external": False,
                }
            )
    return shown
