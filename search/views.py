"""The public search page and its suggestions endpoint (the editors' analytics view is in
``search.analytics``).

Views never branch on the search backend: ``search.results`` and ``search.query`` hide it, and
any backend failure arrives here as ``SearchUnavailable`` (a 503 page).
"""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.languages import active_locale, language_name
from resources.listing import clean_redirect
from search.help import browse_links, popular_searches, promotions
from search.models import SearchQueryLog
from search.query import SearchUnavailable, clean_query, ranked_ids, remembered_answer
from search.results import SCOPE_ALL, SORT_NEWEST, SearchResults
from search.spelling import corrected_query, did_you_mean
from search.suggest import suggestions

TEMPLATE = "search/search.html"


def _context(request, query, locale, all_languages, sort):
    return {
        "query": query,
        "all_languages": all_languages,
        "sort": sort,
        "language_name": language_name(locale.language_code),
        "suggest_url": reverse("search_suggest"),
    }


@require_safe
def search(request):
    redirect = clean_redirect(request)  # empty parameters: the scope radio's "This language"…
    if redirect:
        return redirect
    query = clean_query(request.GET.get("q", ""))
    locale = active_locale()
    all_languages = request.GET.get("scope", "") == SCOPE_ALL
    sort = SORT_NEWEST if request.GET.get("sort", "") == SORT_NEWEST else ""
    exact = request.GET.get("exact", "") == "1"  # the words as typed: no spelling corrections
    context = _context(request, query, locale, all_languages, sort)
    if not query:
        context["browse_links"] = browse_links(request, locale)
        return TemplateResponse(request, TEMPLATE, context)
    try:
        listing = SearchResults(request, query, locale, all_languages, sort, exact)
        try:
            page = listing.paginate()
        except InvalidPage:
            context.update(listing=listing, bad_page=True, first_page_url=listing.querystring())
            return TemplateResponse(request, TEMPLATE, context, status=404)
        context.update(listing=listing, results=page, paginator=page.paginator)
        corrected = None if exact else corrected_query(query, locale)
        if corrected:  # "Showing results for …, search instead for …" (the words as typed)
            context.update(corrected_query=corrected, exact_url=listing.querystring(exact="1"))
        if page.number == 1:
            context["promotions"] = promotions(query, locale, request)
        if not page.paginator.count:
            context.update(
                _zero_result_help(request, query, locale, all_languages, listing.index_behind)
            )
    except SearchUnavailable:
        response = TemplateResponse(request, "search/unavailable.html", context, status=503)
        response["Retry-After"] = "120"
        return response
    if page.number == 1:
        SearchQueryLog.record(query, locale.language_code, page.paginator.count, request)
    return TemplateResponse(request, TEMPLATE, context)


def _zero_result_help(request, query, locale, all_languages, behind):
    help_ = {
        "popular_searches": popular_searches(locale, exclude=query),
        "browse_links": browse_links(request, locale),
    }
    suggestion = remembered_answer(
        "search-suggestion",
        query,
        locale.language_code,
        compute=lambda: _suggestion(query, locale, behind),
        behind=behind,
    )
    if suggestion:
        params = {"q": suggestion, **({"scope": SCOPE_ALL} if all_languages else {})}
        help_["suggestion"] = suggestion
        help_["suggestion_url"] = "?" + urlencode(params)
    return help_


def _suggestion(query, locale, behind):
    """The query respelled from the vocabulary if that finds something, else ""."""
    suggestion = did_you_mean(query, locale)
    found = suggestion and ranked_ids(suggestion, locale, limit=1, behind=behind)
    return suggestion if found else ""


@require_safe
def suggest(request):
    """JSON title suggestions for the typed prefix, in the visitor's language (max 8)."""
    query = clean_query(request.GET.get("q", ""))
    found = suggestions(query, active_locale(), request)
    response = JsonResponse({"query": query, "suggestions": found})
    response["Cache-Control"] = "max-age=60"
    return response
