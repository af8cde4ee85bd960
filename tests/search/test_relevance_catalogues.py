"""Labels are indexed in the page's language only if the interface catalogues are compiled:
``make install`` compiles them, and ``search_eval`` refuses to measure without them rather
than silently scoring pages labelled in English."""

import json
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command

import pytest

from search.management.commands.search_eval import stale_catalogues

ROOT = Path(settings.BASE_DIR)


def catalogue(locale_dir, lang, *, compiled):
    folder = locale_dir / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    if compiled:
        (folder / "django.mo").write_bytes(b"")


def test_missing_or_older_catalogues_are_found(tmp_path):
    catalogue(tmp_path, "el", compiled=False)
    catalogue(tmp_path, "it", compiled=True)
    assert stale_catalogues(tmp_path) == ["el/LC_MESSAGES/django.po"]


def test_the_project_catalogues_are_compiled():
    assert stale_catalogues(ROOT / "locale") == []


def test_search_eval_refuses_to_run_without_compiled_catalogues(tmp_path, settings):
    catalogue(tmp_path / "locale", "el", compiled=False)
    settings.BASE_DIR = tmp_path
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "el.jsonl").write_text(json.dumps({"id": "a", "type": "guide"}) + "\n")
    queries = tmp_path / "queries.jsonl"
    queries.write_text("")
    with pytest.raises(CommandError, match="make messages"):
        call_command("search_eval", corpus=str(corpus), queries=str(queries))


def test_make_install_compiles_the_catalogues():
    plan = subprocess.run(  # noqa: S603 -- a dry run of our own Makefile
        ["make", "-n", "install"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "scripts/compile_messages.py" in plan
