"""The portal's URLs plus one view that fails: for tests/portal/test_logging.py."""

from django.urls import path

from portal import urls


def fail(request):
    raise RuntimeError("forced failure for the logging test")


urlpatterns = [path("forced-error/", fail, name="forced_error"), *urls.urlpatterns]
handler404 = urls.handler404
handler500 = urls.handler500
