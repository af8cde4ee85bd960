import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve as static_serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from api.views import api_router
from home import identity, throttling
from home import views as home_views

urlpatterns = [
    # The account page, with wrong current passwords in its "change password" panel throttled
    # (before Wagtail's own route to the same view).
    path("admin/account/", throttling.account_page, name="wagtailadmin_account"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms for documents and private pages, with wrong passwords throttled
    # (before Wagtail's own routes to the same views).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttling.authenticate_document_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),  # the read-only API (api/, docs/api.md)
    path("favicon.ico", identity.favicon, name="favicon"),
]

if settings.SERVE_MEDIA:
    # `make run` (DEBUG off to show the portal's error pages): django.conf.urls.static.static()
    # serves only with DEBUG on. Production: the reverse proxy serves /media/ (docs/deploy.md).
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            static_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("open-data/", include("api.urls")),  # the open-data page and exports
    path("pack/", include("pack.urls")),  # the mentor pack
    path("self-check/", include("selfcheck.urls")),  # the mentor self-check
    path("", include("opendata.urls")),  # Atom feeds
    path("site-map/", identity.site_map_page, name="site_map"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttling.authenticate_page_password,
    ),
    # Wagtail's page view, routed from the kept home pages (home.views.serve)
    re_path(serve_pattern, home_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
