"""Search performance benchmark: latency of the search page and the suggestion endpoint, and
indexing throughput, on the configured backend (DATABASE_URL / SEARCH_URL), in a throw-away
database and index.

    .venv/bin/python benchmarks/search_benchmark.py --resources 10000 [--requests 200]
    SEARCH_URL=elasticsearch://127.0.0.1:9250 .venv/bin/python benchmarks/search_benchmark.py …

Creating 60,000 pages takes most of an hour, so they can be kept and reused:
--database-file F (SQLite) or --database-name N (PostgreSQL, on DATABASE_URL's server),
with --prepare-only to create them without measuring.

It creates --resources resources in each of the six languages (texts recombined from the
search-bench corpus, so the vocabulary is real), then prints page-creation and reindexing
throughput and the p50/p95 latency of /<lang>/search/ and /<lang>/search/suggest/ measured
with Django's test client (in process: no network or server overhead is included).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
from django.utils import translation

from wagtail.search.backends import get_search_backend

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "home" / "demo_content" / "corpus"
LANGS = ["en", "bg", "el", "it", "pt", "es"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=1000, help="resources per language")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--database-file",
        help="SQLite file to keep the generated pages in; if it already holds them, page "
        "creation is skipped (so one 10,000 x 6 database serves every search backend)",
    )
    parser.add_argument(
        "--database-name",
        help="PostgreSQL database (on DATABASE_URL's server) to keep the generated pages in; "
        "created if missing, reused and not dropped afterwards",
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="only create the pages in --database-file / --database-name, measure nothing",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main():
    args = parse_args()
    if args.database_file and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--database-file is for SQLite; unset DATABASE_URL")
    if args.database_name and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("--database-name is for PostgreSQL; set DATABASE_URL")
    if args.worker:
        return worker(args)
    env = dict(os.environ)
    token = uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        db_url = env.get("DATABASE_URL", "")
        scratch = None
        if db_url.startswith("postgres"):
            import psycopg  # the PostgreSQL driver is an optional extra: only needed here

            name = args.database_name or f"search_bench_{token}"
            scratch = None if args.database_name else name
            admin = urlunsplit(urlsplit(db_url)._replace(scheme="postgresql", path="/postgres"))
            with psycopg.connect(admin, autocommit=True) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [name]
                ).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = urlunsplit(urlsplit(db_url)._replace(path=f"/{name}"))
        elif args.database_file:
            env["DATABASE_URL"] = f"sqlite:///{Path(args.database_file).resolve()}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        search_url = env.get("SEARCH_URL", "database://")
        parts = urlsplit(search_url)
        if not search_url.startswith("database"):
            parts = parts._replace(path=f"/bench_{token}")
        # Bulk load without live indexing, then measure update_index on its own.
        env["SEARCH_URL"] = urlunsplit(parts._replace(query="auto_update=false"))
        env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
        try:
            result = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--worker", *sys.argv[1:]], env=env, check=False
            )
        finally:
            if scratch:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    return result.returncode


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def worker(args):
    sys.path.insert(0, str(ROOT))
    django.setup()
    # The project's models can only be imported once Django is set up (in this child process).
    from wagtail.models import Locale, Page  # after django.setup(), see above

    from home.setup import ensure_site  # after django.setup(), see above
    from resources import factory  # after django.setup(), see above
    from resources.models import GuidePage, SoftSkill  # after django.setup(), see above
    from search.evaluation import load_corpus, read_jsonl  # after django.setup(), see above

    setup_test_environment()
    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0, interactive=False)
    reuse = GuidePage.objects.filter(slug__startswith="bench-").exists()
    if not reuse:
        ensure_site()
        load_corpus(CORPUS)  # homes, indexes and skills in each language (and the 24 real pages)
    backend = get_search_backend()
    print(f"backend: {type(backend).__module__}.{type(backend).__name__}")
    print(f"database: {connection.vendor}")

    started = time.perf_counter()
    created = 0
    for lang in [] if reuse else LANGS:
        docs = read_jsonl(CORPUS / f"{lang}.jsonl")
        paragraphs = [p for d in docs for p in factory.split_paragraphs(d["body"])]
        locale = Locale.objects.get(language_code=lang)
        indexes = factory.index_pages(factory.home_page(locale))
        skills = list(SoftSkill.objects.filter(locale=locale))
        for number in range(args.resources):
            doc = rng.choice(docs)
            factory.document_resource(
                indexes,
                doc,
                title=f"{doc['title']} ({number})",
                slug=f"bench-{number}",
                body=factory.paragraph_blocks(rng.sample(paragraphs, 4)),
                skills=rng.sample(skills, 2),
                audience=[],
            )
            created += 1
        print(f"  {lang}: {args.resources} resources", flush=True)
    elapsed = time.perf_counter() - started
    if reuse:
        created = Page.objects.filter(slug__startswith="bench-").count()
        print(f"reusing {created} generated pages from {args.database_file or args.database_name}")
    else:
        rate = created / elapsed
        print(f"page creation (index not updated): {rate:.1f} pages/s ({elapsed:.0f} s)")

    if args.prepare_only:
        return 0

    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    elapsed = time.perf_counter() - started
    total = created + 24 * len(LANGS)
    print(f"full reindex (update_index): {total / elapsed:.1f} pages/s ({elapsed:.0f} s)")

    queries = (
        read_jsonl(ROOT.parent / "shared" / "search-bench" / "queries-dev.jsonl")
        if (ROOT.parent / "shared" / "search-bench" / "queries-dev.jsonl").exists()
        else [
            {"lang": d["lang"], "query": d["title"].split()[0]}
            for lang in LANGS
            for d in read_jsonl(CORPUS / f"{lang}.jsonl")
        ]
    )
    client = Client()
    report = {}
    for name, path_suffix, make_q in (
        ("search page", "search/", lambda q: q),
        ("suggestions", "search/suggest/", lambda q: q[: max(3, len(q) // 2)]),
    ):
        timings = []
        statuses = set()
        for _ in range(args.requests):
            item = rng.choice(queries)
            with translation.override(item["lang"]):
                url = f"/{item['lang']}/{path_suffix}"
            started = time.perf_counter()
            response = client.get(url, {"q": make_q(item["query"])})
            timings.append((time.perf_counter() - started) * 1000)
            statuses.add(response.status_code)
        report[name] = timings
        print(
            f"{name}: p50 {statistics.median(timings):.1f} ms, "
            f"p95 {percentile(timings, 0.95):.1f} ms "
            f"over {len(timings)} requests (statuses {sorted(statuses)})"
        )
    client_es = getattr(backend, "es", None)
    if client_es is not None:
        client_es.indices.delete(index=f"{backend.index_prefix}*", ignore_unavailable=True)
    print(
        json.dumps(
            {
                k: {
                    "p50_ms": round(statistics.median(v), 1),
                    "p95_ms": round(percentile(v, 0.95), 1),
                }
                for k, v in report.items()
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
