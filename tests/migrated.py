"""The migrated test database, kept for the next test process.

Every test process creates its test database by running every migration (some 240 of them,
Wagtail's included: 13 s of one core, mostly Django rendering model states). ``make ci`` starts
many processes: two xdist workers per suite, one per browser module. While pytest-django
creates the test database (``during_test_database_creation``), the first process to need it runs
``migrate`` as usual and keeps a copy of the result in ``.cache/test-db/<key>.sqlite3``; the
others copy it in with SQLite's backup API and run ``migrate`` again, which then has nothing to
apply but still sends ``post_migrate`` (content types, permissions, the search engine's index).

The key is a hash of every migration of the project, the settings, the pinned libraries (whose
migrations come with their versions), the Python version and the kind of search backend; a
change to any of them makes a new copy (older ones are removed after a day). A lock file makes
a second process wait for the first one's copy instead of migrating too. On PostgreSQL the copy
is a database of the same server, ``portal_migrated_<key>``, and the others' test databases are
made from it with ``CREATE DATABASE … TEMPLATE`` (copies of other keys are dropped).
"""

import fcntl
import os
import sqlite3
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from scripts.demo_db import files_key

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "test-db"
SOURCES = ("*/migrations/*.py", "portal/settings/*.py", "requirements/constraints.txt")
STALE_SECONDS = 24 * 3600
PREFIX = "portal_migrated_"  # PostgreSQL: the kept databases' names


def key():
    from django.conf import settings

    backend = urlsplit(settings.SEARCH_URL).scheme  # database or an engine
    return files_key(SOURCES, sys.version.encode(), backend.encode())


@contextmanager
def during_test_database_creation():
    """Within the block, ``migrate`` on SQLite or PostgreSQL starts from the kept copy (or makes
    it). Nothing else changes: other commands, and ``migrate`` after the block, run as usual."""
    from django.core import management

    original = management.call_command

    def call_command(name, *args, **options):
        from django.db import connections

        connection = connections[options.get("database", "default")]
        copying = {"sqlite": _migrate_from_copy, "postgresql": _migrate_from_template}
        if name != "migrate" or connection.vendor not in copying:
            return original(name, *args, **options)
        return copying[connection.vendor](connection, lambda: original(name, *args, **options))

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = original


def kept_copy():
    """The migrated database kept for this code, or None."""
    kept = CACHE / f"{key()}.sqlite3"
    return kept if kept.is_file() else None


def _migrate_from_copy(connection, migrate):
    CACHE.mkdir(parents=True, exist_ok=True)
    name = key()
    kept = CACHE / f"{name}.sqlite3"
    with (CACHE / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process migrates; the others wait for its copy
        if not kept.exists():
            result = migrate()
            connection.ensure_connection()
            partial = CACHE / f"{name}.{os.getpid()}.partial"
            with closing(sqlite3.connect(partial)) as copy:
                connection.connection.backup(copy)
            partial.rename(kept)  # whole or not at all
            _remove_stale(name)
            return result
    connection.ensure_connection()
    with closing(sqlite3.connect(kept)) as copy:
        copy.backup(connection.connection)
    return migrate()  # nothing to apply: post_migrate only


def _migrate_from_template(connection, migrate):
    """PostgreSQL: the first process keeps its migrated test database as ``portal_migrated_<key>``
    on the same server; the others make theirs from it (``CREATE DATABASE … TEMPLATE``)."""
    from tests.helpers import _PostgresSnapshots

    CACHE.mkdir(parents=True, exist_ok=True)
    name = key()
    kept = f"{PREFIX}{name}"
    own = connection.settings_dict["NAME"]
    with (CACHE / f"{name}.postgresql.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process migrates; the others wait for its copy
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'portal_migrated_%%'"
            )
            there = {row[0] for row in cursor.fetchall()}
        if kept not in there:
            result = migrate()
            _PostgresSnapshots.copy(own, kept)
            for stale in there - {kept}:  # other migrations' copies
                _PostgresSnapshots.drop(stale)
            return result
        _PostgresSnapshots.copy(kept, own)
    return migrate()  # nothing to apply: post_migrate only


def _remove_stale(name):
    for path in CACHE.iterdir():
        if not path.name.startswith(name) and path.stat().st_mtime < time.time() - STALE_SECONDS:
            path.unlink(missing_ok=True)
