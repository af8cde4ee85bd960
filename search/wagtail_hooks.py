"""Admin: the "Search analytics" menu item, its view and the hide/show actions of popular
searches, and its permission."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.analytics import PERMISSION, SearchAnalyticsView, hide_query, show_query


class SearchAnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("search-analytics/", SearchAnalyticsView.as_view(), name="search_analytics"),
        path("search-analytics/hide/", hide_query, name="search_analytics_hide"),
        path("search-analytics/show/<int:pk>/", show_query, name="search_analytics_show"),
    ]


@hooks.register("register_admin_menu_item")
def register_search_analytics_menu_item():
    return SearchAnalyticsMenuItem(
        _("Search analytics"),
        reverse("search_analytics"),
        name="search-analytics",
        icon_name="search",
        order=850,
    )


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_search_analytics"
    )
