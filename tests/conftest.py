"""Fixtures shared by the whole suite.

* ``locales``: the six portal locales (created by ``post_migrate``), by language code.
* ``home_page`` / ``site``: the English home page and the default site (``ensure_site``).
* ``home_pages``: the home page in every language, translated with wagtail-localize.
* ``_prebuilt``: for modules marked ``pytest.mark.prebuilt("home_pages", "team", ...)``, those
  fixtures' data built once per test process and restored for the module (``tests/prebuilt.py``).
* ``editor`` / ``editor_client``: a non-superuser in Wagtail's "Editors" group.
* ``portal``: a module-scoped portal in every language (see ``tests/content.py``), rolled back
  when the module ends, for modules that render many pages. Built once per test process and
  restored for each module that asks for it (``tests.helpers.built_once``).
* ``restored_after_flush``: for transactional tests (``transactional_db``): the flush after the
  test empties every table, including what the migrations wrote (the root page, the groups, the
  locales); this puts that back, so the tests that follow on the same worker find it.
"""

from contextlib import ExitStack
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.utils import translation

from wagtail.models import Locale, Site

import pytest
from factory.django import mute_signals
from xdist.scheduler import LoadScopeScheduling

from core.cache import _end_request, in_request
from home.setup import ensure_site
from tests import migrated, prebuilt
from tests.content import build_portal
from tests.factories import ResourceIndexPageFactory, SoftSkillFactory
from tests.helpers import LANGUAGE_CODES, built_once, drop_snapshots
from tests.prebuilt import from_prebuilt, make_home_pages


@pytest.fixture(autouse=True, scope="session")
def _drop_snapshots(django_db_blocker):
    """The PostgreSQL databases ``built_once`` kept go when the session ends."""
    yield
    with django_db_blocker.unblock():
        drop_snapshots()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Site root paths and cached views (the sitemap) must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. ``LocaleMiddleware`` activates the language of
    the last request in the test's thread and nothing deactivates it, so without this a test
    after a ``/bg/`` request would build its pages and labels in Bulgarian."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _request_ended():
    """A test that leaves its thread inside a request fails here rather than a later test.
    Django's test client ends a request when the response is closed, and closes a streamed
    response once its content has been read to the end: one never read leaves the request
    open, and the content version stays the one that request read (``core.cache``) for
    whatever this thread runs next."""
    yield
    left_open = in_request()
    # the next test starts outside a request either way (core.cache's own receiver: sending
    # request_finished would also close the database connection of the test's transaction)
    _end_request()
    assert not left_open, "a streamed response was left unread: read its content to the end"


@pytest.fixture
def restored_after_flush(django_db_serialized_rollback, request):
    """Ask for it beside ``transactional_db``: the database is serialized once after the
    migrations (``django_db_serialized_rollback``), and ``pytest_runtest_teardown`` below loads it
    back once the test's flush has run."""
    request.node.stash[RESTORE_AFTER_FLUSH] = request.getfixturevalue("django_db_blocker")


RESTORE_AFTER_FLUSH = pytest.StashKey()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # the fixtures' teardown, the transactional flush among them
    blocker = item.stash.get(RESTORE_AFTER_FLUSH, None)
    if blocker is not None:
        # Raw rows into empty tables: receivers (wagtail-localize's tree sync) would look up rows
        # not loaded yet; Django's own serialized rollback loads over rows that are there.
        with blocker.unblock(), mute_signals(pre_save, post_save):
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def locales(db):
    by_code = {locale.language_code: locale for locale in Locale.objects.all()}
    assert sorted(by_code) == sorted(LANGUAGE_CODES), "post_migrate should create every locale"
    return by_code


@pytest.fixture
def home_page(locales):
    return ensure_site()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_pages(home_page, site, _prebuilt):
    """The home page in every language: English source plus its wagtail-localize translations."""
    return from_prebuilt(_prebuilt, "home_pages") or make_home_pages(home_page)


@pytest.fixture
def resource_index(home_page):
    """The English home page's resource index (its translations follow as aliases)."""
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def skill(home_page):
    """An English soft skill, "Giving feedback"."""
    return SoftSkillFactory(name="Giving feedback", slug="giving-feedback")


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        username="editor", email="editor@example.org", password="editor-password"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    assert not user.is_superuser
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(scope="module", autouse=True)
def _prebuilt(request):
    """In a module marked ``pytest.mark.prebuilt(name, ...)``, the data of those fixtures, built
    once per test process and restored before the module's first test (``tests/prebuilt.py``);
    elsewhere nothing."""
    marker = request.node.get_closest_marker("prebuilt")
    if marker is None:
        yield {}
        return
    request.getfixturevalue("django_db_setup")
    names, own = marker.args, marker.kwargs
    blocker = request.getfixturevalue("django_db_blocker")
    build = partial(prebuilt.build, names, own)
    with built_once(blocker, prebuilt.key(names, own), build) as built:
        yield built


@pytest.fixture(scope="session")
def _test_database_from_copy():
    """Enters before pytest-django's ``django_db_setup`` (below) and leaves right after it."""
    with ExitStack() as block:
        block.enter_context(migrated.during_test_database_creation())
        yield block


@pytest.fixture(scope="session")
def django_db_setup(_test_database_from_copy, django_db_setup):
    """pytest-django's, with an SQLite test database copied from the one the first test process
    migrated (``tests/migrated.py``)."""
    _test_database_from_copy.close()
    yield


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, "portal", build_portal) as built:
        yield built


# Test modules that share a database built once per test process (``built_once``) and that
# ``make test`` (pytest-xdist, ``--dist loadscope``) sends to the same worker, first: the demo
# loader is by far the slowest build.
SAME_WORKER = {
    "tests/home/test_demo_loader.py": "demo content",
    "tests/translations/test_demo_status.py": "demo content",
    "tests/home/test_every_word_translated.py": "demo content",
    "tests/portal/test_make_run.py": "demo content",
}


class SharedBuildScheduling(LoadScopeScheduling):
    """xdist's ``loadscope`` (a module's tests on one worker, so module fixtures are built once)
    with the modules of ``SAME_WORKER`` grouped."""

    def _split_scope(self, nodeid):
        module = nodeid.split("::", 1)[0]
        return SAME_WORKER.get(module, module)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") == "loadscope":
        config.option.loadscopereorder = False  # keep the order of pytest_collection_modifyitems
        return SharedBuildScheduling(config, log)
    return None


def pytest_collection_modifyitems(items):
    """The ``SAME_WORKER`` modules first (stable: everything else keeps its order)."""
    items.sort(key=lambda item: item.nodeid.split("::", 1)[0] not in SAME_WORKER)


def pytest_configure(config):
    # WhiteNoise warns about STATIC_ROOT, which only exists after collectstatic.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
