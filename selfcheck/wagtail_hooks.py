"""Admin: the self-check statements (a snippet list per language, like the taxonomy) and the
report of shared answers, under one "Self-check" menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from resources.snippet_views import LanguageIndexView
from selfcheck.models import Statement
from selfcheck.report import PERMISSION, SelfCheckReportView


class StatementViewSet(SnippetViewSet):
    model = Statement
    icon = "help"
    menu_label = _("Self-check statements")
    menu_name = "selfcheck-statements"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = LanguageIndexView
    search_backend_name = None  # LanguageIndexView compares in Python
    search_fields = ["text"]
    list_display = ["number", "text", "locale"]


register_snippet(StatementViewSet)


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("self-check-answers/", SelfCheckReportView.as_view(), name="selfcheck_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Self-check answers"),
        reverse("selfcheck_report"),
        name="selfcheck-answers",
        icon_name="list-ul",
        order=860,
    )
