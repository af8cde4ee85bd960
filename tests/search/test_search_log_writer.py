"""Logging a search never delays or fails the search (search/background.py): rows are written
by a thread of their own, and a database error costs the row, not the search."""

import logging
import threading
from unittest import mock

from django.db import OperationalError
from django.urls import reverse

import pytest

from search.background import BackgroundWriter
from search.models import SearchQueryLog


class Recorder:
    """A write function that records what it was given, in which thread; failing on request."""

    def __init__(self, fail_on=()):
        self.written, self.threads, self.fail_on = [], set(), set(fail_on)

    def __call__(self, items):
        self.threads.add(threading.current_thread().name)
        if self.fail_on & set(items):
            raise OperationalError("database is locked")
        self.written.extend(items)


@pytest.fixture
def in_background(settings):
    settings.SEARCH_LOG_IN_BACKGROUND = True


def test_items_are_written_by_the_writer_thread(in_background):
    write = Recorder()
    writer = BackgroundWriter("test-writer", write)
    for number in range(50):
        writer.put(number)
    assert writer.flush(timeout=10)
    assert write.written == list(range(50))
    assert write.threads == {"test-writer"}


def test_a_database_error_drops_the_batch_with_a_warning_and_the_writer_goes_on(
    in_background, caplog
):
    write = Recorder(fail_on={"locked"})
    writer = BackgroundWriter("test-writer", write)
    writer.put("locked")
    assert writer.flush(timeout=10)
    writer.put("next")
    assert writer.flush(timeout=10)
    assert write.written == ["next"]
    (warning,) = [r for r in caplog.records if r.name == "search.background"]
    assert warning.levelno == logging.WARNING
    assert "test-writer: 1 item(s) not written: database is locked" in warning.getMessage()


def test_a_full_queue_drops_the_search_not_the_visitor(in_background, caplog):
    release = threading.Event()
    writer = BackgroundWriter("test-writer", lambda items: release.wait(10))
    with mock.patch("search.background.QUEUE_SIZE", 2):
        for number in range(10):
            writer.put(number)  # returns at once although nothing can be written
    release.set()
    assert writer.flush(timeout=10)
    assert any("queue full" in r.getMessage() for r in caplog.records)


def test_a_locked_database_does_not_fail_the_search(client, home_pages, caplog):
    with mock.patch.object(
        SearchQueryLog.objects, "bulk_create", side_effect=OperationalError("database is locked")
    ):
        response = client.get(reverse("search"), {"q": "feedback"})
    assert response.status_code == 200
    assert not SearchQueryLog.objects.exists()
    assert any("not written: database is locked" in r.getMessage() for r in caplog.records)


def test_the_search_is_logged(client, home_pages):
    client.get(reverse("search"), {"q": "Feedback  Guide"})
    assert SearchQueryLog.flush(timeout=10)
    assert list(SearchQueryLog.objects.values_list("query", "language")) == [
        ("feedback guide", "en")
    ]
