"""`make load` (``benchmarks/load.py``) serves a copy of the demo database scripts/demo_db.py
builds once (here DEMO_DB, a folder of one's own): what the load publishes lands in the copy,
and the shared database and media stay as they were for the audit and the screenshot test."""

import sqlite3
from contextlib import closing

from benchmarks.load import prepare_database


def rows(path):
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT title FROM page ORDER BY title").fetchall()


def test_the_load_writes_to_a_copy_of_the_shared_demo_database(tmp_path, monkeypatch):
    shared = tmp_path / "demo"
    (shared / "media" / "documents").mkdir(parents=True)
    (shared / "media" / "documents" / "checklist.pdf").write_bytes(b"%PDF-1.7")
    with closing(sqlite3.connect(shared / "db.sqlite3")) as db, db:
        db.execute("CREATE TABLE page (title TEXT)")
        db.execute("INSERT INTO page VALUES ('Giving feedback')")
    monkeypatch.setenv("DEMO_DB", str(shared))
    run = tmp_path / "run"
    run.mkdir()

    prepare_database(run)

    assert rows(run / "db.sqlite3") == [("Giving feedback",)]
    assert (run / "media" / "documents" / "checklist.pdf").read_bytes() == b"%PDF-1.7"
    with closing(sqlite3.connect(run / "db.sqlite3")) as db, db:  # what the editor does
        db.execute("UPDATE page SET title = 'Giving feedback [edit 1]'")
    (run / "media" / "documents" / "checklist.pdf").write_bytes(b"changed")
    assert rows(run / "db.sqlite3") == [("Giving feedback [edit 1]",)]
    assert rows(shared / "db.sqlite3") == [("Giving feedback",)]
    assert (shared / "media" / "documents" / "checklist.pdf").read_bytes() == b"%PDF-1.7"


def test_a_database_given_on_the_command_line_is_copied_too(tmp_path):
    source = tmp_path / "mine.sqlite3"
    with closing(sqlite3.connect(source)) as db, db:
        db.execute("CREATE TABLE page (title TEXT)")
        db.execute("INSERT INTO page VALUES ('Active listing')")
    run = tmp_path / "run"
    run.mkdir()

    prepare_database(run, source)

    assert rows(run / "db.sqlite3") == [("Active listing",)]
    with closing(sqlite3.connect(run / "db.sqlite3")) as db, db:
        db.execute("DELETE FROM page")
    assert rows(source) == [("Active listing",)]
