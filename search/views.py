"""The public search page: searches the visitor's language, live public pages only."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Locale

from home.models import KnowledgePage

MAX_QUERY_LENGTH = 200


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    query = "".join(ch for ch in query if ch.isprintable())
    results = []
    if query:
        pages = KnowledgePage.objects.live().public().filter(locale=Locale.get_active())
        results = pages.search(query, operator="or")
    paginator = Paginator(results, 10)
    number = request.GET.get("page", "1")
    try:
        page = paginator.page(number if len(number) < 7 else "x")
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(_("That page number does not exist.")) from exc
    return TemplateResponse(
        request, "search/search.html", {"query": query, "results": page, "paginator": paginator}
    )
