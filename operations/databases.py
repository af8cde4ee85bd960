"""The database half of a backup, one small class per engine.

SQLite: sqlite3's online backup API on the live connection (safe while the site runs, WAL
included) and, to restore, the same API into the target file. PostgreSQL: ``pg_dump -Fc`` of a
snapshot and ``pg_restore``. Each counts the rows of every table in the very snapshot it dumps,
so the manifest says exactly what the dump holds.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.management.base import CommandError
from django.db import transaction
from django.db.backends.postgresql.client import DatabaseClient


@dataclass
class DatabaseState:
    """What a snapshot holds: rows per model table, and the applied migrations."""

    counts: dict = field(default_factory=dict)  # "app_label.model" -> rows
    migrations: dict = field(default_factory=dict)  # app label -> [migration names]


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def read_state(cursor, existing_tables):
    """Rows per model (every concrete model Django manages, its table present) and the
    migrations recorded in ``django_migrations``, read through a DB-API ``cursor``."""
    state = DatabaseState()
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if model._meta.managed and not model._meta.proxy and table in existing_tables:
            # The table name comes from the models, quoted: no outside input.
            cursor.execute(f"SELECT COUNT(*) FROM {quoted(table)}")  # noqa: S608
            state.counts[model._meta.label_lower] = cursor.fetchone()[0]
    state.counts = dict(sorted(state.counts.items()))
    if "django_migrations" in existing_tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            state.migrations.setdefault(app, []).append(name)
    return state


class SQLiteDatabase:
    engine = "sqlite"
    dump_name = "database.sqlite3"

    def __init__(self, connection, **_options):
        self.connection = connection

    def describe(self):
        return f"the SQLite database {self.connection.settings_dict['NAME']}"

    def table_names(self):
        return set(self.connection.introspection.table_names())

    def dump(self, target: Path) -> DatabaseState:
        """Copy the live database into ``target`` (one step of the backup API: a consistent
        snapshot, while other processes keep reading and writing)."""
        self.connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            self.connection.connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            return read_state(copy.cursor(), _sqlite_tables(copy))

    def check_dump(self, dump: Path):
        """The state the dump holds, or CommandError if it is not a sound SQLite database."""
        try:
            with closing(sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)) as db:
                check = db.execute("PRAGMA integrity_check").fetchone()[0]
                if check != "ok":
                    raise CommandError(f"The archive's database is damaged: {check}")
                return read_state(db.cursor(), _sqlite_tables(db))
        except sqlite3.DatabaseError as exc:
            raise CommandError(f"The archive's database cannot be read: {exc}") from exc

    def restore(self, dump: Path):
        """Replace the whole target database with the dump, through the backup API (so the
        target's own journal, WAL included, stays consistent)."""
        name = self.connection.settings_dict["NAME"]
        self.connection.close()
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        with (
            closing(sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(name, timeout=30)) as target,
        ):
            source.backup(target)


def _sqlite_tables(db):
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


class PostgreSQLDatabase:
    engine = "postgresql"
    dump_name = "database.pgdump"

    def __init__(self, connection, pg_bindir=None, **_options):
        self.connection = connection
        self.pg_bindir = pg_bindir

    def describe(self):
        settings = self.connection.settings_dict
        return f"the PostgreSQL database {settings['NAME']} on {settings['HOST'] or 'localhost'}"

    def table_names(self):
        return set(self.connection.introspection.table_names())

    def dump(self, target: Path) -> DatabaseState:
        """``pg_dump -Fc`` of a snapshot exported by a repeatable-read transaction, whose rows
        are counted in that same transaction."""
        self.connection.ensure_connection()
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            state = read_state(cursor, set(self.connection.introspection.table_names(cursor)))
            self._run("pg_dump", "--format=custom", f"--file={target}", f"--snapshot={snapshot}")
        return state

    def check_dump(self, dump: Path):
        """CommandError unless ``pg_restore`` can read the dump's table of contents (the rows
        are counted once restored)."""
        try:
            self._run("pg_restore", "--list", str(dump), database=False)
        except CommandError as exc:
            raise CommandError(f"The archive's database cannot be read: {exc}") from exc

    def restore(self, dump: Path):
        self.connection.close()
        self._run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(dump),
        )

    def _run(self, program, *args, database=True):
        executable = shutil.which(program, path=self.pg_bindir)
        if executable is None:
            where = self.pg_bindir or "PATH"
            raise CommandError(
                f"{program} was not found in {where}: install PostgreSQL's client programs of "
                "the server's major version (Debian: postgresql-client-<version>) or pass "
                "--pg-bindir /usr/lib/postgresql/<version>/bin."
            )
        settings = self.connection.settings_dict
        connect, env = DatabaseClient.settings_to_cmd_args_env(settings, [])
        connect = connect[1:]  # without "psql"
        if connect and connect[-1] == settings.get("NAME"):
            connect = [*connect[:-1], f"--dbname={connect[-1]}"]
        if not database:
            connect = []
        result = subprocess.run(  # noqa: S603 -- a list of arguments, no shell
            [executable, *connect, *args],
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"{program} failed ({result.returncode}): {result.stderr.strip()}")
        return result.stdout


ENGINES = {"sqlite": SQLiteDatabase, "postgresql": PostgreSQLDatabase}


def add_database_arguments(parser, program):
    """The options backup and restore share: which database, and where PostgreSQL's
    ``program`` (pg_dump or pg_restore) is."""
    parser.add_argument(
        "--pg-bindir",
        help=f"Where {program} is (its major version must match the server's); default: PATH.",
    )
    parser.add_argument("--database", default="default", help="Database alias.")


def database_for(connection, **options):
    """The engine class for a Django connection; CommandError for one the portal cannot back up."""
    engine = ENGINES.get(connection.vendor)
    if engine is None:
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return engine(connection, **options)
