"""The content version (core/cache.py) is read from the shared cache once per request; a bump
is seen at once by the request that makes it, by the next request and by every other thread
and process; the production file cache does not list its directory on every write and never
culls the content version."""

import os
import threading

from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.http import JsonResponse
from django.urls import path

import pytest

from core.cache import CONTENT_VERSION_KEY, FileCache, bump_content_version, content_version
from portal.settings.base import cache_config
from tests.portal.test_production_settings import run_manage


def versions_view(request):
    """Reads the version, bumps it (as a publish does), reads it again."""
    before = content_version()
    again = content_version()
    bumped = bump_content_version() if "bump" in request.GET else None
    return JsonResponse(
        {"before": before, "again": again, "bumped": bumped, "after": content_version()}
    )


urlpatterns = [path("versions/", versions_view)]


@pytest.fixture
def version_reads(monkeypatch):
    """How often the shared cache is asked for the content version."""
    shared = caches["default"]
    read = shared.get
    count = {"version": 0, "other": 0}

    def counting_get(key, *args, **kwargs):
        count["version" if key == CONTENT_VERSION_KEY else "other"] += 1
        return read(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get", counting_get)
    return count


@pytest.mark.django_db
def test_a_page_reads_the_version_once(client, settings, home_page, version_reads):
    settings.PAGE_CACHE = True
    content_version()  # the version exists before the first request, as in production
    version_reads["version"] = 0
    response = client.get(home_page.url)
    assert response.status_code == 200
    assert version_reads["version"] == 1
    assert version_reads["other"] > 1  # the page and its fragments, each keyed by the version


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_bump_is_seen_by_the_same_request_and_the_next(client, version_reads):
    first = client.get("/versions/").json()
    assert first["before"] == first["again"] == first["after"]
    assert version_reads["version"] == 1

    bumped = client.get("/versions/?bump=1").json()
    assert bumped["before"] == first["after"]
    assert bumped["after"] == bumped["bumped"] != bumped["before"]

    after = client.get("/versions/").json()
    assert after["before"] == bumped["bumped"]
    assert content_version() == bumped["bumped"]  # outside a request: the shared cache


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_bump_between_requests_is_seen_by_the_next(client):
    first = client.get("/versions/").json()["after"]
    bumped = bump_content_version()  # another process, a management command
    assert bumped != first
    assert client.get("/versions/").json()["before"] == bumped


def test_outside_a_request_every_call_reads_the_shared_cache(version_reads):
    content_version()
    content_version()
    assert version_reads["version"] == 2


def test_each_thread_keeps_its_own_requests_version():
    """Two threads serving a request each (runserver, gthread): one's bump reaches the other's
    next request, not the one it is serving; a thread outside a request (the search log's
    background thread) reads the shared cache."""
    original = content_version()
    started, bumped, done = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def serving():
        request_started.send(sender=None)
        try:
            seen["first"] = content_version()
            started.set()
            bumped.wait(30)
            seen["same request"] = content_version()
        finally:
            request_finished.send(sender=None)
        request_started.send(sender=None)
        try:
            seen["next request"] = content_version()
        finally:
            request_finished.send(sender=None)
        done.set()

    def publishing():
        started.wait(30)
        request_started.send(sender=None)
        try:
            seen["bumped"] = bump_content_version()
            seen["publisher after"] = content_version()
        finally:
            request_finished.send(sender=None)
        seen["background"] = content_version()
        bumped.set()

    threads = [threading.Thread(target=serving), threading.Thread(target=publishing)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert done.is_set()
    assert seen["first"] == seen["same request"] == original
    assert seen["bumped"] != original
    assert seen["publisher after"] == seen["background"] == seen["next request"] == seen["bumped"]
    assert content_version() == seen["bumped"]


# The production file cache


def file_cache(folder, **options):
    return FileCache(str(folder), {"OPTIONS": {"MAX_ENTRIES": 10, **options}})


def test_the_file_cache_lists_its_folder_once_per_interval(tmp_path, monkeypatch):
    cache = file_cache(tmp_path)
    listings = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or list_files())
    for number in range(100):
        cache.set(f"page-{number}", "x" * 100)
    assert len(listings) == 1  # the first write of the process, not each one
    assert len(list(tmp_path.glob("*.djcache"))) == 100  # over MAX_ENTRIES until the next cull
    assert cache.get("page-99") == "x" * 100


def test_a_cull_keeps_the_content_version(tmp_path):
    cache = file_cache(tmp_path, CULL_INTERVAL=0, CULL_FREQUENCY=0)  # a cull empties the rest
    cache.set(CONTENT_VERSION_KEY, "42", timeout=None)
    for number in range(30):
        cache.set(f"page-{number}", "x")
    assert cache.get(CONTENT_VERSION_KEY) == "42"
    assert len(list(tmp_path.glob("*.djcache"))) < 30


def test_a_cull_removes_a_share_once_the_interval_has_passed(tmp_path, monkeypatch):
    cache = file_cache(tmp_path, CULL_INTERVAL=60, CULL_FREQUENCY=2)
    for number in range(40):
        cache.set(f"page-{number}", "x")
    assert len(list(tmp_path.glob("*.djcache"))) == 40
    cache._next_cull = 0  # a minute later
    cache.set("one-more", "x")
    assert len(list(tmp_path.glob("*.djcache"))) == 40 - 20 + 1


def test_a_file_cache_url_gives_the_portals_file_cache(tmp_path):
    config = cache_config(f"filecache://{tmp_path}?max_entries=20000")
    assert config["BACKEND"] == "core.cache.FileCache"
    assert config["OPTIONS"]["MAX_ENTRIES"] == 20000
    assert cache_config("locmemcache://")["BACKEND"].endswith("LocMemCache")


def test_production_keeps_renditions_in_each_process_and_pages_in_the_file_cache(tmp_path):
    code = (
        "from django.core.cache import caches; from wagtail.images.models import Rendition; "
        "print(type(caches['default']).__name__, type(Rendition.cache_backend).__name__)"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        SECRET_KEY="x" * 50,
        CACHE_DIR=str(tmp_path / "cache"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["FileCache", "LocMemCache"]


def test_the_file_cache_stores_values_uncompressed_and_reads_compressed_ones(tmp_path):
    page = ("<html>" + "mentor feedback " * 500, {"Content-Type": "text/html"})
    plain, compressed = file_cache(tmp_path / "plain"), file_cache(tmp_path / "z", COMPRESS="true")
    plain.set("page", page)
    compressed.set("page", page)
    # uncompressed: the page's text is in the file as it is
    assert b"mentor feedback " * 10 in next((tmp_path / "plain").glob("*.djcache")).read_bytes()
    assert b"mentor feedback " * 10 not in next((tmp_path / "z").glob("*.djcache")).read_bytes()
    # each reads the other's entries: switching the option, or Django's own files, lose nothing
    for written_by, reader in [(compressed, plain), (plain, compressed)]:
        for name in written_by._list_cache_files():
            target = reader._key_to_file("page")
            with open(name, "rb") as source, open(target, "wb") as copy:
                copy.write(source.read())
            assert reader.get("page") == page
            assert reader.touch("page", timeout=60) and reader.get("page") == page
    assert file_cache(tmp_path / "off", COMPRESS="false")._compress is False


def test_a_touched_entry_is_rewritten_whole_when_it_gets_shorter(tmp_path):
    file_cache(tmp_path).set("page", "x" * 5000)  # uncompressed
    compressed = file_cache(tmp_path, COMPRESS=True)
    assert compressed.touch("page", timeout=None)
    (name,) = compressed._list_cache_files()
    compressed.set("fresh", "x" * 5000, timeout=None)
    # nothing of the longer entry is left after the shorter one
    assert os.path.getsize(name) == os.path.getsize(compressed._key_to_file("fresh")) < 1000
    assert compressed.get("page") == "x" * 5000
    assert compressed.get("missing", "default") == "default" and not compressed.touch("missing")
