"""Relevance of a stock Wagtail setup on a search-bench corpus: the baseline for docs/search.md.

    .venv/bin/python benchmarks/stock_wagtail_baseline.py \\
        --corpus ../shared/search-bench/corpus --queries ../shared/search-bench/queries-dev.jsonl
    DATABASE_URL=postgres://… …      # PostgreSQL: a scratch database on that server
    SEARCH_URL=elasticsearch://127.0.0.1:9250 …   # or opensearch://…: a scratch index prefix

The project in benchmarks/stock_wagtail/ is what the Wagtail tutorial builds: one page model
(title, summary, rich-text body) with ``search_fields`` adding ``index.SearchField`` on summary
and body to Page's, Wagtail i18n with one locale and one home page per language, and Wagtail's
search backend at its default settings. Every corpus document becomes a live page in its
language; ``update_index`` indexes them; every query runs as
``Page.objects.live().filter(locale=<query's locale>).search(query)`` and its top ten are
scored with search/evaluation.py, the functions ``manage.py search_eval`` uses.

The database is a temporary SQLite file, or with a PostgreSQL DATABASE_URL a scratch database
created on that server and dropped at the end; a search engine gets indexes under a scratch
prefix, deleted at the end. The portal's own database and index are never opened.
"""

import argparse
import json
import os
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="folder with <lang>.jsonl files")
    parser.add_argument("--queries", required=True, help="queries file (JSON lines)")
    parser.add_argument("--json", action="store_true", help="print JSON (search_eval's shape)")
    parser.add_argument("--per-query", action="store_true", help="include every query's scores")
    parser.add_argument(
        "--operator",
        choices=["and", "or"],
        help="pass operator= to .search() (default: none, the backend's default)",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    corpus, queries = Path(args.corpus).resolve(), Path(args.queries).resolve()
    if not corpus.is_dir() or not list(corpus.glob("*.jsonl")):
        sys.exit(f"{corpus} is not a folder of <lang>.jsonl files.")
    if not queries.is_file():
        sys.exit(f"{queries} is not a file.")

    token = uuid.uuid4().hex[:8]
    db_url = os.environ.get("DATABASE_URL", "")
    search_url = os.environ.get("SEARCH_URL", "") or "database://"
    admin_url = scratch_db = None
    with tempfile.TemporaryDirectory(prefix="stock-wagtail-") as tmp:
        if db_url.startswith(("postgres:", "postgresql:", "pgsql:")):
            import psycopg

            scratch_db = f"stock_wagtail_{token}"
            admin_url = urlunsplit(urlsplit(db_url)._replace(scheme="postgresql", path="/postgres"))
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{scratch_db}"')
            scratch_url = urlsplit(db_url)._replace(path=f"/{scratch_db}")
            os.environ["DATABASE_URL"] = urlunsplit(scratch_url)
        elif db_url and not db_url.startswith("sqlite"):
            sys.exit("DATABASE_URL: only SQLite (the default) and PostgreSQL are supported.")
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/stock.sqlite3"
        if not search_url.startswith(("database", "db:")):
            search_url = urlunsplit(urlsplit(search_url)._replace(path=f"/stockwagtail_{token}"))
        os.environ["SEARCH_URL"] = search_url
        os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.stock_wagtail.settings"
        try:
            report = run(corpus, queries, args)
        finally:
            if scratch_db:
                from django.db import connections

                connections.close_all()
                with psycopg.connect(admin_url, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{scratch_db}" WITH (FORCE)')
    print_report(report, args)


def run(corpus, queries, args):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from search.evaluation import evaluate, read_jsonl

    call_command("migrate", verbosity=0, interactive=False)
    # Only now: on SQLite, Wagtail picks its FTS5 backend if the FTS table exists, and caches
    # the choice for the process (before migrating, it would settle on the fallback backend).
    backend = get_search_backend()
    try:
        load(corpus)
        call_command("update_index", verbosity=0)
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        kwargs = {"operator": args.operator} if args.operator else {}

        def search(query, lang):
            pages = Page.objects.live().filter(locale=locales[lang]).search(query, **kwargs)
            return [page.slug for page in pages[:10]]

        report = evaluate(read_jsonl(queries), search)
    finally:
        client = getattr(backend, "es", None)
        if client is not None:  # drop the scratch indexes (and their aliases) by name
            for name in client.indices.get(index=f"{backend.index_prefix}*"):
                client.indices.delete(index=name, ignore_unavailable=True)
    report["backend"] = f"{type(backend).__module__}.{type(backend).__name__}"
    if args.operator:
        report["operator"] = args.operator
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW default_text_search_config")
            report["postgres_text_search_config"] = cursor.fetchone()[0]
    connection.close()
    return report


def load(corpus):
    """One locale and one home page per language, every document a live page under it."""
    from django.utils.text import slugify

    from wagtail.models import Locale, Page, Site

    from benchmarks.stock_wagtail.models import ArticlePage
    from search.evaluation import read_jsonl

    # Replace Wagtail's "Welcome to your new Wagtail site!" page (and its default site).
    Page.objects.get(depth=2).delete()
    root = Page.get_first_root_node()
    homes = {}
    for path in sorted(corpus.glob("*.jsonl"), key=lambda p: (p.stem != "en", p.stem)):
        lang = path.stem
        locale, _ = Locale.objects.get_or_create(language_code=lang)
        root.refresh_from_db()
        english = homes.get("en")
        home = root.add_child(
            instance=Page(
                title="Home",
                slug="home" if lang == "en" else f"home-{lang}",
                locale=locale,
                translation_key=english.translation_key if english else uuid.uuid4(),
            )
        )
        homes[lang] = home
        for doc in read_jsonl(path):
            paragraphs = [p.strip() for p in doc.get("body", "").split("\n\n") if p.strip()]
            body = "".join(f"<p>{para}</p>" for para in paragraphs)
            home.refresh_from_db()
            home.add_child(
                instance=ArticlePage(
                    title=doc["title"],
                    slug=slugify(doc["id"]),
                    locale=locale,
                    translation_key=uuid.uuid5(uuid.NAMESPACE_URL, doc["id"]),
                    summary=doc.get("summary", ""),
                    body=body,
                )
            )
    first = homes.get("en") or next(iter(homes.values()))
    Site.objects.create(hostname="localhost", root_page=first, is_default_site=True)


def print_report(report, args):
    if not args.per_query:
        report.pop("queries", None)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print(f"backend: {report['backend']}")
    if "postgres_text_search_config" in report:
        print(f"PostgreSQL default_text_search_config: {report['postgres_text_search_config']}")
    if args.operator:
        print(f"operator: {args.operator}")
    print(f"{'lang':<8}{'nDCG@10':>10}{'recall@10':>12}{'MRR':>8}")
    for lang, row in [*report["per_lang"].items(), ("overall", report["overall"])]:
        print(f"{lang:<8}{row['ndcg@10']:>10.3f}{row['recall@10']:>12.3f}{row['mrr']:>8.3f}")


if __name__ == "__main__":
    main()
