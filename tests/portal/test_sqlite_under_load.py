"""SQLite takes an editor's writes while visitors search: a real server (gunicorn, two worker
processes with threads) on a SQLite file, threads searching in English and Bulgarian over HTTP,
and a second process publishing ten revisions of a guide through Wagtail. Every publish
succeeds, no search answers 5xx, the last revision is what visitors see, and every search is in
the log.

With the settings before WAL (``PORTAL_LOAD_TEST_OLD_SQLITE=1``, tests/portal/load_settings.py)
publishes failed with "database is locked" and searches answered 500.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import urlopen

from django.conf import settings
from django.db import connection

import pytest

from scripts.serving import free_port

PUBLISHES = 10
SEARCHERS = 6
QUERIES = ["feedback", "trainee", "mentor", "language", "buddy", "bakery", "обратна", "стажант"]


def server_env(database):
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "DJANGO_", "PYTEST_"))
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "tests.portal.load_settings",
        "DATABASE_URL": f"sqlite:///{database}",
    }


def get(url, timeout=30):
    try:
        with urlopen(url, timeout=timeout) as response:  # noqa: S310 -- our own loopback server
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.fixture(scope="module")
def database(portal, tmp_path_factory):
    """The test portal (every language, published and private pages), copied to a file."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's locking is what this module tests")
    path = tmp_path_factory.mktemp("load") / "db.sqlite3"
    # serialize(): the database as this connection sees it, the portal's open transaction included
    path.write_bytes(connection.connection.serialize())
    return path, portal


@pytest.fixture(scope="module")
def server(database):
    path, _ = database
    port = free_port()
    log = path.with_name("server.log").open("w+")
    process = subprocess.Popen(  # noqa: S603 -- our own interpreter and the portal's WSGI app
        [
            *(sys.executable, "-m", "gunicorn", "portal.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"),
            *("--graceful-timeout", "10"),
        ],
        cwd=settings.BASE_DIR,
        env=server_env(path),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if get(f"{base}/en/", timeout=5)[0] == 200:
                break
        except (URLError, ConnectionError, TimeoutError):
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.seek(0)
            pytest.fail(f"the server did not start:\n{log.read()}")
        time.sleep(0.3)
    yield base, process, log
    if process.poll() is None:
        process.kill()
        process.wait()
    log.close()


def stop(process):
    """Gunicorn's graceful stop: each worker writes its queued search log rows before exiting."""
    process.terminate()
    process.wait(timeout=30)


def hammer(base, stop_event, statuses):
    number = 0
    while not stop_event.is_set():
        language = ("en", "bg")[number % 2]
        query = QUERIES[number % len(QUERIES)]
        try:
            status, _ = get(f"{base}/{language}/search/?q={quote(query)}%20{number}")
        except (OSError, HTTPException) as error:  # refused, reset, timed out: counted
            status = f"no answer: {type(error).__name__}: {error}"
        statuses.append(status)
        number += 1


@pytest.mark.django_db
def test_publishes_succeed_while_visitors_search(database, server):
    path, portal = database
    base, process, log = server
    guide = portal.pages["guide"]["en"]
    stop_event = threading.Event()
    statuses = []
    searchers = [
        threading.Thread(target=hammer, args=(base, stop_event, statuses)) for _ in range(SEARCHERS)
    ]
    for searcher in searchers:
        searcher.start()
    try:
        time.sleep(1)  # the searches are under way before the first publish
        publisher = subprocess.run(  # noqa: S603 -- our own interpreter and module
            [
                *(sys.executable, "-m", "tests.portal.publish_revisions"),
                *(str(guide.pk), str(PUBLISHES)),
            ],
            cwd=settings.BASE_DIR,
            env=server_env(path),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        stop_event.set()
        for searcher in searchers:
            searcher.join()
    assert publisher.returncode == 0, publisher.stderr
    outcome = json.loads(publisher.stdout)
    counts = Counter(statuses)
    summary = {**outcome, "searches": dict(counts)}
    assert not outcome["failures"], summary
    assert len(outcome["published"]) == PUBLISHES, summary
    log.seek(0)
    errors = [line for line in log.read().splitlines() if '"level": "ERROR"' in line]
    assert set(counts) == {200}, (summary, errors)  # no 5xx, no search left unanswered
    assert len(statuses) >= 2 * PUBLISHES, summary  # the searches really ran beside the publishes

    status, body = get(base + guide.url)
    assert status == 200
    assert outcome["published"][-1] in body

    stop(process)
    with sqlite3.connect(path) as database_file:
        (logged,) = database_file.execute("SELECT count(*) FROM search_searchquerylog").fetchone()
        (journal,) = database_file.execute("PRAGMA journal_mode").fetchone()
    assert journal == "wal"
    log.seek(0)
    assert logged == len(statuses), log.read()
