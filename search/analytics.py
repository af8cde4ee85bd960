"""The editors' "Search analytics" admin view: top queries and queries without results.

It reads ``search.SearchQueryLog``, kept beside Wagtail's ``Query``/``QueryDailyHits``
because those count hits per query text only, while this view and the zero-result help need
each search's language and number of results.
"""

from django.conf import settings
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.languages import language_name
from search.models import SearchQueryLog

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
        try:
            days = int(self.request.GET.get("days", DEFAULT_PERIOD))
        except ValueError:
            days = DEFAULT_PERIOD
        days = days if days in PERIODS else DEFAULT_PERIOD
        codes = [code for code, _name in settings.LANGUAGES]
        language = self.request.GET.get("language", "")
        language = language if language in codes else ""
        logs = SearchQueryLog.objects.since(days).in_language(language)
        context.update(
            days=days,
            periods=PERIODS,
            language=language,
            languages=[(code, language_name(code)) for code in codes],
            total=logs.count(),
            top_queries=list(logs.top(TOP_LIMIT)),
            zero_result_queries=list(logs.filter(result_count=0).top(TOP_LIMIT)),
        )
        return context
