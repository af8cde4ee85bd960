"""The public search page: searches the visitor's language, live public pages only."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Locale

from search.query import clean_query, search_resources

RESULTS_PER_PAGE = 10


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = search_resources(query, Locale.get_active()) if query else []
    paginator = Paginator(results, RESULTS_PER_PAGE)
    number = request.GET.get("page", "1")
    try:
        page = paginator.page(number if len(number) < 7 else "x")
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(_("That page number does not exist.")) from exc
    return TemplateResponse(
        request, "search/search.html", {"query": query, "results": page, "paginator": paginator}
    )
