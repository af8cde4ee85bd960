"""Measure search relevance on a search-bench corpus, away from the portal's data.

The command re-runs itself in a child process whose DATABASE_URL points at a throw-away
database (a temporary SQLite file, or a scratch database on the same PostgreSQL server) and
whose SEARCH_URL uses a throw-away index prefix, so the portal's own database and index are
never touched.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from search.evaluation import evaluate, load_corpus, read_jsonl
from search.query import query_terms, search_resources


class Command(BaseCommand):
    help = (
        "Load a search-bench corpus into a throw-away database and index, run the queries, "
        "print nDCG@10, recall@10 and MRR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="folder with <lang>.jsonl files")
        parser.add_argument("--queries", required=True, help="queries file (JSON lines)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--per-query", action="store_true", help="include every query's scores")
        parser.add_argument(
            "--migrated",
            type=Path,
            help="an SQLite database already migrated by this code, copied as the throw-away "
            "database (its migrate then has nothing to apply); SQLite only",
        )
        parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        corpus, queries = Path(options["corpus"]), Path(options["queries"])
        if not corpus.is_dir() or not list(corpus.glob("*.jsonl")):
            raise CommandError(f"{corpus} is not a folder of <lang>.jsonl files.")
        if not queries.is_file():
            raise CommandError(f"{queries} is not a file.")
        stale = stale_catalogues(Path(settings.BASE_DIR) / "locale")
        if stale:  # the labels (type, sector, audience) would be indexed in English
            raise CommandError(
                "The interface catalogues are not compiled (" + ", ".join(stale) + "): pages "
                "would be indexed with English labels. Run `make messages` (or `make install`)."
            )
        migrated = options.get("migrated")
        if migrated is not None and not migrated.is_file():
            raise CommandError(f"{migrated} is not a file.")
        if options["worker"]:
            return self.work(corpus, queries, options)
        return self.spawn(corpus, queries, options)

    # parent: prepare a scratch database and index, run the worker, print
    def spawn(self, corpus, queries, options):
        env = dict(os.environ)
        token = uuid.uuid4().hex[:8]
        db_url = settings.DATABASE_URL
        scratch_pg = None
        with tempfile.TemporaryDirectory(prefix="search-eval-") as tmp:
            on_postgres = db_url.startswith(("postgres", "postgresql", "pgsql"))
            if on_postgres and options.get("migrated"):
                raise CommandError("--migrated is an SQLite database: not for PostgreSQL.")
            if on_postgres:
                scratch_pg = _pg_scratch_url(db_url, f"search_eval_{token}")
                _pg_execute(db_url, f'CREATE DATABASE "search_eval_{token}"')
                env["DATABASE_URL"] = scratch_pg
            else:
                env["DATABASE_URL"] = f"sqlite:///{tmp}/eval.sqlite3"
                if options.get("migrated"):
                    shutil.copy(options["migrated"], Path(tmp) / "eval.sqlite3")
            search_url = settings.SEARCH_URL
            if not search_url.startswith("database"):
                parts = urlsplit(search_url)
                search_url = urlunsplit(parts._replace(path=f"/eval_{token}"))
            env["SEARCH_URL"] = search_url
            env["DJANGO_SETTINGS_MODULE"] = os.environ.get(
                "DJANGO_SETTINGS_MODULE", "portal.settings.dev"
            )
            cmd = [
                sys.executable,
                str(Path(settings.BASE_DIR) / "manage.py"),
                "search_eval",
                "--worker",
                "--corpus",
                str(corpus),
                "--queries",
                str(queries),
            ]
            try:
                proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
            finally:
                if scratch_pg:
                    _pg_execute(
                        db_url, f'DROP DATABASE IF EXISTS "search_eval_{token}" WITH (FORCE)'
                    )
        if proc.returncode != 0:
            raise CommandError(f"search evaluation failed:\n{proc.stderr[-4000:]}")
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        if not options["per_query"]:
            report.pop("queries", None)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        self.stdout.write(f"backend: {report['backend']}")
        for title, rows in (("lang", report["per_lang"]), ("kind", report["per_kind"])):
            self.stdout.write(f"{title:<16}{'nDCG@10':>10}{'recall@10':>12}{'MRR':>8}")
            for name, row in [*rows.items(), ("overall", report["overall"])]:
                self.stdout.write(
                    f"{name:<16}{row['ndcg@10']:>10.3f}{row['recall@10']:>12.3f}{row['mrr']:>8.3f}"
                )

    # child: build the scratch database and index, then evaluate
    def work(self, corpus, queries, options):
        call_command("migrate", verbosity=0, interactive=False)
        skills = Path(settings.BASE_DIR) / "home" / "demo_content" / "skills.json"
        load_corpus(corpus, skills_file=skills)
        call_command("update_index", verbosity=0)
        locales = {locale.language_code: locale for locale in Locale.objects.all()}

        items, searched = read_jsonl(queries), {}

        def run(query, lang):
            searched[query, lang] = query_terms(query, lang, locales[lang])  # for --per-query
            return [page.slug for page in search_resources(query, locales[lang])[:10]]

        report = evaluate(items, run)
        for row, item in zip(report["queries"], items, strict=True):
            row["terms"] = searched[item["query"], item["lang"]]
        backend = get_search_backend()
        report["backend"] = f"{type(backend).__module__}.{type(backend).__name__}"
        client = getattr(backend, "es", None)
        if client is not None:  # drop the throw-away indexes
            client.indices.delete(index=f"{backend.index_prefix}*", ignore_unavailable=True)
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")


def stale_catalogues(locale_dir) -> list:
    """The ``.po`` files under ``locale_dir`` whose ``.mo`` is missing or older (relative)."""
    return [
        str(po.relative_to(locale_dir))
        for po in sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po"))
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]


def _pg_scratch_url(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _pg_execute(url, sql):
    import psycopg  # the PostgreSQL driver is an optional extra: only needed on PostgreSQL

    parts = urlsplit(url)
    conninfo = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql)
