"""What the results page offers around the results: editors' promotions, and help when
nothing matched (popular searches, places to browse; the spelling suggestion is
``search.spelling.did_you_mean``)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from case_studies.models import CaseStudyIndexPage
from core.fragments import remembered
from core.pages import public
from core.routes import home_route_url
from resources.models import ResourceIndexPage
from search.models import HiddenSearchQuery, SearchQueryLog, normalise
from search.query import index_behind, ranked_ids, remembered_answer

CANDIDATES = 3  # times the limit: popular queries read, of which some may find nothing now
# Seconds the popular queries of a language are kept: counting the visitors of a month of log
# takes a second at 150,000 searches, too long for every page that found nothing.
POPULAR_REFRESH = 10 * 60
HIDDEN_VERSION_KEY = "portal:search-hidden-version"


def hidden_changed():
    """An editor hid a query or showed one again: the kept popular queries are stale."""
    cache.set(HIDDEN_VERSION_KEY, str(time.time_ns()), timeout=None)


def popular_candidates(language: str, limit: int) -> list:
    """Queries of this language that at least ``SEARCH_POPULAR_MIN_VISITORS`` different
    visitors searched lately (``SEARCH_POPULAR_DAYS``), that found something and that no
    editor hid; most visitors first. One visitor repeating a query counts once a day.

    Kept ``POPULAR_REFRESH`` seconds (until an editor hides or shows a query)."""
    days, visitors = settings.SEARCH_POPULAR_DAYS, max(settings.SEARCH_POPULAR_MIN_VISITORS, 1)
    hidden_version = cache.get(HIDDEN_VERSION_KEY, "0")
    key = f"portal:search-popular:{hidden_version}:{language}:{days}:{visitors}:{limit}"
    return cache.get_or_set(
        key, lambda: _popular_candidates(language, days, visitors, limit), POPULAR_REFRESH
    )


def _popular_candidates(language, days, min_visitors, limit):
    hidden = HiddenSearchQuery.objects.filter(query=OuterRef("query"), language=language)
    rows = (
        SearchQueryLog.objects.since(days)
        .filter(language=language, result_count__gt=0)
        .exclude(visitor="")
        .exclude(Exists(hidden))
        .values("query")
        .annotate(visitors=Count("visitor", distinct=True))
        .filter(visitors__gte=min_visitors)
        .order_by("-visitors", "query")[:limit]
    )
    return [row["query"] for row in rows]


def finds_something_now(query: str, locale, behind=None) -> bool:
    """Whether ``query`` finds a live, public resource of ``locale`` now (kept per content
    version: a page made private or unpublished bumps it; ``behind``: ``index_behind()``)."""
    return remembered_answer(
        "search-popular-finds",
        query,
        locale.language_code,
        compute=lambda: bool(ranked_ids(query, locale, limit=1, behind=behind)),
        behind=behind,
    )


def popular_searches(locale, exclude: str = "") -> list:
    """The popular candidates of ``locale``'s language (``popular_candidates``) that still
    find something, searched again now: a query whose pages went private or offline is not
    offered, whatever it found when it was logged."""
    limit = settings.SEARCH_POPULAR_LIMIT
    excluded = normalise(exclude)
    candidates = [
        query
        for query in popular_candidates(locale.language_code, limit * CANDIDATES)
        if query != excluded
    ]
    behind = index_behind() if candidates else False
    shown = []
    for query in candidates:
        if finds_something_now(query, locale, behind):
            shown.append(query)
            if len(shown) == limit:
                break
    return shown


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
        index = public(model.objects.live()).filter(locale=locale).order_by("path").first()
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
