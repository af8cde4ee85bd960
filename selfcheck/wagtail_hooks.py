"""Admin: the self-check statements and answer options (snippet lists per language, like the
taxonomy: ``selfcheck.snippet_views``) and the report of shared answers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from selfcheck.report import PERMISSION, SelfCheckReportView
from selfcheck.snippet_views import AnswerOptionViewSet, StatementViewSet

register_snippet(StatementViewSet)
register_snippet(AnswerOptionViewSet)


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
