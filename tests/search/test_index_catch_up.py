"""The search index catches up after the engine was down (search/indexing.py).

The outage is real: Elasticsearch/OpenSearch are pointed at a closed port (127.0.0.1:9); on
the database backends, whose index lives in the portal's own database, every statement on the
index tables names tables that do not exist (a Django execute wrapper), so the database fails
it. Publishing must still succeed, the failure is logged and queued, and once the backend
answers again the queued pages are re-indexed from the database — or removed when gone.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from wagtail.search.backends import get_search_backend
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest

from resources.models import GuidePage, KnowledgePage
from search import indexing
from search.backends import uses_engine
from search.models import PendingIndexUpdate
from tests.factories import GuidePageFactory, ResourceIndexPageFactory
from tests.helpers import html, text_of
from tests.search.conftest import search_url

pytestmark = pytest.mark.django_db

ENGINE = uses_engine()
INDEX_TABLE = "wagtailsearch_indexentry"  # the database backends' index (and its FTS5 table)


def index_tables_missing(execute, sql, params, many, context):
    """Statements on the index tables reach the database naming tables that do not exist, so
    the database itself fails them (on PostgreSQL that also aborts the transaction)."""
    return execute(sql.replace(INDEX_TABLE, f"{INDEX_TABLE}_gone"), params, many, context)


@contextmanager
def search_backend_down():
    config = settings.WAGTAILSEARCH_BACKENDS["default"]
    if ENGINE:  # nothing listens on port 9 (discard): connection refused
        down = {"default": {**config, "URLS": ["http://127.0.0.1:9"]}}
        with override_settings(WAGTAILSEARCH_BACKENDS=down):
            yield
    else:
        with connection.execute_wrapper(index_tables_missing):
            yield


def refresh():
    """Engines show new documents after a refresh (the database backends need none)."""
    get_search_backend().refresh_indexes()


@pytest.fixture
def resources(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture(scope="module", autouse=True)
def fresh_index(django_db_setup, django_db_blocker):
    """Start from an index built from the database, and rebuild it at the end: the engines still
    hold the documents of the rolled-back test pages (each test searches for its own words)."""
    with django_db_blocker.unblock():
        call_command("update_index", verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("update_index", verbosity=0)


def publish_in_admin(client, page, **changes):
    """The editor opens the page in the admin, makes ``changes`` and presses "Publish"."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    form.update(nested_form_data({"body": streamfield([]), "activities": streamfield([])}))
    for name, value in {**changes, "action-publish": "action-publish"}.items():
        form[name] = value
    return client.post(url, form)


def found(client, word):
    response = client.get(search_url("en"), {"q": word})
    assert response.status_code == 200
    return [text_of(h) for h in html(response).select(".search-result .card__title")]


def queued(page):
    """The operations queued for ``page`` (a publish saves the page more than once)."""
    rows = PendingIndexUpdate.objects.filter(object_id=str(page.pk))
    return set(rows.values_list("operation", flat=True))


def test_a_page_published_while_the_engine_is_down_is_found_once_search_answers_again(
    admin_client, client, resources, skill, caplog
):
    guide = GuidePageFactory(parent=resources, title="A new method", skills=[skill], live=False)

    with search_backend_down(), caplog.at_level(logging.ERROR):
        response = publish_in_admin(admin_client, guide, title="The quokka method")
        assert response.status_code == 302, text_of(html(response).select_one(".messages"))
        guide.refresh_from_db()
        assert guide.live and guide.title == "The quokka method"
        assert client.get(guide.url).status_code == 200
        assert any(
            record.name == "modelsearch.index" and record.exc_info for record in caplog.records
        )
        assert queued(guide) == {PendingIndexUpdate.UPDATE}
        assert client.get(search_url("en"), {"q": "quokka"}).status_code == 503

    # The engine is back: the first search that it answers replays the queue, and the next
    # one finds the page (no refresh in between: the catch-up refreshed the index).
    client.get(search_url("en"), {"q": "feedback"})
    assert found(client, "quokka") == [guide.title]
    assert not PendingIndexUpdate.objects.exists()


def test_a_page_unpublished_while_the_engine_is_down_is_not_found_afterwards(
    admin_client, client, resources, skill
):
    guide = GuidePageFactory(parent=resources, title="The axolotl method", skills=[skill])
    refresh()
    assert found(client, "axolotl") == [guide.title]

    with search_backend_down():
        response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[guide.pk]))
        assert response.status_code == 302
        guide.refresh_from_db()
        assert not guide.live
        assert queued(guide) == {PendingIndexUpdate.UPDATE}

    # The engine is back: the next index write (another page published) replays the queue.
    other = GuidePageFactory(parent=resources, title="The pangolin method", skills=[skill])
    refresh()
    assert found(client, "axolotl") == []
    assert found(client, "pangolin") == [other.title]
    # Not only hidden by the database check of the results: the index says it is not live.
    assert get_search_backend().search("axolotl", KnowledgePage.objects.live()).count() == 0
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.skipif(
    not ENGINE,
    reason="on the database backends a page cannot be deleted while its index table fails: "
    "the index rows are deleted with the page",
)
def test_a_page_deleted_while_the_engine_is_down_leaves_the_index(admin_client, resources, skill):
    guide = GuidePageFactory(parent=resources, title="The narwhal method", skills=[skill])
    refresh()
    assert get_search_backend().search("narwhal", GuidePage).count() == 1

    with search_backend_down():
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[guide.pk]))
        assert response.status_code == 302
        assert not GuidePage.objects.filter(pk=guide.pk).exists()
        assert queued(guide) == {PendingIndexUpdate.DELETE}

    call_command("search_catch_up", verbosity=0)
    assert get_search_backend().search("narwhal", GuidePage).count() == 0  # counted by the engine
    assert not PendingIndexUpdate.objects.exists()


def test_search_catch_up_keeps_the_queue_while_the_engine_is_still_down(resources, skill):
    with search_backend_down():
        guide = GuidePageFactory(parent=resources, title="The okapi method", skills=[skill])
        with pytest.raises(CommandError, match="still fails"):
            call_command("search_catch_up", verbosity=0)
    assert queued(guide) == {PendingIndexUpdate.UPDATE}

    call_command("search_catch_up", verbosity=0)
    assert get_search_backend().search("okapi", KnowledgePage.objects.live()).count() == 1
    assert not PendingIndexUpdate.objects.exists()


def test_update_index_leaves_the_queue_empty(client, resources, skill):
    with search_backend_down():
        guide = GuidePageFactory(parent=resources, title="The tapir method", skills=[skill])
    assert queued(guide)

    call_command("update_index", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    assert found(client, "tapir") == [guide.title]


def test_the_automatic_catch_up_is_throttled_and_bounded(client, resources, skill, monkeypatch):
    monkeypatch.setattr(indexing, "BATCH_SIZE", 2)
    with search_backend_down():
        guides = [
            GuidePageFactory(parent=resources, title=f"The {word} method", skills=[skill])
            for word in ("ibex", "gecko", "lemur")
        ]
    assert PendingIndexUpdate.objects.count() == 3

    client.get(search_url("en"), {"q": "feedback"})  # replays two pages
    client.get(search_url("en"), {"q": "feedback"})  # within the minute: nothing
    assert [queued(guide) for guide in guides] == [set(), set(), {PendingIndexUpdate.UPDATE}]

    cache.delete(indexing.THROTTLE_KEY)  # a minute later
    client.get(search_url("en"), {"q": "feedback"})
    assert not PendingIndexUpdate.objects.exists()
    assert found(client, "lemur") == [guides[2].title]


def test_a_page_is_found_as_soon_as_search_catch_up_reports_it_done(client, resources, skill):
    """After an outage: searches while the page is still queued find nothing; once
    ``search_catch_up`` says it is done, the very next search finds it — neither the engine's
    refresh interval nor an answer remembered under the content version hides it."""
    cache.add(indexing.THROTTLE_KEY, True)  # no automatic catch-up: the command does it
    with search_backend_down():
        guide = GuidePageFactory(parent=resources, title="The dugong method", skills=[skill])
    assert found(client, "dugong") == []
    assert found(client, "dugong") == []

    call_command("search_catch_up", verbosity=0)

    assert not PendingIndexUpdate.objects.exists()
    assert found(client, "dugong") == [guide.title]
    assert found(client, "dugong method") == [guide.title]


def test_a_page_published_while_the_engine_answers_is_found_by_the_next_search(
    client, resources, skill
):
    """No refresh by the test: the portal refreshes the index after an editor's write."""
    assert found(client, "dingo") == []
    guide = GuidePageFactory(parent=resources, title="The dingo method", skills=[skill])
    assert found(client, "dingo") == [guide.title]
