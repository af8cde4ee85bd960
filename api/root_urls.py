"""The API's addresses alone: the URL configuration its 404 answers name, so that Django's
``LocaleMiddleware`` does not redirect them to a language-prefixed address (it does so for a
404 under any urlconf with ``i18n_patterns`` where the prefixed address resolves, and the
portal's page catch-all resolves every address)."""

from django.urls import path

from .views import api_router

urlpatterns = [path("api/v2/", api_router.urls)]
