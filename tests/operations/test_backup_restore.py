"""Backups that restore: ``manage.py backup`` of a portal with a published Bulgarian
translation, revisions, a search log row and a document, restored by ``manage.py restore`` (in
another process, as an operator would) into a fresh database and an empty media folder, gives
the same rows in every table, the same page titles per language and the same file bytes.
On PostgreSQL (``make test-postgres``) the same test goes through pg_dump and pg_restore.

Bad archives (missing, not an archive, damaged, of the other engine) are refused with a clear
message and a non-zero exit, before anything is overwritten. The SQLite copy of a WAL database
that is being written to is a consistent snapshot."""

import io
import json
import os
import sqlite3
import tarfile
import threading
import time

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wagtail.documents.models import Document
from wagtail.models import Page, Revision

import pytest

from operations.archive import MANIFEST, Manifest
from operations.databases import SQLiteDatabase, database_for, read_state
from search.models import SearchQueryLog
from tests.factories import GuidePageFactory, ResourceIndexPageFactory
from tests.factories.pages import paragraphs
from tests.helpers import manage_py as run_manage_with
from tests.helpers import translate

DOCUMENT_BYTES = b"%PDF-1.4 first week checklist \x00\xff bytes that must come back"

# What the restored database is asked, in the restoring process: rows per table, page titles
# per language, the search log and the document's bytes.
REPORT = """
import json
from django.db import connection
from wagtail.documents.models import Document
from wagtail.models import Page
from operations.databases import read_state
from search.models import SearchQueryLog
with connection.cursor() as cursor:
    state = read_state(cursor, set(connection.introspection.table_names(cursor)))
titles = sorted((p.locale.language_code, p.title, p.live) for p in Page.objects.filter(depth__gt=1))
document = Document.objects.get()
print(json.dumps({
    "counts": state.counts,
    "titles": titles,
    "searches": list(SearchQueryLog.objects.values_list("query", "language", "result_count")),
    "document": document.file.read().hex(),
}))
"""


def run_manage(*args, database_url, media_root):
    """``manage.py`` in another process, on the given database and media folder."""
    return run_manage_with(
        *args,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
        },
    )


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_database(transactional_db, restored_after_flush, tmp_path):
    """The URL of a database that does not exist yet (SQLite) or is empty (PostgreSQL)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def content(transactional_db, restored_after_flush, home_page, media_root):
    """A portal with a Bulgarian translation, revisions, a search log row and a document."""
    translate(home_page, ["bg"])
    index = ResourceIndexPageFactory(parent=home_page)
    translate(index, ["bg"])
    guide = GuidePageFactory(
        parent=index,
        title="Listening to a homesick trainee",
        summary="How a mentor listens when a trainee misses home.",
        body=paragraphs("Sit down with the trainee and listen without judging."),
        live=False,
    )
    guide.save_revision().publish()
    guide.title = "Listening to a homesick trainee, revised"
    guide.save_revision().publish()
    bulgarian = translate(guide, ["bg"])["bg"]
    SearchQueryLog.objects.create(query="homesick", language="bg", result_count=1)
    document = Document(title="First week checklist")
    document.file.save("first-week-checklist.pdf", ContentFile(DOCUMENT_BYTES))
    assert Page.objects.get(pk=bulgarian.pk).live
    assert Revision.objects.filter(object_id=str(guide.pk)).count() == 2
    return {"guide": guide, "bg": bulgarian, "document": document}


def test_backup_restores_into_a_fresh_database_with_the_same_content(
    content, fresh_database, tmp_path
):
    call_command("backup", output=tmp_path / "backups", verbosity=0)
    (archive,) = (tmp_path / "backups").glob("portal-*.tar.gz")
    assert archive.stat().st_mode & 0o077 == 0, "the archive holds password hashes: owner only"

    with connection.cursor() as cursor:
        expected = read_state(cursor, set(connection.introspection.table_names(cursor)))
    with tarfile.open(archive) as tar:
        manifest = Manifest(**json.load(tar.extractfile(MANIFEST)))
    assert manifest.engine == connection.vendor
    assert manifest.counts == expected.counts
    assert manifest.counts["wagtailcore.revision"] >= 4  # two English, the Bulgarian, the home
    assert manifest.counts["search.searchquerylog"] == 1
    assert manifest.migrations["resources"], "the migration state is recorded"
    assert (manifest.media_files, manifest.media_bytes) == (1, len(DOCUMENT_BYTES))

    restored_media = tmp_path / "restored-media"
    target = {"database_url": fresh_database, "media_root": restored_media}
    result = run_manage("restore", str(archive), "--no-input", **target)
    assert result.returncode == 0, result.stderr
    assert "rows per table and media files match the manifest" in result.stdout

    report = run_manage("shell", "-c", REPORT, **target)
    assert report.returncode == 0, report.stderr
    restored = json.loads(report.stdout.strip().splitlines()[-1])  # after shell's banner
    assert restored["counts"] == expected.counts
    titles = {(lang, title, live) for lang, title, live in restored["titles"]}
    assert ("en", "Listening to a homesick trainee, revised", True) in titles
    assert ("bg", content["bg"].title, True) in titles
    assert content["bg"].title.startswith("БГ ")
    assert restored["titles"] == sorted(
        [p.locale.language_code, p.title, p.live] for p in Page.objects.filter(depth__gt=1)
    )
    assert restored["searches"] == [["homesick", "bg", 1]]
    assert bytes.fromhex(restored["document"]) == DOCUMENT_BYTES
    stored = restored_media / content["document"].file.name
    assert stored.read_bytes() == DOCUMENT_BYTES

    # A second restore into the now full database is refused without --force.
    again = run_manage("restore", str(archive), "--no-input", **target)
    assert again.returncode != 0
    assert "Not restored:" in again.stderr and "not empty" in again.stderr
    assert "--force" in again.stderr

    # With --force it replaces them (PostgreSQL: pg_restore --clean over the restored tables).
    forced = run_manage("restore", str(archive), "--force", **target)
    assert forced.returncode == 0, forced.stderr
    assert "rows per table and media files match the manifest" in forced.stdout


# Bad archives: checked in this process, against the test database, which must stay as it is.


def archive_of(path, manifest=None, members=None):
    """A hand-made archive: ``manifest`` (dict, or None for none) and ``members`` {name: bytes}."""
    with tarfile.open(path, "w:gz") as tar:
        files = dict(members or {})
        if manifest is not None:
            files[MANIFEST] = json.dumps(manifest).encode()
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def manifest_for(engine, **changes):
    dump_name = database_for(connection).dump_name if engine == connection.vendor else "db"
    return {
        "format": 1,
        "created": "2026-01-01T00:00:00+00:00",
        "portal_version": "0.1.0",
        "portal_commit": "",
        "engine": engine,
        "database_file": dump_name,
        "migrations": {},
        "counts": {},
        "media_files": 1,
        "media_bytes": 5,
        **changes,
    }


def empty_sqlite(tmp_path):
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).close()
    return path.read_bytes()


@pytest.fixture
def untouched(db, home_page, media_root):
    """The test database and media folder, which no refused restore may change."""
    media_root.mkdir(parents=True)
    (media_root / "kept.txt").write_bytes(b"kept")
    pages = list(Page.objects.values_list("pk", "title"))
    yield
    assert list(Page.objects.values_list("pk", "title")) == pages
    assert [p.name for p in media_root.iterdir()] == ["kept.txt"]


def bad_archives(tmp_path):
    vendor = connection.vendor
    other = "postgresql" if vendor == "sqlite" else "sqlite"
    dump_name = database_for(connection).dump_name
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"this is not a backup" * 100)
    good = tmp_path / "good.tar.gz"
    archive_of(good, manifest_for(vendor), {dump_name: b"x", "media/a.txt": b"hello"})
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(good.read_bytes()[:60])
    media = {"media/a.txt": b"hello"}
    return {
        "missing": (tmp_path / "no-such.tar.gz", "No backup archive at"),
        "not an archive": (garbage, "is not a readable backup archive"),
        "truncated": (truncated, "is not a readable backup archive"),
        "no manifest": (archive_of(tmp_path / "nomanifest.tar.gz", None, media), "not a portal"),
        "other engine": (
            archive_of(tmp_path / "other.tar.gz", manifest_for(other), media),
            f"holds a {other} database and this portal runs on {vendor}",
        ),
        "media damaged": (
            archive_of(
                tmp_path / "media.tar.gz",
                manifest_for(vendor, media_bytes=6),
                {dump_name: b"x", **media},
            ),
            "media files differ from its manifest",
        ),
        "dump damaged": (
            archive_of(tmp_path / "dump.tar.gz", manifest_for(vendor), {dump_name: b"no", **media}),
            "database cannot be read",
        ),
        "rows differ" if vendor == "sqlite" else "format": (
            archive_of(
                tmp_path / "rows.tar.gz",
                manifest_for(vendor, counts={"wagtailcore.page": 3})
                if vendor == "sqlite"
                else manifest_for(vendor, format=2),
                {dump_name: empty_sqlite(tmp_path), **media},
            ),
            "differs from the manifest" if vendor == "sqlite" else "backup format 2",
        ),
    }


def test_bad_archives_are_refused_before_anything_is_overwritten(untouched, tmp_path):
    for case, (archive, message) in bad_archives(tmp_path).items():
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(archive), force=True, verbosity=0)
        assert case  # the case named by the failure's parameters


class FileConnection:
    """The little of a Django connection that ``SQLiteDatabase.dump`` uses, on a file."""

    def __init__(self, path):
        self.settings_dict = {"NAME": str(path)}
        self.connection = sqlite3.connect(path, check_same_thread=False)

    def ensure_connection(self):
        pass


def test_sqlite_backup_is_a_consistent_snapshot_while_another_connection_writes(tmp_path):
    """The live database in WAL mode, written to all the time: the copy is sound, in rollback
    journal mode (one file), and its manifest counts are the rows it holds."""
    live = tmp_path / "live.sqlite3"
    table = SearchQueryLog._meta.db_table
    with sqlite3.connect(live) as db:
        assert db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
        db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, query TEXT)")
    stop = threading.Event()

    def write():
        writer = sqlite3.connect(live, timeout=30, isolation_level=None)
        while not stop.is_set():
            writer.execute("BEGIN IMMEDIATE")
            writer.executemany(f"INSERT INTO {table} (query) VALUES (?)", [("q",)] * 50)  # noqa: S608
            writer.execute("COMMIT")
        writer.close()

    thread = threading.Thread(target=write)
    thread.start()
    try:
        time.sleep(0.2)
        copy = tmp_path / "copy.sqlite3"
        state = database_for_file(live).dump(copy)
    finally:
        stop.set()
        thread.join()
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        rows = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
    with sqlite3.connect(live) as db:
        written = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
    assert state.counts == {"search.searchquerylog": rows}
    assert 0 < rows <= written and rows % 50 == 0, "a snapshot between two committed writes"


def database_for_file(path):
    return SQLiteDatabase(FileConnection(path))
