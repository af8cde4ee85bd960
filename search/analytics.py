"""The editors' "Search analytics" admin view: top queries, queries without results, and the
popular searches the zero-result help offers now, which editors can hide (and show again).

It reads ``search.SearchQueryLog``, kept beside Wagtail's ``Query``/``QueryDailyHits``
because those count hits per query text only, while this view and the zero-result help need
each search's language, number of results and visitor code. Seeing, hiding and showing again
all need the one permission ``search.view_search_analytics``; hiding and showing again are
POST-only (with Django's CSRF check) and go back to the view.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from core.languages import language_name
from search.help import hidden_changed, popular_searches
from search.models import QUERY_MAX_LENGTH, HiddenSearchQuery, SearchQueryLog, normalise
from search.query import SearchUnavailable

PERMISSION = "search.view_search_analytics"
PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
TOP_LIMIT = 50


@method_decorator(permission_required(PERMISSION), name="dispatch")
class SearchAnalyticsView(WagtailAdminTemplateMixin, TemplateView):
    """Top queries and queries without results, for a period and a language."""

    template_name = "search/admin/search_analytics.html"
    page_title = _("Search analytics")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days, language = filters(self.request.GET)
        codes = language_codes()
        logs = SearchQueryLog.objects.since(days).in_language(language)
        hidden = HiddenSearchQuery.objects.select_related("hidden_by").order_by("language", "query")
        try:
            popular, search_unavailable = popular_now([language] if language else codes), False
        except SearchUnavailable:  # the engine is down: the rest of the page still helps
            popular, search_unavailable = [], True
        context.update(
            days=days,
            periods=PERIODS,
            language=language,
            languages=[(code, language_name(code)) for code in codes],
            total=logs.count(),
            top_queries=list(logs.top(TOP_LIMIT)),
            zero_result_queries=list(logs.filter(result_count=0).top(TOP_LIMIT)),
            popular=popular,
            search_unavailable=search_unavailable,
            hidden=list(hidden.filter(language=language) if language else hidden),
            hide_form=HideForm(),
            min_visitors=settings.SEARCH_POPULAR_MIN_VISITORS,
            popular_days=settings.SEARCH_POPULAR_DAYS,
        )
        return context


def language_codes() -> list:
    return [code for code, _name in settings.LANGUAGES]


def filters(params, language_key="language") -> tuple:
    """The period (one of PERIODS) and language ("" for all) asked for, else the defaults
    (``language_key``: the parameter holding the language)."""
    try:
        days = int(params.get("days", DEFAULT_PERIOD))
    except ValueError:
        days = DEFAULT_PERIOD
    days = days if days in PERIODS else DEFAULT_PERIOD
    language = params.get(language_key, "")
    return days, language if language in language_codes() else ""


def popular_now(codes) -> list:
    """[(code, language name, [query, …])]: what the zero-result help offers in each language."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return [
        (code, language_name(code), popular_searches(locales[code]))
        for code in codes
        if code in locales
    ]


class HideForm(forms.Form):
    query = forms.CharField(label=_("Query"), max_length=QUERY_MAX_LENGTH * 4)
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in language_codes()]

    def clean_query(self):
        query = normalise(self.cleaned_data["query"])
        if not query:
            raise forms.ValidationError(_("Enter a query."))
        return query


def back_to_analytics(request):
    """The analytics view, with the period and language the form was sent from."""
    days, language = filters(request.POST, "language_filter")
    return redirect(
        reverse("search_analytics") + "?" + urlencode({"days": days, "language": language})
    )


@permission_required(PERMISSION)
@require_POST
def hide_query(request):
    """Hide a query from the popular searches of one language (POST: query, language)."""
    form = HideForm(request.POST)
    if form.is_valid():
        query, language = form.cleaned_data["query"], form.cleaned_data["language"]
        HiddenSearchQuery.objects.get_or_create(
            query=query, language=language, defaults={"hidden_by": request.user}
        )
        hidden_changed()
        messages.success(
            request,
            gettext("“%(query)s” is no longer offered as a popular search in %(language)s.")
            % {"query": query, "language": language_name(language)},
        )
    else:
        messages.error(
            request, gettext("The query could not be hidden: enter a query and a language.")
        )
    return back_to_analytics(request)


@permission_required(PERMISSION)
@require_POST
def show_query(request, pk):
    """Offer a hidden query again (when enough visitors search it and it finds something)."""
    hidden = get_object_or_404(HiddenSearchQuery, pk=pk)
    hidden.delete()
    hidden_changed()
    messages.success(
        request,
        gettext("“%(query)s” may be offered as a popular search in %(language)s again.")
        % {"query": hidden.query, "language": language_name(hidden.language)},
    )
    return back_to_analytics(request)
