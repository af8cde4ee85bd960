"""The same query searches the same terms and ranks the same pages in any process.

Python salts the hashes of strings per process (PYTHONHASHSEED), so anything that follows set or
dict-of-set order can differ from one process to the next: this runs ``manage.py search_eval``
(which loads the demo corpus into a throw-away database and index) in two processes with
different seeds and compares every query's terms, ranking and scores. On SQLite both start from
a copy of the migrated test database (``--migrated``, ``tests/migrated.py``) instead of running
the migrations again.
"""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from tests import migrated

CORPUS = Path(settings.BASE_DIR) / "home" / "demo_content" / "corpus"
QUERIES = Path(__file__).parent / "data" / "spelling_queries.jsonl"


def evaluation(seed):
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    args = ["--corpus", str(CORPUS), "--queries", str(QUERIES), "--json", "--per-query"]
    kept = migrated.kept_copy()
    if connection.vendor == "sqlite" and kept is not None:
        args += ["--migrated", str(kept)]  # the test database's migrations, not run again
    done = subprocess.run(  # noqa: S603 -- manage.py search_eval, as an operator runs it
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "search_eval", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,  # loads a corpus and indexes it: minutes on a busy machine
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_search_eval_gives_the_same_terms_order_and_scores_in_any_process():
    with ThreadPoolExecutor(max_workers=2) as pool:  # two processes at once: half the wait
        first, second = pool.map(evaluation, (1, 2))
    assert first["queries"] == second["queries"]
    assert first["per_lang"] == second["per_lang"]
    assert all(row["terms"] for row in first["queries"])
    # the typos were corrected: each query found what it was written for
    assert first["overall"]["mrr"] >= 0.8, first["queries"]


def test_migrated_must_be_a_file(tmp_path):
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(CommandError, match="is not a file"):
        call_command("search_eval", corpus=str(CORPUS), queries=str(QUERIES), migrated=missing)
