"""Wagtail's frontend-cache invalidation, wired by configuration (FRONTEND_CACHE_URL → the HTTP
purge backend): a real HTTP server in a thread records the PURGE requests a CDN or Varnish
would get."""

import ast
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import GuidePageFactory, ResourceIndexPageFactory, SoftSkillFactory
from tests.helpers import translate
from tests.portal.test_production_settings import run_manage

pytestmark = [pytest.mark.django_db, pytest.mark.prebuilt("home_pages")]


class PurgeRecorder(BaseHTTPRequestHandler):
    purged: list

    def do_PURGE(self):  # noqa: N802 -- the HTTP method's name
        self.purged.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purged(settings):
    """The addresses purged, as "host/path"."""
    handler = type("Recorder", (PurgeRecorder,), {"purged": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield handler.purged
    server.shutdown()
    server.server_close()


@pytest.fixture
def index(home_pages):
    index = ResourceIndexPageFactory(parent=home_pages["en"])
    translate(index)
    return index


def paths(purged):
    return {address.split("/", 1)[1] for address in purged}


def test_a_publish_purges_the_page_in_every_language_and_its_listings(
    index, site, purged, django_capture_on_commit_callbacks
):
    guide = GuidePageFactory(parent=index, title="Listening first")
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    purged_paths = paths(purged)
    for code in ("en", "bg", "el", "it", "pt", "es"):  # the English page and its aliases
        assert f"{code}/resources/listening-first/" in purged_paths
        assert f"{code}/resources/" in purged_paths
        assert f"{code}/" in purged_paths
    host = urlsplit(site.root_url).netloc  # the Host header a CDN keys its copies by
    assert all(address.startswith(f"{host}/") for address in purged)


def test_an_unpublish_purges_the_page(index, purged, django_capture_on_commit_callbacks):
    guide = GuidePageFactory(parent=index, title="Listening first")
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert "en/resources/listening-first/" in paths(purged)


def test_a_move_purges_the_old_and_new_addresses(
    index, home_pages, purged, django_capture_on_commit_callbacks
):
    guide = GuidePageFactory(parent=index, title="Listening first")
    other = ResourceIndexPageFactory(parent=home_pages["en"], title="Elsewhere", slug="elsewhere")
    with django_capture_on_commit_callbacks(execute=True):
        guide.move(other, pos="last-child")
    assert {
        "en/resources/listening-first/",
        "en/elsewhere/listening-first/",
        "en/resources/",
        "en/elsewhere/",
    } <= paths(purged)


@pytest.mark.parametrize("change", ["snippet", "restriction"])
def test_a_snippet_or_privacy_change_purges_every_live_page(
    index, purged, django_capture_on_commit_callbacks, change
):
    skill = SoftSkillFactory(name="Active listening", slug="active-listening")
    GuidePageFactory(parent=index, title="Listening first", skills=[skill])
    with django_capture_on_commit_callbacks(execute=True):
        if change == "snippet":
            skill.name = "Attentive listening"
            skill.save_revision().publish()
        else:
            PageViewRestriction.objects.create(
                page=index, restriction_type=PageViewRestriction.LOGIN
            )
    purged_paths = paths(purged)
    assert {"en/", "bg/", "en/resources/", "en/resources/listening-first/"} <= purged_paths


def test_nothing_is_purged_without_configuration(
    index, settings, purged, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        GuidePageFactory(parent=index).save_revision().publish()
    assert purged == []
    assert callbacks  # the content version is bumped after the commit all the same


def test_frontend_cache_url_configures_wagtails_http_backend(tmp_path):
    code = "from django.conf import settings; print(settings.WAGTAILFRONTENDCACHE)"
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        SECRET_KEY="x" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        FRONTEND_CACHE_URL="http://127.0.0.1:6081",
    )
    assert result.returncode == 0, result.stderr
    assert ast.literal_eval(result.stdout.strip()) == {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }
